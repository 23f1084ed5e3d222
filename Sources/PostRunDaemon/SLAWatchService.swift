import Logging
import Metrics
import PostRunStore

/// The SLA watch in the background: every `interval` it recomputes `sla_flags` (one replica at a time, under an
/// advisory lock; the others skip that round) and every replica exports the flagged counts as
/// `postrun_sla_jobs{status="at_risk|late", office="…"}`.
enum SLAWatchService {
    static func make(watch: SLAWatch, interval: Duration = .seconds(300), metrics: any MetricsFactory, logger: Logger) -> PeriodicService {
        PeriodicService(name: "sla-watch", interval: interval, metrics: metrics, logger: logger) { logger in
            try await tick(watch: watch, metrics: metrics, logger: logger)
        }
    }

    static func tick(watch: SLAWatch, metrics: any MetricsFactory, logger: Logger) async throws {
        try await watch.sweep(logger: logger)
        for count in try await watch.counts(logger: logger) {
            Gauge(label: "postrun_sla_jobs", dimensions: [("status", count.status.rawValue), ("office", count.office)], factory: metrics)
                .record(count.jobs)
        }
    }
}
