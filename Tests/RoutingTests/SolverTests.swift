import Foundation
import Testing

@testable import Routing

private func solve(_ p: RoutingProblem, seed: UInt64 = 1, iterations: Int = 1500) throws -> RoutingSolution {
    try RoutingSolver.solve(p, options: SolverOptions(timeLimit: 20, maxIterations: iterations, seed: seed))
}

@Suite("Solver")
struct SolverTests {
    @Test("Small random instances are solved to the exhaustive-search optimum", arguments: UInt64(1)...12)
    func matchesExhaustive(seed: UInt64) throws {
        let n = seed % 4 == 0 ? 7 : 6
        let p = RandomInstance(stops: n, vehicles: 3, horizon: 350, capacity: 20).make(seed: seed)
        let s = try solve(p, seed: seed)
        let check = IndependentChecker.check(p, s)
        #expect(check.ok, "\(check.violations)")
        if let opt = Exhaustive.optimum(p) {
            #expect(s.unserved.isEmpty)
            #expect(s.vehiclesUsed == opt.vehicles, "seed \(seed)")
            #expect(abs(s.travelTime - opt.travel) < 1e-6, "seed \(seed): \(s.travelTime) vs optimum \(opt.travel)")
        } else {
            #expect(!s.unserved.isEmpty)
        }
    }

    @Test("Pickup–delivery precedence and multi-dimensional capacity hold on random instances", arguments: UInt64(1)...10)
    func pairsAndCapacity(seed: UInt64) throws {
        let p = RandomInstance(stops: 24, vehicles: 5, dims: 2, pairs: 6, multiWindows: seed % 2 == 0, capacity: 25).make(seed: seed)
        let s = try solve(p, seed: seed, iterations: 400)
        let check = IndependentChecker.check(p, s)
        #expect(check.ok, "\(check.violations)")
        for pr in p.pairs {
            let served = s.routes.first { $0.stops.contains(pr.pickup) }
            if let r = served {
                let st = r.stops
                #expect(st.contains(pr.delivery))
                #expect(st.firstIndex(of: pr.pickup)! < st.firstIndex(of: pr.delivery)!)
            }
        }
    }

    @Test("Skills, duration limits and optional stops are respected", arguments: UInt64(1)...6)
    func skillsDurationOptional(seed: UInt64) throws {
        var p = RandomInstance(stops: 20, vehicles: 4, multiWindows: true, skills: true, maxDuration: 260, optional: true).make(seed: seed)
        p.objective = Objective(mode: seed % 2 == 0 ? .lexicographic : .weighted, vehicleWeight: 10, durationBalanceWeight: seed % 3 == 0 ? 0.5 : 0)
        let s = try solve(p, seed: seed, iterations: 400)
        let check = IndependentChecker.check(p, s)
        #expect(check.ok, "\(check.violations)")
    }

    @Test("Same seed, same routes")
    func determinism() throws {
        let p = RandomInstance(stops: 30, vehicles: 6, dims: 2, pairs: 4, multiWindows: true).make(seed: 42)
        let a = try solve(p, seed: 5, iterations: 300)
        let b = try solve(p, seed: 5, iterations: 300)
        #expect(a.routes.map(\.stops) == b.routes.map(\.stops))
        #expect(a.routes.map(\.vehicle) == b.routes.map(\.vehicle))
        #expect(a.travelTime == b.travelTime)
    }

    @Test("Two threads return a valid solution no worse than one of its seeds")
    func threads() throws {
        let p = RandomInstance(stops: 20, vehicles: 5).make(seed: 3)
        let one = try RoutingSolver.solve(p, options: SolverOptions(timeLimit: 20, maxIterations: 300, seed: 9, threads: 1))
        let two = try RoutingSolver.solve(p, options: SolverOptions(timeLimit: 20, maxIterations: 300, seed: 9, threads: 2))
        #expect(IndependentChecker.check(p, two).ok)
        #expect(two.unservedMandatory <= one.unservedMandatory)
        #expect(two.vehiclesUsed < one.vehiclesUsed || (two.vehiclesUsed == one.vehiclesUsed && two.travelTime <= one.travelTime + 1e-9))
    }

    @Test("Infeasible stops are reported per stop with a reason, never a crash")
    func infeasibleInput() throws {
        var p = RandomInstance(stops: 8, vehicles: 2, horizon: 400).make(seed: 11)
        // window closes before the stop can be reached from the depot
        p.stops[0].timeWindows = [TimeWindow(0, p.matrix.duration(0, p.stops[0].location) - 1)]
        // demand above every capacity
        p.stops[1].delivery = [1000]
        // a skill nobody has
        p.stops[2].requiredSkills = ["boat"]
        // a pair whose pickup is impossible drags its delivery out
        p.stops[3].delivery = []
        p.stops[3].pickup = [500]
        p.stops[4].delivery = [500]
        p.pairs = [PickupDelivery(pickup: 3, delivery: 4)]
        let s = try solve(p, iterations: 200)
        let reasons = Dictionary(uniqueKeysWithValues: s.unserved.map { ($0.stop, $0.reason) })
        #expect(reasons[0] == .timeWindowUnreachable)
        #expect(reasons[1] == .exceedsCapacity)
        #expect(reasons[2] == .missingSkill)
        #expect(reasons[3] == .exceedsCapacity)
        #expect(reasons[4] == .exceedsCapacity || reasons[4] == .pairInfeasible)
        #expect(IndependentChecker.check(p, s).ok)
        #expect(s.routes.flatMap(\.stops).count == 3)
    }

    @Test("A duration limit no route can meet is reported as such; a tiny fleet reports fleet exhaustion")
    func durationAndFleet() throws {
        var p = RandomInstance(stops: 6, vehicles: 1, horizon: 1000).make(seed: 4)
        p.vehicles[0].maxDuration = 1
        let s = try solve(p, iterations: 50)
        #expect(s.unserved.count == 6)
        #expect(s.unserved.allSatisfy { $0.reason == .exceedsMaxDuration })
        var q = RandomInstance(stops: 12, vehicles: 1, horizon: 300, capacity: 12).make(seed: 5)
        q.objective = .standard
        let t = try solve(q, iterations: 200)
        #expect(IndependentChecker.check(q, t).ok)
        #expect(t.unserved.contains { $0.reason == .fleetExhausted })
    }

    @Test("Malformed input throws a structural error")
    func malformed() {
        var p = RandomInstance(stops: 3, vehicles: 1).make(seed: 1)
        p.stops[0].location = 99
        #expect(throws: RoutingInputError.self) { try RoutingSolver.solve(p) }
        #expect(throws: RoutingInputError.self) { try TravelMatrix(durations: [[0, 1], [1]]) }
        var q = RandomInstance(stops: 3, vehicles: 1).make(seed: 1)
        q.stops[1].timeWindows = [TimeWindow(100, 50)]
        #expect(throws: RoutingInputError.self) { try RoutingSolver.solve(q) }
    }

    @Test("No vehicles at all: every stop is reported, nothing crashes")
    func noVehicles() throws {
        var p = RandomInstance(stops: 4, vehicles: 1).make(seed: 2)
        p.vehicles = []
        let s = try solve(p, iterations: 10)
        #expect(s.routes.isEmpty)
        #expect(s.unserved.count == 4 && s.unserved.allSatisfy { $0.reason == .fleetExhausted })
    }
}
