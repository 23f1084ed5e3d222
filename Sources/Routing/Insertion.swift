import Foundation

/// Time-window segments (Vidal et al. 2013) of a route's suffixes, stop k to the end (k = 0...m): the latest start at
/// stop k that adds no time warp, and the time warp within. Valid for the route with `signature`; one window per stop.
struct WarpSuffix {
    var latest: [Double] = []
    var warp: [Double] = []
    var signature: UInt64 = 0

    mutating func build(_ r: inout Route, _ c: Compiled) {
        let m = r.seq.count
        signature = r.signature
        latest = Route.take(&latest, count: m + 1)
        warp = Route.take(&warp, count: m + 1)
        warp[m] = 0
        var segment = TimeSegment(ready: c.vShiftA[r.vehicle], due: c.vShiftB[r.vehicle], service: 0)
        latest[m] = segment.latest
        var next = c.vEnd[r.vehicle]
        var k = m - 1
        while k >= 0 {
            let x = r.seq[k]
            segment = PenalisedRoute.segment(x, c).then(segment, travel: c.t(c.loc[x], next))
            latest[k] = segment.latest
            warp[k] = segment.timeWarp
            next = c.loc[x]
            k -= 1
        }
    }
}

extension Engine {
    /// O(1) check (O(m) only with a duration limit) that stop `u` fits between positions `a` and `a + 1` of `r`.
    @inline(__always)
    func gapFeasible(_ u: Int, _ r: inout Route, _ a: Int, _ prevLoc: Int, _ nextLoc: Int) -> Bool {
        let v = r.vehicle
        let dims = c.dims
        let lu = c.loc[u]
        let s = c.start(u, r.dep(a) + c.t(prevLoc, lu))
        if s == .infinity { return false }
        if s + c.service[u] + c.t(lu, nextLoc) > r.lat(a + 1) + Compiled.eps { return false }
        for d in 0..<dims {
            let cap = c.vCap[v * dims + d] + Compiled.eps
            if r.pre(a * dims + d) + c.dl[u * dims + d] > cap || r.suf(a * dims + d) + c.pu[u * dims + d] > cap { return false }
        }
        if c.vMaxDur[v] < .infinity {
            // away from the front, the route can grow by at most the added time (by the delay it causes at the next
            // position, waiting at `u` included) — with one window per stop only: a delay that misses a window can
            // wait for the next one and grow by far more
            let growth = max(0, s + c.service[u] + c.t(lu, nextLoc) - (r.dep(a) + c.t(prevLoc, nextLoc)))
            if a > 0 && c.singleTW && r.duration + growth <= c.vMaxDur[v] {
                return true
            }
            var seq = r.seq
            seq.insert(u, at: a)
            if !Route.simulateFeasible(seq, vehicle: v, c) { return false }
        }
        return true
    }

    /// Necessary load condition for any gap: start load plus the stop's delivery, and end load plus its pickup, fit.
    @inline(__always)
    func fitsLoad(_ u: Int, _ r: inout Route) -> Bool {
        let dims = c.dims
        let v = r.vehicle
        let m = r.seq.count
        for d in 0..<dims {
            let cap = c.vCap[v * dims + d] + Compiled.eps
            if r.pre(d) + c.dl[u * dims + d] > cap || r.suf(m * dims + d) + c.pu[u * dims + d] > cap { return false }
        }
        return true
    }

    /// Cheapest feasible position for single stop `u` in route `r` if it costs less than `best` (which it then lowers).
    ///
    /// A position is blinked only once it would be the best so far: a blink elsewhere cannot change the outcome, so
    /// every position that matters is still skipped with probability `blinkRate`, for far fewer draws.
    /// Also returns a floor under the added travel of any feasible position of `u` in `r`: the lowest of `best` when it
    /// returns and the blinked positions' costs (a position is skipped unchecked only when it costs at least `best`).
    @inline(__always)
    func bestGap(_ u: Int, _ r: inout Route, blink: Bool, below best: inout Double, _ rng: inout Xoshiro256) -> (position: Int?, floor: Double) {
        let m = r.seq.count
        let v = r.vehicle
        let lu = c.loc[u]
        var bestA = -1
        var blinkedFloor = Double.infinity
        let (first, last) = windowGaps(u, &r)
        guard first <= last else { return (nil, best) }
        var prevLoc = r.locAt(first, c)
        for a in first...last {
            let nextLoc = a == m ? c.vEnd[v] : c.loc[r.seq[a]]
            defer { prevLoc = nextLoc }
            let delta = c.c(prevLoc, lu) + c.c(lu, nextLoc) - c.c(prevLoc, nextLoc)
            if delta >= best { continue }
            if blink, rng.unit() < o.blinkRate {
                blinkedFloor = min(blinkedFloor, delta)
                continue
            }
            if !gapFeasible(u, &r, a, prevLoc, nextLoc) { continue }
            best = delta
            bestA = a
        }
        return (bestA >= 0 ? bestA : nil, min(best, blinkedFloor))
    }

    /// The gaps `first...last` of route `r` (on time) that stop `u`'s windows leave possible: departures only grow along
    /// the route and latest arrivals too, so the gaps left after `u`'s last window closes, and those before which the
    /// route must go on earlier than `u` could be served, are two runs found by bisection. On narrow windows a route
    /// offers one or two gaps instead of every one.
    @inline(__always)
    func windowGaps(_ u: Int, _ r: inout Route) -> (first: Int, last: Int) {
        let m = r.seq.count
        guard r.warp == 0 else { return (0, m) }
        let due = c.twB[c.twOff[u + 1] - 1] + Compiled.eps
        let done = c.twA[c.twOff[u]] + c.service[u] - Compiled.eps
        // first gap a with lat[a + 1] >= done
        var lo = 0
        var hi = m + 1
        while lo < hi {
            let mid = (lo + hi) >> 1
            if r.lat(mid + 1) >= done { hi = mid } else { lo = mid + 1 }
        }
        let first = lo
        // last gap a with dep[a] <= due
        lo = -1
        hi = m
        while lo < hi {
            let mid = (lo + hi + 1) >> 1
            if r.dep(mid) <= due { lo = mid } else { hi = mid - 1 }
        }
        return (first, lo)
    }

    /// The route of `u`'s nearest served neighbour (of its eight nearest), or 0: scanned first, its cost bounds the
    /// other routes' scans.
    func nearRoute(_ u: Int, _ s: borrowing Sol) -> Int {
        for w in adj[u].prefix(8) where s.routeOf[w] >= 0 { return s.routeOf[w] }
        return 0
    }

    /// The k-th route to scan when route `first` goes first and the others keep their order.
    @inline(__always)
    func scanOrder(_ k: Int, first: Int) -> Int { k == 0 ? first : (k <= first ? k - 1 : k) }

    /// Cheapest feasible position for single stop `u` over every route of `s` that may serve it, or nil.
    @inline(__always)
    func cheapestGap(_ u: Int, _ s: inout Sol, blink: Bool, _ rng: inout Xoshiro256) -> (delta: Double, route: Int, position: Int)? {
        var best = Double.infinity
        var bestR = -1
        var bestA = 0
        for ri in 0..<s.routes.count where canServe[s.routes[ri].vehicle * c.n + u] {
            let memo = u * c.nVeh + s.routes[ri].vehicle
            if gapFloor[memo].signature == s.routes[ri].signature && gapFloor[memo].floor >= best { continue }
            guard fitsLoad(u, &s.routes[ri]) else { continue }
            let (a, floor) = bestGap(u, &s.routes[ri], blink: blink, below: &best, &rng)
            gapFloor[memo] = (s.routes[ri].signature, floor)
            if let a {
                bestR = ri
                bestA = a
            }
        }
        return bestR >= 0 ? (best, bestR, bestA) : nil
    }

    /// Cheapest position for single stop `u` over every route of `s` that may serve it and has room for its load, by
    /// added travel plus `alpha` × added time warp (one window per stop; the prefix comes from the route's departures
    /// and cumulative warp, the suffix from `warpSuffixes`).
    ///
    /// The route of `u`'s nearest served neighbour goes first (`nearRoute`), and a route whose remembered floor under
    /// the added travel (`warpFloor`, as `gapFloor`) is at or above the best so far is skipped: an insertion never
    /// lowers the time warp (the travel through `u` is no shorter than the direct leg, and a stop served at its close
    /// after arriving late counts that lateness), so the floor bounds the penalised cost too, whatever `alpha`.
    func cheapestWarpedGap(_ u: Int, _ s: inout Sol, alpha: Double, _ rng: inout Xoshiro256) -> (delta: Double, route: Int, position: Int)? {
        var best = Double.infinity
        var bestR = -1
        var bestA = 0
        if warpSuffixes.count < s.routes.count {
            warpSuffixes.append(contentsOf: repeatElement(WarpSuffix(), count: s.routes.count - warpSuffixes.count))
        }
        if warpFloor.isEmpty { warpFloor = Array(repeating: (0, -.infinity), count: c.n * c.nVeh) }
        let first = nearRoute(u, s)
        for k in 0..<s.routes.count {
            let ri = scanOrder(k, first: first)
            guard canServe[s.routes[ri].vehicle * c.n + u] else { continue }
            let memo = u * c.nVeh + s.routes[ri].vehicle
            if warpFloor[memo].signature == s.routes[ri].signature && warpFloor[memo].floor >= best { continue }
            guard fitsLoad(u, &s.routes[ri]) else { continue }
            if warpSuffixes[ri].signature != s.routes[ri].signature { warpSuffixes[ri].build(&s.routes[ri], c) }
            let (a, floor) = bestWarpedGap(u, &s.routes[ri], &warpSuffixes[ri], alpha: alpha, below: &best, &rng)
            warpFloor[memo] = (s.routes[ri].signature, floor)
            if let a {
                bestR = ri
                bestA = a
            }
        }
        return bestR >= 0 ? (best, bestR, bestA) : nil
    }

    /// The position of `r` where `u` costs least by added travel plus `alpha` × added time warp, if below `best`
    /// (which it then lowers), and a floor under the added travel of every position: the lowest of `best` when it
    /// returns and the added travel of each position it did not skip by that bound.
    @inline(__always)
    func bestWarpedGap(
        _ u: Int, _ r: inout Route, _ suffix: inout WarpSuffix, alpha: Double, below best: inout Double, _ rng: inout Xoshiro256
    ) -> (position: Int?, floor: Double) {
        let v = r.vehicle
        let m = r.seq.count
        let lu = c.loc[u]
        var bestA = -1
        var floor = Double.infinity
        var prevLoc = c.vStart[v]
        for a in 0...m {
            let nextLoc = a == m ? c.vEnd[v] : c.loc[r.seq[a]]
            defer { prevLoc = nextLoc }
            let delta = c.c(prevLoc, lu) + c.c(lu, nextLoc) - c.c(prevLoc, nextLoc)
            if delta >= best { continue }
            floor = min(floor, delta)
            if rng.unit() < o.blinkRate { continue }
            let cost = delta + alpha * (warpInserting(u, &r, &suffix, a, prevLoc, nextLoc) - r.warp)
            if cost < best {
                best = cost
                bestA = a
            }
        }
        return (bestA >= 0 ? bestA : nil, min(best, floor))
    }

    /// Time warp of route `r` with stop `u` (one window) inserted between positions `a` and `a + 1`. O(1).
    @inline(__always)
    func warpInserting(_ u: Int, _ r: inout Route, _ suffix: inout WarpSuffix, _ a: Int, _ prevLoc: Int, _ nextLoc: Int) -> Double {
        let lu = c.loc[u]
        let due = c.twB[c.twOff[u]]
        let arrival = r.dep(a) + c.t(prevLoc, lu)
        let next = min(max(arrival, c.twA[c.twOff[u]]), due) + c.service[u] + c.t(lu, nextLoc)
        return r.cumWarp(a) + max(0, arrival - due) + suffix.warp[a] + max(0, next - suffix.latest[a])
    }

    /// Cheapest feasible positions for pair (p, d) in route `r` that cost less than `bound`: (delta, gapP, gapD) with
    /// gapP <= gapD. Callers pass the best found elsewhere as the bound, which prunes this route's scan from the start.
    ///
    /// O(m²) in the worst case, but a pickup position is skipped, and the scan of delivery positions after it stops, as
    /// soon as the pickup's own insertion cost plus the cheapest remaining delivery gap (a suffix minimum over the route's
    /// gaps) cannot beat the best pair found; no assumption on the cost matrix (triangle inequality) is needed. Both scans
    /// also stop once the stop's last window closes before the route could reach it from here by the shortest path.
    /// Each scan leaves a floor under the pair's cost in the route (`pairFloor`, by the route's signature): the cheapest
    /// cost of any position the pickup's windows allow, or infinity if nothing fits. The same route is not scanned again
    /// for a bound at or below it. Blinked positions are still tried until something fits, so that blinks never make a
    /// pair look misfit.
    func bestPairGaps(_ p: Int, _ dStop: Int, _ r: inout Route, below bound: Double = .infinity, blink: Bool,
                      _ rng: inout Xoshiro256) -> (Double, Int, Int)? {
        let m = r.seq.count
        let v = r.vehicle
        let memo = pairFloor[p * c.nVeh + v]
        if memo.signature == r.signature && memo.floor >= bound { return nil }
        let dims = c.dims
        let lp = c.loc[p]
        let ld = c.loc[dStop]
        var best = bound
        var bestA = -1
        var bestB = -1
        var fits = false
        var floor = Double.infinity
        let checkDur = c.vMaxDur[v] < .infinity
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 3 * (m + 2) + dims) { buffer in
            let base = buffer.baseAddress!
            // gapCost[b]: cost of the delivery alone between positions b and b + 1 (b in 1...m); cheapestAfter[b]: the
            // cheapest of those from b on; reachBy[b]: the latest start at position b from which the rest of the route
            // could still be on time even if every leg took the shortest path (so also with the pair inserted after it)
            let gapCost = base
            let cheapestAfter = base + (m + 2)
            let reachBy = base + 2 * (m + 2)
            let runMax = base + 3 * (m + 2)
            cheapestAfter[m + 1] = .infinity
            reachBy[m + 1] = r.lat(m + 1)
            for b in stride(from: m, through: 1, by: -1) {
                let u = r.seq[b - 1]
                let lu = c.loc[u]
                let nextB = r.locAt(b + 1, c)
                gapCost[b] = c.c(lu, ld) + c.c(ld, nextB) - c.c(lu, nextB)
                cheapestAfter[b] = min(cheapestAfter[b + 1], gapCost[b])
                reachBy[b] = c.latestStart(u, reachBy[b + 1] - c.tShortest(lu, nextB) - c.service[u])
            }
            for a in 0...m {
                let prevLoc = r.locAt(a, c)
                // the pickup's windows close before any later position could reach it
                if c.start(p, r.dep(a) + c.tShortest(prevLoc, lp)) == .infinity { break }
                // a blinked position is no candidate; while nothing fits yet, it is still tried, only to learn whether
                // the pair fits anywhere in this route
                let blinked = blink && rng.unit() < o.blinkRate
                let nextA = r.locAt(a + 1, c)
                let dp = c.c(prevLoc, lp) + c.c(lp, nextA) - c.c(prevLoc, nextA)
                let direct = c.c(prevLoc, lp) + c.c(lp, ld) + c.c(ld, nextA) - c.c(prevLoc, nextA)
                floor = min(floor, direct, dp + cheapestAfter[a + 1])
                if blinked && (fits || bound < .infinity) { continue }
                if direct >= best && dp + cheapestAfter[a + 1] >= best { continue }
                let sp = c.start(p, r.dep(a) + c.t(prevLoc, lp))
                if sp == .infinity { continue }
                let depP = sp + c.service[p]
                // the rest of the route is late whatever follows the pickup
                if depP + c.tShortest(lp, nextA) > reachBy[a + 1] + Compiled.eps { continue }
                var capOK = true
                for d in 0..<dims {
                    runMax[d] = r.load(a * dims + d)
                    if runMax[d] + c.pu[p * dims + d] > c.vCap[v * dims + d] + Compiled.eps { capOK = false }
                }
                if !capOK { continue }
                /// Whether the delivery fits in gap `b`, reached from `from` left at `departure`, with the pickup in gap `a`.
                func deliveryFits(_ b: Int, from: Int, leaving departure: Double, next: Int) -> Bool {
                    let sd = c.start(dStop, departure + c.t(from, ld))
                    return sd != .infinity && sd + c.service[dStop] + c.t(ld, next) <= r.lat(b + 1) + Compiled.eps
                        && (!checkDur || pairSimOK(r, p, dStop, a, b))
                }
                // d directly after p
                if direct < best, deliveryFits(a, from: lp, leaving: depP, next: nextA) {
                    fits = true
                    if blinked { continue }
                    best = direct
                    bestA = a
                    bestB = a
                }
                var t = depP
                var prevL = lp
                var b = a + 1
                while b <= m, dp + cheapestAfter[b] < best {
                    let u = r.seq[b - 1]
                    let lu = c.loc[u]
                    let arrival = t + c.t(prevL, lu)
                    // reached late for the rest of the route: so is every delivery position from here on
                    if arrival > reachBy[b] + Compiled.eps { break }
                    let s = c.start(u, arrival)
                    if s == .infinity { break }
                    t = s + c.service[u]
                    prevL = lu
                    var over = false
                    for d in 0..<dims {
                        runMax[d] = max(runMax[d], r.load(b * dims + d))
                        if runMax[d] + c.pu[p * dims + d] > c.vCap[v * dims + d] + Compiled.eps { over = true }
                    }
                    if over { break }
                    // the delivery's windows close before any later position could reach it
                    if c.start(dStop, t + c.tShortest(lu, ld)) == .infinity { break }
                    let delta = dp + gapCost[b]
                    if delta < best, deliveryFits(b, from: lu, leaving: t, next: r.locAt(b + 1, c)) {
                        fits = true
                        if blinked { break }
                        best = delta
                        bestA = a
                        bestB = b
                    }
                    b += 1
                }
            }
        }
        // nothing feasible found under no bound: the pair fits nowhere in this route; else the cost floor stands
        pairFloor[p * c.nVeh + v] = (r.signature, !fits && bound == .infinity ? .infinity : floor)
        return bestA >= 0 ? (best, bestA, bestB) : nil
    }

    func pairSimOK(_ r: borrowing Route, _ p: Int, _ d: Int, _ a: Int, _ b: Int) -> Bool {
        var seq = r.seq
        seq.insert(d, at: b)
        seq.insert(p, at: a)
        return Route.simulateFeasible(seq, vehicle: r.vehicle, c)
    }

    /// The vehicle for a new route serving `u` (and its partner), or nil.
    func newVehicle(for u: Int, _ s: Sol) -> Int? {
        var bestV = -1
        var bestCost = Double.infinity
        for v in 0..<c.nVeh where !s.used[v] && canServe[v * c.n + u] {
            if c.homogeneous { return v }
            let cost = c.vFixed[v] + c.c(c.vStart[v], c.loc[u]) + c.c(c.loc[u], c.vEnd[v])
            if cost < bestCost {
                bestCost = cost
                bestV = v
            }
        }
        return bestV >= 0 ? bestV : nil
    }

    /// Greedy insertion with blinks, in one of SISR's orders. A stop that fits in no route opens a new one while fewer
    /// than `routeLimit` routes are in use; otherwise it stays unassigned.
    func recreate(_ s: inout Sol, _ list: inout [Int], routeLimit: Int = .max, priority: [Int]? = nil, warpCost: Double = 0) {
        var rng = self.rng
        defer { self.rng = rng }
        let k = rng.below(11)
        if let pr = priority, o.absenceOrderRate > 0, rng.unit() < o.absenceOrderRate {
            list.shuffle(using: &rng)
            list.sort { pr[$0] > pr[$1] }
        } else if k < 4 {
            list.shuffle(using: &rng)
        } else if k < 8 {
            list.shuffle(using: &rng)
            list.sort { demandKey[$0] > demandKey[$1] }
        } else if k < 10 {
            list.sort { farKey[$0] > farKey[$1] }
        } else {
            list.sort { farKey[$0] < farKey[$1] }
        }
        let weighted = c.objective.mode == .weighted
        for u in list {
            if s.routeOf[u] != -1 { continue }
            let partner = c.partner[u]
            let isPair = partner >= 0
            let p = isPair ? (c.isPairPickup[u] ? u : partner) : u
            let d = isPair ? (c.isPairPickup[u] ? partner : u) : u
            var best = Double.infinity
            var bestR = -1
            var bestA = 0
            var bestB = 0
            if isPair {
                let first = nearRoute(p, s)
                for k in 0..<s.routes.count {
                    let ri = scanOrder(k, first: first)
                    guard canServe[s.routes[ri].vehicle * c.n + u] else { continue }
                    if let (delta, a, b) = bestPairGaps(p, d, &s.routes[ri], below: best, blink: true, &rng) {
                        best = delta
                        bestR = ri
                        bestA = a
                        bestB = b
                    }
                }
            } else if warpCost > 0, let gap = cheapestWarpedGap(u, &s, alpha: warpCost, &rng) {
                best = gap.delta
                bestR = gap.route
                bestA = gap.position
            } else if let gap = cheapestGap(u, &s, blink: true, &rng) {
                best = gap.delta
                bestR = gap.route
                bestA = gap.position
            }
            let pen = c.mandatory[u] ? Double.infinity : c.penalty[u] + (isPair ? c.penalty[partner] : 0)
            if bestR >= 0 {
                if weighted && best >= c.objective.unservedWeight * pen { continue }
                if isPair {
                    s.routes[bestR].seq.insert(d, at: bestB)
                    s.routes[bestR].seq.insert(p, at: bestA)
                    s.routeOf[p] = bestR
                    s.routeOf[d] = bestR
                    s.routes[bestR].recompute(c)
                } else {
                    s.routes[bestR].insert(u, at: bestA, c)
                    s.routeOf[u] = bestR
                }
            } else if s.routes.count < routeLimit, let v = newVehicle(for: p, s) {
                var r = Route(vehicle: v)
                r.seq = isPair ? [p, d] : [u]
                r.recompute(c)
                if weighted && r.cost + c.vFixed[v] >= c.objective.unservedWeight * pen { continue }
                s.used[v] = true
                s.routes.append(r)
                s.routeOf[p] = s.routes.count - 1
                s.routeOf[d] = s.routes.count - 1
            }
        }
    }
}
