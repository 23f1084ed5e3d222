import Foundation
import Planning
import PostRunCore

extension PlanSummary {
    /// A short human summary of a plan for a terminal (`postrun plan`): the totals, each run with its stops, distance
    /// and duration, then the unplanned jobs by reason, each with its reason.
    public func report(runs: [RunView]) -> String {
        var lines: [String] = []
        let timing = String(format: "load %.2f s, solve %.2f s, store %.2f s", loadSeconds, solveSeconds, storeSeconds)
        if skipped {
            lines.append("\(officeCode) \(date): a cutoff plan of this day exists; nothing was planned.")
            return lines.joined(separator: "\n")
        }
        lines.append("\(officeCode) \(date): plan \(planID ?? "-"), \(plannedJobs) jobs planned, \(unplanned.count) unplanned (\(timing))")
        let distance = runs.reduce(0) { $0 + $1.distanceMetres }, duration = runs.reduce(0) { $0 + $1.durationSeconds }
        lines.append("runs: \(runs.count), stops: \(runs.reduce(0) { $0 + $1.stops.count }), "
                     + "\(Self.kilometres(distance)), \(Self.hours(duration)) on the road in all")
        for run in runs {
            let late = run.stops.filter { $0.lateSeconds > 0 }.count
            let kept = run.status == "draft" ? "" : " [\(run.status), kept]"
            let lateNote = late > 0 ? ", \(late) late" : ""
            lines.append("  \(run.courierName) (\(run.courierID)): \(run.stops.count) stops, \(Self.kilometres(run.distanceMetres)), "
                         + "\(Self.hours(run.durationSeconds)), load \(run.peakDossiers) dossiers / \(run.peakGrams) g\(lateNote)\(kept)")
        }
        if !unplanned.isEmpty {
            let counts = Dictionary(grouping: unplanned, by: \.reason).map { ($0.key.rawValue, $0.value.count) }.sorted { $0.0 < $1.0 }
            lines.append("unplanned: " + counts.map { "\($0.0) \($0.1)" }.joined(separator: ", "))
            for job in unplanned.sorted(by: { ($0.reason.rawValue, $0.jobID) < ($1.reason.rawValue, $1.jobID) }) {
                let skill = job.skill.map { " (\($0))" } ?? ""
                lines.append("  \(job.jobID): \(job.reason.rawValue)\(skill) — \(job.reason.messageEn)")
            }
        }
        return lines.joined(separator: "\n")
    }

    static func kilometres(_ metres: Int) -> String { String(format: "%.1f km", Double(metres) / 1000) }

    static func hours(_ seconds: Int) -> String { "\(seconds / 3600) h \(String(format: "%02d", seconds % 3600 / 60)) min" }
}
