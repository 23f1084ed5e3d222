import Foundation
@testable import Routing

/// Random instances for property tests (seeded, so failures reproduce).
struct RandomInstance {
    var stops = 8
    var vehicles = 3
    var dims = 1
    var pairs = 0
    var multiWindows = false
    var skills = false
    var maxDuration: Double? = nil
    var optional = false
    var horizon = 400.0
    var capacity = 30.0
    /// Share of places that are remote: legs are timed at the average pace of their two ends (remote three times slower),
    /// as in the travel model, so a remote-to-remote leg can be slower than a detour through a town (not metric).
    var remoteShare = 0.0

    func make(seed: UInt64) -> RoutingProblem {
        var rng = Xoshiro256(seed: seed)
        let nLoc = stops + 1
        var pts: [(Double, Double)] = [(50, 50)]
        for _ in 0..<stops { pts.append((rng.unit() * 100, rng.unit() * 100)) }
        let pace = (0..<nLoc).map { a in a > 0 && rng.unit() < remoteShare ? 3.0 : 1.0 }
        var m = TravelMatrix(size: nLoc)
        for a in 0..<nLoc {
            for b in 0..<nLoc {
                let d = hypot(pts[a].0 - pts[b].0, pts[a].1 - pts[b].1)
                // slightly asymmetric times
                m.set(from: a, to: b, duration: d * (a < b ? 1.0 : 1.1) * (pace[a] + pace[b]) / 2, distance: d)
            }
        }
        var vs: [Vehicle] = []
        for k in 0..<vehicles {
            var cap = Array(repeating: capacity, count: dims)
            if dims > 1 { cap[1] = capacity * 100 }
            vs.append(
                Vehicle(
                    id: "v\(k)", startLocation: 0, shift: TimeWindow(0, horizon), capacity: cap, maxDuration: maxDuration,
                    skills: skills && k == 0 ? ["cash"] : []))
        }
        var ss: [Stop] = []
        for i in 0..<stops {
            let center = rng.unit() * (horizon - 150) + 60
            let width = 40 + rng.unit() * 120
            var ws = [TimeWindow(center - width / 2, center + width / 2)]
            if multiWindows && rng.unit() < 0.5 {
                let c2 = min(horizon - 60, center + 100 + rng.unit() * 80)
                ws.append(TimeWindow(c2 - 20, c2 + 20))
            }
            var dem = [Double(1 + rng.below(9))]
            if dims > 1 { dem.append(Double(50 + rng.below(500))) }
            ss.append(
                Stop(
                    id: "s\(i)", location: i + 1, timeWindows: ws, serviceTime: Double(rng.below(10)), delivery: dem,
                    requiredSkills: skills && rng.unit() < 0.25 ? ["cash"] : [],
                    unservedPenalty: optional && rng.unit() < 0.5 ? 50 + rng.unit() * 200 : nil))
        }
        var prs: [PickupDelivery] = []
        for k in 0..<min(pairs, stops / 2) {
            let p = 2 * k
            let d = 2 * k + 1
            prs.append(PickupDelivery(pickup: p, delivery: d))
            ss[p].pickup = ss[p].delivery
            ss[p].delivery = []
            ss[d].delivery = ss[p].pickup
            ss[p].timeWindows = [TimeWindow(0, horizon * 0.6)]
            ss[d].timeWindows = [TimeWindow(0, horizon)]
        }
        return RoutingProblem(matrix: m, vehicles: vs, stops: ss, pairs: prs, dimensions: dims)
    }
}

/// Brute force over every ordered partition of the stops into at most `vehicles` routes (identical vehicles, vehicle 0's
/// data): the lexicographic optimum (vehicles, travel time) when every stop must be served.
enum Exhaustive {
    static func routeTime(_ p: RoutingProblem, _ seq: [Int]) -> Double? {
        let v = p.vehicles[0]
        var t = v.shift.start
        var prev = v.startLocation
        var load = 0.0
        var travel = 0.0
        for u in seq { load += p.stops[u].delivery.first ?? 0 }
        if load > v.capacity[0] + 1e-9 { return nil }
        for u in seq {
            let s = p.stops[u]
            travel += p.matrix.duration(prev, s.location)
            guard let st = IndependentChecker.windowStart(s.timeWindows, arrival: t + p.matrix.duration(prev, s.location)) else { return nil }
            t = st + s.serviceTime
            prev = s.location
        }
        travel += p.matrix.duration(prev, v.endLocation)
        if t + p.matrix.duration(prev, v.endLocation) > v.shift.end + 1e-9 { return nil }
        return travel
    }

    static func optimum(_ p: RoutingProblem) -> (vehicles: Int, travel: Double)? {
        let n = p.stops.count
        var best: (Int, Double)? = nil
        var perm = Array(0..<n)
        func consider(_ perm: [Int]) {
            // cut points: bitmask over n-1 gaps
            for mask in 0..<(1 << (n - 1)) {
                let routes = mask.nonzeroBitCount + 1
                if routes > p.vehicles.count { continue }
                if let b = best, routes > b.0 { continue }
                var total = 0.0
                var start = 0
                var ok = true
                for g in 0..<n {
                    if g == n - 1 || mask & (1 << g) != 0 {
                        guard let t = routeTime(p, Array(perm[start...g])) else {
                            ok = false
                            break
                        }
                        total += t
                        start = g + 1
                    }
                }
                if ok, best == nil || routes < best!.0 || (routes == best!.0 && total < best!.1 - 1e-9) { best = (routes, total) }
            }
        }
        func permute(_ k: Int) {
            if k == n {
                consider(perm)
                return
            }
            for i in k..<n {
                perm.swapAt(k, i)
                permute(k + 1)
                perm.swapAt(k, i)
            }
        }
        permute(0)
        return best
    }
}

/// Path to the shared benchmark folder beside the repository.
func sharedBenchmarks(_ file: String = #filePath) -> String {
    let repo = URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let real = repo.resolvingSymlinksInPath()
    return real.deletingLastPathComponent().appendingPathComponent("shared/benchmarks").path
}

/// Time warp of vehicle 0 driving `seq`, by simulation: a stop reached after its last window closes is served at the
/// close and the lateness is counted (Vidal et al.'s time warp), as is a return after the shift ends.
func simulatedWarp(_ p: RoutingProblem, _ seq: [Int], returning: Bool = true) -> Double {
    let v = p.vehicles[0]
    var t = v.shift.start
    var prev = v.startLocation
    var warp = 0.0
    for u in seq {
        let stop = p.stops[u]
        let arrival = t + p.matrix.duration(prev, stop.location)
        if let w = stop.timeWindows.first(where: { arrival <= $0.end + Compiled.eps }) {
            t = max(arrival, w.start) + stop.serviceTime
        } else {
            let close = stop.timeWindows.last!.end
            warp += arrival - close
            t = close + stop.serviceTime
        }
        prev = stop.location
    }
    let end = t + p.matrix.duration(prev, v.endLocation)
    if returning && end > v.shift.end + Compiled.eps { warp += end - v.shift.end }
    return warp
}

extension Engine {
    /// The engine `RoutingSolver.solve` would run for `p` with `options` (its seed), without running it.
    static func forTesting(_ p: RoutingProblem, _ options: SolverOptions) -> Engine {
        let c = Compiled(p)
        let (canServe, reasons) = RoutingSolver.screen(c)
        let excluded = reasons.map { $0 != nil }
        return Engine(c, options: options, seed: options.seed, canServe: canServe, excluded: excluded, adj: RoutingSolver.neighbours(c, excluded: excluded))
    }
}
