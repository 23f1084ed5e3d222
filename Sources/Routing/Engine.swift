import Foundation

/// A search state: routes plus where each stop is.
struct Sol {
    var routes: [Route] = []
    /// Route index of each stop; -1 unassigned, -2 excluded (infeasible on its own).
    var routeOf: [Int]
    var used: [Bool]

    init(n: Int, nVeh: Int) {
        routeOf = Array(repeating: -1, count: n)
        used = Array(repeating: false, count: nVeh)
    }

    /// Drops routes left empty, frees their vehicles and re-indexes `routeOf`.
    mutating func dropEmptyRoutes() {
        guard routes.contains(where: { $0.seq.isEmpty }) else { return }
        for r in routes where r.seq.isEmpty { used[r.vehicle] = false }
        routes.removeAll { $0.seq.isEmpty }
        for (ri, r) in routes.enumerated() { for u in r.seq { routeOf[u] = ri } }
    }
}

/// Objective value, compared lexicographically (mandatory unserved first).
struct Score {
    var mandatory: Int
    var penalty: Double
    var vehicles: Int
    var travel: Double
    /// Total time warp of the routes (0 unless the penalised annealing made a route late).
    var warp: Double = 0
    /// Weighted mode: travel + fixed costs + weighted penalties.
    var scalar: Double
}

/// One single-threaded ruin-and-recreate search (SISR, Christiaens & Vanden Berghe 2020) with a fleet-minimisation phase.
final class Engine {
    let c: Compiled
    let o: SolverOptions
    var rng: Xoshiro256
    let canServe: [Bool]  // nVeh * n
    let excluded: [Bool]
    let adj: [[Int]]
    let demandKey: [Double]
    let farKey: [Double]
    let clockStart: ContinuousClock.Instant
    var iterations = 0
    var active: [Int]
    /// Whether any stop belongs to a pickup–delivery pair.
    let hasPairs: Bool
    /// Whether 2-opt* may be used: identical vehicles without duration limits and no pickup–delivery pairs, so that
    /// exchanging route tails keeps every cached bound valid.
    let twoOptStarAllowed: Bool
    let trace = ProcessInfo.processInfo.environment["ROUTING_TRACE"] != nil
    /// Per pickup and vehicle: the last route scanned for the pair (its signature; 0: none yet) and a floor under the cost of
    /// any feasible insertion of the pair there (infinite if it fits nowhere). On a busy day most unserved pairs fit
    /// nowhere or only far above the best route's cost, and a recreate retries each of them in every route, most of
    /// which the ruin left as they were.
    var pairFloor: [(signature: UInt64, floor: Double)]
    /// The same for single stops, by stop and vehicle: a floor under the added travel of any feasible position in the
    /// route last scanned. A stop the route minimisation leaves out fits nowhere, and each recreate tried it again at
    /// every position of every route, most of which the ruin had not touched (half of that stage's time on R104).
    var gapFloor: [(signature: UInt64, floor: Double)]
    /// Signatures of the routes of the last solution a local-search descent finished on: no move between two of them
    /// improves, so a later descent need not try moves between them again (a ruin leaves most routes as they were).
    /// The same for the penalised annealing's scan of every position, time warp allowed: a floor under the added travel.
    var warpFloor: [(signature: UInt64, floor: Double)] = []
    var settledRoutes: Set<UInt64> = []
    var warpSuffixes: [WarpSuffix] = []

    init(
        _ c: Compiled, options: SolverOptions, seed: UInt64, canServe: [Bool], excluded: [Bool], adj: [[Int]],
        clockStart: ContinuousClock.Instant = .now
    ) {
        self.c = c
        self.o = options
        self.rng = Xoshiro256(seed: seed)
        self.canServe = canServe
        self.excluded = excluded
        self.adj = adj
        self.clockStart = clockStart
        let dims = c.dims
        var dk = Array(repeating: 0.0, count: c.n)
        var fk = Array(repeating: 0.0, count: c.n)
        for u in 0..<c.n {
            var s = 0.0
            for d in 0..<dims {
                let cap = c.nVeh > 0 ? max(c.vCap[d], 1e-9) : 1
                s += (c.dl[u * dims + d] + max(c.pu[u * dims + d], 0)) / cap
            }
            dk[u] = s
            if c.nVeh > 0 { fk[u] = c.c(c.vStart[0], c.loc[u]) + c.c(c.loc[u], c.vEnd[0]) }
        }
        demandKey = dk
        farKey = fk
        active = (0..<c.n).filter { !excluded[$0] }
        hasPairs = (0..<c.n).contains { c.partner[$0] >= 0 }
        pairFloor = hasPairs ? Array(repeating: (0, -.infinity), count: c.n * c.nVeh) : []
        gapFloor = Array(repeating: (0, -.infinity), count: c.n * c.nVeh)
        twoOptStarAllowed = c.homogeneous && c.nVeh > 0 && c.vMaxDur[0] == .infinity && !hasPairs
    }

    var elapsed: Double {
        let d = ContinuousClock.now - clockStart
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    /// Progress in [0, 1] through the budget.
    /// Share of the budget spent: of the iterations when `maxIterations` is set (so that the schedule, and the run, does
    /// not depend on the machine's speed), else of the time. The time limit stops every phase in any case (`outOfTime`).
    func progress() -> Double {
        if let m = o.maxIterations { return min(1, Double(iterations) / Double(max(m, 1))) }
        return elapsed / o.timeLimit
    }

    var outOfTime: Bool { elapsed >= o.timeLimit }

    // MARK: - Score

    func score(_ s: Sol) -> Score {
        var travel = 0.0
        var warp = 0.0
        var fixed = 0.0
        var durSum = 0.0
        var durSq = 0.0
        for r in s.routes {
            travel += r.cost
            warp += r.warp
            fixed += c.vFixed[r.vehicle]
            durSum += r.duration
            durSq += r.duration * r.duration
        }
        if c.objective.durationBalanceWeight > 0, durSum > 0 { travel += c.objective.durationBalanceWeight * durSq / durSum }
        var mand = 0
        var pen = 0.0
        for u in 0..<c.n where s.routeOf[u] == -1 {
            if c.mandatory[u] { mand += 1 } else { pen += c.penalty[u] }
        }
        let scalar = travel + fixed + c.objective.unservedWeight * pen
        return Score(mandatory: mand, penalty: pen, vehicles: s.routes.count, travel: travel, warp: warp, scalar: scalar)
    }

    /// Whether `a` beats `b`, allowing `a`'s travel (or scalar) cost to exceed `b`'s by `slack`.
    func better(_ a: Score, _ b: Score, slack: Double = 0) -> Bool {
        if a.mandatory != b.mandatory { return a.mandatory < b.mandatory }
        if abs(a.warp - b.warp) > Compiled.eps { return a.warp < b.warp }
        if c.objective.mode == .weighted { return a.scalar < b.scalar + slack }
        if abs(a.penalty - b.penalty) > 1e-9 * max(1, abs(b.penalty)) { return a.penalty < b.penalty }
        if a.vehicles != b.vehicles { return a.vehicles < b.vehicles }
        return a.travel < b.travel + slack
    }

    /// Annealing acceptance: like `better`, except that in lexicographic mode a vehicle above the best count costs
    /// `extraVehicleCost` of travel instead of being forbidden, so the search can restructure through an extra route.
    func annealAccepts(_ a: Score, _ b: Score, slack: Double, target: Int, extraVehicleCost: Double, warpCost: Double = 0) -> Bool {
        if c.objective.mode == .weighted || extraVehicleCost <= 0 { return better(a, b, slack: slack) }
        if a.mandatory != b.mandatory { return a.mandatory < b.mandatory }
        if abs(a.penalty - b.penalty) > 1e-9 * max(1, abs(b.penalty)) { return a.penalty < b.penalty }
        let ca = a.travel + Double(max(0, a.vehicles - target)) * extraVehicleCost + warpCost * a.warp
        let cb = b.travel + Double(max(0, b.vehicles - target)) * extraVehicleCost + warpCost * b.warp
        return ca < cb + slack
    }

    /// No stop served; the stops no vehicle can serve marked as excluded.
    func emptySolution() -> Sol {
        var s = Sol(n: c.n, nVeh: c.nVeh)
        for u in 0..<c.n where excluded[u] { s.routeOf[u] = -2 }
        return s
    }

    func run() -> Sol {
        var initial = emptySolution()
        placeInitialRoutes(&initial)
        fitNewStops(&initial)
        var all = unassignedList(initial)
        recreate(&initial, &all)
        var best = initial
        var bestScore = score(best)
        // Route minimisation only where the start serves every stop: where it leaves some out, serving them comes first
        // in the objective, and routes removed now (only the start's penalty has to be matched) are opened again later.
        if c.objective.mode == .lexicographic && o.fleetMinimisationShare > 0 && unassignedList(best).isEmpty {
            // a short annealing run first compacts the greedy routes, which makes route removal far easier
            if o.preAnnealShare > 0 { anneal(&best, &bestScore, until: o.preAnnealShare) }
            let gaveUpFar = !ejectionPoolApplies || o.sisrBeforeEjection ? fleetMinimisation(&best, &bestScore) : false
            // the SISR stage keeps `best` serving every stop: a partial solution never scores better
            if ejectionPoolApplies && (o.ejectionPoolAfterFarStall || !gaveUpFar) { ejectionPoolMinimisation(&best, &bestScore) }
        }
        if trace { FileHandle.standardError.write("after fleet min: t=\(elapsed) veh=\(bestScore.vehicles) travel=\(bestScore.travel) it=\(iterations)\n".data(using: .utf8)!) }
        anneal(&best, &bestScore)
        if o.localSearchPasses > 0, c.objective.durationBalanceWeight == 0 {
            var polished = best
            // a few milliseconds at 100 stops; the grace only matters for days of many hundreds of stops
            localSearch(&polished, until: o.timeLimit * 1.02)
            let sc = score(polished)
            if better(sc, bestScore) { best = polished }
        }
        return best
    }
}
