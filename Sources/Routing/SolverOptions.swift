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
    /// Lower bound in seconds on that stall, for short budgets (5% of 1 s would be 50 ms); it binds below 10 s. Since the
    /// SISR stage keeps its fleet (session 19) it goes on removing routes where it used to stall, and at 1 s 0.5 (the
    /// stage then runs through its share) put more instances within 3% than 0.1 or 0.3 (docs/routing-log.md,
    /// session 19).
    public var fleetMinimisationMinStallSeconds: Double
    /// Stall in seconds per 100 stops (counted as 100 below that; never more than the stall above; 0: the stall) of a
    /// removal that still leaves more than `nearlyPlacedStops` out, in either stage, on problems without pickup–delivery
    /// pairs. Such a removal is either making progress or cannot succeed: at 1 s the removals that succeed waited at
    /// most 0.11 s with three stops out and less with more, while those one route below the best known wait with 1–20
    /// out until the stage's time is up. Per 100 stops because an iteration takes longer on larger problems: 0.15 s
    /// flat lost C1_2_8's last route on Homberger 200 (session 26). Post-office days (pairs) keep the stall: with a
    /// short one their travel came out longer (session 25).
    public var fleetMinimisationFarStallSeconds: Double
    /// Whether the ejection pool still runs after the SISR stage gave up on a removal with more than
    /// `nearlyPlacedStops` out. The pool would try for the same route count and plateau as far from it.
    public var ejectionPoolAfterFarStall: Bool
    /// SISR route minimisation: while a route removal has come within `nearlyPlacedStops` stops of succeeding, the stage
    /// gives up on it only after this share of the budget without progress (at least the stall). R104's and R112's last
    /// route is found after 1–3.5 s of removals that leave one or two stops out, longer than the 0.5 s stall at 10 s;
    /// removals that cannot succeed, as on R2/RC2, leave many more out (docs/routing-log.md, session 23).
    public var fleetMinimisationNearStall: Double
    public var nearlyPlacedStops: Int
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
    /// (docs/routing-log.md, branch `routing6`); at 1 s a cap below half a second loses routes. Within the cap, an
    /// attempt also gives up when its pool has not shrunk below its smallest size for the route-minimisation stall
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
    /// It lets the annealing cross between route partitions of the same size (docs/routing-log.md, session 13).
    public var timeWarpPenalty: Double
    /// Penalised annealing: a late candidate that travels less than the best solution has its late stops taken out and
    /// put back within their windows, without opening a route; when they all fit, the on-time candidate replaces it
    /// (docs/routing-log.md, session 14).
    public var lateStopReinsertion: Bool
    /// Re-planning (`RoutingProblem.initialRoutes`, problems the ejection pool applies to, lexicographic objective):
    /// share of the budget the ejection pool may spend putting the stops the given routes do not hold into those
    /// routes, before the recreate may open a route for them (0: never).
    public var newStopsShare: Double
    /// The attempts that share is split into, each from the given routes with the new stops in a new order.
    public var newStopsAttempts: Int

    public init(
        timeLimit: Double = 10, maxIterations: Int? = nil, seed: UInt64 = 1, threads: Int = 1, fleetMinimisationShare: Double = 0.5,
        averageRemoved: Double = 10, maxStringLength: Double = 10, blinkRate: Double = 0.01, initialTemperature: Double = 10,
        finalTemperature: Double = 0.1, extraVehicleCost: Double = 1, fleetMinimisationStall: Double = 0.05, excursionLimit: Int = 2000,
        localSearchRate: Double = 0, localSearchMargin: Double = 0, localSearchNeighbours: Int = 20, localSearchPasses: Int = 50,
        absenceOrderRate: Double = 0.5, ruinNearOutRate: Double = 0.5,
        preAnnealShare: Double = 0, routeRemovalTournament: Int = 2, fleetMinimisationMinStallSeconds: Double = 0.5,
        fleetMinimisationFarStallSeconds: Double = 0.15, ejectionPoolAfterFarStall: Bool = false,
        fleetMinimisationNearStall: Double = 0.3, nearlyPlacedStops: Int = 2,
        maxEjections: Int = 5, perturbationMoves: Int = 100, ejectionNodeBudget: Int = 20_000,
        ejectionAttemptShare: Double = 0.2, ejectionAttemptMinSeconds: Double = 0.5, sisrBeforeEjection: Bool = true, squeeze: Bool = true,
        timeWarpPenalty: Double = 1, lateStopReinsertion: Bool = true, newStopsShare: Double = 0.1,
        newStopsAttempts: Int = 5
    ) {
        self.newStopsShare = newStopsShare
        self.newStopsAttempts = newStopsAttempts
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
        self.fleetMinimisationFarStallSeconds = fleetMinimisationFarStallSeconds
        self.ejectionPoolAfterFarStall = ejectionPoolAfterFarStall
        self.fleetMinimisationNearStall = fleetMinimisationNearStall
        self.nearlyPlacedStops = nearlyPlacedStops
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
