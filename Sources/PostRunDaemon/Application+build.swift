import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import Metrics
import PostgresNIO
import PostRunAPI
import PostRunStore
import Prometheus

/// The one composition root: `postrun serve` and the integration tests both build the app here.
public func buildApplication(
    configuration: AppConfiguration,
    database: Database,
    migrator: Migrator,
    registry: PrometheusCollectorRegistry,
    logger: Logger
) -> some ApplicationProtocol {
    let metrics = PrometheusMetricsFactory(registry: registry)
    let travel = TravelMatrixSource.configured(osrmURL: configuration.osrmURL)
    let planning = buildPlanning(database: database, travel: travel)
    let router = buildRouter(configuration: configuration, database: database, migrator: migrator, registry: registry, metrics: metrics,
                             planning: planning)

    var app = Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "postrun"),
        logger: logger
    )
    // Added first, stopped last: the background loops may still finish a tick on it.
    app.addServices(database.client)
    app.addServices(BackgroundServices([
        PoolStatsService.make(database: database, metrics: metrics, logger: logger),
        PeriodicService(name: "idempotency-janitor", interval: .seconds(3600), metrics: metrics, logger: logger) { logger in
            try await IdempotencyStore.purge(database: database, logger: logger)
        },
        WebhookSender(database: database, metrics: metrics, logger: logger),
        PlannerService.make(planning: planning, metrics: metrics, logger: logger),
        SLAWatchService.make(watch: SLAWatch(database: database), metrics: metrics, logger: logger),
    ]))
    return app
}

extension TravelMatrixSource {
    /// OSRM over the shared HTTP client when a URL is configured, else the travel model.
    public static func configured(osrmURL: String?) -> TravelMatrixSource {
        TravelMatrixSource(osrmURL: osrmURL, httpClient: osrmURL == nil ? nil : HTTPClient.shared)
    }
}

/// The planner with travel matrices from OSRM when configured, else the travel model (the daemon and `postrun plan`).
public func buildPlanning(database: Database, travel: TravelMatrixSource) -> PlanningRepository {
    PlanningRepository(database: database) { office, date, places, logger in
        await travel.matrix(office: office, date: date, places: places, logger: logger).matrix
    }
}

func buildRouter(configuration: AppConfiguration, database: Database, migrator: Migrator, registry: PrometheusCollectorRegistry,
                 metrics: PrometheusMetricsFactory, planning: PlanningRepository? = nil) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    let staff = StaffRepository(database: database, hasher: PasswordHasher(rounds: configuration.passwordRounds))
    router.middlewares.add(RequestIDMiddleware())
    router.middlewares.add(HTTPMetricsMiddleware(factory: metrics))
    router.middlewares.add(ProblemMiddleware())
    router.middlewares.add(AuthenticationMiddleware(clients: APIClientRepository(database: database), staff: staff))

    HealthController(database: database, migrator: migrator, renderMetrics: { registry.emitToString() })
        .addRoutes(to: router)
    OpenAPIController().addRoutes(to: router)

    let v1 = router.group("/v1")
    StaffController(staff: staff).addRoutes(to: v1)
    CourierController(couriers: CourierRepository(database: database)).addRoutes(to: v1)
    AgencyCalendarController(repository: AgencyCalendarRepository(database: database)).addRoutes(to: v1)
    let jobs = JobService(database: database, pricer: QuoteService(database: database).jobPricer)
    JobController(jobs: jobs).addRoutes(to: v1)
    CourierFieldController(field: CourierFieldService(database: database, jobs: jobs), couriers: CourierRepository(database: database),
                           attachments: AttachmentStore(database: database, directory: configuration.attachmentsDirectory)).addRoutes(to: v1)
    ReferenceController(reference: ReferenceRepository(database: database)).addRoutes(to: v1)
    WebhookController(repository: WebhookRepository(database: database)).addRoutes(to: router)
    PricingRoutes.add(to: router, database: database)
    DispatchController(planning: planning ?? buildPlanning(database: database, travel: TravelMatrixSource(osrmURL: nil, httpClient: nil)),
                       dispatch: DispatchRepository(database: database)).addRoutes(to: v1)
    addOfficeRoutes(to: v1, database: database, jobs: jobs)
    return router
}

/// Handover records, cash and the SLA watch (docs/dispatch.md, "Handovers, cash and SLA watch").
func addOfficeRoutes(to v1: RouterGroup<AppRequestContext>, database: Database, jobs: JobService) {
    let couriers = CourierRepository(database: database)
    HandoverController(handovers: HandoverService(database: database, jobs: jobs), couriers: couriers).addRoutes(to: v1)
    CashController(cash: CashRepository(database: database), couriers: couriers).addRoutes(to: v1)
    SLAController(watch: SLAWatch(database: database), couriers: couriers).addRoutes(to: v1)
}

/// Samples this replica's connections as PostgreSQL sees them (idle vs active), for `/metrics`.
enum PoolStatsService {
    static func make(database: Database, metrics: any MetricsFactory, logger: Logger) -> PeriodicService {
        let idle = Gauge(label: "postrun_db_connections_idle", dimensions: [], factory: metrics)
        let active = Gauge(label: "postrun_db_connections_active", dimensions: [], factory: metrics)
        return PeriodicService(name: "pool-stats", interval: .seconds(10), metrics: metrics, logger: logger) { logger in
            let rows = try await database.query("""
                SELECT count(*) FILTER (WHERE state = 'idle'), count(*) FILTER (WHERE state <> 'idle')
                FROM pg_stat_activity WHERE application_name = \(database.applicationName) AND pid <> pg_backend_pid()
                """, logger: logger)
            for try await (idleCount, activeCount) in rows.decode((Int, Int).self) {
                idle.record(idleCount)
                active.record(activeCount)
            }
        }
    }
}
