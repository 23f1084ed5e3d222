import Foundation
import Logging
import NIOSSL
import Metrics
import PostgresNIO

/// Short-lived, cluster-level chores: creating and dropping databases, one-off commands.
public enum DatabaseAdmin {
    /// Runs `body` with a client pool that lives only for the call.
    public static func withClient<R: Sendable>(
        _ endpoint: DatabaseEndpoint, poolSize: Int = 2, logger: Logger,
        _ body: @Sendable (Database) async throws -> R
    ) async throws -> R {
        var quiet = logger
        quiet.logLevel = .error  // the pool warns when leased before run() starts, which is expected here
        let database = Database(endpoint: endpoint, poolSize: poolSize, applicationName: "postrun-admin",
                                metrics: NOOPMetricsHandler.instance, logger: quiet)
        return try await withThrowingTaskGroup(of: R?.self) { group in
            group.addTask {
                await database.client.run()
                return nil
            }
            defer { group.cancelAll() }
            return try await body(database)
        }
    }

    /// Connects to the maintenance database `postgres` and creates `endpoint.database` when missing.
    public static func createDatabaseIfMissing(_ endpoint: DatabaseEndpoint, template: String? = nil, logger: Logger) async throws {
        let name = endpoint.database
        _ = try await withClient(endpoint.with(database: "postgres"), logger: logger) { admin in
            let exists = try await admin.query("SELECT 1 FROM pg_database WHERE datname = \(name)", logger: logger)
                .collect().isEmpty == false
            guard !exists else { return }
            let templateClause = template.map { " TEMPLATE \(quoteIdentifier($0))" } ?? ""
            do {
                try await admin.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(quoteIdentifier(name))\(templateClause)"), logger: logger)
            } catch where SQLState.of(error) == "42P04" {
                // Created meanwhile by a concurrent caller.
            }
        }
    }

    public static func dropDatabase(_ endpoint: DatabaseEndpoint, logger: Logger) async throws {
        let name = endpoint.database
        _ = try await withClient(endpoint.with(database: "postgres"), logger: logger) { admin in
            try await admin.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(quoteIdentifier(name)) WITH (FORCE)"), logger: logger)
        }
    }

    public static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension DatabaseAdmin {
    /// Opens and closes one connection, outside any pool, so a refused password or an unreachable server surfaces
    /// as PostgreSQL's own error instead of a pool's retry loop.
    public static func checkConnection(_ endpoint: DatabaseEndpoint, logger: Logger) async throws {
        let configuration: PostgresConnection.Configuration
        switch endpoint.address {
        case let .tcp(host, port):
            let tls: PostgresConnection.Configuration.TLS
            switch endpoint.tls {
            case .disable: tls = .disable
            case .require:
                var settings = TLSConfiguration.makeClientConfiguration()
                settings.certificateVerification = .none
                tls = .require(try NIOSSLContext(configuration: settings))
            case .verifyFull:
                tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
            configuration = .init(host: host, port: port, username: endpoint.username, password: endpoint.password,
                                  database: endpoint.database, tls: tls)
        case let .socket(directory, port):
            configuration = .init(unixSocketPath: "\(directory)/.s.PGSQL.\(port)", username: endpoint.username,
                                  password: endpoint.password, database: endpoint.database)
        }
        let connection = try await PostgresConnection.connect(
            on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration, id: 0, logger: logger).get()
        try await connection.close()
    }
}
