import AsyncHTTPClient
import Foundation
import Logging
import Metrics
import NIOCore
import NIOHTTP1
import PostgresNIO
import PostRunStore
import ServiceLifecycle

/// Delivers webhooks: each tick fans new outbox events out into deliveries, claims the due ones and POSTs them,
/// signed, with a timeout. A 2xx is delivered; anything else, or no answer in time, is tried again after an
/// exponential backoff with jitter until the retry window closes, then the delivery is dead (replayable via the API).
///
/// Runs on every replica; they share the work through `FOR UPDATE SKIP LOCKED` (see ``WebhookQueue``). It ticks every
/// `pollInterval`, and sooner when `postrun_outbox` is notified (LISTEN only wakes it; the tables hold all the state).
public struct WebhookSender: Service {
    public struct Configuration: Sendable {
        /// How long to sleep when there is nothing to do and no notification arrives.
        public var pollInterval: Duration = .seconds(5)
        /// The whole HTTP exchange, connection included; past it the attempt failed.
        public var requestTimeout: Duration = .seconds(10)
        /// Retry for this long after the delivery was created (or replayed), then give up: dead.
        public var retryWindow: Duration = .seconds(24 * 60 * 60)
        /// Backoff before the second attempt; doubles per attempt up to `maximumBackoff`, each scaled by a random 50–100 %.
        public var initialBackoff: Duration = .seconds(30)
        public var maximumBackoff: Duration = .seconds(60 * 60)
        /// Deliveries sent at once by this replica (each holds no database connection while in flight).
        public var concurrency = 8
        /// Outbox events fanned out per statement.
        public var fanOutBatchSize = 200
        /// Wake early on `NOTIFY postrun_outbox` (one pooled connection stays LISTENing).
        public var listen = true

        public init() {}

        /// Past the timeout with a margin, so an attempt in flight is never taken over by another replica.
        var lease: Duration { requestTimeout + .seconds(30) }
    }

    static let userAgent = "PostRun-Webhooks/1"

    let database: Database
    let queue: WebhookQueue
    let configuration: Configuration
    let httpClient: HTTPClient?
    let logger: Logger
    let now: @Sendable () -> Date
    let doorbell = Doorbell()
    let ticks: Counter
    let failures: Counter
    let succeeded: Counter
    let failed: Counter
    let dead: Counter

    /// With no `httpClient`, `run()` makes one for webhooks (no redirects followed) and shuts it down when it ends.
    public init(database: Database, configuration: Configuration = .init(), httpClient: HTTPClient? = nil,
                metrics: any MetricsFactory, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.queue = WebhookQueue(database: database)
        self.configuration = configuration
        self.httpClient = httpClient
        var logger = logger
        logger[metadataKey: "service"] = "webhook-sender"
        self.logger = logger
        self.now = now
        self.ticks = Counter(label: "postrun_service_ticks_total", dimensions: [("service", "webhook-sender")], factory: metrics)
        self.failures = Counter(label: "postrun_service_failures_total", dimensions: [("service", "webhook-sender")], factory: metrics)
        let label = "postrun_webhook_deliveries_total"
        self.succeeded = Counter(label: label, dimensions: [("outcome", "succeeded")], factory: metrics)
        self.failed = Counter(label: label, dimensions: [("outcome", "failed")], factory: metrics)
        self.dead = Counter(label: label, dimensions: [("outcome", "dead")], factory: metrics)
    }

    /// A client that never follows redirects (a 3xx is a failed attempt) and gives up connecting after 5 s.
    public static func makeHTTPClient() -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(30))
        configuration.decompression = .disabled
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    public func run() async throws {
        let client = httpClient ?? Self.makeHTTPClient()
        // Graceful shutdown lets the tick in progress finish (its attempts are recorded), within `shutdownGrace`, then
        // stops the loop.
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                if configuration.listen {
                    group.addTask { await listenForWakeUps() }
                }
                while !Task.isCancelled && !Task.isShuttingDownGracefully {
                    var more = false
                    do {
                        more = try await finishingBeforeShutdown { try await tick(client: client) }
                        ticks.increment()
                    } catch {
                        failures.increment()
                        logger.error("webhook tick failed", metadata: ["error": .string(String(reflecting: error))])
                    }
                    if !more && !Task.isShuttingDownGracefully { await doorbell.wait(upTo: configuration.pollInterval) }
                }
                group.cancelAll()
            }
        } onGracefulShutdown: {
            Task { await doorbell.ring() }
        }
        if httpClient == nil { try await client.shutdown() }
    }

    /// One round: fan out, claim up to `concurrency` due deliveries, attempt them all. True when more may be due now.
    @discardableResult
    public func tick(client: HTTPClient) async throws -> Bool {
        for _ in 0..<20 {
            guard try await queue.fanOut(limit: configuration.fanOutBatchSize, logger: logger) == configuration.fanOutBatchSize else { break }
        }
        let claimed = try await queue.claim(limit: configuration.concurrency, lease: configuration.lease, logger: logger)
        await withDiscardingTaskGroup { group in
            for delivery in claimed {
                group.addTask { await attempt(delivery, client: client) }
            }
        }
        return claimed.count == configuration.concurrency
    }

    /// The exact bytes sent and signed: `{"id","type","created_at","data"}` with the payload as stored.
    public static func body(of delivery: WebhookQueue.Claimed) -> [UInt8] {
        func quoted(_ text: String) -> String {
            (try? String(decoding: JSONEncoder().encode(text), as: UTF8.self)) ?? "\"\""
        }
        let createdAt = delivery.eventCreatedAt.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        return Array("""
            {"id":\(quoted(delivery.eventPublicID)),"type":\(quoted(delivery.eventType)),"created_at":\(quoted(createdAt)),\
            "data":\(delivery.payload)}
            """.utf8)
    }

    func attempt(_ delivery: WebhookQueue.Claimed, client: HTTPClient) async {
        var logger = logger
        logger[metadataKey: "event"] = .string(delivery.eventPublicID)
        logger[metadataKey: "attempt"] = .stringConvertible(delivery.attempt)
        let body = Self.body(of: delivery)
        let timestamp = Int64(now().timeIntervalSince1970)
        var statusCode: Int?
        var failure: String?
        do {
            var request = HTTPClientRequest(url: delivery.url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "User-Agent", value: Self.userAgent)
            request.headers.add(name: "PostRun-Event-Id", value: delivery.eventPublicID)
            request.headers.add(name: "PostRun-Event-Type", value: delivery.eventType)
            request.headers.add(name: "PostRun-Timestamp", value: String(timestamp))
            request.headers.add(name: "PostRun-Signature", value: WebhookSignature.header(secret: delivery.secret, timestamp: timestamp, body: body))
            request.headers.add(name: "PostRun-Delivery-Attempt", value: String(delivery.attempt))
            request.body = .bytes(ByteBuffer(bytes: body))
            let timeout = TimeAmount.nanoseconds(Int64(configuration.requestTimeout.components.seconds) * 1_000_000_000
                + configuration.requestTimeout.components.attoseconds / 1_000_000_000)
            let response = try await client.execute(request, timeout: timeout, logger: logger)
            statusCode = Int(response.status.code)
            // Read (and drop) what the receiver says, so the connection can be reused.
            _ = try? await response.body.collect(upTo: 64 * 1024)
            if !(200..<300).contains(response.status.code) { failure = "HTTP \(response.status.code)" }
        } catch let error as HTTPClientError where error == .deadlineExceeded {
            failure = "timed out after \(configuration.requestTimeout)"
        } catch {
            failure = String(describing: error)
        }

        do {
            guard let failure else {
                if try await queue.markDelivered(delivery, statusCode: statusCode ?? 200, logger: logger) {
                    succeeded.increment()
                    logger.debug("webhook delivered", metadata: ["status": .stringConvertible(statusCode ?? 0)])
                }
                return
            }
            let outcome = try await queue.markFailed(delivery, statusCode: statusCode, error: failure,
                                                     retryAfter: backoff(afterAttempt: delivery.attempt),
                                                     window: configuration.retryWindow, logger: logger)
            switch outcome {
            case .retry:
                failed.increment()
                logger.notice("webhook attempt failed; will retry", metadata: ["error": .string(failure)])
            case .dead:
                dead.increment()
                logger.warning("webhook dead after its retry window", metadata: ["error": .string(failure)])
            case .stale:
                break
            }
        } catch {
            // The lease runs out and the delivery is tried again.
            logger.error("recording a webhook attempt failed", metadata: ["error": .string(String(reflecting: error))])
        }
    }

    /// `initialBackoff × 2^(attempt−1)`, capped at `maximumBackoff`, times a random 50–100 % (so retries spread out).
    func backoff(afterAttempt attempt: Int) -> Duration {
        let base = configuration.initialBackoff * Double(1 << min(max(attempt - 1, 0), 30))
        let capped = min(base, configuration.maximumBackoff)
        return capped * Double.random(in: 0.5...1.0)
    }

    /// Rings the doorbell on every `NOTIFY postrun_outbox`; reconnects after a failure.
    func listenForWakeUps() async {
        while !Task.isCancelled {
            do {
                try await database.withConnection { connection in
                    try await connection.listen(on: WebhookQueue.channel) { notifications in
                        // Anything enqueued while nobody listened is picked up now.
                        await doorbell.ring()
                        for try await _ in notifications { await doorbell.ring() }
                    }
                }
            } catch {
                if Task.isCancelled { return }
                logger.warning("webhook LISTEN failed; polling until it reconnects", metadata: ["error": .string(String(reflecting: error))])
            }
            try? await Task.sleep(for: .seconds(5))
        }
    }
}

/// Wakes the sender early. Rings are not counted: one wake-up serves any number of them.
actor Doorbell {
    private var rung = false
    private var waiter: (id: Int, continuation: CheckedContinuation<Void, Never>)?
    private var nextID = 0

    func ring() {
        if let waiter {
            self.waiter = nil
            waiter.continuation.resume()
        } else {
            rung = true
        }
    }

    /// Returns when rung (or already rung since the last wait), after `duration`, or when cancelled.
    nonisolated func wait(upTo duration: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await Task.sleep(for: duration) }
            group.addTask { await self.waitForRing() }
            await group.next()
            group.cancelAll()
        }
    }

    private func waitForRing() async {
        if rung {
            rung = false
            return
        }
        nextID += 1
        let id = nextID
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                if Task.isCancelled {
                    continuation.resume()
                } else {
                    waiter = (id, continuation)
                }
            }
        } onCancel: {
            Task { await self.cancelWait(id) }
        }
    }

    private func cancelWait(_ id: Int) {
        guard let waiter, waiter.id == id else { return }
        self.waiter = nil
        waiter.continuation.resume()
    }
}
