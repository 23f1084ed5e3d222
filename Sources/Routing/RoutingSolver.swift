import Foundation

/// Entry point: solves a ``RoutingProblem`` within a time budget.
///
/// Ruin-and-recreate (SISR string removals, greedy insertion with blinks, simulated annealing) after a
/// route-minimisation phase (SISR's, then an ejection pool with squeeze where there are no pickup–delivery pairs),
/// with a granular local search on promising solutions; O(1) insertion checks from forward
/// departure times, backward latest arrivals and load prefix/suffix maxima. Stops that cannot be served even alone are reported with a reason and never crash the solver.
public enum RoutingSolver {
    public static func solve(_ problem: RoutingProblem, options: SolverOptions = SolverOptions()) throws(RoutingInputError)
        -> RoutingSolution
    {
        try problem.validate()
        let clock = ContinuousClock.now
        let c = Compiled(problem)
        let (canServe, reasons) = screen(c)
        let excluded = reasons.map { $0 != nil }
        let adj = neighbours(c, excluded: excluded)
        let threads = max(1, options.threads)
        let box = ResultBox(count: threads)
        let run: @Sendable (Int) -> Void = { i in
            let e = Engine(
                c, options: options, seed: options.seed &+ UInt64(i), canServe: canServe, excluded: excluded, adj: adj, clockStart: clock)
            let sol = e.run()
            box.set(i, (sol, e.score(sol), e.iterations))
        }
        if threads == 1 {
            run(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: threads, execute: run)
        }
        let judge = Engine(c, options: options, seed: 0, canServe: canServe, excluded: excluded, adj: adj)
        var bestIndex = 0
        var totalIterations = 0
        let results = box.all()
        for i in 0..<threads {
            totalIterations += results[i].2
            if i > 0, judge.better(results[i].1, results[bestIndex].1) { bestIndex = i }
        }
        let best = results[bestIndex].0
        let d = ContinuousClock.now - clock
        let seconds = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        return report(problem, c, best, judge.score(best), reasons, iterations: totalIterations, seconds: seconds)
    }

    /// Per vehicle and stop: can the vehicle serve the stop (with its partner) on a route of its own?
    /// Stops no vehicle can serve get a reason.
    static func screen(_ c: Compiled) -> ([Bool], [UnservedReason?]) {
        var can = Array(repeating: false, count: c.nVeh * c.n)
        var reasons = [UnservedReason?](repeating: nil, count: c.n)
        for u in 0..<c.n {
            let partner = c.partner[u]
            let seq = partner < 0 ? [u] : (c.isPairPickup[u] ? [u, partner] : [partner, u])
            var skill = false
            var cap = false
            var durationOnly = false
            var any = false
            for v in 0..<c.nVeh {
                guard seq.allSatisfy({ c.skillOK(v, $0) }) else { continue }
                skill = true
                var r = Route(vehicle: v)
                r.seq = seq
                r.recompute(c)
                var capOK = true
                for k in 0...seq.count {
                    for d in 0..<c.dims where r.load(k * c.dims + d) > c.vCap[v * c.dims + d] + Compiled.eps { capOK = false }
                }
                guard capOK else { continue }
                cap = true
                if r.feasible {
                    can[v * c.n + u] = true
                    any = true
                } else {
                    // feasible if the duration limit is ignored?
                    var ok = true
                    var t = c.vShiftA[v]
                    var prev = c.vStart[v]
                    for w in seq {
                        let s = c.start(w, t + c.t(prev, c.loc[w]))
                        if s == .infinity {
                            ok = false
                            break
                        }
                        t = s + c.service[w]
                        prev = c.loc[w]
                    }
                    if ok && t + c.t(prev, c.vEnd[v]) <= c.vShiftB[v] + Compiled.eps { durationOnly = true }
                }
            }
            if !any {
                reasons[u] = c.nVeh == 0 ? .fleetExhausted : !skill ? .missingSkill : (!cap ? .exceedsCapacity : (durationOnly ? .exceedsMaxDuration : .timeWindowUnreachable))
            }
        }
        // a pair is out if either half is out
        for u in 0..<c.n where c.partner[u] >= 0 && reasons[u] != nil && reasons[c.partner[u]] == nil {
            reasons[c.partner[u]] = .pairInfeasible
            for v in 0..<c.nVeh { can[v * c.n + c.partner[u]] = false }
        }
        return (can, reasons)
    }

    /// For each stop, the other stops ordered by a time-window-aware proximity (Vidal et al. 2013 correlation).
    static func neighbours(_ c: Compiled, excluded: [Bool], limit: Int = 100) -> [[Int]] {
        var out = [[Int]](repeating: [], count: c.n)
        let candidates = (0..<c.n).filter { !excluded[$0] }
        for u in candidates {
            let lu = c.loc[u]
            let eu = c.twA[c.twOff[u]]
            let lateU = c.twB[c.twOff[u + 1] - 1]
            var scored: [(Double, Int)] = []
            scored.reserveCapacity(candidates.count)
            for w in candidates where w != u {
                let lw = c.loc[w]
                let ew = c.twA[c.twOff[w]]
                let lateW = c.twB[c.twOff[w + 1] - 1]
                let tuw = c.t(lu, lw)
                let wait = max(0, ew - tuw - c.service[u] - lateU)
                let warp = max(0, eu + c.service[u] + tuw - lateW)
                scored.append((c.c(lu, lw) + 0.2 * wait + 1.0 * warp, w))
            }
            scored.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
            out[u] = scored.prefix(limit).map(\.1)
        }
        return out
    }

    static func report(
        _ problem: RoutingProblem, _ c: Compiled, _ s: Sol, _ sc: Score, _ reasons: [UnservedReason?], iterations: Int, seconds: Double
    ) -> RoutingSolution {
        var routes: [PlannedRoute] = []
        var totalTime = 0.0
        var totalDist = 0.0
        for r in s.routes where !r.seq.isEmpty {
            let v = r.vehicle
            var visits: [Visit] = []
            var t = c.vShiftA[v]
            var prev = c.vStart[v]
            var tt = 0.0
            var dd = 0.0
            var firstStart = t
            for (k, u) in r.seq.enumerated() {
                let l = c.loc[u]
                let arr = t + c.t(prev, l)
                let st = c.start(u, arr)
                if k == 0 { firstStart = st - c.t(prev, l) }
                tt += c.t(prev, l)
                dd += c.dist[prev * c.nLoc + l]
                t = st + c.service[u]
                visits.append(Visit(stop: u, arrival: arr, start: st, departure: t, load: ((k + 1) * c.dims..<(k + 2) * c.dims).map { r.load($0) }))
                prev = l
            }
            let endL = c.vEnd[v]
            tt += c.t(prev, endL)
            dd += c.dist[prev * c.nLoc + endL]
            let arrival = t + c.t(prev, endL)
            let departure = max(c.vShiftA[v], firstStart)
            // re-time arrivals if departure is delayed
            if !visits.isEmpty { visits[0].arrival = departure + c.t(c.vStart[v], c.loc[r.seq[0]]) }
            totalTime += tt
            totalDist += dd
            routes.append(
                PlannedRoute(
                    vehicle: v, visits: visits, departure: departure, arrival: arrival, travelTime: tt, distance: dd,
                    duration: arrival - departure))
        }
        var unserved: [UnservedStop] = []
        for u in 0..<c.n {
            if let r = reasons[u] {
                unserved.append(UnservedStop(stop: u, reason: r))
            } else if s.routeOf[u] < 0 {
                let reason: UnservedReason = c.objective.mode == .weighted && !c.mandatory[u] ? .notWorthServing : .fleetExhausted
                unserved.append(UnservedStop(stop: u, reason: reason))
            }
        }
        var pen = 0.0
        var mand = 0
        for x in unserved { if c.mandatory[x.stop] { mand += 1 } else { pen += c.penalty[x.stop] } }
        return RoutingSolution(
            routes: routes, unserved: unserved, vehiclesUsed: routes.count, travelTime: totalTime, distance: totalDist,
            unservedPenalty: pen, unservedMandatory: mand, travelCost: sc.travel, iterations: iterations, seconds: seconds)
    }
}

/// One result slot per thread. Each iteration of `concurrentPerform` writes only its own slot and the slots are read
/// after it returns, so no two threads ever touch the same memory and no lock is needed.
final class ResultBox: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<(Sol, Score, Int)?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        _ = slots.deinitialize()
        slots.deallocate()
    }

    func set(_ i: Int, _ v: (Sol, Score, Int)) { slots[i] = v }
    func all() -> [(Sol, Score, Int)] { slots.map { $0! } }
}
