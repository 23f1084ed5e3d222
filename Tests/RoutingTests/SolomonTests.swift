import Foundation
import Testing

@testable import Routing

/// Checks a Solomon answer with the benchmark convention, independently of the solver.
private func checkSolomon(_ inst: SolomonInstance, _ routes: [[Int]]) -> (ok: Bool, distance: Double) {
    var seen = Set<Int>()
    var total = 0.0
    var ok = routes.count <= inst.vehicles
    for r in routes {
        var t = inst.nodes[0].ready
        var load = 0.0
        var prev = 0
        for u in r {
            ok = ok && seen.insert(u).inserted
            let d = hypot(inst.nodes[prev].x - inst.nodes[u].x, inst.nodes[prev].y - inst.nodes[u].y)
            total += d
            t = max(t + d, inst.nodes[u].ready)
            ok = ok && t <= inst.nodes[u].due + 1e-6
            t += inst.nodes[u].service
            load += inst.nodes[u].demand
            prev = u
        }
        let d = hypot(inst.nodes[prev].x - inst.nodes[0].x, inst.nodes[prev].y - inst.nodes[0].y)
        total += d
        ok = ok && t + d <= inst.nodes[0].due + 1e-6 && load <= inst.capacity + 1e-6
    }
    return (ok && seen.count == inst.customers, total)
}

@Suite("Solomon")
struct SolomonTests {
    @Test("Parses a 25-customer file")
    func parse() throws {
        let inst = try SolomonInstance(path: sharedBenchmarks() + "/solomon/25/C101.txt")
        #expect(inst.customers == 25)
        #expect(inst.vehicles == 25)
        #expect(inst.capacity == 200)
        #expect(inst.nodes[0].due == 1236)
        #expect(inst.nodes[1].x == 45 && inst.nodes[1].y == 68 && inst.nodes[1].demand == 10)
        #expect(throws: RoutingInputError.self) { try SolomonInstance(text: "nothing here") }
    }

    @Test("Runner output is one JSON line that passes an independent check", arguments: ["C101", "R101", "RC201"])
    func runner(name: String) throws {
        let path = sharedBenchmarks() + "/solomon/25/\(name).txt"
        let inst = try SolomonInstance(path: path)
        let line = try SolomonRunner.run(path: path, timeLimit: 1, seed: 1, threads: 1)
        #expect(!line.contains("\n"))
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let routes = try #require(obj["routes"] as? [[Int]])
        let (ok, dist) = checkSolomon(inst, routes)
        #expect(ok)
        #expect(obj["vehicles"] as? Int == routes.count)
        #expect(abs((obj["distance"] as? Double ?? 0) - dist) < 1e-3)
        #expect(obj["seconds"] is Double)
    }

    @Test("Started from a previous answer's routes the runner returns nothing worse than them, and inserts customers taken out of them", arguments: ["C101", "R101", "RC201"])
    func runnerFromPreviousRoutes(name: String) throws {
        let path = sharedBenchmarks() + "/solomon/25/\(name).txt"
        let inst = try SolomonInstance(path: path)
        let previous = try JSONSerialization.jsonObject(with: Data(try SolomonRunner.run(path: path, timeLimit: 1, seed: 1, threads: 1).utf8)) as? [String: Any]
        let routes = try #require(previous?["routes"] as? [[Int]])
        let distance = try #require(previous?["distance"] as? Double)
        // the same routes: nothing to do, so nothing gets worse
        let same = try JSONSerialization.jsonObject(with: Data(try SolomonRunner.run(path: path, timeLimit: 0.3, seed: 2, threads: 1, start: routes).utf8)) as? [String: Any]
        let sameRoutes = try #require(same?["routes"] as? [[Int]])
        #expect(checkSolomon(inst, sameRoutes).ok)
        #expect(sameRoutes.count <= routes.count)
        #expect(sameRoutes.count < routes.count || (same?["distance"] as? Double ?? .infinity) <= distance + 1e-3)
        // three customers taken out, as new requests: they are inserted
        let start = routes.map { $0.filter { ![3, 10, 17].contains($0) } }.filter { !$0.isEmpty }
        let replanned = try JSONSerialization.jsonObject(with: Data(try SolomonRunner.run(path: path, timeLimit: 0.3, seed: 2, threads: 1, start: start).utf8)) as? [String: Any]
        let replannedRoutes = try #require(replanned?["routes"] as? [[Int]])
        #expect(checkSolomon(inst, replannedRoutes).ok)
        #expect(Set(replannedRoutes.joined()) == Set(1...inst.nodes.count - 1))
        #expect(throws: RoutingInputError.self) { try SolomonRunner.run(path: path, timeLimit: 0.3, seed: 2, threads: 1, start: [[0, 1]]) }
    }

    @Test("With an iteration budget far from the time limit, a 100-customer run is the same every time")
    func iterationBudgetIsReproducible() throws {
        let problem = try SolomonInstance(path: sharedBenchmarks() + "/solomon/RC105.txt").problem()
        let options = SolverOptions(timeLimit: 60, maxIterations: 3000, seed: 4)
        let runs = try (0..<3).map { _ in try RoutingSolver.solve(problem, options: options) }
        for run in runs.dropFirst() {
            #expect(run.routes.map(\.stops) == runs[0].routes.map(\.stops))
            #expect(run.iterations == runs[0].iterations)
        }
    }

    @Test("A routing problem as JSON (postrun solve --format problem) is answered by stop and vehicle id, and passes the independent check",
          arguments: [UInt64(3), 4])
    func problemRunner(seed: UInt64) throws {
        var problem = RandomInstance(stops: 24, vehicles: 3, dims: 2, pairs: 4, multiWindows: true, skills: true, optional: true)
            .make(seed: seed)
        // unique ids, as a plan's export has, so the answer can be mapped back
        for i in problem.stops.indices { problem.stops[i].id = "stop-\(i)" }
        for i in problem.vehicles.indices { problem.vehicles[i].id = "courier-\(i)" }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("problem-\(seed)-\(UUID().uuidString).json").path
        try JSONEncoder().encode(problem).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }

        let line = try ProblemRunner.run(path: path, timeLimit: 0.3, seed: 1, threads: 1)
        #expect(!line.contains("\n"))
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let stopIndex = Dictionary(uniqueKeysWithValues: problem.stops.enumerated().map { ($1.id, $0) })
        let vehicleIndex = Dictionary(uniqueKeysWithValues: problem.vehicles.enumerated().map { ($1.id, $0) })
        let routes = try #require(answer["routes"] as? [[String: Any]]).map { route in
            (vehicle: vehicleIndex[route["vehicle"] as? String ?? ""] ?? -1, stops: (route["stops"] as? [String] ?? []).map { stopIndex[$0] ?? -1 })
        }
        let unserved = try #require(answer["unserved"] as? [[String: Any]])
        #expect(unserved.allSatisfy { ($0["reason"] as? String).flatMap(UnservedReason.init(rawValue:)) != nil })
        let check = IndependentChecker.check(problem, routes: routes, unserved: unserved.map { stopIndex[$0["stop"] as? String ?? ""] ?? -1 },
                                             travelTime: answer["travel_time"] as? Double ?? -1, distance: answer["distance"] as? Double ?? -1)
        #expect(check.ok, "\(check.violations)")
        #expect(answer["vehicles"] as? Int == routes.count)
        #expect(!routes.isEmpty)
    }
}
