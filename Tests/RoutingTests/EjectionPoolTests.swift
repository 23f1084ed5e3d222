import Foundation
import Testing

@testable import Routing

/// A random problem without pairs (the ejection pool's domain), a greedy solution, and the engine.
private func randomSolution(seed: UInt64, stops: Int = 14, maxEjections: Int = 3) -> (RoutingProblem, Engine, Sol) {
    var gen = RandomInstance(stops: stops, vehicles: 4, dims: 2, multiWindows: seed % 2 == 0, horizon: 500, capacity: 25)
    gen.maxDuration = seed % 3 == 0 ? 300 : nil
    let p = gen.make(seed: seed)
    let e = Engine.forTesting(p, SolverOptions(timeLimit: 5, maxIterations: 400, seed: seed, maxEjections: maxEjections))
    var s = e.emptySolution()
    var list = e.active
    e.recreate(&s, &list)
    return (p, e, s)
}

/// Every subset of `items` with 1...k elements.
private func subsets(_ items: [Int], upTo k: Int) -> [[Int]] {
    var out: [[Int]] = []
    func extend(_ from: Int, _ current: [Int]) {
        if !current.isEmpty { out.append(current) }
        if current.count == k { return }
        for i in from..<items.count { extend(i + 1, current + [items[i]]) }
    }
    extend(0, [])
    return out
}

/// Load excess plus `alpha` × time warp (`simulatedWarp`) of a sequence on vehicle 0, by simulation.
private func brutePenalty(_ p: RoutingProblem, _ seq: [Int], alpha: Double) -> Double {
    let v = p.vehicles[0]
    var excess = 0.0
    for d in 0..<p.dimensions {
        let load = seq.reduce(0.0) { $0 + p.stops[$1].delivery[d] }
        excess += max(0, load - v.capacity[d])
    }
    return excess + alpha * simulatedWarp(p, seq)
}

@Suite("Route minimisation by ejection pool")
struct EjectionPoolTests {
    @Test("The ejection search finds the lightest set of at most k stops whose removal lets the stop in", arguments: UInt64(1)...24)
    func lightestEjection(seed: UInt64) {
        let (p, e, solution) = randomSolution(seed: seed)
        var rng = Xoshiro256(seed: seed &* 7)
        var weight = (0..<e.c.n).map { _ in 1 + rng.below(4) }
        var search = EjectionSearch(e.c, maxEjections: 3, nodeBudget: .max)
        var checked = 0
        for u in e.active where solution.routeOf[u] >= 0 {
            var s = solution
            let ri = s.routeOf[u]
            var mark = Array(repeating: false, count: e.c.n)
            mark[u] = true
            e.removeStops(&s, mark: mark, routes: [ri])
            weight[u] = 1 + rng.below(4)
            // brute force over every route, position and ejected set, judged by the independent checker
            var lightest = Int.max
            for (rj, r) in s.routes.enumerated() where e.canServe[r.vehicle * e.c.n + u] {
                for set in subsets(r.seq, upTo: 3) {
                    let sum = set.reduce(0) { $0 + weight[$1] }
                    if sum >= lightest { continue }
                    let rest = r.seq.filter { !set.contains($0) }
                    for a in 0...rest.count {
                        var seq = rest
                        seq.insert(u, at: a)
                        if bruteFeasible(p, s, replacing: [rj: seq]) {
                            lightest = sum
                            break
                        }
                    }
                }
            }
            let found = search.best(u, s, weight, e.canServe, &rng)
            if lightest == .max {
                #expect(found == nil, "seed \(seed), stop \(u)")
                continue
            }
            guard let (route, kept, ejected) = found else {
                Issue.record("seed \(seed), stop \(u): no ejection found, brute force found weight \(lightest)")
                continue
            }
            #expect(ejected.reduce(0) { $0 + weight[$1] } == lightest, "seed \(seed), stop \(u)")
            #expect(Set(kept + ejected) == Set(s.routes[route].seq + [u]) && !ejected.contains(u) && ejected.count <= 3)
            #expect(bruteFeasible(p, s, replacing: [route: kept]), "seed \(seed), stop \(u): \(kept)")
            checked += 1
        }
        #expect(checked > 0)
    }

    @Test("Route minimisation by ejection pool serves every stop on no more routes, each feasible", arguments: UInt64(1)...12)
    func minimisationKeepsEveryStop(seed: UInt64) {
        let (p, e, start) = randomSolution(seed: seed, stops: 30, maxEjections: 5)
        guard e.unassignedList(start).isEmpty else { return }
        var best = start
        var bestScore = e.score(best)
        e.ejectionPoolMinimisation(&best, &bestScore)
        #expect(best.routes.count <= start.routes.count)
        #expect(e.unassignedList(best).isEmpty)
        #expect(bruteFeasible(p, best, replacing: [:]), "seed \(seed)")
        for (ri, r) in best.routes.enumerated() { for u in r.seq { #expect(best.routeOf[u] == ri) } }
    }

    @Test("Random perturbation moves keep every route feasible and every stop in place, and do move stops")
    func perturbationStaysFeasible() {
        var moved = 0
        for seed in UInt64(1)...12 {
            let (p, e, start) = randomSolution(seed: seed, stops: 30)
            var s = start
            e.perturb(&s, moves: 2_000)
            #expect(bruteFeasible(p, s, replacing: [:]), "seed \(seed)")
            #expect(e.unassignedList(s).count == e.unassignedList(start).count)
            #expect(s.routes.map(\.seq).flatMap { $0 }.sorted() == start.routes.map(\.seq).flatMap { $0 }.sorted())
            for (ri, r) in s.routes.enumerated() { for u in r.seq { #expect(s.routeOf[u] == ri) } }
            if s.routes.map(\.seq) != start.routes.map(\.seq) { moved += 1 }
        }
        // on a tight instance no random move may be feasible; on most some are
        #expect(moved >= 9)
    }

    @Test("Squeeze: the penalty of every move between two routes, from segments, equals a simulation's", arguments: UInt64(1)...12)
    func penalisedMoves(seed: UInt64) {
        // tight capacity and windows, so that the moves' results are often late or overloaded
        let p = RandomInstance(stops: 16, vehicles: 3, dims: 2, horizon: 420, capacity: 30).make(seed: seed)
        let c = Compiled(p)
        var rng = Xoshiro256(seed: seed)
        var stops = Array(0..<c.n)
        stops.shuffle(using: &rng)
        let a = PenalisedRoute(Array(stops[0..<7]), 0, c)
        let b = PenalisedRoute(Array(stops[7...]), 1, c)
        #expect(abs(a.penalty(alpha: 1.5, c) - brutePenalty(p, a.seq, alpha: 1.5)) < 1e-6)
        var late = 0
        for i in a.seq.indices {
            for j in b.seq.indices {
                for kind in 0..<PenalisedRoute.moveKinds {
                    let (ca, cb) = PenalisedRoute.move(kind, i, a.seq[i], j, b.seq[j])
                    let sa = PenalisedRoute.sequence(a, b, ca)
                    let sb = PenalisedRoute.sequence(b, a, cb)
                    #expect(Set(sa + sb) == Set(a.seq + b.seq) && sa.count + sb.count == c.n)
                    let pa = PenalisedRoute.penalty(a, b, ca, alpha: 1.5, c)
                    #expect(abs(pa - brutePenalty(p, sa, alpha: 1.5)) < 1e-6, "seed \(seed): \(sa)")
                    #expect(abs(PenalisedRoute.penalty(b, a, cb, alpha: 1.5, c) - brutePenalty(p, sb, alpha: 1.5)) < 1e-6)
                    if pa > 0 { late += 1 }
                }
            }
        }
        #expect(late > 0)
        for u in a.seq.prefix(3) {
            let rest = PenalisedRoute(b.seq, 1, c)
            for k in 0...rest.seq.count {
                var seq = rest.seq
                seq.insert(u, at: k)
                #expect(abs(rest.penaltyInserting(u, at: k, alpha: 0.7, c) - brutePenalty(p, seq, alpha: 0.7)) < 1e-6)
            }
        }
    }

    @Test("Squeeze leaves the solution feasible with the stop served, or unchanged")
    func squeezeIsFeasibleOrNothing() {
        var squeezed = 0
        for seed in UInt64(1)...16 {
            let (p, e, start) = randomSolution(seed: seed * 6 + 1, stops: 30)
            #expect(e.squeezeApplies)
            guard start.routes.count > 1 else { continue }
            var s = start
            var mark = Array(repeating: false, count: e.c.n)
            let pool = s.routes[0].seq
            for u in pool { mark[u] = true }
            e.removeStops(&s, mark: mark, routes: [0])
            var alpha = 1.0
            for u in pool where s.routeOf[u] == -1 {
                let before = s
                if e.insertCheapest(u, &s) { continue }
                if e.squeeze(u, &s, alpha: &alpha) {
                    squeezed += 1
                    #expect(s.routeOf[u] >= 0)
                    #expect(bruteFeasible(p, s, replacing: [:]), "seed \(seed)")
                    for (ri, r) in s.routes.enumerated() { for x in r.seq { #expect(s.routeOf[x] == ri) } }
                } else {
                    #expect(s.routes.map(\.seq) == before.routes.map(\.seq))
                }
            }
        }
        #expect(squeezed > 0)
    }
}
