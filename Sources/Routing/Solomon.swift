import Foundation

/// A VRPTW instance in Solomon's text format (also used by Gehring & Homberger).
public struct SolomonInstance: Sendable, Hashable {
    public struct Node: Sendable, Hashable {
        public var x: Double
        public var y: Double
        public var demand: Double
        public var ready: Double
        public var due: Double
        public var service: Double
    }

    public var name: String
    /// Fleet size (NUMBER).
    public var vehicles: Int
    public var capacity: Double
    /// Node 0 is the depot; customers are 1...n.
    public var nodes: [Node]

    /// Parses the text of a Solomon file.
    public init(text: String) throws(RoutingInputError) {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.split(whereSeparator: \.isWhitespace).map(String.init) }
        guard let first = lines.first(where: { !$0.isEmpty }) else { throw .solomonFormat("empty file") }
        name = first[0]
        guard let head = lines.firstIndex(where: { $0.first == "NUMBER" }), head + 1 < lines.count,
            let fleetLine = lines[(head + 1)...].first(where: { !$0.isEmpty }), fleetLine.count >= 2,
            let number = Int(fleetLine[0]), let cap = Double(fleetLine[1])
        else { throw .solomonFormat("missing NUMBER/CAPACITY") }
        vehicles = number
        capacity = cap
        guard let start = lines.firstIndex(where: { $0.first == "CUSTOMER" }) else { throw .solomonFormat("missing CUSTOMER") }
        var nodes: [Node] = []
        for ln in lines[(start + 1)...] where ln.count == 7 && Int(ln[0]) != nil {
            let v = ln.compactMap(Double.init)
            guard v.count == 7 else { throw .solomonFormat("bad row \(ln)") }
            guard Int(v[0]) == nodes.count else { throw .solomonFormat("node ids not consecutive at \(ln[0])") }
            nodes.append(Node(x: v[1], y: v[2], demand: v[3], ready: v[4], due: v[5], service: v[6]))
        }
        guard nodes.count >= 2 else { throw .solomonFormat("no customers") }
        self.nodes = nodes
    }

    /// Reads and parses a file.
    public init(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try self.init(text: text)
    }

    /// Number of customers.
    public var customers: Int { nodes.count - 1 }

    /// Euclidean distance in double precision between nodes.
    public func distance(_ a: Int, _ b: Int) -> Double {
        hypot(nodes[a].x - nodes[b].x, nodes[a].y - nodes[b].y)
    }

    /// The routing problem under the standard convention: travel time = distance, service starts within
    /// [ready, due], back at the depot by its due date, `vehicles` identical vehicles. Stop `i` is customer `i + 1`.
    public func problem() -> RoutingProblem {
        let n = nodes.count
        var m = TravelMatrix(size: n)
        for a in 0..<n {
            for b in 0..<n {
                let d = distance(a, b)
                m.set(from: a, to: b, duration: d, distance: d)
            }
        }
        let depot = nodes[0]
        let vs = (0..<vehicles).map {
            Vehicle(id: "v\($0 + 1)", startLocation: 0, shift: TimeWindow(depot.ready, depot.due), capacity: [capacity])
        }
        let stops = (1..<n).map { i in
            Stop(
                id: "\(i)", location: i, timeWindows: [TimeWindow(nodes[i].ready, nodes[i].due)], serviceTime: nodes[i].service,
                delivery: [nodes[i].demand])
        }
        return RoutingProblem(matrix: m, vehicles: vs, stops: stops)
    }
}

/// Command-line entry for `postrun solve FILE --format solomon`.
public enum SolomonRunner {
    /// Solves a Solomon file and returns one JSON line:
    /// `{"routes": [[ids…], …], "vehicles": n, "distance": x, "seconds": t}` (customer ids as in the file, depot omitted).
    /// `start`: routes of customer ids to start from (a previous answer's `routes`), one vehicle each.
    public static func run(path: String, timeLimit: Double, seed: UInt64, threads: Int, start: [[Int]]? = nil) throws -> String {
        let clock = ContinuousClock.now
        let inst = try SolomonInstance(path: path)
        // keep a small margin for parsing and output so the total stays within the limit
        let budget = max(0.05, timeLimit - 0.05)
        var problem = inst.problem()
        problem.initialRoutes = start?.enumerated().map { InitialRoute(vehicle: $0.offset, stops: $0.element.map { $0 - 1 }) }
        let sol = try RoutingSolver.solve(problem, options: SolverOptions(timeLimit: budget, seed: seed, threads: threads))
        let routes = sol.routes.map { $0.stops.map { $0 + 1 } }
        var distance = 0.0
        for r in routes {
            var prev = 0
            for u in r {
                distance += inst.distance(prev, u)
                prev = u
            }
            distance += inst.distance(prev, 0)
        }
        let d = ContinuousClock.now - clock
        let seconds = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        let routeText = routes.map { "[" + $0.map(String.init).joined(separator: ", ") + "]" }.joined(separator: ", ")
        var line = "{\"routes\": [\(routeText)], \"vehicles\": \(routes.count), "
        line += "\"distance\": \(format(distance, 4)), \"seconds\": \(format(seconds, 3))"
        if !sol.unserved.isEmpty {
            line += ", \"unserved\": [" + sol.unserved.map { "{\"id\": \($0.stop + 1), \"reason\": \"\($0.reason.rawValue)\"}" }.joined(separator: ", ") + "]"
        }
        return line + "}"
    }

    static func format(_ x: Double, _ digits: Int) -> String {
        let p = pow(10.0, Double(digits))
        let r = (x * p).rounded() / p
        return "\(r)"
    }
}
