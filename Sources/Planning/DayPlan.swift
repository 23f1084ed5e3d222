import Foundation
import PostRunCore
import Routing

/// Why a job was left out of the day's plan. Raw values are the codes stored in `plans.unserved` and shown to
/// dispatchers.
public enum UnplannedReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// Too much to carry, or no room left in the fleet's day.
    case capacity
    /// The commune is not served that weekday, or the day is a holiday / the office's day off.
    case calendar
    /// The agency is closed that day.
    case agencyClosed = "agency_closed"
    /// No courier can reach it within its window (applicant's slot or agency hours) and their shift.
    case timeWindow = "time_window"
    /// No courier on shift has a required skill (cash collection, a language).
    case noCourierWithSkill = "no_courier_with_skill"
    /// No courier works that day.
    case noCourierOnShift = "no_courier_on_shift"

    public var messageVi: String {
        switch self {
        case .capacity: return "Không đủ sức chở hoặc không còn chỗ trong lộ trình của các bưu tá trong ngày."
        case .calendar: return "Xã/phường không được phục vụ vào ngày này (lịch phục vụ hoặc ngày nghỉ lễ)."
        case .agencyClosed: return "Cơ quan không làm việc vào ngày này."
        case .timeWindow: return "Không bưu tá nào đến kịp trong khung giờ hẹn hoặc giờ làm việc của cơ quan."
        case .noCourierWithSkill: return "Không có bưu tá trong ca có kỹ năng cần thiết (thu hộ tiền mặt, tiếng dân tộc)."
        case .noCourierOnShift: return "Không có bưu tá nào làm việc vào ngày này."
        }
    }

    public var messageEn: String {
        switch self {
        case .capacity: return "Not enough carrying capacity or room left in the couriers' day."
        case .calendar: return "The commune is not served on this day (service weekdays or a public holiday)."
        case .agencyClosed: return "The agency is closed on this day."
        case .timeWindow: return "No courier can arrive within the requested slot or the agency's opening hours."
        case .noCourierWithSkill: return "No courier on shift has a required skill (cash collection, a language)."
        case .noCourierOnShift: return "No courier works on this day."
        }
    }
}

/// A job left out, with the reason and the skill it lacked, if any.
public struct UnplannedJob: Sendable, Hashable, Codable {
    public var jobID: String
    public var reason: UnplannedReason
    /// The missing skill for `no_courier_with_skill`.
    public var skill: String?

    public init(jobID: String, reason: UnplannedReason, skill: String? = nil) {
        self.jobID = jobID
        self.reason = reason
        self.skill = skill
    }
}

/// One stop of a planned run. Times are seconds since local midnight of the service date.
public struct PlannedStop: Sendable, Hashable {
    public var jobID: String
    public var action: StopAction
    public var location: GeoPoint
    public var area: Routing.AreaClass
    public var arrival: Int
    /// The window service must start in (the one it was planned into).
    public var windowStart: Int?
    public var windowEnd: Int?
    /// Every window of the stop (an agency may open twice a day).
    public var windows: [ClosedRange<Int>]
    public var serviceSeconds: Int
    public var locked: Bool
}

/// A courier's planned day.
public struct PlannedRun: Sendable, Hashable {
    public var courierID: String
    public var stops: [PlannedStop]
    public var distanceMetres: Int
    public var durationSeconds: Int
    /// Peak load on board: dossiers, grams.
    public var peakDossiers: Int
    public var peakGrams: Int
}

/// The planner's answer for an office day.
public struct DayPlan: Sendable {
    public var date: LocalDate
    public var runs: [PlannedRun]
    public var unplanned: [UnplannedJob]
    /// Jobs that were due and are on a run.
    public var plannedJobIDs: [String]
    public var solverSeconds: Double
    public var iterations: Int
    public var distanceMetres: Int
}
