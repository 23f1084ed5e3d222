import Foundation

/// Route minimisation with an ejection pool (Nagata & Bräysy 2009): a route is removed and its stops go to a pool;
/// each stop taken from the pool is inserted where it fits or, where it does not, inserted anyway by ejecting up to
/// `maxEjections` stops of one route — those with the smallest sum of weights, a weight being how often its stop
/// could not be inserted — which go back to the pool. Random feasible moves between insertions keep the search moving.
/// The route is gone when the pool is empty. Used for problems without pickup–delivery pairs whose first solution
/// serves every stop; the SISR route minimisation covers the rest. A re-plan uses the same pool to put its new stops
/// into the given routes (`fitNewStops`).
extension Engine {
    var ejectionPoolApplies: Bool { o.maxEjections > 0 && !hasPairs }

    func ejectionPoolMinimisation(_ best: inout Sol, _ bestScore: inout Score) {
        let lb = vehicleLowerBound()
        var state = PoolState(self)
        var cur = best
        let share = o.fleetMinimisationShare
        let attemptShare = max(o.ejectionAttemptShare, o.ejectionAttemptMinSeconds / max(o.timeLimit, 1e-9))
        let stall = routeMinimisationStall
        while cur.routes.count > lb, progress() < share, !outOfTime {
            var trial = cur
            var ri = rng.below(trial.routes.count)
            for _ in 1..<max(1, o.routeRemovalTournament) {
                let r2 = rng.below(trial.routes.count)
                if trial.routes[r2].count < trial.routes[ri].count { ri = r2 }
            }
            var pool = trial.routes[ri].seq
            var mark = Array(repeating: false, count: c.n)
            for u in pool { mark[u] = true }
            removeStops(&trial, mark: mark, routes: [ri])
            pool.shuffle(using: &rng)
            let steps = drain(&pool, into: &trial, &state, until: min(share, progress() + attemptShare), stall: stall, farStall: routeMinimisationFarStall)
            if !pool.isEmpty { break }
            cur = trial
            let sc = score(cur)
            if better(sc, bestScore) {
                best = cur
                bestScore = sc
            }
            if trace { FileHandle.standardError.write("ep: t=\(elapsed) veh=\(cur.routes.count) steps=\(steps)\n".data(using: .utf8)!) }
        }
    }

    /// Puts the stops of `pool` into `trial`'s routes, never opening one: each stop taken from the pool goes where it
    /// fits, else is squeezed in, else ejects the stops of least weight from one route, which go back to the pool.
    /// Stops when the pool is empty, when `end` passes, or when the pool has not shrunk below its smallest size for
    /// `stall` (`farStall` while that size is above `nearlyPlacedStops`); whatever is left stays in `pool`. Returns the
    /// number of steps.
    func drain(_ pool: inout [Int], into trial: inout Sol, _ state: inout PoolState, until end: Double, stall: Double, farStall: Double) -> Int {
        let squeezing = o.squeeze && squeezeApplies
        var steps = 0
        var smallestPool = pool.count
        var smallestPoolAt = progress()
        while let u = pool.popLast() {
            if pool.count + 1 < smallestPool {
                smallestPool = pool.count + 1
                smallestPoolAt = progress()
            } else if progress() - smallestPoolAt > (smallestPool > o.nearlyPlacedStops ? farStall : stall) {
                pool.append(u)
                break
            }
            if progress() >= end || outOfTime {
                pool.append(u)
                break
            }
            iterations += 1
            steps += 1
            if insertCheapest(u, &trial) { continue }
            if squeezing && squeeze(u, &trial, alpha: &state.alpha) { continue }
            state.weight[u] += 1
            guard let (route, kept, ejected) = state.search.best(u, trial, state.weight, canServe, &rng) else {
                // no route can take it even by ejecting: keep it for later, behind the others
                pool.insert(u, at: 0)
                perturb(&trial, moves: o.perturbationMoves)
                continue
            }
            trial.routes[route].seq = kept
            trial.routes[route].recompute(c)
            for x in kept { trial.routeOf[x] = route }
            for x in ejected { trial.routeOf[x] = -1 }
            pool.append(contentsOf: ejected)
            perturb(&trial, moves: o.perturbationMoves)
        }
        return steps
    }

    /// Inserts `u` at its cheapest feasible position in any route; false if there is none.
    func insertCheapest(_ u: Int, _ s: inout Sol) -> Bool {
        guard let gap = cheapestGap(u, &s, blink: false, &rng) else { return false }
        s.routes[gap.route].insert(u, at: gap.position, c)
        s.routeOf[u] = gap.route
        return true
    }

    /// Random feasible relocations and swaps of a stop next to one of its neighbours in another route, whatever they
    /// cost: they change which stops leave room for which.
    func perturb(_ s: inout Sol, moves: Int) {
        guard moves > 0, !s.routes.isEmpty else { return }
        let k = min(o.localSearchNeighbours, c.n)
        for _ in 0..<moves {
            let u = active[rng.below(active.count)]
            let ru = s.routeOf[u]
            guard ru >= 0, k > 0 else { continue }
            let near = adj[u]
            guard !near.isEmpty else { continue }
            let w = near[rng.below(min(k, near.count))]
            let rw = s.routeOf[w]
            guard rw >= 0, rw != ru else { continue }
            guard let pw = s.routes[rw].seq.firstIndex(of: w), let pu = s.routes[ru].seq.firstIndex(of: u) else { continue }
            if rng.unit() < 0.5 {
                guard canServe[s.routes[rw].vehicle * c.n + u] else { continue }
                let a = pw + rng.below(2)
                let prevLoc = s.routes[rw].locAt(a, c)
                let nextLoc = s.routes[rw].locAt(a + 1, c)
                guard gapFeasible(u, &s.routes[rw], a, prevLoc, nextLoc) else { continue }
                var source = s.routes[ru]
                source.seq.remove(at: pu)
                if !source.seq.isEmpty {
                    source.recompute(c)
                    guard source.feasible else { continue }
                }
                var target = s.routes[rw]
                target.insert(u, at: a, c)
                guard target.feasible else { continue }
                s.routes[rw] = target
                s.routeOf[u] = rw
                s.routes[ru] = source
                s.dropEmptyRoutes()
            } else {
                guard canServe[s.routes[rw].vehicle * c.n + u], canServe[s.routes[ru].vehicle * c.n + w] else { continue }
                var a = s.routes[ru]
                var b = s.routes[rw]
                a.seq[pu] = w
                b.seq[pw] = u
                a.recompute(c)
                guard a.feasible else { continue }
                b.recompute(c)
                guard b.feasible else { continue }
                s.routes[ru] = a
                s.routes[rw] = b
                s.routeOf[u] = rw
                s.routeOf[w] = ru
            }
        }
    }
}

/// What the ejection pool carries from one attempt to the next: the search's buffers, how often each stop could not be
/// inserted, and the squeeze's weight of time warp against load excess.
struct PoolState {
    var search: EjectionSearch
    var weight: [Int]
    var alpha = 1.0

    init(_ engine: Engine) {
        search = EjectionSearch(engine.c, maxEjections: engine.o.maxEjections, nodeBudget: engine.o.ejectionNodeBudget)
        weight = Array(repeating: 1, count: engine.c.n)
    }
}

/// The insertion–ejection neighbourhood: for every route and position of the incoming stop, the set of at most
/// `maxEjections` other stops whose removal makes the route feasible, with the smallest sum of weights (ties drawn at
/// random). A depth-first search over positions in route order; the suffix after the last ejection is checked in
/// O(1) against latest arrivals of the route with the stop inserted.
struct EjectionSearch {
    let c: Compiled
    let maxEjections: Int
    private var seq: [Int] = []
    private var latest: [Double] = []
    private var ejected: [Int] = []
    private var bestSum = Int.max
    private var ties = 0
    private var bestRoute = -1
    private var bestKept: [Int] = []
    private var bestEjected: [Int] = []
    private var incomingIndex = 0
    private var vehicle = 0
    private var depthLimit = 0
    private var nodes = 0
    let nodeBudget: Int

    init(_ c: Compiled, maxEjections: Int, nodeBudget: Int) {
        self.c = c
        self.maxEjections = maxEjections
        self.nodeBudget = nodeBudget
    }

    /// The best ejection insertion of `u` over all routes of `s`: (route, new sequence, ejected stops). Deepens one
    /// ejection at a time, so that cheap sets bound the search early, and stops deepening after `nodeBudget` nodes.
    mutating func best(_ u: Int, _ s: Sol, _ weight: [Int], _ canServe: [Bool], _ rng: inout Xoshiro256) -> (Int, [Int], [Int])? {
        bestSum = Int.max
        ties = 0
        bestRoute = -1
        nodes = 0
        for depth in 1...maxEjections {
            depthLimit = depth
            for (ri, r) in s.routes.enumerated() where canServe[r.vehicle * c.n + u] {
                vehicle = r.vehicle
                let m = r.seq.count
                for a in 0...m {
                    seq.removeAll(keepingCapacity: true)
                    seq.append(contentsOf: r.seq[0..<a])
                    seq.append(u)
                    seq.append(contentsOf: r.seq[a...])
                    incomingIndex = a
                    fillLatest(r, insertedAt: a)
                    search(ri, 0, r.dep(0), c.vStart[vehicle], 0, weight, &rng)
                }
            }
            if nodes > nodeBudget && bestRoute >= 0 { break }
        }
        return bestRoute >= 0 ? (bestRoute, bestKept, bestEjected) : nil
    }

    /// latest[i]: latest arrival at seq[i] with every later stop kept; latest[count]: at the vehicle's end.
    private mutating func fillLatest(_ r: Route, insertedAt a: Int) {
        let count = seq.count
        latest.removeAll(keepingCapacity: true)
        latest.append(contentsOf: repeatElement(0, count: count + 1))
        for i in (a + 1)...count { latest[i] = r.lat(i) }
        var i = a
        while i >= 0 {
            let x = seq[i]
            let l = c.loc[x]
            let next = i + 1 < count ? c.loc[seq[i + 1]] : c.vEnd[vehicle]
            latest[i] = c.latestStart(x, latest[i + 1] - c.t(l, next) - c.service[x])
            i -= 1
        }
    }

    private mutating func search(_ route: Int, _ j: Int, _ t0: Double, _ l0: Int, _ sum: Int, _ weight: [Int], _ rng: inout Xoshiro256) {
        let count = seq.count
        nodes += 1
        if ejected.count == depthLimit {
            let next = j < count ? c.loc[seq[j]] : c.vEnd[vehicle]
            if t0 + c.t(l0, next) <= latest[j] + Compiled.eps { consider(route, sum, &rng) }
            return
        }
        var t = t0
        var l = l0
        for e in j..<count {
            let x = seq[e]
            if e != incomingIndex, sum + weight[x] <= bestSum {
                ejected.append(e)
                search(route, e + 1, t, l, sum + weight[x], weight, &rng)
                ejected.removeLast()
            }
            let lx = c.loc[x]
            let start = c.start(x, t + c.t(l, lx))
            if start == .infinity { return }
            t = start + c.service[x]
            l = lx
        }
    }

    private mutating func consider(_ route: Int, _ sum: Int, _ rng: inout Xoshiro256) {
        if sum > bestSum { return }
        var kept: [Int] = []
        kept.reserveCapacity(seq.count - ejected.count)
        var e = 0
        for (i, x) in seq.enumerated() {
            if e < ejected.count && ejected[e] == i {
                e += 1
            } else {
                kept.append(x)
            }
        }
        guard Route.loadsFeasible(kept, vehicle: vehicle, c) else { return }
        if c.vMaxDur[vehicle] < .infinity, !Route.simulateFeasible(kept, vehicle: vehicle, c) { return }
        if sum < bestSum {
            bestSum = sum
            ties = 1
        } else {
            ties += 1
            if rng.below(ties) != 0 { return }
        }
        bestRoute = route
        bestKept = kept
        bestEjected = ejected.map { seq[$0] }
    }
}
