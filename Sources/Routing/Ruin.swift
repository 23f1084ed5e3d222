import Foundation

extension Engine {
    /// SISR string removal around a random seed stop. Returns the removed stops. `keepingLate` as in `removeStops`.
    func ruin(_ s: inout Sol, around hint: Int? = nil, keepingLate: Bool = false) -> [Int] {
        var rng = self.rng
        defer { self.rng = rng }
        var assigned = 0
        for u in active where s.routeOf[u] >= 0 { assigned += 1 }
        if assigned == 0 || s.routes.isEmpty { return [] }
        let avgCard = max(1.0, Double(assigned) / Double(s.routes.count))
        let lsMax = min(o.maxStringLength, avgCard)
        let ksMax = 4 * o.averageRemoved / (1 + lsMax) - 1
        let ks = Int(rng.unit() * max(ksMax, 0)) + 1
        var seed = hint ?? active[rng.below(active.count)]
        var tries = 0
        while hint == nil && s.routeOf[seed] < 0 && tries < 100 {
            seed = active[rng.below(active.count)]
            tries += 1
        }
        if hint == nil && s.routeOf[seed] < 0 { return [] }
        var ruined: [Int] = []
        var removed: [Int] = []
        var mark = Array(repeating: false, count: c.n)
        func consider(_ cust: Int) {
            let ri = s.routeOf[cust]
            if ri < 0 || mark[cust] || ruined.contains(ri) { return }
            let seq = s.routes[ri].seq
            let len = seq.count
            let ltMax = min(Double(len), lsMax)
            let lt = Int(rng.unit() * ltMax) + 1
            guard let pos = seq.firstIndex(of: cust) else { return }
            if lt >= len || rng.unit() < 0.5 {
                // string of length lt containing pos
                let lo = max(0, pos - lt + 1)
                let hi = min(pos, len - lt)
                let st = lo + rng.below(hi - lo + 1)
                for i in st..<(st + lt) where !mark[seq[i]] {
                    mark[seq[i]] = true
                    removed.append(seq[i])
                }
            } else {
                // split string: lt + keep stops, of which a run of `keep` is preserved
                var keep = 1
                while lt + keep < len && rng.unit() < 0.5 { keep += 1 }
                let total = lt + keep
                let lo = max(0, pos - total + 1)
                let hi = min(pos, len - total)
                let st = lo + rng.below(hi - lo + 1)
                let keepStart = st + rng.below(lt + 1)
                for i in st..<(st + total) where i < keepStart || i >= keepStart + keep {
                    if !mark[seq[i]] {
                        mark[seq[i]] = true
                        removed.append(seq[i])
                    }
                }
            }
            ruined.append(ri)
        }
        consider(seed)
        for cust in adj[seed] {
            if ruined.count >= ks { break }
            consider(cust)
        }
        // partners go with their pair
        for u in removed where c.partner[u] >= 0 && !mark[c.partner[u]] {
            mark[c.partner[u]] = true
            removed.append(c.partner[u])
        }
        removeStops(&s, mark: mark, routes: Set(removed.map { s.routeOf[$0] }), keepingLate: keepingLate)
        return removed
    }

    /// Removes the marked stops from the given routes, drops empty routes and re-indexes. A route the removal leaves
    /// infeasible is emptied too, unless `keepingLate` (the penalised annealing, whose routes may be late).
    func removeStops(_ s: inout Sol, mark: [Bool], routes: Set<Int>, keepingLate: Bool = false) {
        var mark = mark
        for ri in routes {
            s.routes[ri].seq.removeAll { mark[$0] }
            if !s.routes[ri].seq.isEmpty {
                s.routes[ri].recompute(c)
                // Removing a stop can lengthen a route under a duration limit (the departure may move earlier), or
                // break it when travel times violate the triangle inequality: then the whole route is unassigned.
                if !s.routes[ri].feasible && !keepingLate {
                    for u in s.routes[ri].seq { mark[u] = true }
                    s.routes[ri].seq.removeAll()
                }
            }
        }
        for u in 0..<c.n where mark[u] { s.routeOf[u] = -1 }
        s.dropEmptyRoutes()
    }

    func unassignedList(_ s: Sol) -> [Int] { active.filter { s.routeOf[$0] == -1 } }
}
