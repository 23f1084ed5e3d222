import Foundation

/// Local search over granular neighbourhoods, first improvement, in feasible space only: relocate and or-opt (runs of
/// 1–3 stops), swap and cross-exchange (runs of up to 3 each way), 2-opt*, relocation of a whole pickup–delivery pair
/// (reusing the pair insertion) and SWAP* (Vidal 2022).
///
/// Between two routes every run move replaces a short run of one route by a short run of the other, so its cost and
/// feasibility are O(run length + dims): forward from the cached departure at the first cut, against the cached latest
/// arrival at the second, and load prefix/suffix maxima. Within one route the cost change is O(1) and feasibility is
/// simulated over the window between the two cuts, only for improving moves. Duration limits and SWAP* candidates are
/// checked by simulating the new routes, again only for improving moves. Runs that would separate a pickup from its
/// delivery are never moved; moves inside a route keep pickups before deliveries.
extension Engine {
    /// Positions `from ..< from + count` of a route (1-based; `count == 0` means the gap before `from`).
    struct Run {
        var from: Int
        var count: Int
        var before: Int { from - 1 }
        var after: Int { from + count }
    }

    // MARK: Runs exchanged between two routes

    /// Cost change of route `r` when its run `out` is replaced by the stops of run `incoming` of route `src`.
    @inline(__always)
    func replacementDelta(_ r: borrowing Route, _ out: Run, _ src: borrowing Route, _ incoming: Run) -> Double {
        var removed = 0.0
        var prev = r.locAt(out.before, c)
        for p in out.from...out.after {
            let l = r.locAt(p, c)
            removed += c.c(prev, l)
            prev = l
        }
        var added = 0.0
        prev = r.locAt(out.before, c)
        for k in 0..<incoming.count {
            let l = c.loc[src.seq[incoming.before + k]]
            added += c.c(prev, l)
            prev = l
        }
        return added + c.c(prev, r.locAt(out.after, c)) - removed
    }

    /// Whether route `r` stays feasible when its run `out` is replaced by run `incoming` of another route `src`.
    func replacementFeasible(_ r: borrowing Route, _ out: Run, _ src: borrowing Route, _ incoming: Run) -> Bool {
        let v = r.vehicle
        let dims = c.dims
        var t = r.dep(out.before)
        var prev = r.locAt(out.before, c)
        for k in 0..<incoming.count {
            let u = src.seq[incoming.before + k]
            if !canServe[v * c.n + u] { return false }
            let l = c.loc[u]
            let s = c.start(u, t + c.t(prev, l))
            if s == .infinity { return false }
            t = s + c.service[u]
            prev = l
        }
        if t + c.t(prev, r.locAt(out.after, c)) > r.lat(out.after) + Compiled.eps { return false }
        for d in 0..<dims {
            let cap = c.vCap[v * dims + d] + Compiled.eps
            let deliveredIn = src.cumDL((incoming.after - 1) * dims + d) - src.cumDL(incoming.before * dims + d)
            let pickedIn = src.cumPU((incoming.after - 1) * dims + d) - src.cumPU(incoming.before * dims + d)
            let deliveredOut = r.cumDL((out.after - 1) * dims + d) - r.cumDL(out.before * dims + d)
            let pickedOut = r.cumPU((out.after - 1) * dims + d) - r.cumPU(out.before * dims + d)
            // loads before the run change by the deliveries carried from the depot, loads after it by the pickups
            if r.pre(out.before * dims + d) + deliveredIn - deliveredOut > cap { return false }
            if out.after <= r.count && r.suf(out.after * dims + d) + pickedIn - pickedOut > cap { return false }
            var load = r.load(out.before * dims + d) + deliveredIn - deliveredOut
            for k in 0..<incoming.count {
                let u = src.seq[incoming.before + k]
                load += c.pu[u * dims + d] - c.dl[u * dims + d]
                if load > cap { return false }
            }
        }
        if c.vMaxDur[v] < .infinity {
            return Route.simulateFeasible(replaced(r.seq, out, by: src.seq, incoming), vehicle: v, c)
        }
        return true
    }

    /// `seq` with run `out` replaced by run `incoming` of `other`.
    func replaced(_ seq: [Int], _ out: Run, by other: [Int], _ incoming: Run) -> [Int] {
        Array(seq[0..<out.before]) + Array(other[incoming.before..<(incoming.after - 1)]) + Array(seq[(out.after - 1)...])
    }

    /// Whether a run can leave its route without separating a pickup from its delivery.
    @inline(__always)
    func keepsPairsTogether(_ r: borrowing Route, _ run: Run) -> Bool {
        guard hasPairs else { return true }
        let stops = r.seq[run.before..<(run.after - 1)]
        return stops.allSatisfy { c.partner[$0] < 0 || stops.contains(c.partner[$0]) }
    }

    /// Total cost change of exchanging run `a` of route `A` with run `b` of route `B` (either run may be empty).
    @inline(__always)
    func exchangeDelta(_ A: borrowing Route, _ a: Run, _ B: borrowing Route, _ b: Run) -> Double {
        replacementDelta(A, a, B, b) + replacementDelta(B, b, A, a)
    }

    func exchangeFeasible(_ A: borrowing Route, _ a: Run, _ B: borrowing Route, _ b: Run) -> Bool {
        keepsPairsTogether(A, a) && keepsPairsTogether(B, b) && replacementFeasible(A, a, B, b) && replacementFeasible(B, b, A, a)
    }

    /// The run of `count` stops that starts (`startsAt`) or ends at position `p` of a route with `m` stops, or the empty gap
    /// after (`startsAt`: before) position `p`; nil if it does not fit.
    @inline(__always)
    static func run(at p: Int, count: Int, startsAt: Bool, m: Int) -> Run? {
        let from = startsAt ? p : p - count + 1
        if count == 0 { return Run(from: startsAt ? p : p + 1, count: 0) }
        return from >= 1 && from + count - 1 <= m ? Run(from: from, count: count) : nil
    }

    // MARK: Moves inside one route

    /// Cost change of moving run `run` of route `r` to just after position `q` (outside the run and not just before it).
    @inline(__always)
    func intraRelocateDelta(_ r: borrowing Route, _ run: Run, after q: Int) -> Double {
        let a = r.locAt(run.from, c)
        let b = r.locAt(run.after - 1, c)
        let prev = r.locAt(run.before, c)
        let next = r.locAt(run.after, c)
        let q0 = r.locAt(q, c)
        let q1 = r.locAt(q + 1, c)
        return c.c(prev, next) + c.c(q0, a) + c.c(b, q1) - c.c(prev, a) - c.c(b, next) - c.c(q0, q1)
    }

    func intraRelocated(_ seq: [Int], _ run: Run, after q: Int) -> [Int] {
        var out = seq
        let stops = Array(seq[run.before..<(run.after - 1)])
        out.removeSubrange(run.before..<(run.after - 1))
        let at = q < run.from ? q : q - run.count
        out.insert(contentsOf: stops, at: at)
        return out
    }

    /// Cost change of swapping the stops at positions `x < y` of route `r`.
    @inline(__always)
    func intraSwapDelta(_ r: borrowing Route, _ x: Int, _ y: Int) -> Double {
        let px = r.locAt(x - 1, c)
        let lx = r.locAt(x, c)
        let nx = r.locAt(x + 1, c)
        let py = r.locAt(y - 1, c)
        let ly = r.locAt(y, c)
        let ny = r.locAt(y + 1, c)
        if y == x + 1 { return c.c(px, ly) + c.c(ly, lx) + c.c(lx, ny) - c.c(px, lx) - c.c(lx, ly) - c.c(ly, ny) }
        return c.c(px, ly) + c.c(ly, nx) + c.c(py, lx) + c.c(lx, ny) - c.c(px, lx) - c.c(lx, nx) - c.c(py, ly) - c.c(ly, ny)
    }

    /// Whether `newSeq`, equal to `r.seq` outside positions `first...last`, is feasible for `r`'s vehicle: simulates the
    /// window from the cached departure before it to the cached latest arrival after it. O(last − first + dims).
    func windowFeasible(_ r: borrowing Route, _ newSeq: [Int], first: Int, last: Int) -> Bool {
        let v = r.vehicle
        let dims = c.dims
        var t = r.dep(first - 1)
        var prev = r.locAt(first - 1, c)
        for p in first...last {
            let u = newSeq[p - 1]
            let l = c.loc[u]
            let s = c.start(u, t + c.t(prev, l))
            if s == .infinity { return false }
            t = s + c.service[u]
            prev = l
        }
        if t + c.t(prev, r.locAt(last + 1, c)) > r.lat(last + 1) + Compiled.eps { return false }
        for d in 0..<dims {
            let cap = c.vCap[v * dims + d] + Compiled.eps
            var load = r.load((first - 1) * dims + d)
            for p in first...last {
                let u = newSeq[p - 1]
                load += c.pu[u * dims + d] - c.dl[u * dims + d]
                if load > cap || load < -Compiled.eps { return false }
            }
        }
        if hasPairs {
            // stops only move inside the window, so precedence can only break between two stops of the window
            for p in first...last where c.partner[newSeq[p - 1]] >= 0 && !c.isPairPickup[newSeq[p - 1]] {
                let pickup = c.partner[newSeq[p - 1]]
                if newSeq[p..<last].contains(pickup) { return false }
            }
        }
        if c.vMaxDur[v] < .infinity { return Route.simulateFeasible(newSeq, vehicle: v, c) }
        return true
    }

    // MARK: 2-opt*

    /// Feasibility and cost change of 2-opt* between routes A (cut after position i) and B (cut after position j):
    /// A' = A[1...i] + B[j+1...], B' = B[1...j] + A[i+1...]. O(dims).
    @inline(__always)
    func twoOptStarDelta(_ A: inout Route, _ i: Int, _ B: inout Route, _ j: Int) -> Double? {
        let mA = A.seq.count
        let mB = B.seq.count
        let ai = A.locAt(i, c)
        let ai1 = A.locAt(i + 1, c)
        let bj = B.locAt(j, c)
        let bj1 = B.locAt(j + 1, c)
        let delta = c.c(ai, bj1) + c.c(bj, ai1) - c.c(ai, ai1) - c.c(bj, bj1)
        if delta >= -1e-9 { return nil }
        if A.dep(i) + c.t(ai, bj1) > B.lat(j + 1) + Compiled.eps { return nil }
        if B.dep(j) + c.t(bj, ai1) > A.lat(i + 1) + Compiled.eps { return nil }
        let dims = c.dims
        let v = A.vehicle
        for d in 0..<dims {
            let cap = c.vCap[v * dims + d] + Compiled.eps
            let dlTailA = A.cumDL(mA * dims + d) - A.cumDL(i * dims + d)
            let dlTailB = B.cumDL(mB * dims + d) - B.cumDL(j * dims + d)
            let puA = A.cumPU(i * dims + d)
            let puB = B.cumPU(j * dims + d)
            if A.pre(i * dims + d) + dlTailB - dlTailA > cap { return nil }
            if B.pre(j * dims + d) + dlTailA - dlTailB > cap { return nil }
            if j < mB && B.suf((j + 1) * dims + d) + puA - puB > cap { return nil }
            if i < mA && A.suf((i + 1) * dims + d) + puB - puA > cap { return nil }
        }
        return delta
    }

    // MARK: Whole-route checks (SWAP*, pair relocation)

    /// Full check of a candidate sequence for vehicle `v`: skills, loads, pair precedence, windows, shift, duration. O(m).
    func sequenceFeasible(_ seq: [Int], vehicle v: Int) -> Bool {
        for u in seq where !canServe[v * c.n + u] { return false }
        return Route.loadsFeasible(seq, vehicle: v, c) && Route.simulateFeasible(seq, vehicle: v, c)
    }

    /// Travel cost of `seq` driven by vehicle `v`.
    func sequenceCost(_ seq: [Int], vehicle v: Int) -> Double {
        var prev = c.vStart[v]
        var total = 0.0
        for u in seq {
            total += c.c(prev, c.loc[u])
            prev = c.loc[u]
        }
        return total + c.c(prev, c.vEnd[v])
    }

    /// Cost change of removing the stop at position `p` of `r`.
    @inline(__always)
    func removalDelta(_ r: Route, _ p: Int) -> Double {
        let prev = r.locAt(p - 1, c)
        let here = r.locAt(p, c)
        let next = r.locAt(p + 1, c)
        return c.c(prev, next) - c.c(prev, here) - c.c(here, next)
    }

    /// SWAP* candidate for stops `u` (position `pu` of A) and `v` (position `pv` of B): `u` goes to its cheapest gap of B
    /// without `v`, `v` to its cheapest gap of A without `u`. Cheapest gaps come from the three best gaps of each stop in
    /// the other route (at most two of them touch the removed stop, so the best remaining one is among them) or the
    /// removed stop's place. Returns the cost change and the two new sequences; feasibility is not checked.
    func swapStarCandidate(_ A: Route, _ pu: Int, _ bestGapsOfU: [(Double, Int)], _ B: Route, _ pv: Int, _ bestGapsOfV: [(Double, Int)])
        -> (Double, [Int], [Int])
    {
        /// Cheapest gap (after position g of `r`) for `x` once the stop at `p` has left `r`; g == p means its place.
        func bestInsertion(_ x: Int, into r: Route, without p: Int, _ gaps: [(Double, Int)]) -> (Double, Int) {
            let lx = c.loc[x]
            let prev = r.locAt(p - 1, c)
            let next = r.locAt(p + 1, c)
            var best = (c.c(prev, lx) + c.c(lx, next) - c.c(prev, next), p)
            for (cost, g) in gaps where g != p - 1 && g != p {
                if cost < best.0 { best = (cost, g) }
                break
            }
            return best
        }
        let u = A.seq[pu - 1]
        let v = B.seq[pv - 1]
        let (insU, gapB) = bestInsertion(u, into: B, without: pv, bestGapsOfU)
        let (insV, gapA) = bestInsertion(v, into: A, without: pu, bestGapsOfV)
        func rebuilt(_ seq: [Int], removing p: Int, inserting x: Int, after g: Int) -> [Int] {
            var out = seq
            out.remove(at: p - 1)
            out.insert(x, at: g == p ? p - 1 : (g < p ? g : g - 1))
            return out
        }
        let delta = removalDelta(A, pu) + removalDelta(B, pv) + insU + insV
        return (delta, rebuilt(A.seq, removing: pu, inserting: v, after: gapA), rebuilt(B.seq, removing: pv, inserting: u, after: gapB))
    }

    /// The three cheapest gaps (cost, gap) of route `r` for stop `x`, by travel cost only.
    func threeBestGaps(_ x: Int, _ r: Route) -> [(Double, Int)] {
        let lx = c.loc[x]
        var best: [(Double, Int)] = [(.infinity, -1), (.infinity, -1), (.infinity, -1)]
        var prev = r.locAt(0, c)
        for g in 0...r.count {
            let next = r.locAt(g + 1, c)
            let cost = c.c(prev, lx) + c.c(lx, next) - c.c(prev, next)
            prev = next
            if cost < best[2].0 {
                best[2] = (cost, g)
                if best[2].0 < best[1].0 { best.swapAt(1, 2) }
                if best[1].0 < best[0].0 { best.swapAt(0, 1) }
            }
        }
        return best.filter { $0.1 >= 0 }
    }
}
