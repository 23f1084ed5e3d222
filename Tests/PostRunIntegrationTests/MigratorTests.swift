import Foundation
import Logging
import PostgresNIO
import PostRunStore
import Testing

@Suite(.enabled(if: TestDatabase.enabled)) struct MigratorTests {
    let logger = TestDatabase.logger

    func tables(_ database: Database) async throws -> Set<String> {
        var names = Set<String>()
        let rows = try await database.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", logger: logger)
        for try await name in rows.decode(String.self) { names.insert(name) }
        return names
    }

    func appliedRows(_ database: Database) async throws -> [String] {
        var names: [String] = []
        let rows = try await database.query("SELECT name FROM schema_migrations ORDER BY version", logger: logger)
        for try await name in rows.decode(String.self) { names.append(name) }
        return names
    }

    @Test func migratesAFreshDatabaseAndRerunIsANoOp() async throws {
        let migrator = try TestDatabase.migrator()
        try await TestDatabase.withEmptyDatabase { endpoint in
            try await DatabaseAdmin.withClient(endpoint, logger: logger) { database in
                let before = try await migrator.status(database, logger: logger)
                #expect(before.applied.isEmpty)
                #expect(before.pending == migrator.files.map(\.name))

                let applied = try await migrator.migrate(database, logger: logger)
                #expect(applied == migrator.files.map(\.name))
                #expect(try await tables(database).contains("app_settings"))
                #expect(try await appliedRows(database) == migrator.files.map(\.name))

                let again = try await migrator.migrate(database, logger: logger)
                #expect(again.isEmpty)
                let after = try await migrator.status(database, logger: logger)
                #expect(after.isCurrent)
                #expect(after.applied.map(\.checksum) == migrator.files.map(\.checksum))
            }
        }
    }

    @Test func refusesAnEditedAppliedFile() async throws {
        let first = try MigrationFile(name: "0001_a.sql", sql: "CREATE TABLE a (id int);")
        let edited = try MigrationFile(name: "0001_a.sql", sql: "CREATE TABLE a (id bigint);")
        try await TestDatabase.withEmptyDatabase { endpoint in
            try await DatabaseAdmin.withClient(endpoint, logger: logger) { database in
                try await Migrator(files: [first]).migrate(database, logger: logger)
                await #expect(throws: MigrationError.checksumChanged("0001_a.sql")) {
                    try await Migrator(files: [edited]).migrate(database, logger: logger)
                }
                let status = try await Migrator(files: [edited]).status(database, logger: logger)
                #expect(status.changed == ["0001_a.sql"])
                #expect(!status.isCurrent)
            }
        }
    }

    @Test func aFailingMigrationRollsBackEverything() async throws {
        let good = try MigrationFile(name: "0001_good.sql", sql: "CREATE TABLE good (id int);")
        let second = try MigrationFile(name: "0002_second.sql", sql: "CREATE TABLE second (id int);")
        let broken = try MigrationFile(name: "0003_broken.sql", sql: "CREATE TABLE third (id int);\nSELECT * FROM no_such_table;")
        try await TestDatabase.withEmptyDatabase { endpoint in
            try await DatabaseAdmin.withClient(endpoint, logger: logger) { database in
                try await Migrator(files: [good]).migrate(database, logger: logger)
                do {
                    try await Migrator(files: [good, second, broken]).migrate(database, logger: logger)
                    Issue.record("a broken migration must fail")
                } catch let error as MigrationError {
                    guard case let .statementFailed(file, statement, message) = error else { throw error }
                    #expect(file == "0003_broken.sql")
                    #expect(statement == 2)
                    #expect(message.contains("no_such_table"))
                }
                #expect(try await appliedRows(database) == ["0001_good.sql"])
                let names = try await tables(database)
                #expect(names.contains("good"))
                #expect(!names.contains("second"))
                #expect(!names.contains("third"))
            }
        }
    }

    @Test func concurrentMigratorsApplyEachFileOnce() async throws {
        let files = try (1...5).map { try MigrationFile(name: String(format: "%04d_t%d.sql", $0, $0), sql: "CREATE TABLE t\($0) (id int); SELECT pg_sleep(0.05);") }
        let migrator = try Migrator(files: files)
        try await TestDatabase.withEmptyDatabase { endpoint in
            let results = try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        try await DatabaseAdmin.withClient(endpoint, logger: logger) { database in
                            try await migrator.migrate(database, logger: logger)
                        }
                    }
                }
                return try await group.reduce(into: [[String]]()) { $0.append($1) }
            }
            #expect(results.flatMap { $0 }.sorted() == files.map(\.name))
            #expect(results.filter { !$0.isEmpty }.count == 1)
            let applied = try await DatabaseAdmin.withClient(endpoint, logger: logger) { database in
                try await appliedRows(database)
            }
            #expect(applied == files.map(\.name))
        }
    }

    @Test func rejectsBadFileNamesAndDuplicateVersions() throws {
        #expect(throws: MigrationError.badFileName("1_x.sql")) { try MigrationFile(name: "1_x.sql", sql: "") }
        #expect(throws: MigrationError.badFileName("0001-x.sql")) { try MigrationFile(name: "0001-x.sql", sql: "") }
        let a = try MigrationFile(name: "0002_a.sql", sql: "")
        let b = try MigrationFile(name: "0002_b.sql", sql: "")
        #expect(throws: MigrationError.duplicateVersion(2, "0002_a.sql", "0002_b.sql")) { try Migrator(files: [b, a]) }
    }
}
