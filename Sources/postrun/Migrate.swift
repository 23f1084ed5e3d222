import ArgumentParser
import Foundation
import PostRunDaemon
import PostRunStore

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending sql/NNNN_name.sql migrations (or list them with --status).")

    @Flag(name: .long, help: "List applied and pending migrations; change nothing.")
    var status = false

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        try await withCommandDatabase(database: database, logging: logging, label: "postrun.migrate") { configuration, runtime, logger in
            let migrator = try Migrator(directory: try Migrator.locateDirectory(explicit: configuration.sqlDirectory))
            try await DatabaseAdmin.withClient(runtime.endpoint, logger: logger) { database in
                if status {
                    let current = try await migrator.status(database, logger: logger)
                    for applied in current.applied {
                        let mark = current.changed.contains(applied.name) ? "changed" : current.missing.contains(applied.name) ? "missing" : "applied"
                        print("\(mark)  \(applied.name)  \(applied.appliedAt.formatted(.iso8601))  \(applied.checksum.prefix(12))")
                    }
                    for pending in current.pending { print("pending  \(pending)") }
                    if current.applied.isEmpty && current.pending.isEmpty { print("no migrations") }
                } else {
                    let applied = try await migrator.migrate(database, logger: logger)
                    print(applied.isEmpty ? "database is current; nothing to apply" : applied.map { "applied  \($0)" }.joined(separator: "\n"))
                }
            }
        }
    }
}
