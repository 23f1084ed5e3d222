import Crypto
import Foundation
import Logging
import PostgresNIO

/// One `sql/NNNN_name.sql` file.
public struct MigrationFile: Sendable, Equatable {
    public let version: Int
    public let name: String
    public let sql: String

    public init(name: String, sql: String) throws(MigrationError) {
        guard name.hasSuffix(".sql"), let underscore = name.firstIndex(of: "_"),
              let version = Int(name[..<underscore]), name[..<underscore].count == 4 else {
            throw .badFileName(name)
        }
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// SHA-256 of the file's bytes, hex.
    public var checksum: String {
        SHA256.hash(data: Data(sql.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

public enum MigrationError: Error, Equatable, CustomStringConvertible {
    case badFileName(String)
    case duplicateVersion(Int, String, String)
    case directoryNotFound(String)
    case checksumChanged(String)
    case appliedFileMissing(String)
    case statementFailed(file: String, statement: Int, message: String)

    public var description: String {
        switch self {
        case let .badFileName(name):
            return "migration file '\(name)' is not named NNNN_name.sql"
        case let .duplicateVersion(version, a, b):
            return "migrations '\(a)' and '\(b)' share version \(version)"
        case let .directoryNotFound(path):
            return "migrations folder not found at \(path); set POSTRUN_SQL_DIR or --sql-dir to the project's sql/ folder"
        case let .checksumChanged(name):
            return "migration \(name) was edited after it was applied (its SHA-256 changed); restore it and add a new migration instead"
        case let .appliedFileMissing(name):
            return "migration \(name) is recorded as applied but its file is missing from the sql folder"
        case let .statementFailed(file, statement, message):
            return "migration \(file) failed at statement \(statement): \(message); nothing was applied"
        }
    }
}

public struct MigrationStatus: Sendable, Equatable {
    public struct Applied: Sendable, Equatable {
        public let name: String
        public let checksum: String
        public let appliedAt: Date
    }
    public var applied: [Applied]
    public var pending: [String]
    public var changed: [String]
    public var missing: [String]
    public var isCurrent: Bool { pending.isEmpty && changed.isEmpty && missing.isEmpty }
}

/// Applies `sql/` files in order: all pending files in one transaction under an advisory lock,
/// each recorded in `schema_migrations` with its SHA-256.
public struct Migrator: Sendable {
    public let files: [MigrationFile]
    /// Arbitrary but fixed: every replica and every `postrun migrate` takes the same lock.
    static let lockKey: Int64 = 0x706F_7374_7275_6E01

    public init(files: [MigrationFile]) throws(MigrationError) {
        let sorted = files.sorted { ($0.version, $0.name) < ($1.version, $1.name) }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a.version == b.version {
            throw .duplicateVersion(a.version, a.name, b.name)
        }
        self.files = sorted
    }

    public init(directory: String) throws(MigrationError) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw .directoryNotFound(directory)
        }
        var files: [MigrationFile] = []
        for name in names where name.hasSuffix(".sql") {
            guard let data = FileManager.default.contents(atPath: directory + "/" + name) else { throw .directoryNotFound(directory) }
            files.append(try MigrationFile(name: name, sql: String(decoding: data, as: UTF8.self)))
        }
        try self.init(files: files)
    }

    /// The `sql/` folder: `POSTRUN_SQL_DIR`, beside the binary (`../../sql` from `.build/release`,
    /// `../share/postrun/sql` when installed), or `./sql`.
    public static func locateDirectory(explicit: String? = nil) throws(MigrationError) -> String {
        if let explicit { return explicit }
        if let fromEnvironment = ProcessInfo.processInfo.environment["POSTRUN_SQL_DIR"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
        let candidates = [
            executable.appendingPathComponent("../../../sql").standardizedFileURL.path,
            executable.appendingPathComponent("../../sql").standardizedFileURL.path,
            executable.appendingPathComponent("../share/postrun/sql").standardizedFileURL.path,
            "/usr/share/postrun/sql",
            FileManager.default.currentDirectoryPath + "/sql",
        ]
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate + "/0001_foundation.sql") {
            return candidate
        }
        throw .directoryNotFound(candidates.joined(separator: ", "))
    }

    public func status(_ database: Database, logger: Logger) async throws -> MigrationStatus {
        try await database.withConnection { connection in
            try await status(on: connection, logger: logger)
        }
    }

    func status(on connection: PostgresConnection, logger: Logger) async throws -> MigrationStatus {
        let probe: PostgresQuery = "SELECT to_regclass('schema_migrations') IS NOT NULL"
        let existsRows = try await connection.query(probe, logger: logger)
        var exists = false
        for try await value in existsRows.decode(Bool.self) { exists = value }
        var applied: [MigrationStatus.Applied] = []
        if exists {
            let rows = try await connection.query(
                "SELECT name, checksum, applied_at FROM schema_migrations ORDER BY version", logger: logger)
            for try await (name, checksum, at) in rows.decode((String, String, Date).self) {
                applied.append(.init(name: name, checksum: checksum, appliedAt: at))
            }
        }
        let byName = Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0) })
        let appliedNames = Set(applied.map(\.name))
        return MigrationStatus(
            applied: applied,
            pending: files.map(\.name).filter { !appliedNames.contains($0) },
            changed: applied.filter { entry in byName[entry.name].map { $0.checksum != entry.checksum } ?? false }.map(\.name),
            missing: applied.filter { byName[$0.name] == nil }.map(\.name)
        )
    }

    /// Applies every pending file; returns the names applied (empty when current).
    @discardableResult
    public func migrate(_ database: Database, logger: Logger) async throws -> [String] {
        try await database.transaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: logger)
            try await connection.query(PostgresQuery(unsafeSQL: """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version integer PRIMARY KEY,
                    name text NOT NULL UNIQUE,
                    checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """), logger: logger)
            let current = try await status(on: connection, logger: logger)
            if let changed = current.changed.first { throw MigrationError.checksumChanged(changed) }
            if let missing = current.missing.first { throw MigrationError.appliedFileMissing(missing) }
            let pending = Set(current.pending)
            var applied: [String] = []
            for file in files where pending.contains(file.name) {
                for (index, statement) in SQLScript.statements(in: file.sql).enumerated() {
                    do {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    } catch let error as PSQLError {
                        let message = error.serverInfo?[.message] ?? String(reflecting: error)
                        throw MigrationError.statementFailed(file: file.name, statement: index + 1, message: message)
                    }
                }
                try await connection.query(
                    "INSERT INTO schema_migrations (version, name, checksum) VALUES (\(file.version), \(file.name), \(file.checksum))",
                    logger: logger)
                logger.info("applied migration", metadata: ["file": "\(file.name)"])
                applied.append(file.name)
            }
            return applied
        }
    }
}
