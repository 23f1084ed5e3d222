/// Repair of a late candidate in the penalised annealing (`SolverOptions.lateStopReinsertion`).
extension Engine {
    /// Takes the late stops out of `s` (again while removing them makes later stops late) and puts them back within
    /// their windows without opening routes. Returns whether every one of them found a place; `s` may then be left with
    /// stops unassigned, so callers repair a copy.
    func reinsertLateStops(_ s: inout Sol) -> Bool {
        var removed: [Int] = []
        while true {
            var mark = Array(repeating: false, count: c.n)
            var routes = Set<Int>()
            for (ri, r) in s.routes.enumerated() where r.warp > Compiled.eps {
                for k in 0..<r.count where r.cumWarp(k + 1) > r.cumWarp(k) + Compiled.eps {
                    mark[r.seq[k]] = true
                    routes.insert(ri)
                }
            }
            if routes.isEmpty { break }
            for u in 0..<c.n where mark[u] { removed.append(u) }
            removeStops(&s, mark: mark, routes: routes, keepingLate: true)
        }
        // no stop is late, but a route may still come back after its shift
        if s.routes.contains(where: { $0.warp > Compiled.eps }) { return false }
        var list = removed
        recreate(&s, &list, routeLimit: 0)
        return removed.allSatisfy { s.routeOf[$0] >= 0 }
    }
}
