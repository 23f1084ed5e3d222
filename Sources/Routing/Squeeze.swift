import Foundation

/// The ejection pool's squeeze (Nagata & Bräysy 2009): a stop that fits nowhere is inserted where it makes the solution
/// least infeasible, by load excess plus `alpha` × time warp, and moves between routes (2-opt*, relocation, swap) then
/// try to bring that penalty to zero. On failure the solution is restored. Penalties come from time-window segments
/// (`TimeSegment`) and prefix loads in O(1) per move, so it needs one time window per stop, identical vehicles without
/// duration limits, and deliveries only.
extension Engine {
    var squeezeApplies: Bool {
        guard c.singleTW, c.homogeneous, c.nVeh > 0, c.vMaxDur[0] == .infinity else { return false }
        for i in 0..<(c.n * c.dims) where c.pu[i] != 0 { return false }
        return true
    }

    func squeeze(_ u: Int, _ s: inout Sol, alpha: inout Double) -> Bool {
        var routes = s.routes.map { PenalisedRoute($0.seq, $0.vehicle, c) }
        var bestR = -1
        var bestA = 0
        var bestPenalty = Double.infinity
        for (ri, r) in routes.enumerated() where canServe[r.vehicle * c.n + u] {
            for a in 0...r.seq.count {
                let p = r.penaltyInserting(u, at: a, alpha: alpha, c)
                if p < bestPenalty {
                    bestPenalty = p
                    bestR = ri
                    bestA = a
                }
            }
        }
        guard bestR >= 0 else { return false }
        var seq = routes[bestR].seq
        seq.insert(u, at: bestA)
        routes[bestR] = PenalisedRoute(seq, routes[bestR].vehicle, c)
        var routeOf = s.routeOf
        routeOf[u] = bestR
        var position = Array(repeating: 0, count: c.n)
        for r in routes { for (k, x) in r.seq.enumerated() { position[x] = k } }
        let k = min(o.localSearchNeighbours, c.n)
        var penalties = routes.map { $0.penalty(alpha: alpha, c) }
        var rounds = 0
        while rounds < 4 * c.n {
            rounds += 1
            var total = 0.0
            for p in penalties { total += p }
            if total <= Compiled.eps { break }
            var best = -1e-7
            var move: (Int, Int, PenalisedRoute.Cut, PenalisedRoute.Cut)?
            for ra in routes.indices {
                let before = penalties[ra]
                guard before > Compiled.eps else { continue }
                let seqA = routes[ra].seq
                for i in seqA.indices {
                    let v = seqA[i]
                    for w in adj[v].prefix(k) {
                        let rb = routeOf[w]
                        guard rb >= 0, rb != ra else { continue }
                        let j = position[w]
                        let base = before + penalties[rb]
                        for kind in 0..<PenalisedRoute.moveKinds {
                            let (ca, cb) = PenalisedRoute.move(kind, i, v, j, w)
                            let newA = PenalisedRoute.penalty(routes[ra], routes[rb], ca, alpha: alpha, c)
                            // B's new penalty is at least 0 (and rounding is monotonic), so this move cannot be better
                            if newA - base >= best { continue }
                            let delta = newA + PenalisedRoute.penalty(routes[rb], routes[ra], cb, alpha: alpha, c) - base
                            if delta < best {
                                best = delta
                                move = (ra, rb, ca, cb)
                            }
                        }
                    }
                }
            }
            guard let (ra, rb, ca, cb) = move else { break }
            let A = routes[ra]
            let B = routes[rb]
            let sa = PenalisedRoute.sequence(A, B, ca)
            let sb = PenalisedRoute.sequence(B, A, cb)
            routes[ra] = PenalisedRoute(sa, A.vehicle, c)
            routes[rb] = PenalisedRoute(sb, B.vehicle, c)
            penalties[ra] = routes[ra].penalty(alpha: alpha, c)
            penalties[rb] = routes[rb].penalty(alpha: alpha, c)
            for (k, x) in sa.enumerated() {
                routeOf[x] = ra
                position[x] = k
            }
            for (k, x) in sb.enumerated() {
                routeOf[x] = rb
                position[x] = k
            }
        }
        var warp = 0.0
        var excess = 0.0
        for r in routes {
            warp += r.timeWarp(c)
            excess += r.loadExcess(c)
        }
        if warp > Compiled.eps || excess > Compiled.eps {
            // more weight to whichever penalty the failure left
            if excess < warp { alpha /= 0.99 } else { alpha *= 0.99 }
            return false
        }
        var next = s
        for (ri, r) in routes.enumerated() {
            next.routes[ri].seq = r.seq
            if !r.seq.isEmpty { next.routes[ri].recompute(c) }
            if !next.routes[ri].seq.isEmpty && !next.routes[ri].feasible { return false }
        }
        for (ri, r) in next.routes.enumerated() { for x in r.seq { next.routeOf[x] = ri } }
        next.dropEmptyRoutes()
        s = next
        return true
    }
}

/// A route with prefix and suffix time-window segments and prefix loads, for penalised move evaluation.
struct PenalisedRoute {
    let seq: [Int]
    let vehicle: Int
    /// prefix[k]: the start, then seq[0..<k]; suffix[k]: seq[k...], then the end (k = 0...m).
    let prefix: [TimeSegment]
    let suffix: [TimeSegment]
    /// Deliveries of seq[0..<k], `dims` values each.
    let load: [Double]

    init(_ seq: [Int], _ v: Int, _ c: Compiled) {
        self.seq = seq
        vehicle = v
        let m = seq.count
        var prefix = [TimeSegment](repeating: TimeSegment(duration: 0, timeWarp: 0, earliest: 0, latest: 0), count: m + 1)
        var suffix = prefix
        prefix[0] = TimeSegment(ready: c.vShiftA[v], due: c.vShiftB[v], service: 0)
        var last = c.vStart[v]
        for k in 0..<m {
            let x = seq[k]
            prefix[k + 1] = prefix[k].then(PenalisedRoute.segment(x, c), travel: c.t(last, c.loc[x]))
            last = c.loc[x]
        }
        suffix[m] = TimeSegment(ready: c.vShiftA[v], due: c.vShiftB[v], service: 0)
        var next = c.vEnd[v]
        var k = m - 1
        while k >= 0 {
            let x = seq[k]
            suffix[k] = PenalisedRoute.segment(x, c).then(suffix[k + 1], travel: c.t(c.loc[x], next))
            next = c.loc[x]
            k -= 1
        }
        var load = [Double](repeating: 0, count: (m + 1) * c.dims)
        for k in 0..<m { for d in 0..<c.dims { load[(k + 1) * c.dims + d] = load[k * c.dims + d] + c.dl[seq[k] * c.dims + d] } }
        self.prefix = prefix
        self.suffix = suffix
        self.load = load
    }

    static func segment(_ x: Int, _ c: Compiled) -> TimeSegment {
        TimeSegment(ready: c.twA[c.twOff[x]], due: c.twB[c.twOff[x]], service: c.service[x])
    }

    /// Location of the last visit of prefix[k] and of the first visit of suffix[k].
    func lastLocation(_ k: Int, _ c: Compiled) -> Int { k == 0 ? c.vStart[vehicle] : c.loc[seq[k - 1]] }
    func firstLocation(_ k: Int, _ c: Compiled) -> Int { k == seq.count ? c.vEnd[vehicle] : c.loc[seq[k]] }

    func timeWarp(_ c: Compiled) -> Double {
        seq.isEmpty ? 0 : prefix[seq.count].then(suffix[seq.count], travel: c.t(lastLocation(seq.count, c), c.vEnd[vehicle])).timeWarp
    }

    func loadExcess(_ c: Compiled) -> Double {
        var over = 0.0
        for d in 0..<c.dims { over += max(0, load[seq.count * c.dims + d] - c.vCap[vehicle * c.dims + d]) }
        return over
    }

    func penalty(alpha: Double, _ c: Compiled) -> Double { loadExcess(c) + alpha * timeWarp(c) }

    /// A new route made of this route's first `keep` stops, optionally one stop, then the other route's stops from
    /// `from` on (the other route may be this one).
    struct Cut {
        var keep: Int
        var middle: Int?
        var from: Int
        /// Whether the tail comes from the other route (else from this one).
        var tailFromOther: Bool
    }

    static let moveKinds = 5

    /// Move `kind` (0..<moveKinds) of stop v (at i in route A) with its neighbour w (at j in route B), as (A's cut, B's
    /// cut): 2-opt* after both, 2-opt* before both, v after w, v before w, v and w swapped.
    @inline(__always) static func move(_ kind: Int, _ i: Int, _ v: Int, _ j: Int, _ w: Int) -> (Cut, Cut) {
        switch kind {
        case 0: (Cut(keep: i + 1, from: j + 1, tailFromOther: true), Cut(keep: j + 1, from: i + 1, tailFromOther: true))
        case 1: (Cut(keep: i, from: j, tailFromOther: true), Cut(keep: j, from: i, tailFromOther: true))
        case 2: (Cut(keep: i, from: i + 1, tailFromOther: false), Cut(keep: j + 1, middle: v, from: j + 1, tailFromOther: false))
        case 3: (Cut(keep: i, from: i + 1, tailFromOther: false), Cut(keep: j, middle: v, from: j, tailFromOther: false))
        default: (Cut(keep: i, middle: w, from: i + 1, tailFromOther: false), Cut(keep: j, middle: v, from: j + 1, tailFromOther: false))
        }
    }

    /// Load excess plus `alpha` × time warp of the route `cut` makes from `x` (head) and `y` (the other route).
    static func penalty(_ x: PenalisedRoute, _ y: PenalisedRoute, _ cut: Cut, alpha: Double, _ c: Compiled) -> Double {
        let tail = cut.tailFromOther ? y : x
        var seg = x.prefix[cut.keep]
        var last = x.lastLocation(cut.keep, c)
        var over = 0.0
        for d in 0..<c.dims {
            let dims = c.dims
            var amount = x.load[cut.keep * dims + d] + tail.load[tail.seq.count * dims + d] - tail.load[cut.from * dims + d]
            if let mid = cut.middle { amount += c.dl[mid * dims + d] }
            over += max(0, amount - c.vCap[x.vehicle * dims + d])
        }
        if let mid = cut.middle {
            seg = seg.then(segment(mid, c), travel: c.t(last, c.loc[mid]))
            last = c.loc[mid]
        }
        seg = seg.then(tail.suffix[cut.from], travel: c.t(last, tail.firstLocation(cut.from, c)))
        return over + alpha * seg.timeWarp
    }

    static func sequence(_ x: PenalisedRoute, _ y: PenalisedRoute, _ cut: Cut) -> [Int] {
        let tail = cut.tailFromOther ? y : x
        var out = Array(x.seq[0..<cut.keep])
        if let mid = cut.middle { out.append(mid) }
        out.append(contentsOf: tail.seq[cut.from...])
        return out
    }

    /// Penalty of this route with `u` inserted before seq[a].
    func penaltyInserting(_ u: Int, at a: Int, alpha: Double, _ c: Compiled) -> Double {
        PenalisedRoute.penalty(self, self, Cut(keep: a, middle: u, from: a, tailFromOther: false), alpha: alpha, c)
    }
}
