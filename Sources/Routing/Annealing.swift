import Foundation

extension Engine {
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
            recreate(&cand, &list, warpCost: warpCost)
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
