import Logging
import Metrics
import ServiceLifecycle

/// A background loop: runs `tick` every `interval`, counts ticks and failures, and never lets one
/// failed tick stop the service group. Graceful shutdown lets the tick in progress finish.
public struct PeriodicService: Service {
    public let name: String
    let interval: Duration
    let tick: @Sendable (Logger) async throws -> Void
    let logger: Logger
    let ticks: Counter
    let failures: Counter

    public init(name: String, interval: Duration, metrics: any MetricsFactory, logger: Logger,
                tick: @escaping @Sendable (Logger) async throws -> Void) {
        self.name = name
        self.interval = interval
        self.tick = tick
        var logger = logger
        logger[metadataKey: "service"] = .string(name)
        self.logger = logger
        self.ticks = Counter(label: "postrun_service_ticks_total", dimensions: [("service", name)], factory: metrics)
        self.failures = Counter(label: "postrun_service_failures_total", dimensions: [("service", name)], factory: metrics)
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                // Shield the tick from graceful-shutdown cancellation so it completes.
                try await Task { try await tick(logger) }.value
                ticks.increment()
            } catch {
                failures.increment()
                logger.error("background tick failed", metadata: ["error": .string(String(reflecting: error))])
            }
            try? await gracefulShutdown(sleeping: interval)
        }
    }

    private func gracefulShutdown(sleeping duration: Duration) async throws {
        try await cancelWhenGracefulShutdown { try await Task.sleep(for: duration) }
    }
}
