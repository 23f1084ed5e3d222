/// One vehicle's route with cached forward/backward data for O(1) insertion checks.
///
/// Positions: 0 is the vehicle's start, 1...m the stops `seq[0..<m]`, m+1 the end.
struct Route {
    var vehicle: Int
    var seq: [Int] = []
    /// Three values per position p (0...m+1), from index 3p: see `dep`, `cumWarp` and `lat`. One array for the times
    /// and one for the loads, rather than eight, because a candidate solution copies every route it changes, array by
    /// array.
    var times: [Double] = []
    /// Five values per position p (0...m) and dimension d, from index (p × dims + d) × 5: see `load`, `pre`, `suf`,
    /// `cumDL` and `cumPU`.
    var loads: [Double] = []
    var cost: Double = 0
    var duration: Double = 0
    var feasible = true
    /// Total lateness when every late stop is served at its last window's close (Vidal's time warp); 0 on a route that
    /// keeps its windows. Only the penalised annealing keeps routes with time warp.
    var warp: Double = 0
    /// A hash of the vehicle and the stops in order, recomputed with the caches (never 0): routes with equal
    /// signatures are, but for a 2⁻⁶⁴ chance, the same route.
    var signature: UInt64 = 0

    init(vehicle: Int) { self.vehicle = vehicle }

    var count: Int { seq.count }

    /// Departure time from position p (0...m): service start + service; position 0: the shift's start.
    @inline(__always) func dep(_ p: Int) -> Double { times[p &* 3] }
    /// Time warp up to and including position p (0...m).
    @inline(__always) func cumWarp(_ p: Int) -> Double { times[p &* 3 &+ 1] }
    /// Latest arrival at position p (1...m+1) keeping the rest feasible.
    @inline(__always) func lat(_ p: Int) -> Double { times[p &* 3 &+ 2] }

    /// Load after leaving position p (0...m) in dimension d, for `i` = p × dims + d.
    @inline(__always) func load(_ i: Int) -> Double { loads[i &* 5] }
    /// Prefix maximum of `load` over 0...p.
    @inline(__always) func pre(_ i: Int) -> Double { loads[i &* 5 &+ 1] }
    /// Suffix maximum of `load` over p...m.
    @inline(__always) func suf(_ i: Int) -> Double { loads[i &* 5 &+ 2] }
    /// Delivery (`dl`) amounts summed over positions 1...p.
    @inline(__always) func cumDL(_ i: Int) -> Double { loads[i &* 5 &+ 3] }
    /// Pickup (`pu`) amounts summed over positions 1...p.
    @inline(__always) func cumPU(_ i: Int) -> Double { loads[i &* 5 &+ 4] }

    @inline(__always) func locAt(_ p: Int, _ c: Compiled) -> Int {
        p == 0 ? c.vStart[vehicle] : (p > seq.count ? c.vEnd[vehicle] : c.loc[seq[p - 1]])
    }

    /// Recomputes every cache from `seq`. Reuses the arrays' storage (this runs after every insertion, so it is the
    /// hottest function of the search): the arrays are moved out, written through raw pointers and moved back.
    mutating func recompute(_ c: Compiled) { recompute(c, departuresFrom: 0, latestUpTo: seq.count + 1) }

    /// Inserts `u` before position `a + 1` (after `a` stops) and updates the caches, recomputing departures only after
    /// the insertion and latest arrivals only before it (the others are unchanged).
    mutating func insert(_ u: Int, at a: Int, _ c: Compiled) {
        guard times.count == (seq.count + 2) * 3 else {
            seq.insert(u, at: a)
            recompute(c)
            return
        }
        seq.insert(u, at: a)
        // room for position a + 1: the later positions move up by one
        times.append(0)
        times.append(0)
        times.append(0)
        times.withUnsafeMutableBufferPointer { t in
            var i = t.count - 1
            while i >= (a + 2) * 3 {
                t[i] = t[i - 3]
                i -= 1
            }
        }
        recompute(c, departuresFrom: a, latestUpTo: a + 1)
    }

    /// Recomputes the caches; `dep` and `cumWarp` at 0...departuresFrom and `lat` after `latestUpTo` are taken as
    /// already right (only pass other bounds than the full range when those parts are unchanged).
    private mutating func recompute(_ c: Compiled, departuresFrom firstDep: Int, latestUpTo lastLat: Int) {
        let m = seq.count
        let v = vehicle
        let dims = c.dims
        var times = Route.take(&self.times, count: (m + 2) * 3)
        var loads = Route.take(&self.loads, count: (m + 1) * dims * 5)
        var ok = true
        var cst = 0.0
        var endT = 0.0
        var tw = firstDep == 0 ? 0 : times[firstDep * 3 + 1]
        if tw > 0 { ok = false }
        var firstStart = c.vShiftA[v]
        var hash = 0xCBF2_9CE4_8422_2325 ^ UInt64(v)
        seq.withUnsafeBufferPointer { sq in
            var prev = c.vStart[v]
            for k in 0..<m {
                let l = c.loc[sq[k]]
                cst += c.c(prev, l)
                prev = l
                hash = (hash ^ UInt64(sq[k])) &* 0x0000_0100_0000_01B3
            }
            cst += c.c(prev, c.vEnd[v])
            if m > 0 {
                let l = c.loc[sq[0]]
                let s = c.start(sq[0], c.vShiftA[v] + c.t(c.vStart[v], l))
                firstStart = s - c.t(c.vStart[v], l)
            }
            times.withUnsafeMutableBufferPointer { times in
                times[0] = c.vShiftA[v]
                times[1] = 0
                var t = times[firstDep * 3]
                var prev = firstDep == 0 ? c.vStart[v] : c.loc[sq[firstDep - 1]]
                for k in firstDep..<m {
                    let u = sq[k]
                    let l = c.loc[u]
                    let arrival = t + c.t(prev, l)
                    var s = c.start(u, arrival)
                    if s == .infinity {
                        ok = false
                        let due = c.twB[c.twOff[u + 1] - 1]
                        tw += arrival - due
                        s = due
                    }
                    t = s + c.service[u]
                    times[(k + 1) * 3] = t
                    times[(k + 1) * 3 + 1] = tw
                    prev = l
                }
                endT = t + c.t(prev, c.vEnd[v])
                // no departure from the end
                times[(m + 1) * 3] = 0
                times[(m + 1) * 3 + 1] = 0
                times[2] = 0
                times[(m + 1) * 3 + 2] = c.vShiftB[v]
                var next = lastLat >= m ? c.vEnd[v] : c.loc[sq[lastLat]]
                var k = min(m, lastLat)
                while k >= 1 {
                    let u = sq[k - 1]
                    let l = c.loc[u]
                    times[k * 3 + 2] = c.latestStart(u, times[(k + 1) * 3 + 2] - c.t(l, next) - c.service[u])
                    next = l
                    k -= 1
                }
            }
            loads.withUnsafeMutableBufferPointer { loads in
                // index of value `k` (0 load, 1 prefix maximum, 2 suffix maximum, 3 deliveries, 4 pickups so far) at
                // position p in dimension d
                func at(_ p: Int, _ d: Int, _ k: Int) -> Int { (p * dims + d) * 5 + k }
                for d in 0..<dims {
                    loads[at(0, d, 3)] = 0
                    loads[at(0, d, 4)] = 0
                }
                for k in 0..<m {
                    let u = sq[k]
                    for d in 0..<dims {
                        loads[at(k + 1, d, 3)] = loads[at(k, d, 3)] + c.dl[u * dims + d]
                        loads[at(k + 1, d, 4)] = loads[at(k, d, 4)] + c.pu[u * dims + d]
                    }
                }
                for d in 0..<dims {
                    let cap = c.vCap[v * dims + d] + Compiled.eps
                    // loaded at the start: every delivery of the route
                    var l = loads[at(m, d, 3)]
                    loads[at(0, d, 0)] = l
                    loads[at(0, d, 1)] = l
                    if l > cap || l < -Compiled.eps { ok = false }
                    for k in 0..<m {
                        let u = sq[k]
                        l = l - c.dl[u * dims + d] + c.pu[u * dims + d]
                        loads[at(k + 1, d, 0)] = l
                        loads[at(k + 1, d, 1)] = max(loads[at(k, d, 1)], l)
                        if l > cap || l < -Compiled.eps { ok = false }
                    }
                    loads[at(m, d, 2)] = loads[at(m, d, 0)]
                    var k = m - 1
                    while k >= 0 {
                        loads[at(k, d, 2)] = max(loads[at(k + 1, d, 2)], loads[at(k, d, 0)])
                        k -= 1
                    }
                }
            }
        }
        if endT > c.vShiftB[v] + Compiled.eps {
            ok = false
            tw += endT - c.vShiftB[v]
        }
        warp = tw
        duration = m == 0 ? 0 : endT - max(c.vShiftA[v], firstStart)
        if duration > c.vMaxDur[v] + Compiled.eps { ok = false }
        cost = cst
        signature = Route.mix(hash) | 1
        feasible = ok
        self.times = times
        self.loads = loads
    }

    /// splitmix64's finaliser: spreads FNV's weak low bits over the whole word.
    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Moves the array out of `a` (leaving it empty, so the returned one is uniquely referenced unless shared with a
    /// copy of the route) and sizes it to `count`, keeping its storage.
    @inline(__always)
    static func take(_ a: inout [Double], count: Int) -> [Double] {
        var x: [Double] = []
        swap(&x, &a)
        if x.count > count {
            x.removeLast(x.count - count)
        } else {
            // one element at a time: an insertion grows a route's arrays by one or a few, and the generic
            // `append(contentsOf:)` costs more than that
            while x.count < count { x.append(0) }
        }
        return x
    }

    /// Whether vehicle `v` can carry the loads of a candidate sequence: everything to deliver from the start, pickups to
    /// the end. O(m × dims).
    static func loadsFeasible(_ seq: [Int], vehicle v: Int, _ c: Compiled) -> Bool {
        let dims = c.dims
        for d in 0..<dims {
            let cap = c.vCap[v * dims + d] + Compiled.eps
            var load = 0.0
            for u in seq { load += c.dl[u * dims + d] }
            if load > cap { return false }
            for u in seq {
                load += c.pu[u * dims + d] - c.dl[u * dims + d]
                if load > cap || load < -Compiled.eps { return false }
            }
        }
        return true
    }

    /// Full forward simulation of a candidate sequence for vehicle `v`: feasibility including the duration limit.
    static func simulateFeasible(_ seq: [Int], vehicle v: Int, _ c: Compiled) -> Bool {
        var t = c.vShiftA[v]
        var prev = c.vStart[v]
        var firstStart = t
        for (k, u) in seq.enumerated() {
            let l = c.loc[u]
            let s = c.start(u, t + c.t(prev, l))
            if s == .infinity { return false }
            if k == 0 { firstStart = s - c.t(prev, l) }
            t = s + c.service[u]
            prev = l
        }
        let endT = t + c.t(prev, c.vEnd[v])
        if endT > c.vShiftB[v] + Compiled.eps { return false }
        if !seq.isEmpty, endT - max(c.vShiftA[v], firstStart) > c.vMaxDur[v] + Compiled.eps { return false }
        return true
    }
}
