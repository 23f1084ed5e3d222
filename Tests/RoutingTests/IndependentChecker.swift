import Foundation
import Routing

/// A checker written from the model's documented semantics, sharing no code with the solver.
enum IndependentChecker {
    struct Result {
        var violations: [String] = []
        var travelTime = 0.0
        var distance = 0.0
        var ok: Bool { violations.isEmpty }
    }

    static func windowStart(_ windows: [TimeWindow], arrival: Double) -> Double? {
        let ws = windows.isEmpty ? [TimeWindow(-1e18, 1e18)] : windows.sorted { $0.start < $1.start }
        for w in ws where arrival <= w.end + 1e-6 { return max(arrival, w.start) }
        return nil
    }

    /// Checks a solution; `requireAll` demands every stop be served or listed as unserved exactly once.
    static func check(_ p: RoutingProblem, _ s: RoutingSolution) -> Result {
        check(p, routes: s.routes.map { (vehicle: $0.vehicle, stops: $0.stops) }, unserved: s.unserved.map(\.stop),
              travelTime: s.travelTime, distance: s.distance)
    }

    /// The same check of routes given as vehicle and stop indices, with the reported totals.
    static func check(_ p: RoutingProblem, routes: [(vehicle: Int, stops: [Int])], unserved unservedStops: [Int], travelTime: Double,
                      distance: Double) -> Result {
        var res = Result()
        var seen = Array(repeating: 0, count: p.stops.count)
        var routeOfStop = Array(repeating: -1, count: p.stops.count)
        var posOfStop = Array(repeating: -1, count: p.stops.count)
        var vehicleUsed = Set<Int>()
        let dims = p.dimensions
        for (ri, r) in routes.enumerated() {
            guard vehicleUsed.insert(r.vehicle).inserted else {
                res.violations.append("vehicle \(r.vehicle) used twice")
                continue
            }
            let v = p.vehicles[r.vehicle]
            let stops = r.stops
            if stops.isEmpty { res.violations.append("empty route \(ri)") }
            // load: start with all depot-loaded deliveries (not pair deliveries)
            let pairDelivery = Set(p.pairs.map(\.delivery))
            let pairPickup = Dictionary(uniqueKeysWithValues: p.pairs.map { ($0.pickup, $0.delivery) })
            var load = Array(repeating: 0.0, count: dims)
            for u in stops where !pairDelivery.contains(u) {
                for d in 0..<dims { load[d] += p.stops[u].delivery.isEmpty ? 0 : p.stops[u].delivery[d] }
            }
            for d in 0..<dims where load[d] > v.capacity[d] + 1e-6 { res.violations.append("route \(ri): start load \(load)") }
            var t = v.shift.start
            var prev = v.startLocation
            var firstStart: Double?
            for (k, u) in stops.enumerated() {
                seen[u] += 1
                routeOfStop[u] = ri
                posOfStop[u] = k
                let st = p.stops[u]
                for sk in st.requiredSkills where !v.skills.contains(sk) { res.violations.append("route \(ri): stop \(u) needs \(sk)") }
                let travel = p.matrix.duration(prev, st.location)
                res.travelTime += travel
                res.distance += p.matrix.distance(prev, st.location)
                guard let start = windowStart(st.timeWindows, arrival: t + travel) else {
                    res.violations.append("route \(ri): stop \(u) arrives \(t + travel) after its windows")
                    t += travel
                    prev = st.location
                    continue
                }
                if firstStart == nil { firstStart = start - travel }
                t = start + st.serviceTime
                prev = st.location
                for d in 0..<dims {
                    if pairDelivery.contains(u) {
                        let pk = p.pairs.first { $0.delivery == u }!.pickup
                        load[d] -= p.stops[pk].pickup.isEmpty ? 0 : p.stops[pk].pickup[d]
                    } else if pairPickup[u] != nil {
                        load[d] += st.pickup.isEmpty ? 0 : st.pickup[d]
                    } else {
                        load[d] += (st.pickup.isEmpty ? 0 : st.pickup[d]) - (st.delivery.isEmpty ? 0 : st.delivery[d])
                    }
                    if load[d] > v.capacity[d] + 1e-6 { res.violations.append("route \(ri): load \(load[d]) > \(v.capacity[d]) after \(u)") }
                    if load[d] < -1e-6 { res.violations.append("route \(ri): negative load after \(u)") }
                }
            }
            let back = p.matrix.duration(prev, v.endLocation)
            res.travelTime += back
            res.distance += p.matrix.distance(prev, v.endLocation)
            let end = t + back
            if end > v.shift.end + 1e-6 { res.violations.append("route \(ri): ends \(end) after shift \(v.shift.end)") }
            if let md = v.maxDuration, let fs = firstStart, end - max(v.shift.start, fs) > md + 1e-6 {
                res.violations.append("route \(ri): duration \(end - max(v.shift.start, fs)) > \(md)")
            }
        }
        for pr in p.pairs {
            let a = routeOfStop[pr.pickup]
            let b = routeOfStop[pr.delivery]
            if (a < 0) != (b < 0) { res.violations.append("pair \(pr) half served") }
            if a >= 0, b >= 0, a != b || posOfStop[pr.pickup] > posOfStop[pr.delivery] {
                res.violations.append("pair \(pr) precedence/same-route broken")
            }
        }
        var unserved = Array(repeating: 0, count: p.stops.count)
        for x in unservedStops { unserved[x] += 1 }
        for u in p.stops.indices where seen[u] + unserved[u] != 1 {
            res.violations.append("stop \(u) served \(seen[u]) times, unserved \(unserved[u]) times")
        }
        if abs(res.travelTime - travelTime) > 1e-6 * max(1, res.travelTime) {
            res.violations.append("reported travel time \(travelTime) != \(res.travelTime)")
        }
        if abs(res.distance - distance) > 1e-6 * max(1, res.distance) {
            res.violations.append("reported distance \(distance) != \(res.distance)")
        }
        return res
    }
}
