import Logging
import Metrics
import NIOSSL
import PostgresNIO

/// The PostgreSQL client pool and what it needs to be used: the one way code reaches the database.
public struct Database: Sendable {
    public let client: PostgresClient
    public let endpoint: DatabaseEndpoint
    /// Sent as `application_name`, so `pg_stat_activity` can tell this replica's connections apart.
    public let applicationName: String
    let inUse: Meter
    let outboxNotifier: OutboxNotifier
    /// Shared by every repository on this pool.
    public let referenceCache = ReferenceCache()

    public init(endpoint: DatabaseEndpoint, poolSize: Int, applicationName: String, metrics: any MetricsFactory, logger: Logger) {
        self.endpoint = endpoint
        self.applicationName = applicationName
        self.client = PostgresClient(configuration: endpoint.clientConfiguration(poolSize: poolSize, applicationName: applicationName),
                                     backgroundLogger: logger)
        self.inUse = Meter(label: "postrun_db_connections_in_use", dimensions: [], factory: metrics)
        self.outboxNotifier = OutboxNotifier(client: client, logger: logger)
    }

    public func withConnection<R: Sendable>(_ body: (PostgresConnection) async throws -> R) async throws -> R {
        inUse.increment()
        defer { inUse.decrement() }
        return try await client.withConnection(body)
    }

    /// Runs `body` in one transaction; a thrown error rolls back and is rethrown unwrapped from
    /// `PostgresTransactionError`, so callers see their own domain errors. After a commit that wrote to the outbox,
    /// the webhook senders are woken.
    public func transaction<R: Sendable>(logger: Logger, _ body: (PostgresConnection) async throws -> R) async throws -> R {
        inUse.increment()
        defer { inUse.decrement() }
        let outboxWrites = OutboxWrites()
        let result: R
        do {
            result = try await OutboxWrites.$current.withValue(outboxWrites) {
                try await client.withTransaction(logger: logger) { connection in try await body(connection) }
            }
        } catch let error as PostgresTransactionError {
            throw error.closureError ?? error.beginError ?? error.commitError ?? error
        }
        if outboxWrites.any { await outboxNotifier.committed() }
        return result
    }

    /// For a statement that wrote to the outbox and committed on its own, outside `transaction`.
    func outboxCommitted() async {
        await outboxNotifier.committed()
    }

    @discardableResult
    public func query(_ query: PostgresQuery, logger: Logger) async throws -> PostgresRowSequence {
        try await client.query(query, logger: logger)
    }
}

extension DatabaseEndpoint {
    func clientConfiguration(poolSize: Int, applicationName: String) -> PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        switch address {
        case let .tcp(host, port):
            let tlsMode: PostgresClient.Configuration.TLS
            switch tls {
            case .disable:
                tlsMode = .disable
            case .require:
                var tlsConfiguration = TLSConfiguration.makeClientConfiguration()
                tlsConfiguration.certificateVerification = .none
                tlsMode = .require(tlsConfiguration)
            case .verifyFull:
                tlsMode = .require(.makeClientConfiguration())
            }
            configuration = .init(host: host, port: port, username: username, password: password, database: database, tls: tlsMode)
        case let .socket(directory, port):
            configuration = .init(unixSocketPath: "\(directory)/.s.PGSQL.\(port)", username: username, password: password, database: database)
        }
        configuration.options.maximumConnections = poolSize
        configuration.options.connectTimeout = .seconds(5)
        configuration.options.additionalStartupParameters = [("application_name", applicationName)]
        return configuration
    }
}

/// SQLSTATE classes the layers above map to domain errors.
public enum SQLState {
    public static let uniqueViolation = "23505"
    public static let foreignKeyViolation = "23503"
    public static let checkViolation = "23514"
    public static let serializationFailure = "40001"
    public static let deadlockDetected = "40P01"
    public static let invalidPassword = "28P01"
    public static let invalidAuthorization = "28000"
    public static let invalidCatalogName = "3D000"

    public static func of(_ error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }
}
