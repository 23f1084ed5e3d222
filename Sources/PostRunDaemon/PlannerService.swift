import Foundation
import Logging
import Metrics
import PostRunCore
import PostRunStore

/// Plans each office's next working day once, at the office's cutoff (`post_offices.cutoff_at`, local time).
///
/// Every replica runs it; the `plans` table (one cutoff plan per office and day, a unique index) and the office's
/// advisory lock make the plan happen once: a replica that comes second finds the plan and skips.
public enum PlannerService {
    public static func make(planning: PlanningRepository, interval: Duration = .seconds(60), metrics: any MetricsFactory, logger: Logger,
                            now: @escaping @Sendable () -> Date = Date.init) -> PeriodicService {
        PeriodicService(name: "planner", interval: interval, metrics: metrics, logger: logger) { logger in
            try await tick(planning: planning, now: now(), logger: logger)
        }
    }

    /// Plans every office whose cutoff has passed and whose next working day has no cutoff plan. Returns the plans made.
    @discardableResult
    public static func tick(planning: PlanningRepository, now: Date, logger: Logger) async throws -> [PlanSummary] {
        var made: [PlanSummary] = []
        for (officeID, date) in try await planning.dueCutoffs(now: now, logger: logger) {
            do {
                let summary = try await planning.plan(officeID: officeID, date: date, trigger: .cutoff, requestedBy: "planner", logger: logger)
                if !summary.skipped {
                    logger.info("cutoff plan made", metadata: [
                        "office": .string(summary.officeCode), "date": .string(date.description), "runs": .stringConvertible(summary.runs),
                        "planned": .stringConvertible(summary.plannedJobs), "unplanned": .stringConvertible(summary.unplanned.count),
                    ])
                    made.append(summary)
                }
            } catch where Task.isCancelled {
                throw error  // shutting down: the next start plans what is left
            } catch {
                // One office's failure must not keep the others unplanned.
                logger.error("cutoff plan failed", metadata: ["office_id": .stringConvertible(officeID), "error": .string(String(reflecting: error))])
            }
        }
        return made
    }
}
