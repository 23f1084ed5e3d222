import Foundation
import PostRunCore
import Routing

/// The post office whose day is planned.
public struct PlanningOffice: Sendable, Hashable {
    public var code: String
    public var location: GeoPoint
    /// ISO weekdays the office works (holidays come from the calendar).
    public var workingDays: Set<Int>
    /// For seasonal slow-downs in the travel model.
    public var region: ClimateRegion

    public init(code: String, location: GeoPoint, workingDays: Set<Int> = [1, 2, 3, 4, 5], region: ClimateRegion = .lowland) {
        self.code = code
        self.location = location
        self.workingDays = workingDays
        self.region = region
    }
}

/// A courier of the office with their profile and whether they are on leave on the planned day.
public struct PlanningCourier: Sendable, Hashable {
    /// The courier's public id (`cou_…`).
    public var id: String
    public var profile: CourierProfile
    public var onLeave: Bool
    public var active: Bool

    public init(id: String, profile: CourierProfile, onLeave: Bool = false, active: Bool = true) {
        self.id = id
        self.profile = profile
        self.onLeave = onLeave
        self.active = active
    }

    /// Whether the courier works on `date`: active, not on leave, and the weekday is one of theirs.
    public func isOnShift(on date: LocalDate) -> Bool { active && !onLeave && profile.worksOnWeekday(of: date) }
}

/// An agency (cơ quan) where dossiers are handed over and results collected, with its opening hours.
public struct PlanningAgency: Sendable, Hashable {
    public var code: String
    public var location: GeoPoint
    /// Local-time windows, seconds since midnight, e.g. 07:30–11:30 and 13:30–17:00.
    public var openingHours: [ClosedRange<Int>]
    /// ISO weekdays it opens.
    public var workingDays: Set<Int>

    public init(code: String, location: GeoPoint, openingHours: [ClosedRange<Int>] = PlanningAgency.defaultHours,
                workingDays: Set<Int> = [1, 2, 3, 4, 5]) {
        self.code = code
        self.location = location
        self.openingHours = openingHours
        self.workingDays = workingDays
    }

    /// 07:30–11:30 and 13:30–17:00, the usual hours of a public administration centre.
    public static let defaultHours: [ClosedRange<Int>] = [27_000...41_400, 48_600...61_200]
}

/// A job as the planner sees it.
public struct PlanningJob: Sendable, Hashable {
    /// The job's public id (`job_…`).
    public var id: String
    public var kind: JobKind
    public var state: JobState
    /// The first day it may be planned (a retry waits for its commune's next serving day).
    public var notBefore: LocalDate?
    public var requestedDate: LocalDate
    public var slot: TimeSlot
    /// The applicant's address: the given point, else the commune centroid.
    public var location: GeoPoint
    public var communeCode: String
    public var areaClasses: Set<PostRunCore.AreaClass>
    /// ISO weekdays the applicant's commune is served; empty means every working day.
    public var communeServiceWeekdays: Set<Int>
    public var agencyCode: String
    /// A government fee to collect at the door: the courier needs `cash_collection`.
    public var collectsFee: Bool
    /// A language skill (`lang:jrai`) the job asks for, for ethnic-minority communes.
    public var language: String?
    public var weightGrams: Int
    /// Already on a run being replaced (scheduled by an earlier draft plan of the same day).
    public var onReplacedDraft: Bool

    public init(id: String, kind: JobKind, state: JobState, notBefore: LocalDate? = nil, requestedDate: LocalDate,
                slot: TimeSlot = .any, location: GeoPoint, communeCode: String, areaClasses: Set<PostRunCore.AreaClass> = [.urban],
                communeServiceWeekdays: Set<Int> = [], agencyCode: String, collectsFee: Bool = false, language: String? = nil,
                weightGrams: Int = 200, onReplacedDraft: Bool = false) {
        self.id = id
        self.kind = kind
        self.state = state
        self.notBefore = notBefore
        self.requestedDate = requestedDate
        self.slot = slot
        self.location = location
        self.communeCode = communeCode
        self.areaClasses = areaClasses
        self.communeServiceWeekdays = communeServiceWeekdays
        self.agencyCode = agencyCode
        self.collectsFee = collectsFee
        self.language = language
        self.weightGrams = weightGrams
        self.onReplacedDraft = onReplacedDraft
    }

    /// The stops this job needs today, in the order they must be visited (a pair shares one route).
    public var actions: [StopAction] {
        switch kind {
        case .pickupDossier: return [.pickupDossier, .handOver]
        case .deliverResult: return state == .resultCollected || state == .rescheduled ? [.deliverResult] : [.collectResult, .deliverResult]
        case .returnResult: return [.returnResult]
        }
    }

    /// Whether the job is due on `date`: accepted with its day come (requested date and `not_before`),
    /// rescheduled once `not_before` is reached, a result in the courier's hands, or already on a draft being replaced.
    public func isDue(on date: LocalDate) -> Bool {
        if onReplacedDraft { return true }
        switch state {
        case .accepted: return (notBefore.map { $0 <= date } ?? true) && requestedDate <= date
        case .rescheduled: return notBefore.map { $0 <= date } ?? true
        case .resultCollected: return true
        default: return false
        }
    }

    /// The most demanding area class, which sets travel speed and the unserved penalty.
    public var dominantArea: Routing.AreaClass {
        if areaClasses.contains(.especiallyDifficult) { return .especiallyDifficult }
        if areaClasses.contains(.ethnicMinority) { return .ethnicMinority }
        if areaClasses.contains(.remote) { return .remote }
        if areaClasses.contains(.rural) { return .rural }
        return .urban
    }
}

/// A stop a dispatcher locked: on re-planning it stays with its courier, around its planned time.
public struct LockedStop: Sendable, Hashable {
    public var jobID: String
    public var action: StopAction
    public var courierID: String
    /// Planned arrival, seconds since local midnight.
    public var plannedArrival: Int?

    public init(jobID: String, action: StopAction, courierID: String, plannedArrival: Int?) {
        self.jobID = jobID
        self.action = action
        self.courierID = courierID
        self.plannedArrival = plannedArrival
    }
}

/// Tunable numbers of the planner (all data).
public struct PlanningParameters: Sendable, Hashable, Codable {
    /// Service time per action, seconds.
    public var serviceSeconds: [StopAction: Double]
    /// Applicant windows per slot (seconds since midnight).
    public var morning: ClosedRange<Int>
    public var afternoon: ClosedRange<Int>
    /// Penalty of leaving one stop unserved, before the remote-area factor.
    public var unservedPenalty: Double
    /// How far a locked stop may move from its planned arrival when the day is re-planned, seconds.
    public var lockedSlack: Int
    public var remoteAreaPolicy: RemoteAreaPolicy
    public var travelModel: TravelModelParameters

    public init(serviceSeconds: [StopAction: Double] = [.pickupDossier: 600, .handOver: 300, .collectResult: 300, .deliverResult: 480,
                                                        .returnResult: 300],
                morning: ClosedRange<Int> = 27_000...41_400, afternoon: ClosedRange<Int> = 48_600...61_200,
                unservedPenalty: Double = 10_000, lockedSlack: Int = 1800, remoteAreaPolicy: RemoteAreaPolicy = RemoteAreaPolicy(),
                travelModel: TravelModelParameters = TravelModelParameters()) {
        self.serviceSeconds = serviceSeconds
        self.morning = morning
        self.afternoon = afternoon
        self.unservedPenalty = unservedPenalty
        self.lockedSlack = lockedSlack
        self.remoteAreaPolicy = remoteAreaPolicy
        self.travelModel = travelModel
    }

    /// The applicant's window for a slot; nil for `any`.
    public func window(for slot: TimeSlot) -> ClosedRange<Int>? {
        switch slot {
        case .morning: return morning
        case .afternoon: return afternoon
        case .any: return nil
        }
    }
}

/// A draft run a re-plan replaces: its courier and its stops in visit order. The re-plan starts from it.
public struct PreviousRun: Sendable, Hashable {
    public struct Stop: Sendable, Hashable {
        public var jobID: String
        public var action: StopAction

        public init(jobID: String, action: StopAction) {
            self.jobID = jobID
            self.action = action
        }
    }

    public var courierID: String
    public var stops: [Stop]

    public init(courierID: String, stops: [Stop]) {
        self.courierID = courierID
        self.stops = stops
    }
}

/// One office day to plan.
public struct PlanningInput: Sendable {
    public var office: PlanningOffice
    public var date: LocalDate
    public var couriers: [PlanningCourier]
    public var jobs: [PlanningJob]
    public var agencies: [PlanningAgency]
    public var lockedStops: [LockedStop]
    public var calendar: WorkingCalendar
    public var parameters: PlanningParameters
    /// The draft runs being replaced: the solver starts from them, keeping what still fits (a re-plan of an unchanged
    /// day is never worse than the runs it replaces).
    public var previousRuns: [PreviousRun]

    public init(office: PlanningOffice, date: LocalDate, couriers: [PlanningCourier], jobs: [PlanningJob], agencies: [PlanningAgency],
                lockedStops: [LockedStop] = [], calendar: WorkingCalendar = .standard, parameters: PlanningParameters = PlanningParameters(),
                previousRuns: [PreviousRun] = []) {
        self.previousRuns = previousRuns
        self.office = office
        self.date = date
        self.couriers = couriers
        self.jobs = jobs
        self.agencies = agencies
        self.lockedStops = lockedStops
        self.calendar = calendar
        self.parameters = parameters
    }
}
