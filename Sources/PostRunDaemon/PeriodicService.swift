import Logging
import Metrics
import ServiceLifecycle

/// A background loop: runs `tick` every `interval`, counts ticks and failures, and never lets one
/// failed tick stop the service group. Graceful shutdown lets the tick in progress finish, within `shutdownGrace`.
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
                try await finishingBeforeShutdown { try await tick(logger) }
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

/// The daemon's background loops run side by side as one service, so that graceful shutdown reaches them all at once:
/// a `ServiceGroup` stops its services one after another, and with the database down each loop's tick waits out its
/// whole `shutdownGrace` (five loops took 50 s to stop).
public struct BackgroundServices: Service {
    let services: [any Service]

    public init(_ services: [any Service]) { self.services = services }

    public func run() async throws {
        try await withThrowingDiscardingTaskGroup { group in
            for service in services { group.addTask { try await service.run() } }
        }
    }
}

/// How long a tick in progress may go on once graceful shutdown has begun.
let shutdownGrace: Duration = .seconds(10)

/// Runs `work` shielded from graceful-shutdown cancellation, so that a tick in progress completes, but not for ever:
/// once shutdown has begun it gets `grace`, then it is cancelled. A tick waiting for a database that is down would
/// otherwise hold the daemon's exit until its supervisor killed it (its transaction rolls back; the next start redoes it).
func finishingBeforeShutdown<T: Sendable>(grace: Duration = shutdownGrace,
                                          _ work: @escaping @Sendable () async throws -> T) async throws -> T {
    let task = Task { try await work() }
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask {
            try? await gracefulShutdown()
            guard !Task.isCancelled else { return }
            try? await Task.sleep(for: grace)
            if !Task.isCancelled { task.cancel() }
        }
        defer { group.cancelAll() }
        return try await task.value
    }
}
