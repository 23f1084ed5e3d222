import ArgumentParser
import Foundation
import Logging
import PostRunDaemon
import PostRunStore

/// Started by ``EntryPoint``.
struct PostRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "postrun",
        abstract: "PostRun: courier dispatch for the public-utility postal service (bưu chính công ích).",
        version: PostRunVersion.current,
        subcommands: [Serve.self, Migrate.self, APIKeyCommand.self, UserCommand.self, PlanCommand.self, Solve.self, ImportUnits.self]
    )
}

enum PostRunVersion {
    static let current = "0.1.0"
}

/// Options every command that touches the database takes, so each reaches the same database as `serve`.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("database-url"), help: "postgres://user:pass@host:port/db?sslmode=disable|require|verify-full (env POSTRUN_DATABASE_URL). Without it, the embedded cluster is used.")
    var databaseURL: String?

    @Option(name: .customLong("data-dir"), help: "Folder of the embedded PostgreSQL cluster (env POSTRUN_DATA_DIR; default .postrun).")
    var dataDirectory: String?

    @Option(name: .customLong("embedded-port"), help: "Also listen on 127.0.0.1:PORT with the embedded cluster (env POSTRUN_EMBEDDED_PORT).")
    var embeddedPort: Int?

    @Option(name: .customLong("pool-size"), help: "Maximum database connections (env POSTRUN_POOL_SIZE; default 20).")
    var poolSize: Int?

    @Option(name: .customLong("sql-dir"), help: "Folder of the sql/NNNN_name.sql migrations (env POSTRUN_SQL_DIR; found beside the binary by default).")
    var sqlDirectory: String?
}

struct LoggingOptions: ParsableArguments {
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error, critical (env POSTRUN_LOG_LEVEL; default info).")
    var logLevel: String?

    @Option(name: .customLong("log-format"), help: "text or json (env POSTRUN_LOG_FORMAT; default text).")
    var logFormat: String?
}

/// Prints one line and exits non-zero: start-up failures are never stack traces.
func fail(_ error: any Error, endpoint: DatabaseEndpoint? = nil) -> ExitCode {
    FileHandle.standardError.write(Data("postrun: \(StartupFailure.describe(error, endpoint: endpoint))\n".utf8))
    return ExitCode(1)
}

extension AppConfiguration {
    static func from(database: DatabaseOptions, logging: LoggingOptions, host: String? = nil, port: Int? = nil, timeZone: String? = nil) throws -> AppConfiguration {
        try AppConfiguration.resolve(
            host: host, port: port, databaseURL: database.databaseURL, dataDirectory: database.dataDirectory,
            embeddedPort: database.embeddedPort, poolSize: database.poolSize, logLevel: logging.logLevel,
            logFormat: logging.logFormat, timeZone: timeZone, sqlDirectory: database.sqlDirectory)
    }
}

/// Resolves configuration, logging and the database for a one-off command, runs `body`, and releases the database.
func withCommandDatabase(
    database options: DatabaseOptions, logging: LoggingOptions, label: String,
    _ body: (AppConfiguration, DatabaseRuntime, Logger) async throws -> Void
) async throws {
    let configuration: AppConfiguration
    do {
        configuration = try AppConfiguration.from(database: options, logging: logging)
    } catch {
        throw fail(error)
    }
    LoggingSetup.bootstrap(format: configuration.logFormat, level: configuration.logLevel)
    let logger = Logger(label: label)
    let runtime: DatabaseRuntime
    do {
        runtime = try await DatabaseRuntime.acquire(configuration.database, asDaemon: false, logger: logger)
    } catch {
        throw fail(error)
    }
    defer { runtime.release() }
    do {
        try await DatabaseAdmin.checkConnection(runtime.endpoint, logger: logger)
        try await body(configuration, runtime, logger)
    } catch let exit as ExitCode {
        throw exit
    } catch {
        throw fail(error, endpoint: runtime.endpoint)
    }
}
