import Crypto
import Foundation
import Logging
import PostgresNIO
import PostRunCore

/// What an API key may do.
public enum Scope: String, Sendable, Hashable, CaseIterable, Codable {
    case jobsRead = "jobs:read"
    case jobsWrite = "jobs:write"
    case webhooksManage = "webhooks:manage"
    /// Tariffs, campaigns, reference data and reports.
    case admin = "admin"
}

/// A portal integration, as authenticated by its API key.
public struct APIClient: Sendable, Equatable {
    public let id: Int64
    public let publicID: String
    public let name: String
    public let scopes: Set<Scope>
    public let provinceCode: String?
    public let revoked: Bool
}

/// API keys: made once, shown once, stored as SHA-256 (keys carry 160 random bits, so a fast hash is enough).
public struct APIClientRepository: Sendable {
    let database: Database
    public init(database: Database) { self.database = database }

    public struct Created: Sendable {
        public let client: APIClient
        /// The only time the key exists in clear.
        public let key: String
    }

    public static func hash(_ key: String) -> [UInt8] { Array(SHA256.hash(data: Data(key.utf8))) }

    public static func makeKey() -> String {
        var generator = SystemRandomNumberGenerator()
        return "prk_" + PublicID.randomCharacters(count: 32, using: &generator)
    }

    public func create(name: String, scopes: Set<Scope>, provinceCode: String?, logger: Logger) async throws -> Created {
        let key = Self.makeKey()
        let publicID = PublicIDs.make("cli")
        let scopeList = scopes.map(\.rawValue).sorted()
        let hint = String(key.suffix(4))
        let rows = try await database.query("""
            INSERT INTO api_clients (public_id, name, key_hash, key_hint, scopes, province_code)
            VALUES (\(publicID), \(name), \(ByteBuffer(bytes: Self.hash(key))), \(hint), \(scopeList), \(provinceCode))
            RETURNING id
            """, logger: logger)
        var id: Int64 = 0
        for try await value in rows.decode(Int64.self) { id = value }
        return Created(client: APIClient(id: id, publicID: publicID, name: name, scopes: scopes, provinceCode: provinceCode, revoked: false), key: key)
    }

    /// The active client holding `key`, or nil. Runs on every portal request: a known key is remembered for
    /// ``ReferenceCache/lifetime``, and the lookup is prepared once per connection. Unknown keys are not remembered.
    public func authenticate(key: String, logger: Logger) async throws -> APIClient? {
        let hash = Self.hash(key)
        if let known = await database.referenceCache.value(.apiKey(hash: hash), as: APIClient.self) { return known }
        let rows = try await database.client.execute(AuthenticationStatement(keyHash: ByteBuffer(bytes: hash)), logger: logger)
        for try await (id, publicID, name, scopes, province) in rows {
            let client = APIClient(id: id, publicID: publicID, name: name, scopes: Set(scopes.compactMap(Scope.init(rawValue:))),
                                   provinceCode: province, revoked: false)
            await database.referenceCache.store(client, for: .apiKey(hash: hash))
            return client
        }
        return nil
    }

    /// Returns false when no active client has that id.
    public func revoke(publicID: String, logger: Logger) async throws -> Bool {
        let rows = try await database.referenceDataQuery(
            "UPDATE api_clients SET revoked_at = now() WHERE public_id = \(publicID) AND revoked_at IS NULL RETURNING id", logger: logger)
        return rows.isEmpty == false
    }

    public func list(logger: Logger) async throws -> [(client: APIClient, hint: String, createdAt: Date)] {
        let rows = try await database.query("""
            SELECT id, public_id, name, scopes, province_code, revoked_at IS NOT NULL, key_hint, created_at
            FROM api_clients ORDER BY id
            """, logger: logger)
        var result: [(APIClient, String, Date)] = []
        for try await (id, publicID, name, scopes, province, revoked, hint, created) in
            rows.decode((Int64, String, String, [String], String?, Bool, String, Date).self) {
            result.append((APIClient(id: id, publicID: publicID, name: name, scopes: Set(scopes.compactMap(Scope.init(rawValue:))),
                                     provinceCode: province, revoked: revoked), hint, created))
        }
        return result.map { (client: $0.0, hint: $0.1, createdAt: $0.2) }
    }
}

/// Opaque public identifiers for the store: Core's `PublicID` with the system random source.
public enum PublicIDs {
    public static func make(_ prefix: String) -> String { PublicID.make(prefix: prefix).description }
}

struct AuthenticationStatement: PostgresPreparedStatement {
    static let sql = "SELECT id, public_id, name, scopes, province_code FROM api_clients WHERE key_hash = $1::bytea AND revoked_at IS NULL"
    typealias Row = (Int64, String, String, [String], String?)

    var keyHash: ByteBuffer

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 1)
        bindings.append(keyHash)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
}
