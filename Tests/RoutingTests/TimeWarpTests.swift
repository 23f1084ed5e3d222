import Foundation
import Testing

@testable import Routing

private func makeEngine(_ p: RoutingProblem, seed: UInt64, timeWarpPenalty: Double = 1, blinkRate: Double = 0.01) -> (Engine, Compiled) {
    var options = SolverOptions(timeLimit: 5, maxIterations: 300, seed: seed, timeWarpPenalty: timeWarpPenalty)
    options.blinkRate = blinkRate
    let e = Engine.forTesting(p, options)
    return (e, e.c)
}

/// A route of vehicle 0 through a random selection of the stops in random order: late somewhere, more often than not.
private func randomRoute(_ c: Compiled, _ rng: inout Xoshiro256, leaveOut: Int) -> Route {
    var r = Route(vehicle: 0)
    r.seq = Array((0..<c.n).shuffled(using: &rng).dropLast(leaveOut))
    r.recompute(c)
    return r
}

/// Runs `body` on random instances of 16 stops too tight for two or three routes that keep every window (those where
/// every stop can be served on its own).
private func forEachTightInstance(_ seeds: ClosedRange<UInt64>, _ body: (UInt64, RoutingProblem, Engine, Compiled) -> Void) {
    for seed in seeds {
        let p = RandomInstance(stops: 16, vehicles: 4, horizon: 260, capacity: 200).make(seed: seed)
        let (e, c) = makeEngine(p, seed: seed)
        if e.active.count == c.n { body(seed, p, e, c) }
    }
}

/// Routes 0..<count, vehicle v serving stop v alone, and the other stops to insert.
private func oneStopRoutes(_ count: Int, _ c: Compiled) -> (Sol, [Int]) {
    var s = Sol(n: c.n, nVeh: c.nVeh)
    for v in 0..<count {
        var r = Route(vehicle: v)
        r.seq = [v]
        r.recompute(c)
        s.routes.append(r)
        s.used[v] = true
        s.routeOf[v] = v
    }
    return (s, Array(count..<c.n))
}

@Suite("Time warp")
struct TimeWarpTests {
    @Test("A route's time warp and cumulative warp match a simulation, late or not", arguments: [false, true])
    func routeWarp(multiWindows: Bool) {
        var late = 0
        for seed in UInt64(1)...60 {
            let p = RandomInstance(stops: 12, vehicles: 2, dims: 2, multiWindows: multiWindows, horizon: 300).make(seed: seed)
            let c = Compiled(p)
            var rng = Xoshiro256(seed: seed)
            let r = randomRoute(c, &rng, leaveOut: rng.below(6))
            #expect(abs(r.warp - simulatedWarp(p, r.seq)) < 1e-6, "seed \(seed)")
            for k in 0...r.seq.count {
                #expect(abs(r.cumWarp(k) - simulatedWarp(p, Array(r.seq.prefix(k)), returning: false)) < 1e-6, "seed \(seed) position \(k)")
            }
            if r.warp > 0 {
                late += 1
                #expect(!r.feasible)
            }
        }
        #expect(late > 10, "the random routes should often be late")
    }

    @Test("Inserting a stop into a route, late or not, leaves the same caches as recomputing it", arguments: [false, true])
    func partialRecompute(multiWindows: Bool) {
        for seed in UInt64(1)...60 {
            let p = RandomInstance(stops: 12, vehicles: 2, dims: 2, multiWindows: multiWindows, maxDuration: seed % 3 == 0 ? 250 : nil, horizon: 300)
                .make(seed: seed)
            let c = Compiled(p)
            var rng = Xoshiro256(seed: seed)
            var r = randomRoute(c, &rng, leaveOut: 4)
            for u in (0..<c.n).filter({ !r.seq.contains($0) }) {
                let a = rng.below(r.seq.count + 1)
                r.insert(u, at: a, c)
                var full = Route(vehicle: 0)
                full.seq = r.seq
                full.recompute(c)
                #expect(r.times == full.times, "seed \(seed)")
                #expect(abs(r.warp - full.warp) < 1e-9 && r.feasible == full.feasible && r.cost == full.cost, "seed \(seed)")
                #expect(abs(r.warp - simulatedWarp(p, r.seq)) < 1e-6, "seed \(seed)")
            }
        }
    }

    @Test("The O(1) time warp of an insertion equals the simulated warp of the route with the stop inserted")
    func warpedInsertion() {
        var warpedPositions = 0
        for seed in UInt64(1)...80 {
            let p = RandomInstance(stops: 12, vehicles: 2, horizon: seed % 2 == 0 ? 300 : 600).make(seed: seed)
            let (e, c) = makeEngine(p, seed: seed)
            var rng = Xoshiro256(seed: seed)
            var r = randomRoute(c, &rng, leaveOut: 3 + rng.below(6))
            var suffix = WarpSuffix()
            suffix.build(&r, c)
            for u in 0..<c.n where !r.seq.contains(u) {
                for a in 0...r.seq.count {
                    var trial = r.seq
                    trial.insert(u, at: a)
                    let expected = simulatedWarp(p, trial)
                    let fast = e.warpInserting(u, &r, &suffix, a, r.locAt(a, c), r.locAt(a + 1, c))
                    #expect(abs(fast - expected) < 1e-6, "seed \(seed) stop \(u) gap \(a): \(fast) vs \(expected)")
                    if expected > r.warp + 1e-6 { warpedPositions += 1 }
                }
            }
        }
        #expect(warpedPositions > 100)
    }

    @Test("Remembered floors never change the cheapest penalised position (no blinks), whatever the warp price of each scan")
    func warpFloorMemo() {
        var skippable = 0
        var lateRoutes = 0
        for seed in UInt64(1)...12 {
            let p = RandomInstance(stops: 24, vehicles: 6, horizon: 300, capacity: 200).make(seed: seed)
            let (e, c) = makeEngine(p, seed: seed, blinkRate: 0)
            guard e.active.count == c.n else { continue }
            let (fresh, _) = makeEngine(p, seed: seed, blinkRate: 0)
            // three routes too few to keep every window: the penalised recreate makes some of them late
            var (s, list) = oneStopRoutes(3, c)
            e.recreate(&s, &list, routeLimit: 0, warpCost: 1)
            var rng = Xoshiro256(seed: seed)
            for round in 0..<40 {
                _ = e.ruin(&s, keepingLate: true)
                let out = e.unassignedList(s)
                lateRoutes += s.routes.filter { $0.warp > 0 }.count
                // each stop scanned at a high then a low price through `e`, whose floors carry over from scan to scan and
                // from the recreates, and each time on an engine that remembers nothing
                for u in out {
                    for alpha in [3.0, 0.3] {
                        fresh.warpFloor = []
                        let expected = fresh.cheapestWarpedGap(u, &s, alpha: alpha, &rng)
                        let got = e.cheapestWarpedGap(u, &s, alpha: alpha, &rng)
                        #expect(got?.route == expected?.route && got?.position == expected?.position, "seed \(seed) stop \(u) alpha \(alpha)")
                        if let g = got, let x = expected { #expect(abs(g.delta - x.delta) < 1e-9) }
                        for (ri, r) in s.routes.enumerated() where ri != expected?.route {
                            let memo = e.warpFloor[u * c.nVeh + r.vehicle]
                            if memo.signature == r.signature && memo.floor >= (expected?.delta ?? .infinity) { skippable += 1 }
                        }
                    }
                }
                var l = out
                e.recreate(&s, &l, routeLimit: 0, warpCost: round % 2 == 0 ? 1 : 0.2)
                #expect(e.unassignedList(s).isEmpty)
            }
        }
        #expect(lateRoutes > 100, "the routes should often be late")
        // route scans that the floors let a later scan of the same stop skip
        #expect(skippable > 1000)
    }

    @Test("A penalised recreate serves every stop in the routes it has; the feasible one leaves some out")
    func penalisedRecreateServesAll() {
        var feasibleLeftOut = 0
        forEachTightInstance(UInt64(1)...20) { seed, p, e, c in
            // two routes of one stop each, the rest to insert without opening a route
            var (hard, list) = oneStopRoutes(2, c)
            e.recreate(&hard, &list, routeLimit: 0)
            feasibleLeftOut += e.unassignedList(hard).count
            for r in hard.routes { #expect(r.feasible && r.warp == 0) }
            var (soft, softList) = oneStopRoutes(2, c)
            e.recreate(&soft, &softList, routeLimit: 0, warpCost: 1)
            #expect(e.unassignedList(soft).isEmpty, "seed \(seed)")
            #expect(soft.routes.count == 2)
            let sc = e.score(soft)
            #expect(abs(sc.warp - soft.routes.reduce(0) { $0 + simulatedWarp(p, $1.seq) }) < 1e-6)
            for (ri, r) in soft.routes.enumerated() { for u in r.seq { #expect(soft.routeOf[u] == ri) } }
        }
        #expect(feasibleLeftOut > 0, "the instances should be too tight for two routes that keep every window")
    }

    @Test("Reinserting the late stops leaves every route on time and every stop served once, or it says it failed")
    func lateStopReinsertion() {
        var repaired = 0
        var failed = 0
        forEachTightInstance(UInt64(1)...40) { seed, p, e, c in
            // three one-stop routes; the penalised recreate puts every other stop in them, late where it must
            var (late, list) = oneStopRoutes(3, c)
            e.recreate(&late, &list, routeLimit: 0, warpCost: 1)
            guard e.score(late).warp > 0 else { return }
            let lateStops = Set(late.routes.flatMap { r in (0..<r.count).filter { r.cumWarp($0 + 1) > r.cumWarp($0) }.map { r.seq[$0] } })
            #expect(!lateStops.isEmpty)
            var s = late
            guard e.reinsertLateStops(&s) else {
                failed += 1
                return
            }
            repaired += 1
            #expect(s.routes.count <= 3)
            #expect(e.unassignedList(s).isEmpty, "seed \(seed)")
            #expect(s.routes.flatMap(\.seq).sorted() == Array(0..<c.n), "seed \(seed): every stop exactly once")
            for (ri, r) in s.routes.enumerated() {
                #expect(r.feasible && r.warp == 0 && simulatedWarp(p, r.seq) < 1e-9, "seed \(seed)")
                for u in r.seq { #expect(s.routeOf[u] == ri) }
            }
        }
        #expect(repaired > 0 && failed > 0, "both outcomes should occur: \(repaired) repaired, \(failed) failed")
    }

    @Test("A solution with time warp never beats one without; the annealing keeps the best within its windows", arguments: UInt64(1)...8)
    func bestKeepsWindows(seed: UInt64) throws {
        let p = RandomInstance(stops: 30, vehicles: 8, horizon: 320, capacity: 40).make(seed: seed)
        let (e, c) = makeEngine(p, seed: seed)
        #expect(e.squeezeApplies)
        let late = Score(mandatory: 0, penalty: 0, vehicles: 1, travel: 1, warp: 5, scalar: 1)
        let onTime = Score(mandatory: 0, penalty: 0, vehicles: 3, travel: 900, warp: 0, scalar: 900)
        #expect(e.better(onTime, late) && !e.better(late, onTime))
        #expect(c.n == 30)
        let s = try RoutingSolver.solve(p, options: SolverOptions(timeLimit: 20, maxIterations: 1500, seed: seed, timeWarpPenalty: 1))
        let check = IndependentChecker.check(p, s)
        #expect(check.ok, "\(check.violations)")
        let again = try RoutingSolver.solve(p, options: SolverOptions(timeLimit: 20, maxIterations: 1500, seed: seed, timeWarpPenalty: 1))
        #expect(again.routes.map(\.stops) == s.routes.map(\.stops), "same seed, same routes")
    }
}
