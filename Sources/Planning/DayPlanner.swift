import Foundation
import PostRunCore
import Routing

/// Turns an office day into a routing problem and the solver's answer into draft runs.
///
/// Jobs that cannot be served whatever the routes (holiday, commune not served that weekday, agency closed, nobody on
/// shift, a skill nobody on shift has) are screened out before the solver with their reason; the rest become stops:
/// a dossier pickup is a pair (applicant → agency), a result still at the agency a pair (agency → applicant), a
/// result in the courier's hands or going back to the agency a single stop.
public struct PlanningModel: Sendable {
    public let input: PlanningInput
    /// Index 0 is the office; the travel matrix must follow this order.
    public let places: [TravelPlace]
    public let screened: [UnplannedJob]
    let specs: [StopSpec]
    let vehicles: [Routing.Vehicle]
    let pairs: [PickupDelivery]
    /// ``PlanningInput/previousRuns`` as routes of this model's vehicles and stops.
    let initialRoutes: [InitialRoute]

    struct StopSpec {
        var jobID: String
        var action: StopAction
        var place: Int
        var windows: [ClosedRange<Int>]
        var serviceSeconds: Int
        var pickup: [Double]
        var delivery: [Double]
        var skills: Set<String>
        var penalty: Double?
        var area: Routing.AreaClass
        var locked: Bool
    }

    /// The problem for `matrix` (rows and columns in ``places`` order).
    public func problem(matrix: TravelMatrix) -> RoutingProblem {
        let stops = specs.enumerated().map { index, spec in
            Stop(id: "\(spec.jobID)/\(spec.action.rawValue)/\(index)", location: spec.place,
                 timeWindows: spec.windows.map { TimeWindow(Double($0.lowerBound), Double($0.upperBound)) },
                 serviceTime: Double(spec.serviceSeconds), delivery: spec.delivery, pickup: spec.pickup,
                 requiredSkills: spec.skills, unservedPenalty: spec.penalty)
        }
        var problem = RoutingProblem(matrix: matrix, vehicles: vehicles, stops: stops, pairs: pairs, dimensions: 2,
                                     initialRoutes: initialRoutes.isEmpty ? nil : initialRoutes)
        input.parameters.remoteAreaPolicy.apply(to: &problem, areas: specs.map(\.area))
        return problem
    }

    /// The runs and the unplanned jobs from a solution of ``problem(matrix:)``.
    public func plan(from solution: RoutingSolution, matrix: TravelMatrix) -> DayPlan {
        var runs: [PlannedRun] = []
        var planned: [String] = []
        var seen = Set<String>()
        for route in solution.routes where !route.visits.isEmpty {
            let startLoad = route.visits.reduce(into: [0.0, 0.0]) { load, visit in
                let spec = specs[visit.stop]
                for d in 0..<2 where !spec.delivery.isEmpty { load[d] += spec.delivery[d] }
            }
            var peak = startLoad
            let stops = route.visits.map { visit -> PlannedStop in
                let spec = specs[visit.stop]
                for d in 0..<2 { peak[d] = max(peak[d], visit.load[d]) }
                let start = Int(visit.start.rounded())
                let window = spec.windows.first { $0.contains(start) } ?? spec.windows.first
                if seen.insert(spec.jobID).inserted { planned.append(spec.jobID) }
                return PlannedStop(jobID: spec.jobID, action: spec.action, location: places[spec.place].point, area: spec.area,
                                   arrival: start, windowStart: window?.lowerBound, windowEnd: window?.upperBound, windows: spec.windows,
                                   serviceSeconds: spec.serviceSeconds, locked: spec.locked)
            }
            runs.append(PlannedRun(courierID: vehicles[route.vehicle].id, stops: stops, distanceMetres: Int(route.distance.rounded()),
                                   durationSeconds: Int(route.duration.rounded()), peakDossiers: Int(peak[0].rounded()),
                                   peakGrams: Int(peak[1].rounded())))
        }
        var unplanned = screened
        var reasonByStop: [Int: UnservedReason] = [:]
        for item in solution.unserved { reasonByStop[item.stop] = item.reason }
        var partner: [Int: Int] = [:]
        for pair in pairs {
            partner[pair.pickup] = pair.delivery
            partner[pair.delivery] = pair.pickup
        }
        var reported = Set<String>()
        for item in solution.unserved.sorted(by: { $0.stop < $1.stop }) where !seen.contains(specs[item.stop].jobID) {
            let spec = specs[item.stop]
            guard reported.insert(spec.jobID).inserted else { continue }
            var reason = item.reason
            if reason == .pairInfeasible, let other = partner[item.stop], let otherReason = reasonByStop[other], otherReason != .pairInfeasible {
                reason = otherReason
            }
            let skill = reason == .missingSkill ? spec.skills.sorted().first : nil
            unplanned.append(UnplannedJob(jobID: spec.jobID, reason: Self.reason(for: reason), skill: skill))
        }
        return DayPlan(date: input.date, runs: runs, unplanned: unplanned, plannedJobIDs: planned, solverSeconds: solution.seconds,
                       iterations: solution.iterations, distanceMetres: runs.reduce(0) { $0 + $1.distanceMetres })
    }

    static func reason(for unserved: UnservedReason) -> UnplannedReason {
        switch unserved {
        case .exceedsCapacity, .fleetExhausted, .notWorthServing: return .capacity
        case .missingSkill: return .noCourierWithSkill
        case .timeWindowUnreachable, .exceedsMaxDuration, .pairInfeasible: return .timeWindow
        }
    }
}

public enum DayPlanner {
    /// The skill that pins a stop to one courier (for locked stops).
    public static func courierSkill(_ courierID: String) -> String { "courier:\(courierID)" }

    /// The jobs of `input` due on its date, screened, as stops and vehicles.
    public static func model(_ input: PlanningInput) -> PlanningModel {
        let date = input.date
        let weekday = date.isoWeekday
        let parameters = input.parameters
        let onShift = input.couriers.filter { $0.isOnShift(on: date) }
        let onShiftIDs = Set(onShift.map(\.id))
        let officeWorks = input.calendar.isWorkingDay(date)
        let agencies = Dictionary(input.agencies.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        var locked: [String: LockedStop] = [:]
        for stop in input.lockedStops where onShiftIDs.contains(stop.courierID) { locked["\(stop.jobID)/\(stop.action.rawValue)"] = stop }

        var places = [TravelPlace(point: input.office.location, area: .urban, road: .provincial, region: input.office.region)]
        var placeIndex: [TravelPlace: Int] = [places[0]: 0]
        func place(_ point: GeoPoint, _ area: Routing.AreaClass) -> Int {
            let road: RoadClass = switch area {
            case .urban: .provincial
            case .rural, .remote, .ethnicMinority: .rural
            case .especiallyDifficult: .track
            }
            let candidate = TravelPlace(point: point, area: area, road: road, region: input.office.region)
            if let index = placeIndex[candidate] { return index }
            places.append(candidate)
            placeIndex[candidate] = places.count - 1
            return places.count - 1
        }

        var screened: [UnplannedJob] = []
        var specs: [PlanningModel.StopSpec] = []
        var pairs: [PickupDelivery] = []
        for job in input.jobs where job.isDue(on: date) {
            let agency = agencies[job.agencyCode] ?? PlanningAgency(code: job.agencyCode, location: input.office.location)
            let actions = job.actions
            let needsAgency = actions.contains { $0.isAtAgency }
            if !officeWorks || (!job.communeServiceWeekdays.isEmpty && !job.communeServiceWeekdays.contains(weekday)) {
                screened.append(UnplannedJob(jobID: job.id, reason: .calendar))
                continue
            }
            if needsAgency, !agency.workingDays.contains(weekday) || agency.openingHours.isEmpty {
                screened.append(UnplannedJob(jobID: job.id, reason: .agencyClosed))
                continue
            }
            if onShift.isEmpty {
                screened.append(UnplannedJob(jobID: job.id, reason: .noCourierOnShift))
                continue
            }
            var doorSkills = Set<String>()
            if job.collectsFee { doorSkills.insert(CourierProfile.cashCollection) }
            if let language = job.language { doorSkills.insert(language) }
            if !onShift.contains(where: { doorSkills.isSubset(of: $0.profile.skills) }) {
                let missing = doorSkills.sorted().first { skill in !onShift.contains { $0.profile.skills.contains(skill) } }
                screened.append(UnplannedJob(jobID: job.id, reason: .noCourierWithSkill, skill: missing ?? doorSkills.sorted().first))
                continue
            }
            let area = job.dominantArea
            let load = [1.0, Double(max(0, job.weightGrams))]
            let anyLocked = actions.contains { locked["\(job.id)/\($0.rawValue)"] != nil }
            let first = specs.count
            for action in actions {
                var windows: [ClosedRange<Int>]
                let location: Int
                if action.isAtAgency {
                    windows = agency.openingHours
                    location = place(agency.location, area)
                } else {
                    windows = parameters.window(for: job.slot).map { [$0] } ?? []
                    location = place(job.location, area)
                }
                var skills = action.isAtAgency ? Set<String>() : doorSkills
                let pin = locked["\(job.id)/\(action.rawValue)"]
                if let pin {
                    skills.insert(courierSkill(pin.courierID))
                    if let arrival = pin.plannedArrival {
                        let around = (arrival - parameters.lockedSlack)...(arrival + parameters.lockedSlack)
                        let narrowed = windows.isEmpty ? [around] : windows.filter { $0.overlaps(around) }.map { $0.clamped(to: around) }
                        if !narrowed.isEmpty { windows = narrowed }
                    }
                }
                let isPick = action == .pickupDossier || action == .collectResult
                let single = actions.count == 1
                specs.append(PlanningModel.StopSpec(
                    jobID: job.id, action: action, place: location, windows: windows,
                    serviceSeconds: Int(parameters.serviceSeconds[action] ?? 300),
                    pickup: isPick ? load : [], delivery: single ? load : [], skills: skills,
                    penalty: anyLocked ? nil : parameters.unservedPenalty, area: area, locked: pin != nil))
            }
            if actions.count == 2 { pairs.append(PickupDelivery(pickup: first, delivery: first + 1)) }
        }
        let vehicles = onShift.map { courier in
            Routing.Vehicle(id: courier.id, startLocation: 0, endLocation: 0,
                            shift: TimeWindow(Double(courier.profile.shiftStart), Double(courier.profile.shiftEnd)),
                            capacity: [Double(courier.profile.capacityDossiers), Double(courier.profile.capacityGrams)],
                            skills: courier.profile.skills.union([courierSkill(courier.id)]))
        }
        return PlanningModel(input: input, places: places, screened: screened, specs: specs, vehicles: vehicles, pairs: pairs,
                             initialRoutes: initialRoutes(input.previousRuns, couriers: onShift.map(\.id), specs: specs))
    }

    /// The previous runs of couriers still on shift, by vehicle and stop index; stops no longer planned are left out.
    static func initialRoutes(_ runs: [PreviousRun], couriers: [String], specs: [PlanningModel.StopSpec]) -> [InitialRoute] {
        var vehicleOf: [String: Int] = [:]
        for (index, courier) in couriers.enumerated() { vehicleOf[courier] = index }
        var stopOf: [String: Int] = [:]
        for (index, spec) in specs.enumerated() { stopOf["\(spec.jobID)/\(spec.action.rawValue)"] = index }
        var routes: [InitialRoute] = []
        var taken = Set<Int>()
        for run in runs {
            guard let vehicle = vehicleOf.removeValue(forKey: run.courierID) else { continue }
            let stops = run.stops.compactMap { stopOf["\($0.jobID)/\($0.action.rawValue)"] }.filter { taken.insert($0).inserted }
            if !stops.isEmpty { routes.append(InitialRoute(vehicle: vehicle, stops: stops)) }
        }
        return routes
    }

    /// Plans the day end to end with `matrix` (default: the travel model's for ``PlanningModel/places``).
    public static func plan(_ input: PlanningInput, matrix: TravelMatrix? = nil, options: SolverOptions = SolverOptions()) throws -> DayPlan {
        let model = model(input)
        let matrix = matrix ?? TravelModel(parameters: input.parameters.travelModel).matrix(for: model.places, month: input.date.month)
        let solution = try RoutingSolver.solve(model.problem(matrix: matrix), options: options)
        return model.plan(from: solution, matrix: matrix)
    }
}
