import Foundation
import Logging
import PostgresNIO
import PostRunStore
import Testing

/// Each test gets a database of its own, created from a migrated template, so tests run in parallel
/// against a real PostgreSQL and leave nothing behind. `scripts/test` starts a throwaway cluster and
/// sets `POSTRUN_TEST_DATABASE_URL`; under `CI=true` a missing database fails the tests instead of skipping them.
enum TestDatabase {
    static let environment = ProcessInfo.processInfo.environment
    static let base: DatabaseEndpoint? = environment["POSTRUN_TEST_DATABASE_URL"].flatMap { try? DatabaseEndpoint(url: $0) }
    static let isRequired = environment["CI"] == "true"
    /// Use as `.enabled(if: TestDatabase.enabled)`: runs when configured, and always under CI (to fail loudly).
    static let enabled = base != nil || isRequired

    static let logger: Logger = {
        var logger = Logger(label: "test")
        logger.logLevel = .error
        return logger
    }()

    static let sqlDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("sql").path

    struct NotConfigured: Error, CustomStringConvertible {
        var description: String { "POSTRUN_TEST_DATABASE_URL is not set: run the tests with scripts/test, which starts a PostgreSQL for them" }
    }

    static func requireBase() throws -> DatabaseEndpoint {
        guard let base else { throw NotConfigured() }
        return base
    }

    static let template = TemplateDatabase()

    /// A new, empty database (no migrations), dropped afterwards.
    static func withEmptyDatabase<R: Sendable>(_ body: @Sendable (DatabaseEndpoint) async throws -> R) async throws -> R {
        let endpoint = try requireBase().with(database: "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))
        try await DatabaseAdmin.createDatabaseIfMissing(endpoint, logger: logger)
        do {
            let result = try await body(endpoint)
            try await DatabaseAdmin.dropDatabase(endpoint, logger: logger)
            return result
        } catch {
            try? await DatabaseAdmin.dropDatabase(endpoint, logger: logger)
            throw error
        }
    }

    /// A new database with every migration applied.
    static func withMigratedDatabase<R: Sendable>(_ body: @Sendable (DatabaseEndpoint) async throws -> R) async throws -> R {
        let templateName = try await template.name()
        let endpoint = try requireBase().with(database: "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))
        try await DatabaseAdmin.createDatabaseIfMissing(endpoint, template: templateName, logger: logger)
        do {
            let result = try await body(endpoint)
            try await DatabaseAdmin.dropDatabase(endpoint, logger: logger)
            return result
        } catch {
            try? await DatabaseAdmin.dropDatabase(endpoint, logger: logger)
            throw error
        }
    }

    static func migrator() throws -> Migrator { try Migrator(directory: sqlDirectory) }
}

/// Builds the migrated template once per test process.
actor TemplateDatabase {
    private var building: Task<String, any Error>?

    func name() async throws -> String {
        if let building { return try await building.value }
        let task = Task<String, any Error> {
            let endpoint = try TestDatabase.requireBase().with(database: "postrun_template_\(getpid())")
            try? await DatabaseAdmin.dropDatabase(endpoint, logger: TestDatabase.logger)
            try await DatabaseAdmin.createDatabaseIfMissing(endpoint, logger: TestDatabase.logger)
            let migrator = try TestDatabase.migrator()
            _ = try await DatabaseAdmin.withClient(endpoint, logger: TestDatabase.logger) { database in
                try await migrator.migrate(database, logger: TestDatabase.logger)
                try await AgencyCalendarRepository(database: database).seedBuiltInHolidays(logger: TestDatabase.logger)
            }
            return endpoint.database
        }
        building = task
        return try await task.value
    }
}
