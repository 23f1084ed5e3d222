import Foundation

/// The problem flattened into arrays for the solver's hot loops. Immutable after construction.
final class Compiled: @unchecked Sendable {
    let n: Int  // stops
    let nVeh: Int
    let dims: Int
    let nLoc: Int
    let time: UnsafeBufferPointer<Double>  // nLoc * nLoc
    /// Shortest-path closure of `time` (nLoc * nLoc): a lower bound on the time from one place to another through any
    /// others, so a time window that is missed by this bound is missed by every later position of a route too, whatever
    /// the matrix (the travel model's is not metric). Built for pickup–delivery problems of at most
    /// `shortestPathLimit` places (O(nLoc³): 0.49 s for 1,000 places, 0.1 s for 600, counted in the time budget); nil
    /// otherwise, and the bound is 0.
    let shortest: UnsafeBufferPointer<Double>?
    static let shortestPathLimit = 600
    let cost: UnsafeBufferPointer<Double>  // nLoc * nLoc, objective-weighted arc cost
    let dist: UnsafeBufferPointer<Double>
    let loc: UnsafeBufferPointer<Int>
    let service: UnsafeBufferPointer<Double>
    let twOff: UnsafeBufferPointer<Int>  // n + 1
    let twA: UnsafeBufferPointer<Double>
    let twB: UnsafeBufferPointer<Double>
    let singleTW: Bool
    let initialRoutes: [InitialRoute]
    let dl: UnsafeBufferPointer<Double>  // n * dims: amount loaded at the start for this stop
    let pu: UnsafeBufferPointer<Double>  // n * dims: load change after the stop relative to before including dl (pickup amount; for pairs ±q)
    let partner: UnsafeBufferPointer<Int>  // -1 if not in a pair
    let isPairPickup: UnsafeBufferPointer<Bool>
    let penalty: UnsafeBufferPointer<Double>  // +inf for mandatory
    let mandatory: UnsafeBufferPointer<Bool>
    let reqSkills: UnsafeBufferPointer<UInt64>
    // vehicles
    let vStart: UnsafeBufferPointer<Int>
    let vEnd: UnsafeBufferPointer<Int>
    let vShiftA: UnsafeBufferPointer<Double>
    let vShiftB: UnsafeBufferPointer<Double>
    let vCap: UnsafeBufferPointer<Double>  // nVeh * dims
    let vMaxDur: UnsafeBufferPointer<Double>  // +inf if none
    let vSkills: UnsafeBufferPointer<UInt64>
    let vFixed: UnsafeBufferPointer<Double>
    let objective: Objective
    /// True when every vehicle has the same start, end, shift, capacity, skills, duration limit and cost.
    let homogeneous: Bool

    static let eps = 1e-9

    static func buf<T>(_ a: [T]) -> UnsafeBufferPointer<T> {
        let m = UnsafeMutableBufferPointer<T>.allocate(capacity: max(a.count, 1))
        _ = m.initialize(from: a)
        return UnsafeBufferPointer(m)
    }

    deinit {
        shortest?.deallocate()
        for b in [time, cost, dist, service, twA, twB, dl, pu, penalty, vShiftA, vShiftB, vCap, vMaxDur, vFixed] { b.deallocate() }
        for b in [loc, twOff, partner, vStart, vEnd] { b.deallocate() }
        isPairPickup.deallocate()
        mandatory.deallocate()
        reqSkills.deallocate()
        vSkills.deallocate()
    }

    init(_ p: RoutingProblem) {
        n = p.stops.count
        nVeh = p.vehicles.count
        dims = p.dimensions
        nLoc = p.matrix.size
        time = Compiled.buf(p.matrix.durations)
        shortest = p.pairs.isEmpty || nLoc > Compiled.shortestPathLimit ? nil : Compiled.closure(p.matrix.durations, size: nLoc)
        dist = Compiled.buf(p.matrix.distances)
        let o = p.objective
        cost = Compiled.buf(zip(p.matrix.durations, p.matrix.distances).map { o.travelTimeWeight * $0 + o.distanceWeight * $1 })
        objective = o
        loc = Compiled.buf(p.stops.map(\.location))
        service = Compiled.buf(p.stops.map(\.serviceTime))
        var off = [0]
        var a: [Double] = []
        var b: [Double] = []
        var single = true
        for s in p.stops {
            let ws = s.timeWindows.isEmpty ? [TimeWindow.always] : s.timeWindows.sorted { $0.start < $1.start }
            if ws.count > 1 { single = false }
            for w in ws {
                a.append(w.start)
                b.append(w.end)
            }
            off.append(a.count)
        }
        twOff = Compiled.buf(off)
        twA = Compiled.buf(a)
        twB = Compiled.buf(b)
        singleTW = single
        initialRoutes = p.initialRoutes ?? []
        var partner = Array(repeating: -1, count: n)
        var isPick = Array(repeating: false, count: n)
        for pr in p.pairs {
            partner[pr.pickup] = pr.delivery
            partner[pr.delivery] = pr.pickup
            isPick[pr.pickup] = true
        }
        self.partner = Compiled.buf(partner)
        isPairPickup = Compiled.buf(isPick)
        var dl = Array(repeating: 0.0, count: n * dims)
        var pu = Array(repeating: 0.0, count: n * dims)
        for (i, s) in p.stops.enumerated() {
            for d in 0..<dims {
                let del = s.delivery.isEmpty ? 0 : s.delivery[d]
                let pick = s.pickup.isEmpty ? 0 : s.pickup[d]
                if partner[i] < 0 {
                    dl[i * dims + d] = del
                    pu[i * dims + d] = pick
                } else if isPick[i] {
                    pu[i * dims + d] = pick
                } else {
                    let q = p.stops[partner[i]].pickup
                    pu[i * dims + d] = -(q.isEmpty ? 0 : q[d])
                }
            }
        }
        self.dl = Compiled.buf(dl)
        self.pu = Compiled.buf(pu)
        penalty = Compiled.buf(p.stops.map { $0.unservedPenalty ?? .infinity })
        mandatory = Compiled.buf(p.stops.map { $0.unservedPenalty == nil })
        var skillBits: [String: UInt64] = [:]
        func mask(_ set: Set<String>) -> UInt64 {
            var m: UInt64 = 0
            for s in set.sorted() {
                if skillBits[s] == nil { skillBits[s] = skillBits.count < 63 ? UInt64(1) << UInt64(skillBits.count) : 1 << 63 }
                m |= skillBits[s]!
            }
            return m
        }
        reqSkills = Compiled.buf(p.stops.map { mask($0.requiredSkills) })
        vSkills = Compiled.buf(p.vehicles.map { mask($0.skills) })
        vStart = Compiled.buf(p.vehicles.map(\.startLocation))
        vEnd = Compiled.buf(p.vehicles.map(\.endLocation))
        vShiftA = Compiled.buf(p.vehicles.map(\.shift.start))
        vShiftB = Compiled.buf(p.vehicles.map(\.shift.end))
        vCap = Compiled.buf(p.vehicles.flatMap(\.capacity))
        vMaxDur = Compiled.buf(p.vehicles.map { $0.maxDuration ?? .infinity })
        vFixed = Compiled.buf(p.vehicles.map { $0.fixedCost + (o.mode == .weighted ? o.vehicleWeight : 0) })
        if let f = p.vehicles.first {
            homogeneous = p.vehicles.allSatisfy {
                $0.startLocation == f.startLocation && $0.endLocation == f.endLocation && $0.shift == f.shift && $0.capacity == f.capacity
                    && $0.maxDuration == f.maxDuration && $0.skills == f.skills && $0.fixedCost == f.fixedCost
            }
        } else {
            homogeneous = true
        }
    }

    @inline(__always) func t(_ a: Int, _ b: Int) -> Double { time[a &* nLoc &+ b] }
    @inline(__always) func c(_ a: Int, _ b: Int) -> Double { cost[a &* nLoc &+ b] }

    /// A lower bound on the time from `a` to `b` through any places (see `shortest`).
    @inline(__always) func tShortest(_ a: Int, _ b: Int) -> Double { shortest?[a &* nLoc &+ b] ?? 0 }

    /// Floyd–Warshall over a square matrix of non-negative times.
    static func closure(_ matrix: [Double], size n: Int) -> UnsafeBufferPointer<Double> {
        let d = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(matrix.count, 1))
        _ = d.initialize(from: matrix)
        for i in 0..<n { d[i * n + i] = min(d[i * n + i], 0) }
        for k in 0..<n {
            let rowK = d.baseAddress! + k * n
            for i in 0..<n where i != k {
                let rowI = d.baseAddress! + i * n
                let viaK = rowI[k]
                if viaK == .infinity { continue }
                for j in 0..<n { rowI[j] = min(rowI[j], viaK + rowK[j]) }
            }
        }
        return UnsafeBufferPointer(d)
    }

    /// Service start when arriving at `a`; +inf if every window has closed.
    @inline(__always) func start(_ u: Int, _ a: Double) -> Double {
        let o = twOff[u]
        if singleTW {
            return a > twB[o] + Compiled.eps ? .infinity : max(a, twA[o])
        }
        for w in o..<twOff[u + 1] where a <= twB[w] + Compiled.eps {
            return max(a, twA[w])
        }
        return .infinity
    }

    /// Latest service start at `u` that is no later than `x`; -inf if none.
    @inline(__always) func latestStart(_ u: Int, _ x: Double) -> Double {
        let o = twOff[u]
        if singleTW {
            return x < twA[o] - Compiled.eps ? -.infinity : min(x, twB[o])
        }
        var w = twOff[u + 1] - 1
        while w >= o {
            if x >= twA[w] - Compiled.eps { return min(x, twB[w]) }
            w -= 1
        }
        return -.infinity
    }

    /// Whether vehicle `v` has the skills for stop `u`.
    @inline(__always) func skillOK(_ v: Int, _ u: Int) -> Bool { reqSkills[u] & ~vSkills[v] == 0 }
}
