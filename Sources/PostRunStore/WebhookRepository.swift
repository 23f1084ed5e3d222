import Foundation
import Logging
import PostgresNIO

/// Webhook endpoints and their deliveries as a portal client manages them. Every method is scoped to one client:
/// another client's endpoint or delivery is simply not found.
public struct WebhookRepository: Sendable {
    let database: Database
    public init(database: Database) { self.database = database }

    public struct Created: Sendable {
        public let endpoint: WebhookEndpoint
        /// The only time the secret is shown (until the next rotation).
        public let secret: String
    }

    public enum UpdateResult: Sendable, Equatable {
        case updated(WebhookEndpoint)
        case notFound
        /// `If-Match` named another version; the current one is given.
        case versionConflict(current: Int)
    }

    public enum ReplayResult: Sendable, Equatable {
        case replayed(WebhookDelivery)
        case notFound
        /// Only dead deliveries are replayed.
        case notDead(WebhookDelivery.Status)
    }

    /// The changes a PATCH asks for; nil leaves a field as it is.
    public struct Changes: Sendable {
        public var url: String?
        public var eventTypes: [String]?
        public var active: Bool?
        public init(url: String? = nil, eventTypes: [String]? = nil, active: Bool? = nil) {
            self.url = url
            self.eventTypes = eventTypes
            self.active = active
        }
    }

    static let endpointColumns = "id, public_id, url, event_types, active, created_at, updated_at, version"

    public func create(clientID: Int64, url: String, eventTypes: [String], logger: Logger) async throws -> Created {
        let secret = WebhookSignature.makeSecret()
        let publicID = PublicIDs.make("whk")
        let types = Self.normalised(eventTypes)
        let rows = try await database.query("""
            INSERT INTO webhook_endpoints (public_id, client_id, url, event_types, secret)
            VALUES (\(publicID), \(clientID), \(url), \(types), \(secret))
            RETURNING \(unescaped: Self.endpointColumns)
            """, logger: logger)
        guard let endpoint = try await Self.endpoints(rows).first else { throw WebhookStoreError.missingRow }
        return Created(endpoint: endpoint, secret: secret)
    }

    public func list(clientID: Int64, logger: Logger) async throws -> [WebhookEndpoint] {
        let rows = try await database.query("""
            SELECT \(unescaped: Self.endpointColumns) FROM webhook_endpoints WHERE client_id = \(clientID) ORDER BY id
            """, logger: logger)
        return try await Self.endpoints(rows)
    }

    public func get(clientID: Int64, publicID: String, logger: Logger) async throws -> WebhookEndpoint? {
        let rows = try await database.query("""
            SELECT \(unescaped: Self.endpointColumns) FROM webhook_endpoints WHERE client_id = \(clientID) AND public_id = \(publicID)
            """, logger: logger)
        return try await Self.endpoints(rows).first
    }

    /// Applies `changes`; with `expectedVersion`, only when the endpoint is still at that version.
    public func update(clientID: Int64, publicID: String, changes: Changes, expectedVersion: Int?, logger: Logger) async throws -> UpdateResult {
        let types = changes.eventTypes.map(Self.normalised)
        let rows = try await database.query("""
            UPDATE webhook_endpoints
            SET url = coalesce(\(changes.url), url), event_types = coalesce(\(types), event_types),
                active = coalesce(\(changes.active), active), version = version + 1, updated_at = now()
            WHERE client_id = \(clientID) AND public_id = \(publicID) AND (\(expectedVersion)::bigint IS NULL OR version = \(expectedVersion))
            RETURNING \(unescaped: Self.endpointColumns)
            """, logger: logger)
        if let endpoint = try await Self.endpoints(rows).first { return .updated(endpoint) }
        guard let current = try await get(clientID: clientID, publicID: publicID, logger: logger) else { return .notFound }
        return .versionConflict(current: current.version)
    }

    /// Deletes the endpoint and its deliveries. False when the client has no such endpoint.
    public func delete(clientID: Int64, publicID: String, logger: Logger) async throws -> Bool {
        let rows = try await database.query("""
            DELETE FROM webhook_endpoints WHERE client_id = \(clientID) AND public_id = \(publicID) RETURNING id
            """, logger: logger)
        return try await rows.collect().isEmpty == false
    }

    /// A new secret, effective for the next attempt; the old one stops signing at once.
    public func rotateSecret(clientID: Int64, publicID: String, logger: Logger) async throws -> Created? {
        let secret = WebhookSignature.makeSecret()
        let rows = try await database.query("""
            UPDATE webhook_endpoints SET secret = \(secret), version = version + 1, updated_at = now()
            WHERE client_id = \(clientID) AND public_id = \(publicID)
            RETURNING \(unescaped: Self.endpointColumns)
            """, logger: logger)
        return try await Self.endpoints(rows).first.map { Created(endpoint: $0, secret: secret) }
    }

    /// The client's deliveries in the order their events happened, after the one at `after` (see ``WebhookDelivery/position``).
    public func deliveries(clientID: Int64, status: WebhookDelivery.Status?, endpointPublicID: String?, after: WebhookDelivery.Position?,
                           limit: Int, logger: Logger) async throws -> [WebhookDelivery] {
        let after = after ?? WebhookDelivery.Position(event: 0, delivery: 0)
        let rows = try await database.query("""
            SELECT \(unescaped: Self.deliveryColumns)
            \(unescaped: Self.deliveryJoins)
            WHERE e.client_id = \(clientID) AND (\(status?.rawValue)::text IS NULL OR d.status = \(status?.rawValue))
              AND (\(endpointPublicID)::text IS NULL OR e.public_id = \(endpointPublicID))
              AND (d.outbox_event_id, d.id) > (\(after.event), \(after.delivery))
            ORDER BY d.outbox_event_id, d.id
            LIMIT \(limit)
            """, logger: logger)
        return try await Self.deliveries(rows)
    }

    public func delivery(clientID: Int64, publicID: String, logger: Logger) async throws -> WebhookDelivery? {
        try await Self.deliveries(database.query(Self.deliveryQuery(clientID: clientID, publicID: publicID), logger: logger)).first
    }

    static func deliveryQuery(clientID: Int64, publicID: String) -> PostgresQuery {
        """
        SELECT \(unescaped: deliveryColumns)
        \(unescaped: deliveryJoins)
        WHERE e.client_id = \(clientID) AND d.public_id = \(publicID)
        """
    }

    /// A dead delivery becomes pending again, due now, with its attempts and retry window reset; the senders are woken.
    /// The answer shows the delivery as the replay left it, before any sender can attempt it.
    public func replay(clientID: Int64, deliveryPublicID: String, logger: Logger) async throws -> ReplayResult {
        try await database.transaction(logger: logger) { connection in
            let updated = try await connection.query("""
                UPDATE webhook_deliveries d
                SET status = 'pending', attempts = 0, next_attempt_at = now(), retry_from = now(), dead_at = NULL,
                    last_status_code = NULL, last_error = NULL
                FROM webhook_endpoints e
                WHERE e.id = d.endpoint_id AND e.client_id = \(clientID) AND d.public_id = \(deliveryPublicID) AND d.status = 'dead'
                RETURNING d.id
                """, logger: logger).collect()
            let rows = try await connection.query(Self.deliveryQuery(clientID: clientID, publicID: deliveryPublicID), logger: logger)
            guard let delivery = try await Self.deliveries(rows).first else { return .notFound }
            guard !updated.isEmpty else { return .notDead(delivery.status) }
            Outbox.wakeSendersAfterCommit()
            return .replayed(delivery)
        }
    }

    static let deliveryColumns = """
        d.id, d.outbox_event_id, d.public_id, e.public_id, o.public_id, o.type, j.public_id, d.status, d.attempts, d.next_attempt_at,
        d.last_status_code, d.last_error, d.delivered_at, d.dead_at, d.created_at
        """
    static let deliveryJoins = """
        FROM webhook_deliveries d
        JOIN webhook_endpoints e ON e.id = d.endpoint_id
        JOIN outbox_events o ON o.id = d.outbox_event_id
        LEFT JOIN jobs j ON j.id = d.job_id
        """

    static func normalised(_ eventTypes: [String]) -> [String] { Array(Set(eventTypes)).sorted() }

    static func endpoints(_ rows: PostgresRowSequence) async throws -> [WebhookEndpoint] {
        var result: [WebhookEndpoint] = []
        for try await (id, publicID, url, types, active, created, updated, version) in
            rows.decode((Int64, String, String, [String], Bool, Date, Date, Int).self) {
            result.append(WebhookEndpoint(id: id, publicID: publicID, url: url, eventTypes: types, active: active,
                                          createdAt: created, updatedAt: updated, version: version))
        }
        return result
    }

    static func deliveries(_ rows: PostgresRowSequence) async throws -> [WebhookDelivery] {
        var result: [WebhookDelivery] = []
        for try await (id, eventID, publicID, endpoint, event, type, job, status, attempts, next, code, error, delivered, dead, created) in
            rows.decode((Int64, Int64, String, String, String, String, String?, String, Int, Date, Int?, String?, Date?, Date?, Date).self) {
            let status = WebhookDelivery.Status(rawValue: status) ?? .pending
            result.append(WebhookDelivery(
                position: .init(event: eventID, delivery: id), publicID: publicID, endpointPublicID: endpoint, eventPublicID: event,
                eventType: type, jobPublicID: job,
                status: status, attempts: attempts, nextAttemptAt: status == .pending ? next : nil, lastStatusCode: code,
                lastError: error, deliveredAt: delivered, deadAt: dead, createdAt: created))
        }
        return result
    }
}

public enum WebhookStoreError: Error {
    case missingRow
}
