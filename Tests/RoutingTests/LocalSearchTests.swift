import Foundation
import Testing

@testable import Routing

/// A random start for the operator tests: vehicles with different capacities and shifts (so that moving stops between
/// routes changes the bounds), several windows, two capacity dimensions, pairs on odd seeds, duration limits on every
/// third seed, and a solution built by greedy insertion.
private func randomStart(seed: UInt64, stops: Int = 16, vehicles: Int = 4, averageRemoved: Double = 10) -> (RoutingProblem, Engine, Compiled, Sol) {
    var gen = RandomInstance(
        stops: stops, vehicles: vehicles, dims: 2, pairs: seed % 2 == 1 ? stops / 5 : 0, multiWindows: true, horizon: 600, capacity: 30)
    gen.maxDuration = seed % 3 == 0 ? 330 : nil
    var p = gen.make(seed: seed)
    for k in p.vehicles.indices {
        p.vehicles[k].capacity[0] *= 1 + 0.25 * Double(k % 2)
        p.vehicles[k].shift.end -= 40 * Double(k % 3)
    }
    let e = Engine.forTesting(p, SolverOptions(timeLimit: 5, maxIterations: 200, seed: seed, averageRemoved: averageRemoved))
    var s = e.emptySolution()
    var list = e.active
    e.recreate(&s, &list)
    return (p, e, e.c, s)
}

/// Brute force: the independent checker on every route of the solution with some sequences replaced (stops left out
/// of the solution are not an error here; split or reversed pairs are).
func bruteFeasible(_ p: RoutingProblem, _ s: Sol, replacing changes: [Int: [Int]]) -> Bool {
    let routes = s.routes.enumerated().map { ri, r in
        PlannedRoute(
            vehicle: r.vehicle, visits: (changes[ri] ?? r.seq).map { Visit(stop: $0, arrival: 0, start: 0, departure: 0, load: []) },
            departure: 0, arrival: 0, travelTime: 0, distance: 0, duration: 0)
    }.filter { !$0.visits.isEmpty }
    let solution = RoutingSolution(
        routes: routes, unserved: [], vehiclesUsed: routes.count, travelTime: 0, distance: 0, unservedPenalty: 0, unservedMandatory: 0,
        travelCost: 0, iterations: 0, seconds: 0)
    return !IndependentChecker.check(p, solution).violations.contains { !$0.hasPrefix("stop ") && !$0.hasPrefix("reported") }
}

/// Travel cost of a sequence driven by vehicle `v`, arc by arc.
private func bruteCost(_ p: RoutingProblem, _ seq: [Int], vehicle v: Int) -> Double {
    var prev = p.vehicles[v].startLocation
    var total = 0.0
    for u in seq {
        total += p.matrix.duration(prev, p.stops[u].location)
        prev = p.stops[u].location
    }
    return total + p.matrix.duration(prev, p.vehicles[v].endLocation)
}

/// Whether no operator of the descent finds an improving move in `s`, every stop and neighbour and every pair of routes
/// tried (on a copy), without the descent's bookkeeping of what changed.
private func noMoveImproves(_ e: Engine, _ s: Sol) -> Bool {
    var copy = s
    var pos = Array(repeating: 0, count: e.c.n)
    for r in copy.routes { for (p, u) in r.seq.enumerated() { pos[u] = p + 1 } }
    for u in e.active where copy.routeOf[u] >= 0 {
        for w in e.adj[u].prefix(e.o.localSearchNeighbours) where copy.routeOf[w] >= 0 {
            if copy.routeOf[u] != copy.routeOf[w] {
                if e.tryExchanges(u, w, &copy, &pos) || e.tryTwoOptStar(u, w, &copy, &pos) { return false }
            } else if e.tryIntraRoute(u, w, &copy, &pos) {
                return false
            }
        }
        if e.c.isPairPickup[u] && e.tryPairRelocation(u, &copy, &pos) != nil { return false }
    }
    for a in copy.routes.indices {
        for b in copy.routes.indices where a < b && e.trySwapStar(a, b, &copy, &pos) { return false }
    }
    return true
}

@Suite("Local search operators against brute force")
struct LocalSearchTests {
    @Test("Relocate, or-opt, swap and cross-exchange between routes: delta and feasibility of every move", arguments: UInt64(1)...24)
    func exchangesBetweenRoutes(seed: UInt64) {
        let (p, e, _, s) = randomStart(seed: seed)
        var moves = 0
        for ra in s.routes.indices {
            for rb in s.routes.indices where rb != ra {
                let A = s.routes[ra]
                let B = s.routes[rb]
                for fromA in 1...A.count {
                    for countA in 1...min(3, A.count - fromA + 1) {
                        for fromB in 1...(B.count + 1) {
                            for countB in 0...min(3, B.count - fromB + 1) {
                                let a = Engine.Run(from: fromA, count: countA)
                                let b = Engine.Run(from: fromB, count: countB)
                                let newA = e.replaced(A.seq, a, by: B.seq, b)
                                let newB = e.replaced(B.seq, b, by: A.seq, a)
                                let brute = bruteFeasible(p, s, replacing: [ra: newA, rb: newB])
                                let delta = bruteCost(p, newA, vehicle: A.vehicle) + bruteCost(p, newB, vehicle: B.vehicle)
                                    - bruteCost(p, A.seq, vehicle: A.vehicle) - bruteCost(p, B.seq, vehicle: B.vehicle)
                                #expect(abs(e.exchangeDelta(A, a, B, b) - delta) < 1e-6, "seed \(seed) \(a) \(b)")
                                #expect(e.exchangeFeasible(A, a, B, b) == brute, "seed \(seed) routes \(ra),\(rb) runs \(a) \(b)")
                                moves += 1
                            }
                        }
                    }
                }
            }
        }
        #expect(moves > 0)
    }

    @Test("Relocating runs of 1–3 and swapping inside a route: delta and feasibility of every move", arguments: UInt64(1)...24)
    func movesInsideRoutes(seed: UInt64) {
        let (p, e, _, s) = randomStart(seed: seed)
        for (ri, r) in s.routes.enumerated() {
            let m = r.count
            let old = bruteCost(p, r.seq, vehicle: r.vehicle)
            for from in 1...m {
                for count in 1...min(3, m - from + 1) {
                    let run = Engine.Run(from: from, count: count)
                    for q in 0...m where q < run.before || q >= run.after {
                        let newSeq = e.intraRelocated(r.seq, run, after: q)
                        #expect(abs(e.intraRelocateDelta(r, run, after: q) - (bruteCost(p, newSeq, vehicle: r.vehicle) - old)) < 1e-6)
                        let fast = e.windowFeasible(r, newSeq, first: min(run.from, q + 1), last: max(run.after - 1, q))
                        #expect(fast == bruteFeasible(p, s, replacing: [ri: newSeq]), "seed \(seed) route \(ri) run \(run) after \(q)")
                    }
                }
            }
            for x in 1...m {
                for y in (x + 1)...max(x + 1, m) where y <= m {
                    var newSeq = r.seq
                    newSeq.swapAt(x - 1, y - 1)
                    #expect(abs(e.intraSwapDelta(r, x, y) - (bruteCost(p, newSeq, vehicle: r.vehicle) - old)) < 1e-6)
                    #expect(e.windowFeasible(r, newSeq, first: x, last: y) == bruteFeasible(p, s, replacing: [ri: newSeq]), "seed \(seed) swap \(x) \(y)")
                }
            }
        }
    }

    @Test("SWAP*: each candidate's delta is exact and equals the best over every pair of positions", arguments: UInt64(1)...24)
    func swapStar(seed: UInt64) {
        let (p, e, c, s) = randomStart(seed: seed)
        for ra in s.routes.indices {
            for rb in s.routes.indices where rb != ra {
                let A = s.routes[ra]
                let B = s.routes[rb]
                let old = bruteCost(p, A.seq, vehicle: A.vehicle) + bruteCost(p, B.seq, vehicle: B.vehicle)
                for pu in 1...A.count where c.partner[A.seq[pu - 1]] < 0 {
                    for pv in 1...B.count where c.partner[B.seq[pv - 1]] < 0 {
                        let u = A.seq[pu - 1]
                        let v = B.seq[pv - 1]
                        let (delta, newA, newB) = e.swapStarCandidate(A, pu, e.threeBestGaps(u, B), B, pv, e.threeBestGaps(v, A))
                        #expect(abs(delta - (bruteCost(p, newA, vehicle: A.vehicle) + bruteCost(p, newB, vehicle: B.vehicle) - old)) < 1e-6)
                        #expect(newA.contains(v) && !newA.contains(u) && newB.contains(u) && !newB.contains(v))
                        var restA = A.seq
                        restA.remove(at: pu - 1)
                        var restB = B.seq
                        restB.remove(at: pv - 1)
                        var bestA = Double.infinity
                        var bestB = Double.infinity
                        for g in 0...restA.count {
                            var t = restA
                            t.insert(v, at: g)
                            bestA = min(bestA, bruteCost(p, t, vehicle: A.vehicle))
                        }
                        for g in 0...restB.count {
                            var t = restB
                            t.insert(u, at: g)
                            bestB = min(bestB, bruteCost(p, t, vehicle: B.vehicle))
                        }
                        #expect(abs(delta - (bestA + bestB - old)) < 1e-6, "seed \(seed) u \(u) v \(v)")
                        #expect(e.sequenceFeasible(newA, vehicle: A.vehicle) == bruteFeasible(p, s, replacing: [ra: newA]))
                    }
                }
            }
        }
    }

    @Test("The descent keeps every route feasible and pairs together, never raises the cost, and ends in a local optimum", arguments: UInt64(1)...24)
    func descent(seed: UInt64) {
        var (p, e, c, s) = randomStart(seed: seed)
        for _ in 0..<10 {
            let before = e.score(s)
            _ = e.ruin(&s)
            var list = e.unassignedList(s)
            e.recreate(&s, &list)
            let mid = e.score(s)
            e.localSearch(&s)
            let after = e.score(s)
            #expect(after.mandatory <= mid.mandatory && after.vehicles <= mid.vehicles)
            #expect(after.travel <= mid.travel + 1e-9)
            #expect(bruteFeasible(p, s, replacing: [:]), "seed \(seed)")
            for (ri, r) in s.routes.enumerated() {
                #expect(!r.seq.isEmpty)
                for u in r.seq { #expect(s.routeOf[u] == ri) }
            }
            for u in 0..<c.n where c.partner[u] >= 0 { #expect(s.routeOf[u] == s.routeOf[c.partner[u]]) }
            _ = before
            // no improving feasible relocation of a single stop to a gap next to one of its granular neighbours is left
            for u in e.active where s.routeOf[u] >= 0 && c.partner[u] < 0 {
                for w in e.adj[u].prefix(e.o.localSearchNeighbours) where s.routeOf[w] >= 0 && s.routeOf[w] != s.routeOf[u] {
                    let A = s.routes[s.routeOf[u]]
                    let B = s.routes[s.routeOf[w]]
                    let a = Engine.Run(from: A.seq.firstIndex(of: u)! + 1, count: 1)
                    let b = Engine.Run(from: B.seq.firstIndex(of: w)! + 2, count: 0)
                    #expect(!(e.exchangeDelta(A, a, B, b) < -1e-9 && e.exchangeFeasible(A, a, B, b)), "seed \(seed)")
                }
            }
        }
    }

    @Test(
        "A descent that skips moves between routes settled by the previous descent ends where one without settled routes ends, with no improving move left",
        arguments: UInt64(1)...24)
    func settledRoutesAreSkippedExactly(seed: UInt64) {
        var (_, e, _, s) = randomStart(seed: seed, stops: 40, vehicles: 8, averageRemoved: 3)
        e.localSearch(&s)
        var settledSeen = 0
        for round in 0..<12 {
            _ = e.ruin(&s)
            var list = e.unassignedList(s)
            e.recreate(&s, &list)
            settledSeen += s.routes.filter { e.settledRoutes.contains($0.signature) }.count
            let (rng, settled) = (e.rng, e.settledRoutes)
            var full = s
            e.settledRoutes = []
            e.localSearch(&full)
            e.rng = rng
            e.settledRoutes = settled
            e.localSearch(&s)
            #expect(noMoveImproves(e, s), "seed \(seed), round \(round)")
            #expect(s.routes.map(\.seq) == full.routes.map(\.seq), "seed \(seed), round \(round)")
            #expect(s.routeOf == full.routeOf)
            #expect(e.settledRoutes == Set(s.routes.map(\.signature)))
        }
        #expect(settledSeen > 0, "no route was left settled by the ruins of seed \(seed)")
    }
}
