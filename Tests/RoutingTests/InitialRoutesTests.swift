import Foundation
import Testing
@testable import Routing

/// The solution the search starts from when `problem.initialRoutes` is set, before any recreate or search.
private func placed(_ p: RoutingProblem) -> (Sol, canServe: [Bool], Compiled) {
    let engine = Engine.forTesting(p, SolverOptions())
    var s = engine.emptySolution()
    engine.placeInitialRoutes(&s)
    return (s, engine.canServe, engine.c)
}

private func plan(_ p: RoutingProblem, seed: UInt64, iterations: Int) throws -> RoutingSolution {
    try RoutingSolver.solve(p, options: SolverOptions(timeLimit: 20, maxIterations: iterations, seed: seed))
}

/// A 40-stop instance started from a plan of 800 iterations with 10 of its stops taken out, as new requests. The plan's
/// route minimisation keeps the full stall and the ejection pool after it (no far stall: 0.15 s of these 20 s would be
/// six iterations), so that its routes are tight and the new stops often do not fit them by the recreate alone.
private func planWithNewStops(seed: UInt64) throws -> RoutingProblem {
    var p = RandomInstance(stops: 40, vehicles: 12, horizon: 240, capacity: 60).make(seed: seed)
    let previous = try RoutingSolver.solve(p, options: SolverOptions(timeLimit: 20, maxIterations: 800, seed: seed, fleetMinimisationFarStallSeconds: 0, ejectionPoolAfterFarStall: true))
    var rng = Xoshiro256(seed: seed)
    let taken = Set(previous.routes.flatMap(\.stops).shuffled(using: &rng).prefix(10))
    p.initialRoutes = previous.routes.map { InitialRoute(vehicle: $0.vehicle, stops: $0.stops.filter { !taken.contains($0) }) }
    return p
}

/// Lexicographic: mandatory stops left out, penalties, vehicles, travel cost.
private func key(_ s: RoutingSolution) -> (Int, Double, Int, Double) { (s.unservedMandatory, s.unservedPenalty, s.vehiclesUsed, s.travelCost) }
private func noWorse(_ a: RoutingSolution, than b: RoutingSolution) -> Bool {
    let (x, y) = (key(a), key(b))
    if x.0 != y.0 { return x.0 < y.0 }
    if abs(x.1 - y.1) > 1e-6 { return x.1 < y.1 }
    if x.2 != y.2 { return x.2 < y.2 }
    return x.3 <= y.3 + 1e-6
}

@Suite("Initial routes (re-planning from a previous plan)")
struct InitialRoutesTests {
    @Test("A plan that still fits is taken over exactly, route by route", arguments: UInt64(1)...6)
    func feasiblePlanKept(seed: UInt64) throws {
        var p = RandomInstance(stops: 30, vehicles: 6, dims: 2, pairs: 5, multiWindows: seed % 2 == 0, skills: true).make(seed: seed)
        let previous = try plan(p, seed: seed, iterations: 800)
        p.initialRoutes = previous.routes.map { InitialRoute(vehicle: $0.vehicle, stops: $0.stops) }
        let (s, _, _) = placed(p)
        #expect(s.routes.map(\.vehicle) == previous.routes.map(\.vehicle))
        #expect(s.routes.map(\.seq) == previous.routes.map(\.stops))
        for (ri, r) in s.routes.enumerated() { for u in r.seq { #expect(s.routeOf[u] == ri) } }
    }

    @Test("A plan that no longer fits keeps only what does: feasible routes, whole pairs in order, skills, the given order",
          arguments: UInt64(1)...8)
    func damagedPlanRepaired(seed: UInt64) throws {
        var p = RandomInstance(stops: 30, vehicles: 6, dims: 2, pairs: 5, multiWindows: true, skills: true).make(seed: seed)
        let previous = try plan(p, seed: seed, iterations: 800)
        var start = previous.routes.map { InitialRoute(vehicle: $0.vehicle, stops: $0.stops) }
        var rng = Xoshiro256(seed: seed)
        // what a day brings between two plans: a window that closes earlier, a pair listed backwards or split, a stop given
        // to a courier without its skill
        let paired = Set(p.pairs.flatMap { [$0.pickup, $0.delivery] })
        var rebuilt = -1
        if let k = start.indices.first(where: { start[$0].stops.count >= 3 && !paired.contains(start[$0].stops[1]) }) {
            // reachable straight from the depot, not after the stop before it
            let u = start[k].stops[1]
            p.stops[u].timeWindows = [TimeWindow(0, p.matrix.duration(p.vehicles[start[k].vehicle].startLocation, p.stops[u].location) + 0.001)]
            rebuilt = start[k].vehicle
        }
        if let pr = p.pairs.first, let k = start.firstIndex(where: { $0.stops.contains(pr.pickup) }) {
            start[k].stops.removeAll { $0 == pr.pickup || $0 == pr.delivery }
            start[k].stops.insert(pr.delivery, at: 0)
            start[k].stops.append(pr.pickup)
        }
        if p.pairs.count > 1, let k = start.firstIndex(where: { $0.stops.contains(p.pairs[1].delivery) }), start.count > 1 {
            let d = p.pairs[1].delivery
            start[k].stops.removeAll { $0 == d }
            start[(k + 1) % start.count].stops.insert(d, at: rng.below(start[(k + 1) % start.count].stops.count + 1))
        }
        if let cash = p.stops.indices.first(where: { p.stops[$0].requiredSkills.contains("cash") && !paired.contains($0) }),
           let other = start.indices.first(where: { start[$0].vehicle != 0 && !start[$0].stops.contains(cash) }) {
            start.indices.forEach { start[$0].stops.removeAll { $0 == cash } }
            start[other].stops.append(cash)
        }
        p.initialRoutes = start
        let (s, canServe, c) = placed(p)
        #expect(!s.routes.isEmpty)
        // the route with the moved window is kept, without that stop but with the ones after it
        if rebuilt >= 0 {
            let r = try #require(s.routes.first { $0.vehicle == rebuilt })
            #expect(r.count >= 2)
        }
        for r in s.routes {
            #expect(r.feasible)
            let given = try #require(start.first { $0.vehicle == r.vehicle }).stops
            // a subsequence of what was given
            var k = 0
            for u in r.seq {
                while k < given.count && given[k] != u { k += 1 }
                #expect(k < given.count, "stop \(u) not in the given order")
                k += 1
                #expect(canServe[r.vehicle * c.n + u])
            }
            for pr in p.pairs where r.seq.contains(pr.pickup) || r.seq.contains(pr.delivery) {
                let a = try #require(r.seq.firstIndex(of: pr.pickup))
                let b = try #require(r.seq.firstIndex(of: pr.delivery))
                #expect(a < b)
            }
        }
        // and the search goes on from there to a valid plan
        let solved = try RoutingSolver.solve(p, options: SolverOptions(timeLimit: 20, maxIterations: 300, seed: seed))
        let check = IndependentChecker.check(p, solved)
        #expect(check.ok, "\(check.violations)")
    }

    @Test("Started from a plan the search never returns anything worse than it; a cold start with as few iterations often does")
    func neverWorseThanStart() throws {
        var coldWorse = 0
        for seed in UInt64(1)...8 {
            var p = RandomInstance(stops: 40, vehicles: 8, dims: 2, pairs: 6, multiWindows: true).make(seed: seed)
            let previous = try plan(p, seed: seed, iterations: 3000)
            p.initialRoutes = previous.routes.map { InitialRoute(vehicle: $0.vehicle, stops: $0.stops) }
            let warm = try plan(p, seed: seed + 100, iterations: 30)
            p.initialRoutes = nil
            let cold = try plan(p, seed: seed + 100, iterations: 30)
            #expect(IndependentChecker.check(p, warm).ok)
            #expect(noWorse(warm, than: previous), "seed \(seed): \(key(warm)) vs \(key(previous))")
            if !noWorse(cold, than: previous) { coldWorse += 1 }
        }
        #expect(coldWorse > 0)
    }

    @Test("A re-plan's new stops go into the given routes by the ejection pool, where the recreate would open a route; a pool cut short leaves the start as it was")
    func newStopsFitIntoGivenRoutes() throws {
        var opened = 0
        var cutShort = 0
        for seed in UInt64(1)...20 {
            let p = try planWithNewStops(seed: seed)
            func engine(_ share: Double) -> Engine {
                Engine.forTesting(p, SolverOptions(timeLimit: 60, maxIterations: 1000, seed: seed, newStopsShare: share))
            }
            let e = engine(0.1)
            var start = e.emptySolution()
            e.placeInitialRoutes(&start)
            let given = start.routes.map(\.seq)
            let new = e.unassignedList(start)
            #expect(!new.isEmpty)
            var greedy = start
            var list = new
            e.recreate(&greedy, &list)
            var fitted = start
            e.fitNewStops(&fitted)
            if e.unassignedList(fitted).isEmpty {
                #expect(fitted.routes.count <= given.count, "seed \(seed): no route opened")
                #expect(fitted.routes.allSatisfy { $0.feasible })
                #expect(Set(fitted.routes.map(\.vehicle)).isSubset(of: start.routes.map(\.vehicle)))
                #expect(fitted.routes.flatMap(\.seq).sorted() == e.active)
                for (ri, r) in fitted.routes.enumerated() { #expect(r.seq.allSatisfy { fitted.routeOf[$0] == ri }) }
                if greedy.routes.count > given.count { opened += 1 }
            } else {
                #expect(fitted.routes.map(\.seq) == given)
            }
            // one step of the pool cannot place ten stops: the start stays as it was
            var short = start
            engine(0.001).fitNewStops(&short)
            if !e.unassignedList(short).isEmpty {
                cutShort += 1
                #expect(short.routes.map(\.seq) == given)
                #expect(e.unassignedList(short) == new)
            }
        }
        #expect(opened >= 4, "instances where the recreate opened a route and the pool placed every new stop: \(opened)")
        #expect(cutShort >= 10, "instances where one step of the pool left stops out: \(cutShort)")
    }

    @Test("The pool's share for a re-plan's new stops is split into attempts from the given routes: where one long attempt wanders, a fresh order places them")
    func newStopsAttemptsRestart() throws {
        var placed = [1: 0, 5: 0]
        for seed in UInt64(1)...20 {
            let p = try planWithNewStops(seed: seed)
            for attempts in placed.keys {
                let e = Engine.forTesting(p, SolverOptions(timeLimit: 60, maxIterations: 1000, seed: seed, newStopsAttempts: attempts))
                var s = e.emptySolution()
                e.placeInitialRoutes(&s)
                let given = s.routes.map(\.seq)
                e.fitNewStops(&s)
                if e.unassignedList(s).isEmpty {
                    placed[attempts]! += 1
                    #expect(s.routes.count <= given.count && s.routes.allSatisfy { $0.feasible })
                } else {
                    #expect(s.routes.map(\.seq) == given, "seed \(seed), \(attempts) attempts: a failed fit leaves the start as it was")
                }
            }
        }
        #expect(placed[5]! > placed[1]!, "instances where every new stop was placed: \(placed)")
    }

    @Test("Initial routes with an unknown or repeated vehicle or stop are rejected with the route's index")
    func validation() throws {
        let p = RandomInstance(stops: 6, vehicles: 2).make(seed: 1)
        let bad: [[InitialRoute]] = [
            [InitialRoute(vehicle: 2, stops: [0])],
            [InitialRoute(vehicle: 0, stops: [0]), InitialRoute(vehicle: 0, stops: [1])],
            [InitialRoute(vehicle: 0, stops: [6])],
            [InitialRoute(vehicle: 0, stops: [1]), InitialRoute(vehicle: 1, stops: [2, 1])],
        ]
        for (k, routes) in bad.enumerated() {
            var q = p
            q.initialRoutes = routes
            #expect(throws: RoutingInputError.self, "case \(k)") { try RoutingSolver.solve(q, options: SolverOptions(timeLimit: 1, maxIterations: 10)) }
            do {
                try q.validate()
            } catch {
                guard case .badInitialRoute(let index, _) = error else { Issue.record("case \(k): \(error)"); continue }
                #expect(index == (k == 0 || k == 2 ? 0 : 1), "case \(k)")
            }
        }
        var ok = p
        ok.initialRoutes = [InitialRoute(vehicle: 1, stops: [3, 0]), InitialRoute(vehicle: 0, stops: [])]
        #expect(throws: Never.self) { try ok.validate() }
    }
}
