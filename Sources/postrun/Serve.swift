import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Metrics
import PostRunDaemon
import PostRunStore
import Prometheus
import ServiceLifecycle

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the HTTP API and the background services; migrates the database first.")

    @Option(name: .long, help: "Address to listen on (env POSTRUN_HOST; default 127.0.0.1).")
    var host: String?

    @Option(name: .long, help: "Port to listen on (env POSTRUN_PORT; default 8080).")
    var port: Int?

    @Option(name: .customLong("time-zone"), help: "Zone for dates shown to people (env POSTRUN_TIME_ZONE; default Asia/Ho_Chi_Minh).")
    var timeZone: String?

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        let configuration: AppConfiguration
        do {
            configuration = try AppConfiguration.from(database: database, logging: logging, host: host, port: port, timeZone: timeZone)
            try StartupFailure.checkPortFree(host: configuration.host, port: configuration.port)
        } catch {
            throw fail(error)
        }
        LoggingSetup.bootstrap(format: configuration.logFormat, level: configuration.logLevel)
        let logger = Logger(label: "postrun")
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))

        let runtime: DatabaseRuntime
        do {
            runtime = try await DatabaseRuntime.acquire(configuration.database, asDaemon: true, logger: logger)
        } catch {
            throw fail(error)
        }
        defer { runtime.release() }

        let migrator: Migrator
        do {
            try await DatabaseAdmin.checkConnection(runtime.endpoint, logger: logger)
            migrator = try Migrator(directory: try Migrator.locateDirectory(explicit: configuration.sqlDirectory))
            let applied = try await DatabaseAdmin.withClient(runtime.endpoint, logger: logger) { database in
                let applied = try await migrator.migrate(database, logger: logger)
                let seeded = try await AgencyCalendarRepository(database: database).seedBuiltInHolidays(logger: logger)
                if seeded > 0 { logger.info("public holidays added from the built-in list", metadata: ["days": "\(seeded)"]) }
                return applied
            }
            logger.info("database schema current", metadata: ["applied_now": "\(applied.count)"])
        } catch {
            throw fail(error, endpoint: runtime.endpoint)
        }

        let database = Database(endpoint: runtime.endpoint, poolSize: configuration.poolSize,
                                applicationName: "postrun-\(ProcessInfo.processInfo.processIdentifier)",
                                metrics: PrometheusMetricsFactory(registry: registry), logger: logger)
        let app = buildApplication(configuration: configuration, database: database, migrator: migrator,
                                   registry: registry, logger: logger)
        logger.notice("postrun listening", metadata: [
            "url": "http://\(configuration.host):\(configuration.port)",
            "database": "\(runtime.endpoint.url())",
        ])
        do {
            try await app.runService()
        } catch {
            throw fail(error, endpoint: runtime.endpoint)
        }
    }
}
