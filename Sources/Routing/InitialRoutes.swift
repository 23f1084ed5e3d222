import Foundation

extension Engine {
    /// Starts the search from `RoutingProblem.initialRoutes` (the plan being re-planned). Each route keeps, in the given
    /// order, the stops its vehicle can serve, as long as the route stays feasible; a pickup–delivery pair stays only
    /// whole, pickup first. Whatever does not fit is left for the recreate, like a new stop.
    func placeInitialRoutes(_ s: inout Sol) {
        for given in c.initialRoutes where !s.used[given.vehicle] {
            let v = given.vehicle
            var listedAt: [Int: Int] = [:]
            for (k, u) in given.stops.enumerated() { listedAt[u] = k }
            var order: [Int] = []
            var taken = Set<Int>()
            for (k, u) in given.stops.enumerated() where s.routeOf[u] == -1 && canServe[v * c.n + u] {
                let partner = c.partner[u]
                if partner >= 0 {
                    let whole = c.isPairPickup[u]
                        ? (listedAt[partner].map { $0 > k } ?? false) && s.routeOf[partner] == -1 && canServe[v * c.n + partner]
                        : taken.contains(partner)
                    guard whole else { continue }
                }
                order.append(u)
                taken.insert(u)
            }
            guard !order.isEmpty else { continue }
            var r = Route(vehicle: v)
            r.seq = order
            r.recompute(c)
            if !r.feasible { rebuildKeepingWhatFits(&r, order) }
            guard !r.seq.isEmpty, r.feasible else { continue }
            s.used[v] = true
            s.routes.append(r)
            for u in r.seq { s.routeOf[u] = s.routes.count - 1 }
        }
    }

    /// A re-plan's stops that the given routes do not hold (new requests, or stops a route could not keep) go into those
    /// routes by the ejection pool before the recreate may open a route for them. A route opened for them has to be
    /// removed again by route minimisation, which rebuilds much of the plan: at 1 s a re-plan of R109 came out 11%
    /// longer than the plan it replaced. The share is split into `newStopsAttempts` attempts, each from the given routes
    /// with the stops in a new order (the weights carry over): an attempt either places them within a few dozen steps or
    /// wanders, and a fresh order mostly succeeds at once (session 24). If no attempt places them all, the start is left
    /// as it was.
    func fitNewStops(_ s: inout Sol) {
        guard ejectionPoolApplies, c.objective.mode == .lexicographic, !s.routes.isEmpty, o.newStopsShare > 0 else { return }
        let new = unassignedList(s)
        guard !new.isEmpty else { return }
        var state = PoolState(self)
        let stall = routeMinimisationStall
        let end = progress() + o.newStopsShare
        let attempts = max(1, o.newStopsAttempts)
        for attempt in 1...attempts {
            var trial = s
            var pool = new
            pool.shuffle(using: &rng)
            let steps = drain(&pool, into: &trial, &state, until: min(end, progress() + o.newStopsShare / Double(attempts)), stall: stall, farStall: stall)
            if trace { FileHandle.standardError.write("new stops: attempt \(attempt) t=\(elapsed) left=\(pool.count) steps=\(steps)\n".data(using: .utf8)!) }
            if pool.isEmpty {
                s = trial
                return
            }
            if progress() >= end || outOfTime { return }
        }
    }

    /// Rebuilds `r` from `order` one stop at a time, skipping each stop that would make it infeasible (and the pickup of
    /// a delivery that does not fit, and a pickup whose delivery did not).
    private func rebuildKeepingWhatFits(_ r: inout Route, _ order: [Int]) {
        r.seq = []
        r.recompute(c)
        for u in order {
            let partner = c.partner[u]
            let isDelivery = partner >= 0 && !c.isPairPickup[u]
            if isDelivery && !r.seq.contains(partner) { continue }
            r.seq.append(u)
            r.recompute(c)
            if r.feasible { continue }
            r.seq.removeLast()
            if isDelivery, let k = r.seq.firstIndex(of: partner) { r.seq.remove(at: k) }
            r.recompute(c)
        }
        let present = Set(r.seq)
        r.seq.removeAll { c.partner[$0] >= 0 && !present.contains(c.partner[$0]) }
        r.recompute(c)
    }
}
