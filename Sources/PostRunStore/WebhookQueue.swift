import Foundation
import Logging
import PostgresNIO

/// The sender's side of webhooks: turning outbox events into deliveries, claiming due deliveries, recording outcomes.
/// Every step is safe with several replicas at once: rows are claimed with `FOR UPDATE SKIP LOCKED`, an attempt in
/// flight holds a lease (its `next_attempt_at` is pushed past the HTTP timeout), and an outcome is recorded only by
/// the attempt that holds the lease (`attempts` is the fencing token). All times are the database's.
public struct WebhookQueue: Sendable {
    /// Notified by `Outbox.enqueue` and by replays; only ever a hint to look now.
    public static let channel = "postrun_outbox"

    let database: Database
    public init(database: Database) { self.database = database }

    /// A delivery claimed for one attempt, with everything needed to send it.
    public struct Claimed: Sendable {
        public let id: Int64
        /// This attempt's number (1 for the first); the fencing token for recording its outcome.
        public let attempt: Int
        public let url: String
        public let secret: String
        public let eventPublicID: String
        public let eventType: String
        public let eventCreatedAt: Date
        /// The event's JSON object, as stored.
        public let payload: String
    }

    /// Creates the deliveries of up to `limit` not yet fanned-out outbox events (oldest first) for the active endpoints
    /// of each event's client whose filter takes its type, and marks those events fanned out, in one statement.
    /// Returns how many events it took.
    @discardableResult
    public func fanOut(limit: Int, logger: Logger) async throws -> Int {
        let rows = try await database.query("""
            WITH batch AS (
                SELECT id, client_id, job_id, type FROM outbox_events
                WHERE fanned_out_at IS NULL
                ORDER BY id
                LIMIT \(limit)
                FOR UPDATE SKIP LOCKED
            ), fanned AS (
                INSERT INTO webhook_deliveries (public_id, endpoint_id, outbox_event_id, job_id)
                SELECT 'whd_' || upper(replace(gen_random_uuid()::text, '-', '')), e.id, b.id, b.job_id
                FROM batch b
                JOIN webhook_endpoints e ON e.client_id = b.client_id AND e.active
                    AND (cardinality(e.event_types) = 0 OR b.type = ANY (e.event_types))
                ON CONFLICT (endpoint_id, outbox_event_id) DO NOTHING
            )
            UPDATE outbox_events o SET fanned_out_at = now() FROM batch b WHERE o.id = b.id
            RETURNING o.id
            """, logger: logger)
        return try await rows.collect().count
    }

    /// Claims up to `limit` due deliveries for one attempt each, holding them for `lease`.
    ///
    /// Per-job order: a delivery waits while an earlier event of the same job is still pending for the same endpoint,
    /// or not yet fanned out (another replica may be fanning it out right now).
    public func claim(limit: Int, lease: Duration, logger: Logger) async throws -> [Claimed] {
        let rows = try await database.query("""
            WITH due AS (
                SELECT d.id FROM webhook_deliveries d
                JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.active
                WHERE d.status = 'pending' AND d.next_attempt_at <= now()
                  AND NOT EXISTS (
                      SELECT 1 FROM webhook_deliveries p
                      WHERE p.endpoint_id = d.endpoint_id AND p.job_id = d.job_id AND p.outbox_event_id < d.outbox_event_id
                        AND p.status = 'pending')
                  AND NOT EXISTS (
                      SELECT 1 FROM outbox_events o
                      WHERE o.job_id = d.job_id AND o.id < d.outbox_event_id AND o.fanned_out_at IS NULL)
                ORDER BY d.next_attempt_at, d.id
                LIMIT \(limit)
                FOR UPDATE OF d SKIP LOCKED
            )
            UPDATE webhook_deliveries d
            SET attempts = d.attempts + 1, last_attempt_at = now(), next_attempt_at = now() + make_interval(secs => \(lease.intervalSeconds))
            FROM due, webhook_endpoints e, outbox_events o
            WHERE d.id = due.id AND e.id = d.endpoint_id AND o.id = d.outbox_event_id
            RETURNING d.id, d.attempts, e.url, e.secret, o.public_id, o.type, o.created_at, o.payload::text
            """, logger: logger)
        var claimed: [Claimed] = []
        for try await (id, attempt, url, secret, event, type, created, payload) in
            rows.decode((Int64, Int, String, String, String, String, Date, String).self) {
            claimed.append(Claimed(id: id, attempt: attempt, url: url, secret: secret, eventPublicID: event, eventType: type,
                                   eventCreatedAt: created, payload: payload))
        }
        return claimed
    }

    /// Records a 2xx. False when the lease was lost (another attempt took over, or the delivery was replayed or deleted).
    @discardableResult
    public func markDelivered(_ claimed: Claimed, statusCode: Int, logger: Logger) async throws -> Bool {
        let rows = try await database.query("""
            UPDATE webhook_deliveries
            SET status = 'delivered', delivered_at = now(), last_status_code = \(statusCode), last_error = NULL
            WHERE id = \(claimed.id) AND attempts = \(claimed.attempt) AND status = 'pending'
            RETURNING id
            """, logger: logger)
        return try await rows.collect().isEmpty == false
    }

    public enum FailureOutcome: Sendable, Equatable {
        /// Tried again after the backoff.
        case retry
        /// The next attempt would fall outside the retry window.
        case dead
        /// The lease was lost; nothing recorded.
        case stale
    }

    /// Records a failed attempt: due again after `retryAfter`, or dead when that is past `retryFrom + window`.
    public func markFailed(_ claimed: Claimed, statusCode: Int?, error: String, retryAfter: Duration, window: Duration,
                           logger: Logger) async throws -> FailureOutcome {
        let message = String(error.prefix(500))
        let rows = try await database.query("""
            UPDATE webhook_deliveries d
            SET status = CASE WHEN next.dies THEN 'dead' ELSE 'pending' END,
                dead_at = CASE WHEN next.dies THEN now() END,
                next_attempt_at = next.at,
                last_status_code = \(statusCode), last_error = \(message)
            FROM (
                SELECT id, now() + make_interval(secs => \(retryAfter.intervalSeconds)) AS at,
                       now() + make_interval(secs => \(retryAfter.intervalSeconds))
                           > retry_from + make_interval(secs => \(window.intervalSeconds)) AS dies
                FROM webhook_deliveries WHERE id = \(claimed.id)
            ) next
            WHERE d.id = next.id AND d.attempts = \(claimed.attempt) AND d.status = 'pending'
            RETURNING d.status
            """, logger: logger)
        for try await status in rows.decode(String.self) { return status == "dead" ? .dead : .retry }
        return .stale
    }
}

extension Duration {
    /// Seconds as a Double (for `make_interval(secs => …)`).
    var intervalSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
