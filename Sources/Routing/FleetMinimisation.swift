import Foundation

extension Engine {
    /// Share of the budget after which route minimisation gives up on a removal that no longer makes progress.
    var routeMinimisationStall: Double { max(o.fleetMinimisationStall, o.fleetMinimisationMinStallSeconds / max(o.timeLimit, 1e-9)) }
    /// The stall of a removal that still leaves more than `nearlyPlacedStops` out: its seconds per 100 stops, as an
    /// iteration takes longer on larger problems.
    var routeMinimisationFarStall: Double {
        guard o.fleetMinimisationFarStallSeconds > 0, !hasPairs else { return routeMinimisationStall }
        let seconds = o.fleetMinimisationFarStallSeconds * max(1, Double(active.count) / 100)
        return min(routeMinimisationStall, seconds / max(o.timeLimit, 1e-9))
    }

    /// A lower bound on the vehicles needed: total load over the largest capacity, per dimension.
    func vehicleLowerBound() -> Int {
        var lb = 1
        for d in 0..<c.dims {
            var cap = 0.0
            for v in 0..<c.nVeh { cap = max(cap, c.vCap[v * c.dims + d]) }
            var tot = 0.0
            for u in active where c.mandatory[u] { tot += c.dl[u * c.dims + d] + max(0, c.pu[u * c.dims + d]) }
            if cap > 0 { lb = max(lb, Int((tot / cap - 1e-9).rounded(.up))) }
        }
        return lb
    }

    /// Removes whole routes and reinserts their stops, ranking partial solutions by how few stops are left out and
    /// how rarely those were left out before (SISR fleet minimisation with absence counters). The fleet stays at the
    /// size it had after the last removal: a route a ruin empties may be opened again. Without that the search dives:
    /// swapping one long-absent stop for several fresh ones lowers the absence sum, emptied routes vanish, and it ends
    /// far below any feasible count (R104, the stage alone for 4.5 s: 6 routes and 34 stops out, the best at 16 routes).
    /// Returns whether it ended on a removal that stalled with more than `nearlyPlacedStops` out.
    @discardableResult
    func fleetMinimisation(_ best: inout Sol, _ bestScore: inout Score) -> Bool {
        let lb = vehicleLowerBound()
        var absence = Array(repeating: 0, count: c.n)
        var cur = best
        var curOut = unassignedList(cur)
        func absSum(_ l: [Int]) -> Int { l.reduce(0) { $0 + absence[$1] } }
        var lastSuccess = progress()
        var fewestOut = Int.max
        var fleet = cur.routes.count
        var gaveUpFar = false
        let nearStall = max(routeMinimisationStall, o.fleetMinimisationNearStall)
        let farStall = routeMinimisationFarStall
        while true {
            let p = progress()
            let near = fewestOut <= o.nearlyPlacedStops
            if p >= o.fleetMinimisationShare || outOfTime { break }
            if p - lastSuccess > (near ? nearStall : farStall) {
                gaveUpFar = !near
                break
            }
            if cur.routes.count <= lb && curOut.isEmpty { break }
            let sc = score(cur)
            if curOut.isEmpty || (sc.mandatory == bestScore.mandatory && sc.penalty <= bestScore.penalty + 1e-9) {
                if better(sc, bestScore) {
                    best = cur
                    bestScore = sc
                }
                if cur.routes.count <= lb { break }
                lastSuccess = p
                fewestOut = Int.max
                if trace { FileHandle.standardError.write("fm: t=\(elapsed) veh=\(cur.routes.count) it=\(iterations)\n".data(using: .utf8)!) }
                // drop a route: the smaller of two random ones
                var ri = rng.below(cur.routes.count)
                for _ in 1..<max(1, o.routeRemovalTournament) {
                    let r2 = rng.below(cur.routes.count)
                    if cur.routes[r2].count < cur.routes[ri].count { ri = r2 }
                }
                var mark = Array(repeating: false, count: c.n)
                for u in cur.routes[ri].seq { mark[u] = true }
                removeStops(&cur, mark: mark, routes: [ri])
                curOut = unassignedList(cur)
                fleet = cur.routes.count
            }
            var cand = cur
            // make room near a stop that is left out, or anywhere
            let hint = o.ruinNearOutRate > 0 && !curOut.isEmpty && rng.unit() < o.ruinNearOutRate ? curOut[rng.below(curOut.count)] : nil
            _ = ruin(&cand, around: hint)
            var list = unassignedList(cand)
            recreate(&cand, &list, routeLimit: fleet, priority: absence)
            iterations += 1
            for u in curOut { absence[u] += 1 }
            let candOut = unassignedList(cand)
            if candOut.count < curOut.count || absSum(candOut) < absSum(curOut) {
                cur = cand
                curOut = candOut
                if curOut.count < fewestOut {
                    if trace { FileHandle.standardError.write("fm out=\(curOut.count) \(curOut) routes=\(cur.routes.count) it=\(iterations) t=\(elapsed)\n".data(using: .utf8)!) }
                    fewestOut = curOut.count
                    lastSuccess = progress()
                }
            }
        }
        let sc = score(cur)
        if better(sc, bestScore) {
            best = cur
            bestScore = sc
        }
        return gaveUpFar
    }
}
