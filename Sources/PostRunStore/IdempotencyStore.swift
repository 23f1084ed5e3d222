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

    enum Claim: Sendable {
        case proceed
        case replay(status: Int, body: Data)
        case mismatch
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
            switch try await claim(owner: owner, key: key, method: method, path: path, body: body, on: connection, logger: logger) {
            case .proceed: break
            case let .replay(status, body): return StoredResponse(status: status, body: body, replayed: true)
            case .mismatch: throw JobFailure.idempotencyKeyReused
            }
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

    static func claim(owner: Owner, key: String, method: String, path: String, body: Data,
                      on connection: PostgresConnection, logger: Logger) async throws -> Claim {
        let hash = ByteBuffer(bytes: fingerprint(method: method, path: path, body: body))
        // No conflict target: either partial unique index (client's or staff user's keys) catches a repeat.
        let inserted = try await connection.query("""
            INSERT INTO idempotency_keys (client_id, staff_user_id, key, request_hash, method, path)
            VALUES (\(owner.clientID), \(owner.staffUserID), \(key), \(hash), \(method), \(path))
            ON CONFLICT DO NOTHING RETURNING 1
            """, logger: logger).collect()
        if !inserted.isEmpty { return .proceed }
        let rows = try await connection.query(lookup(owner: owner, key: key), logger: logger)
        for try await (storedHash, status, responseBody) in rows.decode((ByteBuffer, Int?, ByteBuffer?).self) {
            guard storedHash == hash else { return .mismatch }
            guard let status, let responseBody else { return .mismatch }
            return .replay(status: status, body: Data(buffer: responseBody))
        }
        // The row that conflicted was rolled back, or purged, in between: claim again.
        return try await claim(owner: owner, key: key, method: method, path: path, body: body, on: connection, logger: logger)
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
