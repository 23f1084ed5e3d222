import Foundation

/// Solver parameters. Defaults suit post-office days and the Solomon/Homberger sets alike; nothing is instance-specific.
public struct SolverOptions: Sendable, Hashable, Codable {
    /// Wall-clock budget in seconds.
    public var timeLimit: Double
    /// Optional iteration budget. When set, every phase's schedule (route minimisation's shares and stalls, the annealing's
    /// temperature) follows iterations instead of the clock, so a run with `threads == 1` is reproducible for a seed as
    /// long as the time limit does not stop it first.
    public var maxIterations: Int?
    public var seed: UInt64
    /// Independent searches with seeds `seed, seed+1, …`; the best is kept (ties go to the lowest seed).
    public var threads: Int
    /// Share of the budget the route-minimisation phase may use (lexicographic objective only).
    public var fleetMinimisationShare: Double
    /// Iterations the annealing may spend above the best vehicle count before it returns to the last solution at that count.
    public var excursionLimit: Int
    /// Probability of a local-search descent after any recreate in the annealing phase, however good the result.
    public var localSearchRate: Double
    /// A recreated solution at the best vehicle count whose travel cost is within this share above the best one's is
    /// improved by local search before the annealing decides on it (0: only would-be new bests; negative: never).
    /// Whatever this is, the final best solution gets a local-search descent unless `localSearchPasses` is 0.
    public var localSearchMargin: Double
    /// Granularity: each stop is moved only next to this many of its nearest neighbours.
    public var localSearchNeighbours: Int
    /// Upper bound on local-search passes over all stops per descent.
    public var localSearchPasses: Int
    /// Route minimisation: probability of reinserting stops in decreasing order of how often they were left out.
    public var absenceOrderRate: Double
    /// Route minimisation: probability of ruining around a stop that is left out rather than a random one.
    public var ruinNearOutRate: Double
    /// Lexicographic objective: share of the budget for a first annealing run before route minimisation.
    public var preAnnealShare: Double
    /// Route minimisation removes the shortest of this many randomly drawn routes.
    public var routeRemovalTournament: Int
    /// The route-minimisation phase stops when this share of the budget passes without removing a route or leaving
    /// fewer stops out than before.
    public var fleetMinimisationStall: Double
    /// Lower bound in seconds on that stall, for short budgets (5% of 1 s would be 50 ms); it binds below 2 s. At 1 s,
    /// 0.1 put more instances within 3% than 0.25 (docs/routing.md, branch `routing4`): from a greedy start the phase
    /// often removes no route at all, and the annealing, which removes routes faster there, gets the time.
    public var fleetMinimisationMinStallSeconds: Double
    /// Average number of stops removed per ruin step (SISR c̄) and maximum string length (L_max).
    public var averageRemoved: Double
    public var maxStringLength: Double
    /// Probability of skipping a position during insertion (SISR blinks).
    public var blinkRate: Double
    /// Start and final annealing temperatures as multiples of the average arc cost per stop of the first solution.
    public var initialTemperature: Double
    public var finalTemperature: Double
    /// During annealing (lexicographic objective), the travel-cost price of one vehicle above the best count, as a
    /// multiple of the initial temperature; 0 forbids extra vehicles outright.
    public var extraVehicleCost: Double
    /// Route minimisation by ejection pool (problems without pickup–delivery pairs): most stops one insertion may eject
    /// from a route; 0 uses the SISR route minimisation everywhere.
    public var maxEjections: Int
    /// Ejection pool: random feasible moves after each ejection insertion.
    public var perturbationMoves: Int
    /// Ejection pool: the search for the best ejections stops deepening after this many nodes.
    public var ejectionNodeBudget: Int
    /// Ejection pool: an attempt to remove a route gives up after this share of the budget, but never before
    /// `ejectionAttemptMinSeconds`. At 10 s a 20% cap leaves the annealing more time than 50% did, for the same routes
    /// (docs/routing.md, branch `routing6`); at 1 s a cap below half a second loses routes. Within the cap, an attempt
    /// also gives up when its pool has not shrunk below its smallest size for the route-minimisation stall
    /// (`fleetMinimisationStall`, at least `fleetMinimisationMinStallSeconds`; branch `routing7`).
    public var ejectionAttemptShare: Double
    public var ejectionAttemptMinSeconds: Double
    /// Run the SISR route minimisation first and the ejection pool from its result.
    public var sisrBeforeEjection: Bool
    /// Ejection pool: squeeze a stop that fits nowhere into the solution by penalised moves before ejecting anything.
    public var squeeze: Bool
    /// Annealing on problems the squeeze applies to (one window per stop, identical vehicles without duration limits,
    /// deliveries only): the recreate may insert a stop where it makes its route late, priced at this many travel units
    /// per unit of time warp to start with; the price then adapts so that about half of the current solutions keep
    /// their windows. 0 keeps every candidate within its windows. A solution with time warp is never kept as the best.
    /// It lets the annealing cross between route partitions of the same size (docs/routing.md, session 13).
    public var timeWarpPenalty: Double
    /// Penalised annealing: a late candidate that travels less than the best solution has its late stops taken out and
    /// put back within their windows, without opening a route; when they all fit, the on-time candidate replaces it
    /// (docs/routing.md, session 14).
    public var lateStopReinsertion: Bool

    public init(
        timeLimit: Double = 10, maxIterations: Int? = nil, seed: UInt64 = 1, threads: Int = 1, fleetMinimisationShare: Double = 0.5,
        averageRemoved: Double = 10, maxStringLength: Double = 10, blinkRate: Double = 0.01, initialTemperature: Double = 10,
        finalTemperature: Double = 0.1, extraVehicleCost: Double = 1, fleetMinimisationStall: Double = 0.05, excursionLimit: Int = 2000,
        localSearchRate: Double = 0, localSearchMargin: Double = 0, localSearchNeighbours: Int = 20, localSearchPasses: Int = 50,
        absenceOrderRate: Double = 0.5, ruinNearOutRate: Double = 0.5,
        preAnnealShare: Double = 0, routeRemovalTournament: Int = 2, fleetMinimisationMinStallSeconds: Double = 0.1,
        maxEjections: Int = 5, perturbationMoves: Int = 100, ejectionNodeBudget: Int = 20_000,
        ejectionAttemptShare: Double = 0.2, ejectionAttemptMinSeconds: Double = 0.5, sisrBeforeEjection: Bool = true, squeeze: Bool = true,
        timeWarpPenalty: Double = 1, lateStopReinsertion: Bool = true
    ) {
        self.timeWarpPenalty = timeWarpPenalty
        self.lateStopReinsertion = lateStopReinsertion
        self.squeeze = squeeze
        self.sisrBeforeEjection = sisrBeforeEjection
        self.ejectionNodeBudget = ejectionNodeBudget
        self.ejectionAttemptShare = ejectionAttemptShare
        self.ejectionAttemptMinSeconds = ejectionAttemptMinSeconds
        self.maxEjections = maxEjections
        self.perturbationMoves = perturbationMoves
        self.fleetMinimisationMinStallSeconds = fleetMinimisationMinStallSeconds
        self.extraVehicleCost = extraVehicleCost
        self.fleetMinimisationStall = fleetMinimisationStall
        self.excursionLimit = excursionLimit
        self.localSearchRate = localSearchRate
        self.localSearchMargin = localSearchMargin
        self.localSearchNeighbours = localSearchNeighbours
        self.localSearchPasses = localSearchPasses
        self.absenceOrderRate = absenceOrderRate
        self.ruinNearOutRate = ruinNearOutRate
        self.preAnnealShare = preAnnealShare
        self.routeRemovalTournament = routeRemovalTournament
        self.timeLimit = timeLimit
        self.maxIterations = maxIterations
        self.seed = seed
        self.threads = threads
        self.fleetMinimisationShare = fleetMinimisationShare
        self.averageRemoved = averageRemoved
        self.maxStringLength = maxStringLength
        self.blinkRate = blinkRate
        self.initialTemperature = initialTemperature
        self.finalTemperature = finalTemperature
    }
}

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

/// Time-window segments (Vidal et al. 2013) of a route's suffixes, stop k to the end (k = 0...m): the latest start at
/// stop k that adds no time warp, and the time warp within. Valid for the route with `signature`; one window per stop.
struct WarpSuffix {
    var latest: [Double] = []
    var warp: [Double] = []
    var signature: UInt64 = 0

    mutating func build(_ r: inout Route, _ c: Compiled) {
        let m = r.seq.count
        signature = r.signature
        latest.removeAll(keepingCapacity: true)
        warp.removeAll(keepingCapacity: true)
        latest.append(contentsOf: repeatElement(0, count: m + 1))
        warp.append(contentsOf: repeatElement(0, count: m + 1))
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
    /// Signatures of the routes of the last solution a local-search descent finished on: no move between two of them
    /// improves, so a later descent need not try moves between them again (a ruin leaves most routes as they were).
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

    // MARK: - Insertion

    /// O(1) check (O(m) only with a duration limit) that stop `u` fits between positions `a` and `a + 1` of `r`.
    @inline(__always)
    func gapFeasible(_ u: Int, _ r: inout Route, _ a: Int, _ prevLoc: Int, _ nextLoc: Int) -> Bool {
        let v = r.vehicle
        let dims = c.dims
        let lu = c.loc[u]
        let s = c.start(u, r.dep[a] + c.t(prevLoc, lu))
        if s == .infinity { return false }
        if s + c.service[u] + c.t(lu, nextLoc) > r.lat[a + 1] + Compiled.eps { return false }
        for d in 0..<dims {
            let cap = c.vCap[v * dims + d] + Compiled.eps
            if r.pre[a * dims + d] + c.dl[u * dims + d] > cap || r.suf[a * dims + d] + c.pu[u * dims + d] > cap { return false }
        }
        if c.vMaxDur[v] < .infinity {
            // away from the front, the route can grow by at most the added time (by the delay it causes at the next
            // position, waiting at `u` included) — with one window per stop only: a delay that misses a window can
            // wait for the next one and grow by far more
            let growth = max(0, s + c.service[u] + c.t(lu, nextLoc) - (r.dep[a] + c.t(prevLoc, nextLoc)))
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
            if r.pre[d] + c.dl[u * dims + d] > cap || r.suf[m * dims + d] + c.pu[u * dims + d] > cap { return false }
        }
        return true
    }

    /// Cheapest feasible position for single stop `u` in route `r`: (delta, gap) or nil.
    @inline(__always)
    func bestGap(_ u: Int, _ r: inout Route, blink: Bool, _ rng: inout Xoshiro256) -> (Double, Int)? {
        let m = r.seq.count
        let v = r.vehicle
        let lu = c.loc[u]
        var best = Double.infinity
        var bestA = -1
        var prevLoc = c.vStart[v]
        for a in 0...m {
            let nextLoc = a == m ? c.vEnd[v] : c.loc[r.seq[a]]
            defer { prevLoc = nextLoc }
            if blink, rng.unit() < o.blinkRate { continue }
            let delta = c.c(prevLoc, lu) + c.c(lu, nextLoc) - c.c(prevLoc, nextLoc)
            if delta >= best { continue }
            if !gapFeasible(u, &r, a, prevLoc, nextLoc) { continue }
            best = delta
            bestA = a
        }
        return bestA >= 0 ? (best, bestA) : nil
    }

    /// Cheapest feasible position for single stop `u` over every route of `s` that may serve it, or nil.
    @inline(__always)
    func cheapestGap(_ u: Int, _ s: inout Sol, blink: Bool, _ rng: inout Xoshiro256) -> (delta: Double, route: Int, position: Int)? {
        var best: (delta: Double, route: Int, position: Int)?
        for ri in 0..<s.routes.count where canServe[s.routes[ri].vehicle * c.n + u] {
            guard fitsLoad(u, &s.routes[ri]) else { continue }
            if let (delta, a) = bestGap(u, &s.routes[ri], blink: blink, &rng), delta < best?.delta ?? .infinity {
                best = (delta, ri, a)
            }
        }
        return best
    }

    /// Cheapest position for single stop `u` over every route of `s` that may serve it and has room for its load, by
    /// added travel plus `alpha` × added time warp (one window per stop; the prefix comes from the route's departures
    /// and cumulative warp, the suffix from `warpSuffixes`).
    func cheapestWarpedGap(_ u: Int, _ s: inout Sol, alpha: Double, _ rng: inout Xoshiro256) -> (delta: Double, route: Int, position: Int)? {
        var best = Double.infinity
        var bestR = -1
        var bestA = 0
        if warpSuffixes.count < s.routes.count {
            warpSuffixes.append(contentsOf: repeatElement(WarpSuffix(), count: s.routes.count - warpSuffixes.count))
        }
        for ri in 0..<s.routes.count where canServe[s.routes[ri].vehicle * c.n + u] {
            guard fitsLoad(u, &s.routes[ri]) else { continue }
            if warpSuffixes[ri].signature != s.routes[ri].signature { warpSuffixes[ri].build(&s.routes[ri], c) }
            if let a = bestWarpedGap(u, &s.routes[ri], &warpSuffixes[ri], alpha: alpha, below: &best, &rng) {
                bestR = ri
                bestA = a
            }
        }
        return bestR >= 0 ? (best, bestR, bestA) : nil
    }

    /// The position of `r` where `u` costs least by added travel plus `alpha` × added time warp, if below `best`
    /// (which it then lowers).
    @inline(__always)
    func bestWarpedGap(
        _ u: Int, _ r: inout Route, _ suffix: inout WarpSuffix, alpha: Double, below best: inout Double, _ rng: inout Xoshiro256
    ) -> Int? {
        let v = r.vehicle
        let m = r.seq.count
        let lu = c.loc[u]
        var bestA = -1
        var prevLoc = c.vStart[v]
        for a in 0...m {
            let nextLoc = a == m ? c.vEnd[v] : c.loc[r.seq[a]]
            defer { prevLoc = nextLoc }
            if rng.unit() < o.blinkRate { continue }
            let delta = c.c(prevLoc, lu) + c.c(lu, nextLoc) - c.c(prevLoc, nextLoc)
            if delta >= best { continue }
            let cost = delta + alpha * (warpInserting(u, &r, &suffix, a, prevLoc, nextLoc) - r.warp)
            if cost < best {
                best = cost
                bestA = a
            }
        }
        return bestA >= 0 ? bestA : nil
    }

    /// Time warp of route `r` with stop `u` (one window) inserted between positions `a` and `a + 1`. O(1).
    @inline(__always)
    func warpInserting(_ u: Int, _ r: inout Route, _ suffix: inout WarpSuffix, _ a: Int, _ prevLoc: Int, _ nextLoc: Int) -> Double {
        let lu = c.loc[u]
        let due = c.twB[c.twOff[u]]
        let arrival = r.dep[a] + c.t(prevLoc, lu)
        let next = min(max(arrival, c.twA[c.twOff[u]]), due) + c.service[u] + c.t(lu, nextLoc)
        return r.cumWarp[a] + max(0, arrival - due) + suffix.warp[a] + max(0, next - suffix.latest[a])
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
            reachBy[m + 1] = r.lat[m + 1]
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
                if c.start(p, r.dep[a] + c.tShortest(prevLoc, lp)) == .infinity { break }
                // a blinked position is no candidate; while nothing fits yet, it is still tried, only to learn whether
                // the pair fits anywhere in this route
                let blinked = blink && rng.unit() < o.blinkRate
                let nextA = r.locAt(a + 1, c)
                let dp = c.c(prevLoc, lp) + c.c(lp, nextA) - c.c(prevLoc, nextA)
                let direct = c.c(prevLoc, lp) + c.c(lp, ld) + c.c(ld, nextA) - c.c(prevLoc, nextA)
                floor = min(floor, direct, dp + cheapestAfter[a + 1])
                if blinked && (fits || bound < .infinity) { continue }
                if direct >= best && dp + cheapestAfter[a + 1] >= best { continue }
                let sp = c.start(p, r.dep[a] + c.t(prevLoc, lp))
                if sp == .infinity { continue }
                let depP = sp + c.service[p]
                // the rest of the route is late whatever follows the pickup
                if depP + c.tShortest(lp, nextA) > reachBy[a + 1] + Compiled.eps { continue }
                var capOK = true
                for d in 0..<dims {
                    runMax[d] = r.load[a * dims + d]
                    if runMax[d] + c.pu[p * dims + d] > c.vCap[v * dims + d] + Compiled.eps { capOK = false }
                }
                if !capOK { continue }
                /// Whether the delivery fits in gap `b`, reached from `from` left at `departure`, with the pickup in gap `a`.
                func deliveryFits(_ b: Int, from: Int, leaving departure: Double, next: Int) -> Bool {
                    let sd = c.start(dStop, departure + c.t(from, ld))
                    return sd != .infinity && sd + c.service[dStop] + c.t(ld, next) <= r.lat[b + 1] + Compiled.eps
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
                        runMax[d] = max(runMax[d], r.load[b * dims + d])
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

    /// Greedy insertion with blinks, in one of SISR's orders. Stops that fit nowhere stay unassigned.
    func recreate(_ s: inout Sol, _ list: inout [Int], allowNew: Bool, priority: [Int]? = nil, warpCost: Double = 0) {
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
                // the route of the pickup's nearest served neighbour first: its cost bounds the other routes' scans
                var first = 0
                for w in adj[p].prefix(8) where s.routeOf[w] >= 0 {
                    first = s.routeOf[w]
                    break
                }
                for k in 0..<s.routes.count {
                    let ri = k == 0 ? first : (k <= first ? k - 1 : k)
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
            } else if allowNew, let v = newVehicle(for: p, s) {
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

    // MARK: - Ruin

    /// SISR string removal around a random seed stop. Returns the removed stops. `keepingLate` as in `removeStops`.
    func ruin(_ s: inout Sol, around hint: Int? = nil, keepingLate: Bool = false) -> [Int] {
        var rng = self.rng
        defer { self.rng = rng }
        var assigned = 0
        for u in active where s.routeOf[u] >= 0 { assigned += 1 }
        if assigned == 0 || s.routes.isEmpty { return [] }
        let avgCard = max(1.0, Double(assigned) / Double(s.routes.count))
        let lsMax = min(o.maxStringLength, avgCard)
        let ksMax = 4 * o.averageRemoved / (1 + lsMax) - 1
        let ks = Int(rng.unit() * max(ksMax, 0)) + 1
        var seed = hint ?? active[rng.below(active.count)]
        var tries = 0
        while hint == nil && s.routeOf[seed] < 0 && tries < 100 {
            seed = active[rng.below(active.count)]
            tries += 1
        }
        if hint == nil && s.routeOf[seed] < 0 { return [] }
        var ruined: [Int] = []
        var removed: [Int] = []
        var mark = Array(repeating: false, count: c.n)
        func consider(_ cust: Int) {
            let ri = s.routeOf[cust]
            if ri < 0 || mark[cust] || ruined.contains(ri) { return }
            let seq = s.routes[ri].seq
            let len = seq.count
            let ltMax = min(Double(len), lsMax)
            let lt = Int(rng.unit() * ltMax) + 1
            guard let pos = seq.firstIndex(of: cust) else { return }
            if lt >= len || rng.unit() < 0.5 {
                // string of length lt containing pos
                let lo = max(0, pos - lt + 1)
                let hi = min(pos, len - lt)
                let st = lo + rng.below(hi - lo + 1)
                for i in st..<(st + lt) where !mark[seq[i]] {
                    mark[seq[i]] = true
                    removed.append(seq[i])
                }
            } else {
                // split string: lt + keep stops, of which a run of `keep` is preserved
                var keep = 1
                while lt + keep < len && rng.unit() < 0.5 { keep += 1 }
                let total = lt + keep
                let lo = max(0, pos - total + 1)
                let hi = min(pos, len - total)
                let st = lo + rng.below(hi - lo + 1)
                let keepStart = st + rng.below(lt + 1)
                for i in st..<(st + total) where i < keepStart || i >= keepStart + keep {
                    if !mark[seq[i]] {
                        mark[seq[i]] = true
                        removed.append(seq[i])
                    }
                }
            }
            ruined.append(ri)
        }
        consider(seed)
        for cust in adj[seed] {
            if ruined.count >= ks { break }
            consider(cust)
        }
        // partners go with their pair
        for u in removed where c.partner[u] >= 0 && !mark[c.partner[u]] {
            mark[c.partner[u]] = true
            removed.append(c.partner[u])
        }
        removeStops(&s, mark: mark, routes: Set(removed.map { s.routeOf[$0] }), keepingLate: keepingLate)
        return removed
    }

    /// Removes the marked stops from the given routes, drops empty routes and re-indexes. A route the removal leaves
    /// infeasible is emptied too, unless `keepingLate` (the penalised annealing, whose routes may be late).
    func removeStops(_ s: inout Sol, mark: [Bool], routes: Set<Int>, keepingLate: Bool = false) {
        var mark = mark
        for ri in routes {
            s.routes[ri].seq.removeAll { mark[$0] }
            if !s.routes[ri].seq.isEmpty {
                s.routes[ri].recompute(c)
                // Removing a stop can lengthen a route under a duration limit (the departure may move earlier), or
                // break it when travel times violate the triangle inequality: then the whole route is unassigned.
                if !s.routes[ri].feasible && !keepingLate {
                    for u in s.routes[ri].seq { mark[u] = true }
                    s.routes[ri].seq.removeAll()
                }
            }
        }
        for u in 0..<c.n where mark[u] { s.routeOf[u] = -1 }
        s.dropEmptyRoutes()
    }

    func unassignedList(_ s: Sol) -> [Int] { active.filter { s.routeOf[$0] == -1 } }

    // MARK: - Search

    func run() -> Sol {
        var initial = Sol(n: c.n, nVeh: c.nVeh)
        for u in 0..<c.n where excluded[u] { initial.routeOf[u] = -2 }
        placeInitialRoutes(&initial)
        var all = unassignedList(initial)
        recreate(&initial, &all, allowNew: true)
        var best = initial
        var bestScore = score(best)
        if c.objective.mode == .lexicographic && o.fleetMinimisationShare > 0 {
            // a short annealing run first compacts the greedy routes, which makes route removal far easier
            if o.preAnnealShare > 0 { anneal(&best, &bestScore, until: o.preAnnealShare) }
            if !ejectionPoolApplies || o.sisrBeforeEjection { fleetMinimisation(&best, &bestScore) }
            if ejectionPoolApplies && unassignedList(best).isEmpty { ejectionPoolMinimisation(&best, &bestScore) }
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

    /// A lower bound on the vehicles needed: total load over the largest capacity, per dimension.
    func vehicleLowerBound() -> Int {
        var lb = 1
        for d in 0..<c.dims {
            var cap = 0.0
            for v in 0..<c.nVeh { cap = max(cap, c.vCap[v * c.dims + d]) }
            var tot = 0.0
            for u in active where c.mandatory[u] { tot += c.dl[u * c.dims + d] + max(0, c.pu[u * c.dims + d]) }
            if cap > 0 { lb = max(lb, Int((tot / cap - 1e-9).rounded(.up))) }
        }
        return lb
    }

    /// Removes whole routes and reinserts their stops, ranking partial solutions by how few stops are left out and
    /// how rarely those were left out before (SISR fleet minimisation with absence counters).
    func fleetMinimisation(_ best: inout Sol, _ bestScore: inout Score) {
        let lb = vehicleLowerBound()
        var absence = Array(repeating: 0, count: c.n)
        var cur = best
        var curOut = unassignedList(cur)
        func absSum(_ l: [Int]) -> Int { l.reduce(0) { $0 + absence[$1] } }
        var lastSuccess = progress()
        var fewestOut = Int.max
        let stall = max(o.fleetMinimisationStall, o.fleetMinimisationMinStallSeconds / max(o.timeLimit, 1e-9))
        while true {
            let p = progress()
            if p >= o.fleetMinimisationShare || p - lastSuccess > stall || outOfTime { break }
            if cur.routes.count <= lb && curOut.isEmpty { break }
            let sc = score(cur)
            if curOut.isEmpty || (sc.mandatory == bestScore.mandatory && sc.penalty <= bestScore.penalty + 1e-9) {
                if better(sc, bestScore) {
                    best = cur
                    bestScore = sc
                }
                if cur.routes.count <= lb { break }
                lastSuccess = p
                fewestOut = Int.max
                if trace { FileHandle.standardError.write("fm: t=\(elapsed) veh=\(cur.routes.count) it=\(iterations)\n".data(using: .utf8)!) }
                // drop a route: the smaller of two random ones
                var ri = rng.below(cur.routes.count)
                for _ in 1..<max(1, o.routeRemovalTournament) {
                    let r2 = rng.below(cur.routes.count)
                    if cur.routes[r2].count < cur.routes[ri].count { ri = r2 }
                }
                var mark = Array(repeating: false, count: c.n)
                for u in cur.routes[ri].seq { mark[u] = true }
                removeStops(&cur, mark: mark, routes: [ri])
                curOut = unassignedList(cur)
            }
            var cand = cur
            // make room near a stop that is left out, or anywhere
            let hint = o.ruinNearOutRate > 0 && !curOut.isEmpty && rng.unit() < o.ruinNearOutRate ? curOut[rng.below(curOut.count)] : nil
            _ = ruin(&cand, around: hint)
            var list = unassignedList(cand)
            recreate(&cand, &list, allowNew: false, priority: absence)
            iterations += 1
            for u in curOut { absence[u] += 1 }
            let candOut = unassignedList(cand)
            if candOut.count < curOut.count || absSum(candOut) < absSum(curOut) {
                cur = cand
                curOut = candOut
                if curOut.count < fewestOut {
                    if trace { FileHandle.standardError.write("fm out=\(curOut.count) \(curOut) routes=\(cur.routes.count) it=\(iterations)\n".data(using: .utf8)!) }
                    fewestOut = curOut.count
                    lastSuccess = progress()
                }
            }
        }
        let sc = score(cur)
        if better(sc, bestScore) {
            best = cur
            bestScore = sc
        }
    }

    /// Whether a recreated solution is promising enough for a local-search descent (which costs many recreates).
    func localSearchPays(_ candidate: Score, _ best: Score) -> Bool {
        // moves are priced by travel alone
        if c.objective.durationBalanceWeight > 0 || o.localSearchPasses == 0 { return false }
        if o.localSearchRate > 0 && rng.unit() < o.localSearchRate { return true }
        guard o.localSearchMargin >= 0, candidate.warp <= Compiled.eps, candidate.mandatory == best.mandatory, candidate.vehicles <= best.vehicles else { return false }
        // the descent never serves a stop, so a candidate that leaves out more than the best stays worse
        if c.objective.mode == .lexicographic && candidate.penalty > best.penalty + 1e-9 * max(1, abs(best.penalty)) { return false }
        let travel = c.objective.mode == .weighted ? candidate.scalar : candidate.travel
        let bestTravel = c.objective.mode == .weighted ? best.scalar : best.travel
        return travel <= bestTravel * (1 + o.localSearchMargin)
    }

    /// Simulated annealing over ruin-and-recreate with an exponential cooling schedule.
    func anneal(_ best: inout Sol, _ bestScore: inout Score, until end: Double = 1) {
        var cur = best
        var curScore = bestScore
        let startProgress = progress()
        let perStop = bestScore.travel / Double(max(1, active.count))
        let t0 = max(o.initialTemperature * perStop, 1e-9)
        let tf = max(o.finalTemperature * perStop, 1e-12)
        var resetDone = false
        var anchor = cur
        var anchorScore = curScore
        var anchorStale = false
        var excursion = 0
        // time warp: on problems the squeeze handles, the annealing may cross partitions through late routes
        var warpCost = o.timeWarpPenalty > 0 && c.objective.mode == .lexicographic && squeezeApplies ? o.timeWarpPenalty : 0
        var warpFreeCount = 0
        var statWarped = 0
        var statMoreVeh = 0
        var statAccepted = 0
        var statLocalSearches = 0
        var statReinsertionTries = 0
        var statReinsertions = 0
        var statLocalSearchTime = 0.0
        var statLocalSearchGain = 0.0
        defer {
            if trace {
                FileHandle.standardError.write(
                    "anneal: t0=\(t0) accepted=\(statAccepted) moreVeh=\(statMoreVeh) warped=\(statWarped) warpCost=\(warpCost) it=\(iterations) reinsertions=\(statReinsertions)/\(statReinsertionTries) ls=\(statLocalSearches) lsTime=\(statLocalSearchTime) lsGain=\(statLocalSearchGain)\n".data(using: .utf8)!)
            }
        }
        while true {
            let p = progress()
            if p >= end || outOfTime { break }
            let frac = min(1, max(0, (p - startProgress) / max(1e-9, end - startProgress)))
            let temp = t0 * pow(tf / t0, frac)
            var cand = cur
            _ = ruin(&cand, keepingLate: warpCost > 0)
            var list = unassignedList(cand)
            recreate(&cand, &list, allowNew: true, warpCost: warpCost)
            iterations += 1
            var sc = score(cand)
            if o.lateStopReinsertion && sc.warp > Compiled.eps && sc.vehicles <= bestScore.vehicles && sc.travel < bestScore.travel {
                var repaired = cand
                statReinsertionTries += 1
                if reinsertLateStops(&repaired) {
                    statReinsertions += 1
                    cand = repaired
                    sc = score(cand)
                }
            }
            if localSearchPays(sc, bestScore) {
                let t = elapsed
                var polished = cand
                localSearch(&polished, until: o.timeLimit)
                let polishedScore = score(polished)
                statLocalSearches += 1
                statLocalSearchTime += elapsed - t
                statLocalSearchGain += sc.travel - polishedScore.travel
                cand = polished
                sc = polishedScore
            }
            let slack = -temp * log(max(rng.unit(), 1e-300))
            if sc.vehicles > curScore.vehicles { statMoreVeh += 1 }
            if annealAccepts(sc, curScore, slack: slack, target: bestScore.vehicles, extraVehicleCost: t0 * o.extraVehicleCost, warpCost: warpCost) {
                statAccepted += 1
                anchorStale = true
                cur = cand
                curScore = sc
                if better(sc, bestScore) {
                    if trace && (sc.vehicles < bestScore.vehicles || sc.travel < bestScore.travel * 0.99) {
                        FileHandle.standardError.write("best: t=\(elapsed) veh=\(sc.vehicles) travel=\(sc.travel)\n".data(using: .utf8)!)
                    }
                    best = cand
                    bestScore = sc
                }
            }
            if warpCost > 0 {
                if curScore.warp <= Compiled.eps { warpFreeCount += 1 } else { statWarped += 1 }
                if iterations % 100 == 0 {
                    // aim for about half of the current solutions keeping their windows
                    if warpFreeCount < 40 { warpCost *= 1.25 } else if warpFreeCount > 60 { warpCost /= 1.25 }
                    warpFreeCount = 0
                }
            }
            if curScore.vehicles <= bestScore.vehicles && curScore.warp <= Compiled.eps {
                if excursion > 0 || anchorStale {
                    anchor = cur
                    anchorScore = curScore
                    anchorStale = false
                }
                excursion = 0
            } else {
                excursion += 1
                if excursion > o.excursionLimit {
                    cur = anchor
                    curScore = anchorScore
                    excursion = 0
                }
            }
            if !resetDone && frac > 0.7 {
                resetDone = true
                if curScore.vehicles > bestScore.vehicles || curScore.warp > Compiled.eps {
                    cur = best
                    curScore = bestScore
                }
            }
        }
    }
}

