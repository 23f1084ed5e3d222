/// One vehicle's route with cached forward/backward data for O(1) insertion checks.
///
/// Positions: 0 is the vehicle's start, 1...m the stops `seq[0..<m]`, m+1 the end.
struct Route {
    var vehicle: Int
    var seq: [Int] = []
    /// Departure time from each position 0...m (service start + service; position 0: shift start).
    var dep: [Double] = []
    /// Latest arrival at positions 1...m+1 keeping the rest feasible (index 0 unused).
    var lat: [Double] = []
    /// Load after leaving position p (0...m), `dims` values each.
    var load: [Double] = []
    /// Prefix maximum of `load` over 0...p and suffix maximum over p...m.
    var pre: [Double] = []
    var suf: [Double] = []
    /// Cumulative delivery (`dl`) and pickup (`pu`) amounts over positions 1...p, `dims` values each (p = 0...m).
    var cumDL: [Double] = []
    var cumPU: [Double] = []
    var cost: Double = 0
    var duration: Double = 0
    var feasible = true
    /// Total lateness when every late stop is served at its last window's close (Vidal's time warp); 0 on a route that
    /// keeps its windows. Only the penalised annealing keeps routes with time warp.
    var warp: Double = 0
    /// Time warp up to and including each position 0...m.
    var cumWarp: [Double] = []
    /// A hash of the vehicle and the stops in order, recomputed with the caches (never 0): routes with equal
    /// signatures are, but for a 2⁻⁶⁴ chance, the same route.
    var signature: UInt64 = 0

    init(vehicle: Int) { self.vehicle = vehicle }

    var count: Int { seq.count }

    @inline(__always) func locAt(_ p: Int, _ c: Compiled) -> Int {
        p == 0 ? c.vStart[vehicle] : (p > seq.count ? c.vEnd[vehicle] : c.loc[seq[p - 1]])
    }

    /// Recomputes every cache from `seq`. Reuses the arrays' storage (this runs after every insertion, so it is the
    /// hottest function of the search): the arrays are moved out, written through raw pointers and moved back.
    mutating func recompute(_ c: Compiled) { recompute(c, departuresFrom: 0, latestUpTo: seq.count + 1) }

    /// Inserts `u` before position `a + 1` (after `a` stops) and updates the caches, recomputing departures only after
    /// the insertion and latest arrivals only before it (the others are unchanged).
    mutating func insert(_ u: Int, at a: Int, _ c: Compiled) {
        guard dep.count == seq.count + 1, lat.count == seq.count + 2, cumWarp.count == seq.count + 1 else {
            seq.insert(u, at: a)
            recompute(c)
            return
        }
        seq.insert(u, at: a)
        dep.insert(0, at: a + 1)
        cumWarp.insert(0, at: a + 1)
        lat.insert(0, at: a + 1)
        recompute(c, departuresFrom: a, latestUpTo: a + 1)
    }

    /// Recomputes the caches; `dep[0...departuresFrom]`, `cumWarp[0...departuresFrom]` and `lat[(latestUpTo + 1)...]`
    /// are taken as already right (only pass other bounds than the full range when those parts are unchanged).
    private mutating func recompute(_ c: Compiled, departuresFrom firstDep: Int, latestUpTo lastLat: Int) {
        let m = seq.count
        let v = vehicle
        let dims = c.dims
        var dep = Route.take(&self.dep, count: m + 1)
        var cumWarp = Route.take(&self.cumWarp, count: m + 1)
        var lat = Route.take(&self.lat, count: m + 2)
        var load = Route.take(&self.load, count: (m + 1) * dims)
        var pre = Route.take(&self.pre, count: (m + 1) * dims)
        var suf = Route.take(&self.suf, count: (m + 1) * dims)
        var cumDL = Route.take(&self.cumDL, count: (m + 1) * dims)
        var cumPU = Route.take(&self.cumPU, count: (m + 1) * dims)
        var ok = true
        var cst = 0.0
        var endT = 0.0
        var tw = firstDep == 0 ? 0 : cumWarp[firstDep]
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
            dep.withUnsafeMutableBufferPointer { dep in
              cumWarp.withUnsafeMutableBufferPointer { cumWarp in
                dep[0] = c.vShiftA[v]
                cumWarp[0] = 0
                var t = dep[firstDep]
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
                    dep[k + 1] = t
                    cumWarp[k + 1] = tw
                    prev = l
                }
                endT = t + c.t(prev, c.vEnd[v])
              }
            }
            lat.withUnsafeMutableBufferPointer { lat in
                lat[0] = 0
                lat[m + 1] = c.vShiftB[v]
                var next = lastLat >= m ? c.vEnd[v] : c.loc[sq[lastLat]]
                var k = min(m, lastLat)
                while k >= 1 {
                    let u = sq[k - 1]
                    let l = c.loc[u]
                    lat[k] = c.latestStart(u, lat[k + 1] - c.t(l, next) - c.service[u])
                    next = l
                    k -= 1
                }
            }
            load.withUnsafeMutableBufferPointer { load in
                pre.withUnsafeMutableBufferPointer { pre in
                    suf.withUnsafeMutableBufferPointer { suf in
                        cumDL.withUnsafeMutableBufferPointer { cumDL in
                            cumPU.withUnsafeMutableBufferPointer { cumPU in
                                for d in 0..<dims {
                                    cumDL[d] = 0
                                    cumPU[d] = 0
                                }
                                for k in 0..<m {
                                    let u = sq[k]
                                    for d in 0..<dims {
                                        cumDL[(k + 1) * dims + d] = cumDL[k * dims + d] + c.dl[u * dims + d]
                                        cumPU[(k + 1) * dims + d] = cumPU[k * dims + d] + c.pu[u * dims + d]
                                    }
                                }
                                for d in 0..<dims {
                                    let cap = c.vCap[v * dims + d] + Compiled.eps
                                    // loaded at the start: every delivery of the route
                                    var l = cumDL[m * dims + d]
                                    load[d] = l
                                    pre[d] = l
                                    if l > cap || l < -Compiled.eps { ok = false }
                                    for k in 0..<m {
                                        let u = sq[k]
                                        l = l - c.dl[u * dims + d] + c.pu[u * dims + d]
                                        let i = (k + 1) * dims + d
                                        load[i] = l
                                        pre[i] = max(pre[k * dims + d], l)
                                        if l > cap || l < -Compiled.eps { ok = false }
                                    }
                                    suf[m * dims + d] = load[m * dims + d]
                                    var k = m - 1
                                    while k >= 0 {
                                        suf[k * dims + d] = max(suf[(k + 1) * dims + d], load[k * dims + d])
                                        k -= 1
                                    }
                                }
                            }
                        }
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
        self.dep = dep
        self.cumWarp = cumWarp
        self.lat = lat
        self.load = load
        self.pre = pre
        self.suf = suf
        self.cumDL = cumDL
        self.cumPU = cumPU
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
        } else if x.count < count {
            x.append(contentsOf: repeatElement(0, count: count - x.count))
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
