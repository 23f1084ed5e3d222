import Foundation

/// A time interval `[start, end]` in seconds (or any unit consistent with the travel matrix).
public struct TimeWindow: Sendable, Codable, Hashable {
    public var start: Double
    public var end: Double

    public init(_ start: Double, _ end: Double) {
        self.start = start
        self.end = end
    }

    /// The unbounded window.
    public static let always = TimeWindow(-1e15, 1e15)
}

/// Travel times and distances between locations; asymmetric matrices are allowed.
///
/// Stored row-major and flat. Fill it from an OSRM-compatible `/table` response with
/// ``init(durations:distances:)`` (durations in seconds, distances in metres).
public struct TravelMatrix: Sendable, Codable, Hashable {
    /// Number of locations.
    public let size: Int
    /// `durations[from * size + to]`.
    public private(set) var durations: [Double]
    /// `distances[from * size + to]`.
    public private(set) var distances: [Double]

    /// An all-zero matrix for `size` locations.
    public init(size: Int) {
        self.size = size
        durations = Array(repeating: 0, count: size * size)
        distances = Array(repeating: 0, count: size * size)
    }

    /// Builds a matrix from nested rows, as returned by an OSRM `/table` call.
    /// `distances` defaults to the durations when absent.
    public init(durations: [[Double]], distances: [[Double]]? = nil) throws(RoutingInputError) {
        let n = durations.count
        guard durations.allSatisfy({ $0.count == n }) else { throw .matrixNotSquare }
        let dist = distances ?? durations
        guard dist.count == n, dist.allSatisfy({ $0.count == n }) else { throw .matrixNotSquare }
        guard durations.allSatisfy({ $0.allSatisfy { $0.isFinite && $0 >= 0 } }),
            dist.allSatisfy({ $0.allSatisfy { $0.isFinite && $0 >= 0 } })
        else { throw .invalidMatrixValue }
        size = n
        self.durations = durations.flatMap { $0 }
        self.distances = dist.flatMap { $0 }
    }

    /// Travel time from `a` to `b`.
    @inlinable public func duration(_ a: Int, _ b: Int) -> Double { durations[a * size + b] }
    /// Distance from `a` to `b`.
    @inlinable public func distance(_ a: Int, _ b: Int) -> Double { distances[a * size + b] }

    /// Sets one entry.
    public mutating func set(from a: Int, to b: Int, duration: Double, distance: Double) {
        durations[a * size + b] = duration
        distances[a * size + b] = distance
    }
}

/// A courier (vehicle) available for the day.
public struct Vehicle: Sendable, Codable, Hashable {
    public var id: String
    /// Index of the start location in the matrix.
    public var startLocation: Int
    /// Index of the end location in the matrix.
    public var endLocation: Int
    /// Earliest departure from the start and latest arrival at the end.
    public var shift: TimeWindow
    /// Capacity per dimension (e.g. dossiers, grams). Must have `RoutingProblem.dimensions` entries.
    public var capacity: [Double]
    /// Maximum route duration: from the departure (delayed so there is no waiting before the first stop) to the arrival at the end.
    public var maxDuration: Double?
    /// Skills the courier has (e.g. `"cash"` for fee collection).
    public var skills: Set<String>
    /// Cost of using this vehicle at all (used by the weighted objective; the lexicographic one counts vehicles).
    public var fixedCost: Double

    public init(
        id: String, startLocation: Int, endLocation: Int? = nil, shift: TimeWindow = .always, capacity: [Double],
        maxDuration: Double? = nil, skills: Set<String> = [], fixedCost: Double = 0
    ) {
        self.id = id
        self.startLocation = startLocation
        self.endLocation = endLocation ?? startLocation
        self.shift = shift
        self.capacity = capacity
        self.maxDuration = maxDuration
        self.skills = skills
        self.fixedCost = fixedCost
    }
}

/// A place to visit: a pickup of a dossier, a delivery of a result, an agency handover.
public struct Stop: Sendable, Codable, Hashable {
    public var id: String
    /// Index of the location in the matrix.
    public var location: Int
    /// One or more windows in which service must start (waiting is allowed when early). Empty means always.
    public var timeWindows: [TimeWindow]
    /// Time spent at the stop.
    public var serviceTime: Double
    /// Amount loaded at the start and dropped here (per dimension; empty = zero).
    /// For the delivery stop of a pair it is ignored: the pair's amount is the pickup stop's `pickup`.
    public var delivery: [Double]
    /// Amount collected here and carried to the end (per dimension; empty = zero).
    /// For the pickup stop of a pair: the amount carried to its delivery stop.
    public var pickup: [Double]
    /// Skills the courier must have.
    public var requiredSkills: Set<String>
    /// Cost of leaving the stop unserved; `nil` means mandatory.
    public var unservedPenalty: Double?

    public init(
        id: String, location: Int, timeWindows: [TimeWindow] = [], serviceTime: Double = 0, delivery: [Double] = [],
        pickup: [Double] = [], requiredSkills: Set<String> = [], unservedPenalty: Double? = nil
    ) {
        self.id = id
        self.location = location
        self.timeWindows = timeWindows
        self.serviceTime = serviceTime
        self.delivery = delivery
        self.pickup = pickup
        self.requiredSkills = requiredSkills
        self.unservedPenalty = unservedPenalty
    }
}

/// A pickup that must be delivered later on the same route (indices into `RoutingProblem.stops`).
/// The amount carried is the pickup stop's `pickup` vector.
public struct PickupDelivery: Sendable, Codable, Hashable {
    public var pickup: Int
    public var delivery: Int
    public init(pickup: Int, delivery: Int) {
        self.pickup = pickup
        self.delivery = delivery
    }
}

/// What the solver minimises.
public struct Objective: Sendable, Codable, Hashable {
    public enum Mode: String, Sendable, Codable, Hashable {
        /// Unserved (mandatory count, then penalty), then number of vehicles, then travel cost. The default.
        case lexicographic
        /// One weighted sum of all terms.
        case weighted
    }
    public var mode: Mode
    /// Weight of travel time in the travel cost.
    public var travelTimeWeight: Double
    /// Weight of distance in the travel cost.
    public var distanceWeight: Double
    /// Weighted mode: cost per vehicle used (added to each vehicle's `fixedCost`).
    public var vehicleWeight: Double
    /// Weighted mode: multiplier of unserved penalties.
    public var unservedWeight: Double
    /// Optional balancing: adds `weight × Σ routeDuration² / Σ routeDuration` to the travel cost (0 = off).
    public var durationBalanceWeight: Double

    public init(
        mode: Mode = .lexicographic, travelTimeWeight: Double = 1, distanceWeight: Double = 0, vehicleWeight: Double = 0,
        unservedWeight: Double = 1, durationBalanceWeight: Double = 0
    ) {
        self.mode = mode
        self.travelTimeWeight = travelTimeWeight
        self.distanceWeight = distanceWeight
        self.vehicleWeight = vehicleWeight
        self.unservedWeight = unservedWeight
        self.durationBalanceWeight = durationBalanceWeight
    }

    /// Fewest unserved, then fewest vehicles, then least travel time.
    public static let standard = Objective()
}

/// A complete routing problem for one post office and one day.
public struct RoutingProblem: Sendable, Codable, Hashable {
    public var matrix: TravelMatrix
    public var vehicles: [Vehicle]
    public var stops: [Stop]
    public var pairs: [PickupDelivery]
    public var objective: Objective
    /// Number of capacity dimensions.
    public var dimensions: Int
    /// Routes to start the search from, such as the plan being re-planned. The search keeps what still fits of them,
    /// inserts the other stops, and then improves the whole as usual; the result is never worse than that start.
    public var initialRoutes: [InitialRoute]?

    public init(
        matrix: TravelMatrix, vehicles: [Vehicle], stops: [Stop], pairs: [PickupDelivery] = [], objective: Objective = .standard,
        dimensions: Int = 1, initialRoutes: [InitialRoute]? = nil
    ) {
        self.matrix = matrix
        self.vehicles = vehicles
        self.stops = stops
        self.pairs = pairs
        self.objective = objective
        self.dimensions = dimensions
        self.initialRoutes = initialRoutes
    }

    /// Checks structural consistency (indices, vector lengths, pair uniqueness). Infeasible stops are not errors:
    /// they are reported per stop in the solution.
    public func validate() throws(RoutingInputError) {
        let n = matrix.size
        guard dimensions >= 1 else { throw .badDimensions }
        for v in vehicles {
            guard (0..<n).contains(v.startLocation), (0..<n).contains(v.endLocation) else { throw .locationOutOfRange(v.id) }
            guard v.capacity.count == dimensions else { throw .wrongDimensionCount(v.id) }
            guard v.shift.start <= v.shift.end else { throw .invalidValue(v.id) }
        }
        for s in stops {
            guard (0..<n).contains(s.location) else { throw .locationOutOfRange(s.id) }
            guard s.delivery.isEmpty || s.delivery.count == dimensions, s.pickup.isEmpty || s.pickup.count == dimensions else {
                throw .wrongDimensionCount(s.id)
            }
            guard s.serviceTime >= 0, s.serviceTime.isFinite else { throw .invalidValue(s.id) }
            guard s.timeWindows.allSatisfy({ $0.start <= $0.end && !$0.start.isNaN && !$0.end.isNaN }) else { throw .invalidValue(s.id) }
        }
        var seen = Set<Int>()
        for p in pairs {
            guard (0..<stops.count).contains(p.pickup), (0..<stops.count).contains(p.delivery), p.pickup != p.delivery else {
                throw .badPair(p.pickup, p.delivery)
            }
            guard seen.insert(p.pickup).inserted, seen.insert(p.delivery).inserted else { throw .badPair(p.pickup, p.delivery) }
        }
        var vehicleSeen = Set<Int>()
        var stopSeen = Set<Int>()
        for (k, route) in (initialRoutes ?? []).enumerated() {
            guard (0..<vehicles.count).contains(route.vehicle), vehicleSeen.insert(route.vehicle).inserted else {
                throw .badInitialRoute(k, "vehicle \(route.vehicle) is out of range or has two routes")
            }
            for u in route.stops {
                guard (0..<stops.count).contains(u), stopSeen.insert(u).inserted else {
                    throw .badInitialRoute(k, "stop \(u) is out of range or on two routes")
                }
            }
        }
    }
}

/// A route to start from: a vehicle (index into `RoutingProblem.vehicles`) and its stops in visit order (indices into
/// `RoutingProblem.stops`).
public struct InitialRoute: Sendable, Codable, Hashable {
    public var vehicle: Int
    public var stops: [Int]

    public init(vehicle: Int, stops: [Int]) {
        self.vehicle = vehicle
        self.stops = stops
    }
}

/// Structural errors in a problem (as opposed to infeasible stops, which are reported in the solution).
public enum RoutingInputError: Error, Sendable, Hashable {
    case matrixNotSquare
    case invalidMatrixValue
    case badDimensions
    case locationOutOfRange(String)
    case wrongDimensionCount(String)
    case invalidValue(String)
    case badPair(Int, Int)
    /// The initial route at this index, and why.
    case badInitialRoute(Int, String)
    case solomonFormat(String)
}
