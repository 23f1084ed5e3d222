import Crypto
import Foundation
import Logging
import NIOCore
import PostgresNIO

/// `Idempotency-Key` handling: the key is claimed in the same transaction as the work, so a concurrent
/// repeat waits for the first to commit and then replays its stored response; a rolled-back first attempt
/// leaves no trace and the repeat does the work.
public enum IdempotencyStore {
    public enum Claim: Sendable {
        case proceed
        case replay(status: Int, body: Data)
        case mismatch
    }

    /// Runs `work` in one transaction with the key claimed first; a repeat replays the stored response.
    public static func run(_ database: Database, clientID: Int64?, key: String?, method: String, path: String, body: Data,
                           logger: Logger, _ work: @escaping @Sendable (PostgresConnection) async throws -> StoredResponse) async throws -> StoredResponse {
        try await database.transaction(logger: logger) { connection in
            guard let key, let clientID else { return try await work(connection) }
            switch try await claim(clientID: clientID, key: key, method: method, path: path, body: body, on: connection, logger: logger) {
            case .proceed: break
            case let .replay(status, body): return StoredResponse(status: status, body: body, replayed: true)
            case .mismatch: throw JobFailure.idempotencyKeyReused
            }
            let response = try await work(connection)
            try await complete(clientID: clientID, key: key, status: response.status, body: response.body, on: connection, logger: logger)
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

    public static func claim(clientID: Int64, key: String, method: String, path: String, body: Data,
                             on connection: PostgresConnection, logger: Logger) async throws -> Claim {
        let hash = ByteBuffer(bytes: fingerprint(method: method, path: path, body: body))
        let inserted = try await connection.query("""
            INSERT INTO idempotency_keys (client_id, key, request_hash, method, path)
            VALUES (\(clientID), \(key), \(hash), \(method), \(path))
            ON CONFLICT (client_id, key) DO NOTHING RETURNING 1
            """, logger: logger).collect()
        if !inserted.isEmpty { return .proceed }
        let rows = try await connection.query("""
            SELECT request_hash, status, response_body FROM idempotency_keys WHERE client_id = \(clientID) AND key = \(key)
            """, logger: logger)
        for try await (storedHash, status, responseBody) in rows.decode((ByteBuffer, Int?, ByteBuffer?).self) {
            guard storedHash == hash else { return .mismatch }
            guard let status, let responseBody else { return .mismatch }
            return .replay(status: status, body: Data(buffer: responseBody))
        }
        return .proceed
    }

    public static func complete(clientID: Int64, key: String, status: Int, body: Data,
                                on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("""
            UPDATE idempotency_keys SET status = \(status), response_body = \(ByteBuffer(data: body))
            WHERE client_id = \(clientID) AND key = \(key)
            """, logger: logger)
    }

    /// Keys are kept at least `retention` (24 h promised; default 48 h).
    public static func purge(olderThan retention: Duration = .seconds(48 * 3600), database: Database, logger: Logger) async throws {
        let seconds = Int(retention.components.seconds)
        try await database.query(
            "DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(secs => \(seconds))", logger: logger)
    }
}
