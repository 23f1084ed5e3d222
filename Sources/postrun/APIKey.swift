import ArgumentParser
import Foundation
import PostRunDaemon
import Logging
import PostRunStore

struct APIKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api-key", abstract: "Manage portal API keys.",
        subcommands: [Create.self, Revoke.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a key and print it once.")

        @Option(help: "Who holds the key, e.g. 'Cổng dịch vụ công Gia Lai'.") var name: String
        @Option(help: "Comma-separated: \(Scope.allCases.map(\.rawValue).joined(separator: ", ")).") var scopes: String
        @Option(help: "Province code the client belongs to, e.g. 52.") var province: String?
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        func validate() throws {
            let parsed = scopes.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if let bad = parsed.first(where: { Scope(rawValue: $0) == nil }) {
                throw ValidationError("unknown scope '\(bad)'; use \(Scope.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if parsed.isEmpty { throw ValidationError("give at least one scope") }
            if name.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--name must not be empty") }
        }

        func run() async throws {
            let scopeSet = Set(scopes.split(separator: ",").compactMap { Scope(rawValue: $0.trimmingCharacters(in: .whitespaces)) })
            try await withMigratedDatabase(database: database, logging: logging, label: "postrun.api-key") { db, logger in
                let created = try await APIClientRepository(database: db).create(
                    name: name.precomposedStringWithCanonicalMapping, scopes: scopeSet, provinceCode: province, logger: logger)
                print("client: \(created.client.publicID)")
                print("key:    \(created.key)")
                print("Store the key now: it is not shown again.")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a client's key (by its cli_… id).")
        @Argument var client: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        func run() async throws {
            try await withMigratedDatabase(database: database, logging: logging, label: "postrun.api-key") { db, logger in
                guard try await APIClientRepository(database: db).revoke(publicID: client, logger: logger) else {
                    throw ValidationError("no active client \(client)")
                }
                print("revoked \(client)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List clients (never their keys).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        func run() async throws {
            try await withMigratedDatabase(database: database, logging: logging, label: "postrun.api-key") { db, logger in
                for entry in try await APIClientRepository(database: db).list(logger: logger) {
                    let state = entry.client.revoked ? "revoked" : "active"
                    print("\(entry.client.publicID)  \(state)  …\(entry.hint)  \(entry.client.scopes.map(\.rawValue).sorted().joined(separator: ","))  \(entry.client.provinceCode ?? "-")  \(entry.client.name)")
                }
            }
        }
    }
}

/// For commands that read or write domain tables: the schema must be current first.
func withMigratedDatabase(
    database options: DatabaseOptions, logging: LoggingOptions, label: String,
    _ body: @escaping @Sendable (Database, Logger) async throws -> Void
) async throws {
    try await withCommandDatabase(database: options, logging: logging, label: label) { configuration, runtime, logger in
        let migrator = try Migrator(directory: try Migrator.locateDirectory(explicit: configuration.sqlDirectory))
        try await DatabaseAdmin.withClient(runtime.endpoint, logger: logger) { database in
            try await migrator.migrate(database, logger: logger)
            try await body(database, logger)
        }
    }
}
