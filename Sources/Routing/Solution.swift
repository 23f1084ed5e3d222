/// Why a stop is not on any route.
public enum UnservedReason: String, Sendable, Codable, Hashable {
    /// No vehicle can start service within any of its windows (and still finish its shift), even on a route of its own.
    case timeWindowUnreachable = "time_window_unreachable"
    /// Its load exceeds the capacity of every vehicle that has the required skills.
    case exceedsCapacity = "exceeds_capacity"
    /// No vehicle has all the required skills.
    case missingSkill = "missing_skill"
    /// Feasible alone only for vehicles whose route-duration limit it breaks.
    case exceedsMaxDuration = "exceeds_max_duration"
    /// Part of a pickup–delivery pair whose other half cannot be served.
    case pairInfeasible = "pair_infeasible"
    /// Feasible on its own, but the fleet could not fit it with the other stops.
    case fleetExhausted = "fleet_exhausted"
    /// Optional stop whose penalty is lower than the cost of serving it (weighted objective).
    case notWorthServing = "not_worth_serving"
}

/// A stop left out of the plan, with the reason.
public struct UnservedStop: Sendable, Codable, Hashable {
    /// Index into `RoutingProblem.stops`.
    public var stop: Int
    public var reason: UnservedReason
}

/// One visit on a planned route.
public struct Visit: Sendable, Codable, Hashable {
    /// Index into `RoutingProblem.stops`.
    public var stop: Int
    public var arrival: Double
    /// Service start (after any waiting).
    public var start: Double
    public var departure: Double
    /// Load on board after the visit, per dimension.
    public var load: [Double]
}

/// The ordered visits of one vehicle.
public struct PlannedRoute: Sendable, Codable, Hashable {
    /// Index into `RoutingProblem.vehicles`.
    public var vehicle: Int
    public var visits: [Visit]
    /// Departure from the start location, delayed so that the courier does not wait before the first stop.
    public var departure: Double
    /// Arrival at the end location.
    public var arrival: Double
    public var travelTime: Double
    public var distance: Double
    /// `arrival - departure`.
    public var duration: Double

    public var stops: [Int] { visits.map(\.stop) }
}

/// The solver's answer.
public struct RoutingSolution: Sendable, Codable, Hashable {
    public var routes: [PlannedRoute]
    public var unserved: [UnservedStop]
    public var vehiclesUsed: Int
    public var travelTime: Double
    public var distance: Double
    /// Sum of the penalties of unserved optional stops.
    public var unservedPenalty: Double
    /// Number of unserved mandatory stops.
    public var unservedMandatory: Int
    /// Objective travel cost (weighted time and distance, plus balancing term if any).
    public var travelCost: Double
    public var iterations: Int
    public var seconds: Double
}
