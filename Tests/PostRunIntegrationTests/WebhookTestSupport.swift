import AsyncHTTPClient
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PostgresNIO
import PostRunDaemon
import PostRunStore
import Prometheus
import Testing

/// What the webhook tests share: a database with its pool running, a local receiver, jobs and events.
enum WebhookFixtures {
    static let logger = TestDatabase.logger

    /// A fresh migrated database with its pool running (no application, so no sender but the test's own).
    static func withDatabase<R: Sendable>(
        _ body: @Sendable (DatabaseEndpoint, Database, PrometheusCollectorRegistry) async throws -> R
    ) async throws -> R {
        try await TestDatabase.withMigratedDatabase { endpoint in
            let registry = PrometheusCollectorRegistry()
            let database = Database(endpoint: endpoint, poolSize: 12, applicationName: "postrun-webhook-test",
                                    metrics: PrometheusMetricsFactory(registry: registry), logger: logger)
            return try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await database.client.run() }
                let result = try await body(endpoint, database, registry)
                group.cancelAll()
                return result
            }
        }
    }

    /// A live HTTP receiver on 127.0.0.1 and an ephemeral port; `body` gets its base URL.
    static func withReceiver<R: Sendable>(_ receiver: WebhookReceiver, _ body: @Sendable (String) async throws -> R) async throws -> R {
        let router = Router()
        router.post("/hook/{name}") { request, context -> Response in
            let buffer = try await request.body.collect(upTo: 1 << 20)
            let name = context.parameters.get("name") ?? ""
            let status = await receiver.receive(path: name, headers: request.headers, body: Array(buffer.readableBytesView))
            if let delay = await receiver.delay { try await Task.sleep(for: delay) }
            return Response(status: .init(code: status))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: logger)
        return try await app.test(.live) { client in
            let port = try #require(client.port)
            return try await body("http://127.0.0.1:\(port)")
        }
    }

    static func withHTTPClient<R: Sendable>(_ body: @Sendable (HTTPClient) async throws -> R) async throws -> R {
        let client = WebhookSender.makeHTTPClient()
        do {
            let result = try await body(client)
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// Fast settings: short timeout and backoff, a one-minute window.
    static func fastConfiguration() -> WebhookSender.Configuration {
        var configuration = WebhookSender.Configuration()
        configuration.pollInterval = .milliseconds(100)
        // Generous: under the whole suite on two cores the in-process receiver once took over 3 s to answer, and the
        // attempt counted as a timeout. The test of timeouts sets its own.
        configuration.requestTimeout = .seconds(15)
        configuration.initialBackoff = .milliseconds(100)
        configuration.maximumBackoff = .milliseconds(400)
        configuration.retryWindow = .seconds(60)
        configuration.listen = false
        return configuration
    }

    static func makeClient(_ database: Database, name: String = "Cổng DVC Gia Lai", scopes: Set<Scope> = [.webhooksManage]) async throws
        -> APIClientRepository.Created {
        try await APIClientRepository(database: database).create(name: name, scopes: scopes, provinceCode: "52", logger: logger)
    }

    /// A minimal job row (outbox events reference jobs). Returns its internal id.
    static func makeJob(_ database: Database, clientID: Int64) async throws -> Int64 {
        let publicID = PublicIDs.make("job")
        let rows = try await database.query("""
            INSERT INTO jobs (public_id, client_id, kind, state, office_id, channel, field, commune_code, requested_date, requested_slot,
                              request, created_by)
            VALUES (\(publicID), \(clientID), 'pickup_dossier', 'accepted', (SELECT min(id) FROM post_offices), 'portal', 'test',
                    '00001', current_date, 'morning', '{}', 'test')
            RETURNING id
            """, logger: logger)
        for try await id in rows.decode(Int64.self) { return id }
        throw WebhookTestFailure("no job inserted")
    }

    /// Enqueues one event through the real outbox, in a transaction of its own. Returns its public id.
    @discardableResult
    static func enqueue(_ database: Database, type: String, clientID: Int64?, jobID: Int64?, data: [String: String] = [:]) async throws -> String {
        let payload = try JSONEncoder().encode(data)
        return try await database.transaction(logger: logger) { connection in
            try await Outbox.enqueue(.init(type: type, clientID: clientID, jobID: jobID, payload: payload), on: connection, logger: logger)
        }
    }

    struct DeliveryRow: Sendable {
        let status: String
        let attempts: Int
        let lastStatusCode: Int?
        let lastError: String?
    }

    static func delivery(_ database: Database, event: String) async throws -> DeliveryRow? {
        let rows = try await database.query("""
            SELECT d.status, d.attempts, d.last_status_code, d.last_error FROM webhook_deliveries d
            JOIN outbox_events o ON o.id = d.outbox_event_id WHERE o.public_id = \(event)
            """, logger: logger)
        for try await (status, attempts, code, error) in rows.decode((String, Int, Int?, String?).self) {
            return DeliveryRow(status: status, attempts: attempts, lastStatusCode: code, lastError: error)
        }
        return nil
    }

    /// Polls `condition` every 50 ms until it holds; fails after `timeout`.
    static func count(_ database: Database, _ sql: String) async throws -> Int {
        var total = 0
        for try await n in try await database.query(PostgresQuery(unsafeSQL: sql), logger: logger).decode(Int.self) { total = n }
        return total
    }

    static func eventually(_ what: String, timeout: Duration = .seconds(15), _ condition: @Sendable () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw WebhookTestFailure("timed out waiting for: \(what)")
    }

    /// An independent HMAC-SHA256 (swift-crypto), as a portal would compute it.
    static func expectedSignature(secret: String, timestamp: String, body: [UInt8]) -> String {
        let key = SymmetricKey(data: Data(secret.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Data(timestamp.utf8) + Data(".".utf8) + Data(body), using: key)
        return "v1=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    static func metric(_ registry: PrometheusCollectorRegistry, _ line: String) -> Bool {
        registry.emitToString().split(separator: "\n").contains { $0 == line }
    }
}

struct WebhookTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A webhook receiver: records every request and answers with the scripted status (200 once the script runs out).
actor WebhookReceiver {
    struct Received: Sendable {
        let path: String
        let headers: HTTPFields
        let body: [UInt8]

        var eventID: String? { headers[HTTPField.Name("PostRun-Event-Id")!] }
        var timestamp: String? { headers[HTTPField.Name("PostRun-Timestamp")!] }
        var signature: String? { headers[HTTPField.Name("PostRun-Signature")!] }
        var attempt: String? { headers[HTTPField.Name("PostRun-Delivery-Attempt")!] }
        var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] }
    }

    private(set) var received: [Received] = []
    /// Statuses to answer, in order, per event id; then `defaultStatus`.
    private var script: [String: [Int]] = [:]
    private(set) var defaultStatus = 200
    private(set) var delay: Duration?

    func failFirst(_ count: Int, of eventID: String, with status: Int = 500) {
        script[eventID, default: []].append(contentsOf: Array(repeating: status, count: count))
    }

    func setDefaultStatus(_ status: Int) { defaultStatus = status }
    func setDelay(_ delay: Duration?) { self.delay = delay }

    func receive(path: String, headers: HTTPFields, body: [UInt8]) -> Int {
        let entry = Received(path: path, headers: headers, body: body)
        received.append(entry)
        if let id = entry.eventID, var statuses = script[id], !statuses.isEmpty {
            let status = statuses.removeFirst()
            script[id] = statuses
            return status
        }
        return defaultStatus
    }

    var count: Int { received.count }
}
