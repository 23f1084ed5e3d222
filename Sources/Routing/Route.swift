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

    init(vehicle: Int) { self.vehicle = vehicle }

    var count: Int { seq.count }

    @inline(__always) func locAt(_ p: Int, _ c: Compiled) -> Int {
        p == 0 ? c.vStart[vehicle] : (p > seq.count ? c.vEnd[vehicle] : c.loc[seq[p - 1]])
    }

    mutating func recompute(_ c: Compiled) {
        let m = seq.count
        let v = vehicle
        let dims = c.dims
        dep.removeAll(keepingCapacity: true)
        lat.removeAll(keepingCapacity: true)
        load.removeAll(keepingCapacity: true)
        dep.reserveCapacity(m + 1)
        feasible = true
        var t = c.vShiftA[v]
        dep.append(t)
        var prev = c.vStart[v]
        var cst = 0.0
        var firstStart = t
        for k in 0..<m {
            let u = seq[k]
            let l = c.loc[u]
            let s = c.start(u, t + c.t(prev, l))
            if s == .infinity { feasible = false }
            if k == 0 { firstStart = s - c.t(prev, l) }
            t = s + c.service[u]
            dep.append(t)
            cst += c.c(prev, l)
            prev = l
        }
        let endLoc = c.vEnd[v]
        cst += c.c(prev, endLoc)
        let endT = t + c.t(prev, endLoc)
        if endT > c.vShiftB[v] + Compiled.eps { feasible = false }
        duration = m == 0 ? 0 : endT - max(c.vShiftA[v], firstStart)
        if duration > c.vMaxDur[v] + Compiled.eps { feasible = false }
        cost = cst
        // backward latest arrival
        lat = Array(repeating: 0, count: m + 2)
        lat[m + 1] = c.vShiftB[v]
        var next = endLoc
        var k = m
        while k >= 1 {
            let u = seq[k - 1]
            let l = c.loc[u]
            lat[k] = c.latestStart(u, lat[k + 1] - c.t(l, next) - c.service[u])
            next = l
            k -= 1
        }
        // loads
        load = Array(repeating: 0, count: (m + 1) * dims)
        for u in seq { for d in 0..<dims { load[d] += c.dl[u * dims + d] } }
        for k in 0..<m {
            let u = seq[k]
            for d in 0..<dims { load[(k + 1) * dims + d] = load[k * dims + d] - c.dl[u * dims + d] + c.pu[u * dims + d] }
        }
        cumDL = Array(repeating: 0, count: (m + 1) * dims)
        cumPU = Array(repeating: 0, count: (m + 1) * dims)
        for k in 0..<m {
            let u = seq[k]
            for d in 0..<dims {
                cumDL[(k + 1) * dims + d] = cumDL[k * dims + d] + c.dl[u * dims + d]
                cumPU[(k + 1) * dims + d] = cumPU[k * dims + d] + c.pu[u * dims + d]
            }
        }
        pre = load
        suf = load
        for k in 0...m {
            for d in 0..<dims {
                if k > 0 { pre[k * dims + d] = max(pre[k * dims + d], pre[(k - 1) * dims + d]) }
                let kk = m - k
                if kk < m { suf[kk * dims + d] = max(suf[kk * dims + d], suf[(kk + 1) * dims + d]) }
            }
        }
        for k in 0...m { for d in 0..<dims where pre[k * dims + d] > c.vCap[v * dims + d] + Compiled.eps { feasible = false } }
        for k in 0...m {
            for d in 0..<dims where load[k * dims + d] < -Compiled.eps { feasible = false }
        }
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
