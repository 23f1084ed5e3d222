import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PostRunDaemon
import PostRunStore
import Prometheus

/// Builds the real application (same composition root as `postrun serve`) on a fresh migrated database.
enum TestApp {
    /// The app and its database share one metrics registry, as in `postrun serve`.
    static func make(endpoint: DatabaseEndpoint) throws -> (some ApplicationProtocol, Database) {
        let registry = PrometheusCollectorRegistry()
        let database = Database(endpoint: endpoint, poolSize: 8, applicationName: "postrun-test",
                                metrics: PrometheusMetricsFactory(registry: registry), logger: TestDatabase.logger)
        var configuration = AppConfiguration()
        configuration.port = 0
        configuration.passwordRounds = 1000
        // The cutoff planner would plan every office of the test's database as soon as the app started after 16:00 in
        // Vietnam, racing the test's own plans; its tests drive `PlannerService.tick` with a clock of their own.
        configuration.cutoffPlanner = false
        let app = buildApplication(configuration: configuration, database: database, migrator: try TestDatabase.migrator(),
                                   registry: registry, logger: TestDatabase.logger)
        return (app, database)
    }

    /// `body` gets the app and a second, already running client on the same database for setting up and checking
    /// (the app's own pool only runs inside `app.test`).
    static func withApp<R: Sendable>(
        migrated: Bool = true,
        _ body: @escaping @Sendable (any ApplicationProtocol, Database) async throws -> R
    ) async throws -> R {
        let run: @Sendable (DatabaseEndpoint) async throws -> R = { endpoint in
            let (app, _) = try make(endpoint: endpoint)
            return try await DatabaseAdmin.withClient(endpoint, poolSize: 4, logger: TestDatabase.logger) { database in
                try await body(app, database)
            }
        }
        return migrated ? try await TestDatabase.withMigratedDatabase(run) : try await TestDatabase.withEmptyDatabase(run)
    }
}
