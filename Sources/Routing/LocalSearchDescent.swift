import Foundation

/// The local-search descent: every operator of `LocalSearch.swift` over granular neighbour pairs, first improvement.
extension Engine {
    /// Improves `s` until no move helps, `localSearchPasses` passes are done or a pass would start after `deadline`
    /// (seconds since the start); drops routes left empty. Returns whether anything changed. Uses the engine's random
    /// generator only to order the stops.
    @discardableResult
    func localSearch(_ s: inout Sol, until deadline: Double = .infinity) -> Bool {
        guard !s.routes.isEmpty else { return false }
        var pos = Array(repeating: 0, count: c.n)
        for r in s.routes { for (p, u) in r.seq.enumerated() { pos[u] = p + 1 } }
        var order = active
        order.shuffle(using: &rng)
        var stamps = DescentStamps(stops: c.n, settled: s.routes.map { settledRoutes.contains($0.signature) })
        var changed = false
        var settled = false
        for pass in 0..<o.localSearchPasses {
            if pass > 0 && elapsed >= deadline { break }
            var improved = false
            for u in order where s.routeOf[u] >= 0 {
                if improveNode(u, &s, &pos, &stamps) { improved = true }
            }
            if !improved { improved = swapStarPass(&s, &pos, &stamps) }
            if !improved {
                settled = true
                break
            }
            changed = true
        }
        if changed { s.dropEmptyRoutes() }
        if settled { settledRoutes = Set(s.routes.map(\.signature)) }
        return changed
    }

    /// Tries the moves that bring `u` next to one of its granular neighbours; applies the first improving one.
    /// A neighbour is skipped when neither route changed since `u`'s moves were last tried: those moves all failed then,
    /// and they depend on nothing but the two routes.
    func improveNode(_ u: Int, _ s: inout Sol, _ pos: inout [Int], _ stamps: inout DescentStamps) -> Bool {
        let lastTried = stamps.beginTrying(u)
        let ru = s.routeOf[u]
        for w in adj[u].prefix(o.localSearchNeighbours) {
            let rw = s.routeOf[w]
            if rw < 0 || stamps.unchanged(ru, rw, since: lastTried) { continue }
            if ru != rw {
                if tryExchanges(u, w, &s, &pos) || tryTwoOptStar(u, w, &s, &pos) {
                    stamps.touch(ru, rw)
                    return true
                }
            } else if tryIntraRoute(u, w, &s, &pos) {
                stamps.touch(ru, ru)
                return true
            }
        }
        guard hasPairs && c.isPairPickup[u], let rb = tryPairRelocation(u, &s, &pos, skipping: { stamps.unchanged(ru, $0, since: lastTried) })
        else { return false }
        stamps.touch(ru, rb)
        return true
    }

    func setSequence(_ s: inout Sol, _ ri: Int, _ seq: [Int], _ pos: inout [Int]) {
        s.routes[ri].seq = seq
        s.routes[ri].recompute(c)
        for (p, x) in seq.enumerated() {
            pos[x] = p + 1
            s.routeOf[x] = ri
        }
    }

    /// Relocate, or-opt, swap and cross-exchange between u's and w's routes: the run starting at u goes after w (in
    /// exchange for the run after w), or the run ending at u goes before w (for the run before w).
    func tryExchanges(_ u: Int, _ w: Int, _ s: inout Sol, _ pos: inout [Int]) -> Bool {
        let ra = s.routeOf[u]
        let rb = s.routeOf[w]
        // read the routes in place: copying a route costs a dozen reference-count updates per neighbour pair
        let found: (Run, Run)? = s.routes.withUnsafeBufferPointer { routes in
            let A = routes.baseAddress! + ra
            let B = routes.baseAddress! + rb
            for startsAt in [true, false] {
                for lengthA in 1...3 {
                    guard let a = Engine.run(at: pos[u], count: lengthA, startsAt: startsAt, m: A.pointee.count) else { break }
                    // on a day of pickup–delivery pairs most runs hold half a pair: rule them out before pricing
                    guard keepsPairsTogether(A.pointee, a) else { continue }
                    for lengthB in 0...3 {
                        let besideW = startsAt ? pos[w] + 1 : pos[w] - 1
                        guard let b = Engine.run(at: besideW, count: lengthB, startsAt: startsAt, m: B.pointee.count) else { break }
                        guard keepsPairsTogether(B.pointee, b) else { continue }
                        if exchangeDelta(A.pointee, a, B.pointee, b) < -1e-9, exchangeFeasible(A.pointee, a, B.pointee, b) { return (a, b) }
                    }
                }
            }
            return nil
        }
        guard let (a, b) = found else { return false }
        let seqA = s.routes[ra].seq
        let seqB = s.routes[rb].seq
        setSequence(&s, ra, replaced(seqA, a, by: seqB, b), &pos)
        setSequence(&s, rb, replaced(seqB, b, by: seqA, a), &pos)
        return true
    }

    /// 2-opt* making u → w or w → u an arc.
    func tryTwoOptStar(_ u: Int, _ w: Int, _ s: inout Sol, _ pos: inout [Int]) -> Bool {
        guard twoOptStarAllowed else { return false }
        let ra = s.routeOf[u]
        let rb = s.routeOf[w]
        let cuts = [(pos[u], pos[w] - 1), (pos[u] - 1, pos[w])]
        let found = s.routes.withUnsafeMutableBufferPointer { routes in
            cuts.first { twoOptStarDelta(&routes[ra], $0.0, &routes[rb], $0.1) != nil }
        }
        guard let (i, j) = found else { return false }
        let seqA = s.routes[ra].seq
        let seqB = s.routes[rb].seq
        setSequence(&s, ra, Array(seqA[0..<i]) + Array(seqB[j...]), &pos)
        setSequence(&s, rb, Array(seqB[0..<j]) + Array(seqA[i...]), &pos)
        return true
    }

    /// Within one route: the run starting at u moves after w, the run ending at u moves before w, or u and w swap.
    func tryIntraRoute(_ u: Int, _ w: Int, _ s: inout Sol, _ pos: inout [Int]) -> Bool {
        let ri = s.routeOf[u]
        let pu = pos[u]
        let pw = pos[w]
        let newSeq: [Int]? = s.routes.withUnsafeBufferPointer { routes in
            let r = routes.baseAddress! + ri
            for startsAt in [true, false] {
                let q = startsAt ? pw : pw - 1
                for length in 1...3 {
                    guard let run = Engine.run(at: pu, count: length, startsAt: startsAt, m: r.pointee.count) else { break }
                    if q >= run.before && q < run.after { continue }
                    guard intraRelocateDelta(r.pointee, run, after: q) < -1e-9 else { continue }
                    let candidate = intraRelocated(r.pointee.seq, run, after: q)
                    if windowFeasible(r.pointee, candidate, first: min(run.from, q + 1), last: max(run.after - 1, q)) { return candidate }
                }
            }
            let x = min(pu, pw)
            let y = max(pu, pw)
            guard intraSwapDelta(r.pointee, x, y) < -1e-9 else { return nil }
            var candidate = r.pointee.seq
            candidate.swapAt(x - 1, y - 1)
            return windowFeasible(r.pointee, candidate, first: x, last: y) ? candidate : nil
        }
        guard let newSeq else { return false }
        setSequence(&s, ri, newSeq, &pos)
        return true
    }

    /// Moves pickup `p` and its delivery to the cheapest positions of a route holding one of their neighbours, except
    /// the routes `skipping` rules out; returns the route they went to.
    func tryPairRelocation(_ p: Int, _ s: inout Sol, _ pos: inout [Int], skipping: (Int) -> Bool = { _ in false }) -> Int? {
        let d = c.partner[p]
        let ra = s.routeOf[p]
        let A = s.routes[ra]
        let pp = pos[p]
        let pd = pos[d]
        var remaining = A.seq
        remaining.remove(at: pd - 1)
        remaining.remove(at: pp - 1)
        let removal: Double
        if pd == pp + 1 {
            removal = c.c(A.locAt(pp - 1, c), A.locAt(pd + 1, c)) - c.c(A.locAt(pp - 1, c), c.loc[p]) - c.c(c.loc[p], c.loc[d])
                - c.c(c.loc[d], A.locAt(pd + 1, c))
        } else {
            removal = removalDelta(A, pp) + removalDelta(A, pd)
        }
        var tried = [Bool](repeating: false, count: s.routes.count)
        var noBlinks = rng
        for w in adj[p].prefix(o.localSearchNeighbours) + adj[d].prefix(o.localSearchNeighbours) {
            let rb = s.routeOf[w]
            guard rb >= 0, rb != ra, !tried[rb], canServe[s.routes[rb].vehicle * c.n + p], !skipping(rb) else { continue }
            tried[rb] = true
            guard let (insertion, gapP, gapD) = bestPairGaps(p, d, &s.routes[rb], below: -removal - 1e-9, blink: false, &noBlinks),
                insertion + removal < -1e-9, remaining.isEmpty || sequenceFeasible(remaining, vehicle: A.vehicle)
            else { continue }
            var target = s.routes[rb].seq
            target.insert(d, at: gapD)
            target.insert(p, at: gapP)
            setSequence(&s, ra, remaining, &pos)
            setSequence(&s, rb, target, &pos)
            return rb
        }
        return nil
    }

    /// SWAP* over pairs of routes that hold granular neighbours of each other; applies the first improving exchange.
    /// Route pairs whose routes have not changed since their last SWAP* found nothing are skipped.
    func swapStarPass(_ s: inout Sol, _ pos: inout [Int], _ stamps: inout DescentStamps) -> Bool {
        let nr = s.routes.count
        // by key ra × nr + rb (ra < rb): a flag per pair rather than a set, which cost more to build than the pass
        var neighbouring = [Bool](repeating: false, count: nr * nr)
        for u in active where s.routeOf[u] >= 0 {
            for w in adj[u].prefix(o.localSearchNeighbours) where s.routeOf[w] >= 0 && s.routeOf[w] != s.routeOf[u] {
                neighbouring[min(s.routeOf[u], s.routeOf[w]) * nr + max(s.routeOf[u], s.routeOf[w])] = true
            }
        }
        for key in 0..<(nr * nr) where neighbouring[key] {
            let (ra, rb) = (key / nr, key % nr)
            guard stamps.beginSwapStar(ra, rb) else { continue }
            if trySwapStar(ra, rb, &s, &pos) {
                stamps.touch(ra, rb)
                return true
            }
        }
        return false
    }

    /// The best feasible SWAP* between routes `ra` and `rb` among the improving candidates (at most a few are simulated).
    func trySwapStar(_ ra: Int, _ rb: Int, _ s: inout Sol, _ pos: inout [Int]) -> Bool {
        let A = s.routes[ra]
        let B = s.routes[rb]
        guard !A.seq.isEmpty, !B.seq.isEmpty else { return false }
        func movable(_ x: Int, to r: Route) -> Bool { c.partner[x] < 0 && canServe[r.vehicle * c.n + x] }
        let gapsInB = A.seq.map { movable($0, to: B) ? threeBestGaps($0, B) : [] }
        let gapsInA = B.seq.map { movable($0, to: A) ? threeBestGaps($0, A) : [] }
        var candidates: [(Double, [Int], [Int])] = []
        for pu in 1...A.count where !gapsInB[pu - 1].isEmpty {
            for pv in 1...B.count where !gapsInA[pv - 1].isEmpty {
                let candidate = swapStarCandidate(A, pu, gapsInB[pu - 1], B, pv, gapsInA[pv - 1])
                if candidate.0 < -1e-9 { candidates.append(candidate) }
            }
        }
        candidates.sort { $0.0 < $1.0 }
        for (_, newA, newB) in candidates.prefix(8)
        where sequenceFeasible(newA, vehicle: A.vehicle) && sequenceFeasible(newB, vehicle: B.vehicle) {
            setSequence(&s, ra, newA, &pos)
            setSequence(&s, rb, newB, &pos)
            return true
        }
        return false
    }
}

/// When each route last changed and when each stop's moves (and each pair of routes' SWAP*) were last tried, on one
/// clock that ticks with every applied move (Vidal's HGS skips moves the same way). Settled routes (of the last
/// finished descent) count as tried against each other before the descent began.
struct DescentStamps {
    private var clock = 1
    private var changedAt: [Int]
    private var triedAt: [Int]
    private var swapStarAt: [Int]
    private let routes: Int

    init(stops: Int, settled: [Bool]) {
        routes = settled.count
        changedAt = settled.map { $0 ? 0 : 1 }
        triedAt = Array(repeating: 0, count: stops)
        swapStarAt = Array(repeating: 0, count: routes * routes)
    }

    /// Marks `u`'s moves as tried now; returns when they were tried before (0: before the descent, against settled routes).
    mutating func beginTrying(_ u: Int) -> Int {
        defer { triedAt[u] = clock }
        return triedAt[u]
    }

    /// Whether neither route changed after `time` (a try at `time` saw them as they are).
    func unchanged(_ a: Int, _ b: Int, since time: Int) -> Bool { changedAt[a] <= time && changedAt[b] <= time }

    /// Whether SWAP* between `a` and `b` is worth trying (either changed since the last try); marks it tried.
    mutating func beginSwapStar(_ a: Int, _ b: Int) -> Bool {
        let last = swapStarAt[a * routes + b]
        swapStarAt[a * routes + b] = clock
        return !unchanged(a, b, since: last)
    }

    mutating func touch(_ a: Int, _ b: Int) {
        clock += 1
        changedAt[a] = clock
        changedAt[b] = clock
    }
}
