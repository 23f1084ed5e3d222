import Crypto
import CryptoExtras
import Foundation
import Logging
import NIOCore
import PostgresNIO
import PostRunCore

/// What a staff member may do. Every role is bound to a post office (an admin may be province-wide).
public enum StaffRole: String, Sendable, Hashable, Codable, CaseIterable {
    case admin, dispatcher, courier
}

/// A logged-in staff member, as the API sees them.
public struct StaffUser: Sendable, Equatable {
    public let id: Int64
    public let publicID: String
    public let username: String
    public let displayName: String
    public let role: StaffRole
    /// nil only for a province-wide admin.
    public let officeID: Int64?
    public let officeCode: String?
    /// The courier record of a courier user.
    public let courierID: Int64?
    public let courierPublicID: String?

    /// Admins without an office act for every office; everyone else only for their own.
    public func canAct(forOffice officeID: Int64) -> Bool {
        (role == .admin && self.officeID == nil) || self.officeID == officeID
    }

    /// The label recorded on job events: `staff:<username>`.
    public var actorLabel: String { "staff:\(username)" }
}

/// Salted, slow password hashes: PBKDF2-HMAC-SHA256, stored as `pbkdf2-sha256$<rounds>$<salt>$<hash>`.
public struct PasswordHasher: Sendable {
    /// OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256.
    public static let recommendedRounds = 600_000
    public let rounds: Int

    public init(rounds: Int = PasswordHasher.recommendedRounds) { self.rounds = rounds }

    public func hash(_ password: String) throws -> String {
        var salt = [UInt8](repeating: 0, count: 16)
        var generator = SystemRandomNumberGenerator()
        for index in salt.indices { salt[index] = generator.next() }
        let derived = try Self.derive(password, salt: salt, rounds: rounds)
        return "pbkdf2-sha256$\(rounds)$\(Data(salt).base64EncodedString())$\(Data(derived).base64EncodedString())"
    }

    /// Whether `password` matches `stored`; a malformed hash never matches. Compared in constant time.
    public static func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "pbkdf2-sha256", let rounds = Int(parts[1]), rounds > 0,
              let salt = Data(base64Encoded: String(parts[2])), let expected = Data(base64Encoded: String(parts[3])),
              let derived = try? derive(password, salt: Array(salt), rounds: rounds), derived.count == expected.count
        else { return false }
        return zip(derived, expected).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    static func derive(_ password: String, salt: [UInt8], rounds: Int) throws -> [UInt8] {
        let key = try KDF.Insecure.PBKDF2.deriveKey(from: Array(VietnameseText.nfc(password).utf8), salt: salt, using: .sha256,
                                                    outputByteCount: 32, unsafeUncheckedRounds: rounds)
        return key.withUnsafeBytes { Array($0) }
    }
}

/// Short-lived signed bearer tokens for staff: `pst_<payload>.<signature>`, HMAC-SHA256 with a key kept in
/// PostgreSQL (so every replica accepts every other's tokens). The payload names the user and their token
/// generation; a password change or disabling the user bumps the generation and kills older tokens at once.
public struct StaffTokenClaims: Codable, Sendable, Equatable {
    public var userID: Int64
    public var generation: Int
    public var expiresAt: Int64

    enum CodingKeys: String, CodingKey {
        case userID = "u", generation = "g", expiresAt = "e"
    }
}

public actor StaffTokenSigner {
    let database: Database
    private var key: SymmetricKey?

    public init(database: Database) { self.database = database }

    /// For tests and tools that hold the key already.
    public init(database: Database, key: SymmetricKey) {
        self.database = database
        self.key = key
    }

    public func sign(_ claims: StaffTokenClaims, logger: Logger) async throws -> String {
        let key = try await signingKey(logger: logger)
        let payload = Self.base64URL(try JSONEncoder().encode(claims))
        let signature = Self.base64URL(Data(HMAC<SHA256>.authenticationCode(for: Data(payload.utf8), using: key)))
        return "pst_\(payload).\(signature)"
    }

    /// The claims of a well-signed, unexpired token, or nil.
    /// Nonisolated: decoding and the HMAC run on the caller's thread, only reading the key goes through the actor,
    /// so concurrent requests do not queue behind one another here.
    public nonisolated func verify(_ token: String, now: Date = Date(), logger: Logger) async throws -> StaffTokenClaims? {
        guard token.hasPrefix("pst_") else { return nil }
        let parts = token.dropFirst(4).split(separator: ".", omittingEmptySubsequences: false)
        // Canonical encodings only: base64 decoders ignore the spare bits of a last character, so without this check
        // several spellings of one token would all verify.
        guard parts.count == 2, let signature = Self.decodeBase64URL(String(parts[1])),
              let payload = Self.decodeBase64URL(String(parts[0])),
              Self.base64URL(signature) == parts[1], Self.base64URL(payload) == parts[0] else { return nil }
        let key = try await signingKey(logger: logger)
        guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: Data(parts[0].utf8), using: key),
              let claims = try? JSONDecoder().decode(StaffTokenClaims.self, from: payload),
              claims.expiresAt > Int64(now.timeIntervalSince1970) else { return nil }
        return claims
    }

    private func signingKey(logger: Logger) async throws -> SymmetricKey {
        if let key { return key }
        let fresh = SymmetricKey(size: .bits256).withUnsafeBytes { ByteBuffer(bytes: $0) }
        let rows = try await database.query("""
            WITH made AS (
                INSERT INTO token_signing_keys (id, secret) VALUES (1, \(fresh)) ON CONFLICT (id) DO NOTHING RETURNING secret
            )
            SELECT secret FROM made UNION ALL SELECT secret FROM token_signing_keys WHERE id = 1
            """, logger: logger)
        var loaded: SymmetricKey?
        for try await secret in rows.decode(ByteBuffer.self) where loaded == nil {
            loaded = SymmetricKey(data: Array(secret.readableBytesView))
        }
        guard let loaded else { throw StaffFailure.signingKeyUnavailable }
        key = loaded
        return loaded
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decodeBase64URL(_ text: String) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }
}

public enum StaffFailure: Error, Sendable, Equatable {
    case validation([FieldError])
    case usernameTaken
    case unknownOffice
    case notFound
    case signingKeyUnavailable
}

/// Staff users: creation, password login, token issue and the per-request lookup.
public struct StaffRepository: Sendable {
    let database: Database
    let hasher: PasswordHasher
    let signer: StaffTokenSigner
    /// How long a token lives: a courier's shift, about.
    public let tokenLifetime: TimeInterval

    public init(database: Database, hasher: PasswordHasher = PasswordHasher(), signer: StaffTokenSigner? = nil,
                tokenLifetime: TimeInterval = 12 * 3600) {
        self.database = database
        self.hasher = hasher
        self.signer = signer ?? StaffTokenSigner(database: database)
        self.tokenLifetime = tokenLifetime
    }

    public struct NewUser: Sendable {
        public var username: String
        public var displayName: String
        public var role: StaffRole
        public var officeCode: String?
        public var password: String

        public init(username: String, displayName: String, role: StaffRole, officeCode: String?, password: String) {
            self.username = username
            self.displayName = displayName
            self.role = role
            self.officeCode = officeCode
            self.password = password
        }
    }

    public static let minimumPasswordLength = 10

    public static func errors(in user: NewUser) -> [FieldError] {
        var errors: [FieldError] = []
        if user.username.range(of: "^[a-z0-9][a-z0-9._-]{1,63}$", options: .regularExpression) == nil {
            errors.append(FieldError(field: "username", code: "invalid",
                                     vi: "Tên đăng nhập gồm 2–64 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới.",
                                     en: "Username: 2–64 characters of lowercase letters, digits, '.', '-' or '_'."))
        }
        let name = VietnameseText.normalizedLine(user.displayName)
        if name.isEmpty || name.count > 200 {
            errors.append(FieldError(field: "display_name", code: "invalid", vi: "Họ tên phải có từ 1 đến 200 ký tự.",
                                     en: "Display name must have 1 to 200 characters."))
        }
        if user.password.count < minimumPasswordLength {
            errors.append(FieldError(field: "password", code: "too_short",
                                     vi: "Mật khẩu phải có ít nhất \(minimumPasswordLength) ký tự.",
                                     en: "Password must have at least \(minimumPasswordLength) characters."))
        }
        if user.role != .admin, (user.officeCode ?? "").isEmpty {
            errors.append(FieldError(field: "office", code: "required", vi: "Cần chọn bưu cục cho người dùng này.",
                                     en: "A post office is required for this role."))
        }
        return errors
    }

    public func create(_ user: NewUser, logger: Logger) async throws -> StaffUser {
        let errors = Self.errors(in: user)
        guard errors.isEmpty else { throw StaffFailure.validation(errors) }
        let hasher = hasher, password = user.password
        let hash = try await CPUBoundWork.run { try hasher.hash(password) }
        let publicID = PublicIDs.make("usr")
        let displayName = VietnameseText.normalizedLine(user.displayName)
        return try await database.transaction(logger: logger) { connection in
            var officeID: Int64?
            if let code = user.officeCode, !code.isEmpty {
                let rows = try await connection.query("SELECT id FROM post_offices WHERE code = \(code)", logger: logger)
                for try await id in rows.decode(Int64.self) { officeID = id }
                guard officeID != nil else { throw StaffFailure.unknownOffice }
            }
            let rows = try await connection.query("""
                INSERT INTO staff_users (public_id, username, display_name, role, office_id, password_hash)
                VALUES (\(publicID), \(user.username), \(displayName), \(user.role.rawValue), \(officeID), \(hash))
                ON CONFLICT (username) DO NOTHING RETURNING id
                """, logger: logger)
            var id: Int64?
            for try await value in rows.decode(Int64.self) { id = value }
            guard let id else { throw StaffFailure.usernameTaken }
            return try await Self.load(id: id, generation: nil, on: connection, logger: logger)!
        }
    }

    public struct Login: Sendable {
        public let user: StaffUser
        public let token: String
        public let expiresAt: Date
    }

    /// A token for the user with this username and password, or nil (unknown user, wrong password, disabled).
    /// The hash is computed even for unknown users so a timing difference does not reveal which usernames exist.
    public func login(username: String, password: String, now: Date = Date(), logger: Logger) async throws -> Login? {
        let rows = try await database.query("""
            SELECT id, password_hash, token_generation FROM staff_users
            WHERE username = \(username.lowercased()) AND disabled_at IS NULL
            """, logger: logger)
        var found: (Int64, String, Int)?
        for try await row in rows.decode((Int64, String, Int).self) { found = row }
        guard let (id, hash, generation) = found else {
            let rounds = hasher.rounds
            _ = try await CPUBoundWork.run { PasswordHasher.verify(password, against: "pbkdf2-sha256$\(rounds)$AAAAAAAAAAAAAAAAAAAAAA==$AAAA") }
            return nil
        }
        guard try await CPUBoundWork.run({ PasswordHasher.verify(password, against: hash) }) else { return nil }
        guard let user = try await database.withConnection({ connection in
            try await Self.load(id: id, generation: generation, on: connection, logger: logger)
        }) else { return nil }
        let expiresAt = now.addingTimeInterval(tokenLifetime)
        let token = try await signer.sign(StaffTokenClaims(userID: id, generation: generation,
                                                           expiresAt: Int64(expiresAt.timeIntervalSince1970)), logger: logger)
        return Login(user: user, token: token, expiresAt: expiresAt)
    }

    /// The active user a token names, or nil when it is forged, expired, or outdated by a password change.
    /// Runs on every staff request, so the lookup is a prepared statement (parsed and planned once per connection).
    public func authenticate(token: String, logger: Logger) async throws -> StaffUser? {
        guard let claims = try await signer.verify(token, logger: logger) else { return nil }
        let rows = try await database.client.execute(TokenUserStatement(userID: claims.userID, generation: claims.generation), logger: logger)
        for try await user in rows { return user }
        return nil
    }

    struct TokenUserStatement: PostgresPreparedStatement {
        typealias Row = StaffUser
        static let name = "staff_token_user"
        static let sql = "\(StaffRepository.select) WHERE u.id = $1 AND u.disabled_at IS NULL AND u.token_generation = $2"
        var userID: Int64
        var generation: Int

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 2)
            bindings.append(userID)
            bindings.append(Int32(clamping: generation))
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> StaffUser {
            StaffRepository.user(try row.decode(StaffRepository.UserRow.self))
        }
    }

    public func list(officeID: Int64?, logger: Logger) async throws -> [StaffUser] {
        try await database.withConnection { connection in
            let rows = try await connection.query("""
                \(unescaped: Self.select) WHERE u.disabled_at IS NULL AND (\(officeID)::bigint IS NULL OR u.office_id = \(officeID))
                ORDER BY u.username
                """, logger: logger)
            return try await Self.decode(rows)
        }
    }

    /// Disables a user (their tokens stop working at once). False when no active user has that id.
    public func disable(publicID: String, logger: Logger) async throws -> Bool {
        let rows = try await database.query("""
            UPDATE staff_users SET disabled_at = now(), token_generation = token_generation + 1, updated_at = now()
            WHERE public_id = \(publicID) AND disabled_at IS NULL RETURNING id
            """, logger: logger)
        return try await rows.collect().isEmpty == false
    }

    /// Sets a new password; every token issued before stops working.
    public func setPassword(publicID: String, password: String, logger: Logger) async throws {
        guard password.count >= Self.minimumPasswordLength else {
            throw StaffFailure.validation([FieldError(field: "password", code: "too_short",
                                                      vi: "Mật khẩu phải có ít nhất \(Self.minimumPasswordLength) ký tự.",
                                                      en: "Password must have at least \(Self.minimumPasswordLength) characters.")])
        }
        let hasher = hasher
        let hash = try await CPUBoundWork.run { try hasher.hash(password) }
        let rows = try await database.query("""
            UPDATE staff_users SET password_hash = \(hash), token_generation = token_generation + 1, updated_at = now()
            WHERE public_id = \(publicID) AND disabled_at IS NULL RETURNING id
            """, logger: logger)
        guard try await rows.collect().isEmpty == false else { throw StaffFailure.notFound }
    }

    static let select = """
        SELECT u.id, u.public_id, u.username, u.display_name, u.role, u.office_id, o.code, c.id, c.public_id
        FROM staff_users u LEFT JOIN post_offices o ON o.id = u.office_id LEFT JOIN couriers c ON c.user_id = u.id
        """

    static func load(id: Int64, generation: Int?, on connection: PostgresConnection, logger: Logger) async throws -> StaffUser? {
        let rows = try await connection.query("""
            \(unescaped: select) WHERE u.id = \(id) AND u.disabled_at IS NULL
              AND (\(generation)::integer IS NULL OR u.token_generation = \(generation))
            """, logger: logger)
        return try await decode(rows).first
    }

    static func decode(_ rows: PostgresRowSequence) async throws -> [StaffUser] {
        var users: [StaffUser] = []
        for try await row in rows.decode(UserRow.self) { users.append(user(row)) }
        return users
    }

    /// The columns of `select`, in order.
    typealias UserRow = (Int64, String, String, String, String, Int64?, String?, Int64?, String?)

    static func user(_ row: UserRow) -> StaffUser {
        let (id, publicID, username, name, role, officeID, officeCode, courierID, courierPublicID) = row
        return StaffUser(id: id, publicID: publicID, username: username, displayName: name, role: StaffRole(rawValue: role) ?? .courier,
                         officeID: officeID, officeCode: officeCode, courierID: courierID, courierPublicID: courierPublicID)
    }
}
