import Crypto
import Foundation
import Logging
import NIOCore
import PostgresNIO

/// `Idempotency-Key` handling: the key is claimed in the same transaction as the work, so a concurrent
/// repeat waits for the first to commit and then replays its stored response; a rolled-back first attempt
/// leaves no trace and the repeat does the work.
public enum IdempotencyStore {
    /// Whose key it is: keys are scoped per API client or per staff user.
    public enum Owner: Sendable, Equatable {
        case client(Int64)
        case staff(Int64)

        var clientID: Int64? { if case let .client(id) = self { id } else { nil } }
        var staffUserID: Int64? { if case let .staff(id) = self { id } else { nil } }
        var column: String { if case .client = self { "client_id" } else { "staff_user_id" } }
        var id: Int64 { switch self { case let .client(id), let .staff(id): id } }
    }

    /// A request's key with what identifies the request (the fingerprint of method, path and body).
    public struct Key: Sendable {
        public var owner: Owner
        public var key: String
        public var method: String
        public var path: String
        public var hash: ByteBuffer

        public init(owner: Owner, key: String, method: String, path: String, body: Data) {
            self.owner = owner
            self.key = key
            self.method = method
            self.path = path
            self.hash = ByteBuffer(bytes: IdempotencyStore.fingerprint(method: method, path: path, body: body))
        }
    }

    /// The response stored under a key taken earlier: replayed for the same request; the same key for another
    /// request is refused. Nil when the key is free.
    static func earlierResponse(_ key: Key, database: Database, logger: Logger) async throws -> StoredResponse? {
        let rows = try await database.query(lookup(owner: key.owner, key: key.key), logger: logger)
        return try await earlierResponse(rows, hash: key.hash)
    }

    private static func earlierResponse(_ rows: PostgresRowSequence, hash: ByteBuffer) async throws -> StoredResponse? {
        for try await (storedHash, status, responseBody) in rows.decode((ByteBuffer, Int?, ByteBuffer?).self) {
            guard storedHash == hash, let status, let responseBody else { throw JobFailure.idempotencyKeyReused }
            return StoredResponse(status: status, body: Data(buffer: responseBody), replayed: true)
        }
        return nil
    }

    /// Runs `work` in one transaction with the key claimed first; a repeat replays the stored response.
    public static func run(_ database: Database, clientID: Int64?, key: String?, method: String, path: String, body: Data,
                           logger: Logger, _ work: @escaping @Sendable (PostgresConnection) async throws -> StoredResponse) async throws -> StoredResponse {
        try await run(database, owner: clientID.map(Owner.client), key: key, method: method, path: path, body: body, logger: logger, work)
    }

    /// Runs `work` in one transaction with the key claimed first; a repeat replays the stored response.
    public static func run(_ database: Database, owner: Owner?, key: String?, method: String, path: String, body: Data,
                           logger: Logger, _ work: @escaping @Sendable (PostgresConnection) async throws -> StoredResponse) async throws -> StoredResponse {
        try await database.transaction(logger: logger) { connection in
            guard let key, let owner else { return try await work(connection) }
            let requestKey = Key(owner: owner, key: key, method: method, path: path, body: body)
            if let earlier = try await claim(requestKey, on: connection, logger: logger) { return earlier }
            let response = try await work(connection)
            try await connection.query(completion(owner: owner, key: key, status: response.status, body: response.body), logger: logger)
            return response
        }
    }

    public static func fingerprint(method: String, path: String, body: Data) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: Data(method.utf8))
        hasher.update(data: Data([0]))
        hasher.update(data: Data(path.utf8))
        hasher.update(data: Data([0]))
        hasher.update(data: body)
        return Array(hasher.finalize())
    }

    /// Claims the key in the caller's transaction (nil), or returns the response stored under it. A concurrent
    /// holder of the key makes the insert wait for its commit.
    static func claim(_ key: Key, on connection: PostgresConnection, logger: Logger) async throws -> StoredResponse? {
        // No conflict target: either partial unique index (client's or staff user's keys) catches a repeat.
        let inserted = try await connection.query("""
            INSERT INTO idempotency_keys (client_id, staff_user_id, key, request_hash, method, path)
            VALUES (\(key.owner.clientID), \(key.owner.staffUserID), \(key.key), \(key.hash), \(key.method), \(key.path))
            ON CONFLICT DO NOTHING RETURNING 1
            """, logger: logger).collect()
        if !inserted.isEmpty { return nil }
        if let earlier = try await earlierResponse(connection.query(lookup(owner: key.owner, key: key.key), logger: logger), hash: key.hash) {
            return earlier
        }
        // The row that conflicted was rolled back, or purged, in between: claim again.
        return try await claim(key, on: connection, logger: logger)
    }

    /// Both run on every keyed request; they name the owner's own column so that its partial unique index serves them
    /// (a test checks the plans: a scan of the whole table here once made job creation slower with every key kept).
    static func lookup(owner: Owner, key: String) -> PostgresQuery {
        """
        SELECT request_hash, status, response_body FROM idempotency_keys
        WHERE \(unescaped: owner.column) = \(owner.id) AND key = \(key)
        """
    }

    static func completion(owner: Owner, key: String, status: Int, body: Data) -> PostgresQuery {
        """
        UPDATE idempotency_keys SET status = \(status), response_body = \(ByteBuffer(data: body))
        WHERE \(unescaped: owner.column) = \(owner.id) AND key = \(key)
        """
    }

    /// Keys are kept at least `retention` (24 h promised; default 48 h).
    public static func purge(olderThan retention: Duration = .seconds(48 * 3600), database: Database, logger: Logger) async throws {
        let seconds = Int(retention.components.seconds)
        try await database.query(
            "DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(secs => \(seconds))", logger: logger)
    }
}
