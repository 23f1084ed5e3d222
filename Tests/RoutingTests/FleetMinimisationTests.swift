import Foundation
import Testing

@testable import Routing

/// Three spokes from the depot, each with `pinned` stops far out whose windows force one route per spoke at the same
/// time, and nine stops next to the depot that any route can take. Removing a route leaves its spoke's stops out for
/// good, so every removal plateaus at exactly `pinned` stops out.
private func spokes(pinned: Int) -> RoutingProblem {
    var points: [(Double, Double)] = [(0, 0)]
    var stops: [Stop] = []
    for k in 0..<3 {
        let angle = 2 * Double.pi * Double(k) / 3
        for j in 0..<pinned {
            let r = 100 + 10 * Double(j)
            points.append((r * cos(angle), r * sin(angle)))
            let opens = 100 + 10 * Double(j)
            stops.append(Stop(id: "spoke\(k)-\(j)", location: points.count - 1, timeWindows: [TimeWindow(opens, opens + 5)], delivery: [1]))
        }
    }
    for i in 0..<9 {
        let angle = 2 * Double.pi * Double(i) / 9
        points.append((5 * cos(angle), 5 * sin(angle)))
        stops.append(Stop(id: "near\(i)", location: points.count - 1, timeWindows: [TimeWindow(0, 1000)], delivery: [1]))
    }
    var m = TravelMatrix(size: points.count)
    for a in points.indices {
        for b in points.indices {
            let d = hypot(points[a].0 - points[b].0, points[a].1 - points[b].1)
            m.set(from: a, to: b, duration: d, distance: d)
        }
    }
    let vehicles = (0..<4).map { Vehicle(id: "v\($0)", startLocation: 0, shift: TimeWindow(0, 1000), capacity: [100]) }
    return RoutingProblem(matrix: m, vehicles: vehicles, stops: stops)
}

@Suite("Route minimisation by ruin and recreate (SISR stage)")
struct FleetMinimisationTests {
    /// Runs the stage alone from a greedy start on an iteration schedule; returns the iterations it used and its result.
    private func stage(_ p: RoutingProblem, nearlyPlacedStops: Int, farStallSeconds: Double = 0) -> (iterations: Int, routes: Int, out: Int, start: Int, gaveUpFar: Bool) {
        let e = Engine.forTesting(p, options(nearlyPlacedStops: nearlyPlacedStops, farStallSeconds: farStallSeconds))
        var best = e.emptySolution()
        var list = e.active
        e.recreate(&best, &list)
        let start = best.routes.count
        var score = e.score(best)
        let before = e.iterations
        let gaveUpFar = e.fleetMinimisation(&best, &score)
        return (e.iterations - before, best.routes.count, e.unassignedList(best).count, start, gaveUpFar)
    }

    private func options(nearlyPlacedStops: Int, farStallSeconds: Double) -> SolverOptions {
        SolverOptions(
            timeLimit: 1_000, maxIterations: 4_000, seed: 1, fleetMinimisationShare: 0.5, fleetMinimisationStall: 0.05,
            fleetMinimisationMinStallSeconds: 0, fleetMinimisationFarStallSeconds: farStallSeconds, fleetMinimisationNearStall: 0.2,
            nearlyPlacedStops: nearlyPlacedStops, maxEjections: 0)
    }

    @Test("A removal that leaves one or two stops out is tried for the longer near stall; one that leaves more out, or with the rule off, only for the stall")
    func nearStall() {
        // 4,000 iterations: the stall is 200 (5%), the near stall 800 (20%), the stage's share 2,000
        let one = stage(spokes(pinned: 1), nearlyPlacedStops: 2)
        let three = stage(spokes(pinned: 3), nearlyPlacedStops: 2)
        let off = stage(spokes(pinned: 1), nearlyPlacedStops: 0)
        for run in [one, three, off] {
            #expect(run.start >= 3)
            #expect(run.routes == 3, "one route per spoke is the fewest")
            #expect(run.out == 0, "the stage's best serves every stop")
        }
        #expect(one.iterations >= 800 && one.iterations < 2_000, "\(one.iterations)")
        #expect(three.iterations < 400, "\(three.iterations)")
        #expect(off.iterations < 400, "\(off.iterations)")
    }

    @Test("A removal that leaves more than two stops out gives up after the far stall, and says so; one or two out still get the near stall; pairs keep the stall")
    func farStall() {
        // 4,000 iterations: the far stall 80 (20 s of 1,000), the stall 200, the near stall 800
        let three = stage(spokes(pinned: 3), nearlyPlacedStops: 2, farStallSeconds: 20)
        let one = stage(spokes(pinned: 1), nearlyPlacedStops: 2, farStallSeconds: 20)
        let threeUsual = stage(spokes(pinned: 3), nearlyPlacedStops: 2)
        for run in [three, one, threeUsual] {
            #expect(run.routes == 3 && run.out == 0)
        }
        #expect(three.iterations < 160, "\(three.iterations)")
        #expect(three.gaveUpFar)
        #expect(threeUsual.iterations >= 200 && threeUsual.iterations < 400, "\(threeUsual.iterations)")
        #expect(threeUsual.gaveUpFar, "without a far stall the stage gives up after the usual one, as far")
        #expect(one.iterations >= 800 && one.iterations < 2_000, "\(one.iterations)")
        #expect(!one.gaveUpFar)

        var paired = spokes(pinned: 3)
        let near = paired.stops.count - 9
        paired.stops[near].pickup = [1]
        paired.stops[near].delivery = []
        paired.pairs = [PickupDelivery(pickup: near, delivery: near + 1)]
        let e = Engine.forTesting(paired, options(nearlyPlacedStops: 2, farStallSeconds: 20))
        #expect(e.routeMinimisationFarStall == e.routeMinimisationStall, "post-office days (pairs) keep the stall")
        let unpaired = Engine.forTesting(spokes(pinned: 3), options(nearlyPlacedStops: 2, farStallSeconds: 20))
        #expect(unpaired.routeMinimisationFarStall < unpaired.routeMinimisationStall)
    }

    @Test("The far stall is in seconds per 100 stops: the same under 100, longer in proportion above")
    func farStallPerHundredStops() {
        func farStall(pinned: Int) -> Double {
            Engine.forTesting(spokes(pinned: pinned), options(nearlyPlacedStops: 2, farStallSeconds: 10)).routeMinimisationFarStall
        }
        // 10 s of 1,000 per 100 stops; the stall (5%) stays above it
        #expect(abs(farStall(pinned: 3) - 0.01) < 1e-12, "18 stops")
        #expect(abs(farStall(pinned: 30) - 0.01) < 1e-12, "99 stops")
        #expect(abs(farStall(pinned: 35) - 0.0114) < 1e-12, "114 stops")
    }
}
