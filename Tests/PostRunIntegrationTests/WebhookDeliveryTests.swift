import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import PostRunDaemon
import PostRunStore
import Prometheus
import Testing

/// The sender against a real PostgreSQL and a real local HTTP receiver.
@Suite(.enabled(if: TestDatabase.enabled)) struct WebhookDeliveryTests {
    typealias F = WebhookFixtures

    @Test func aDeliveryIsSignedAndArrivesOnce() async throws {
        try await F.withDatabase { _, database, registry in
            let receiver = WebhookReceiver()
            try await F.withReceiver(receiver) { base in
                try await F.withHTTPClient { http in
                    let client = try await F.makeClient(database)
                    let endpoint = try await WebhookRepository(database: database)
                        .create(clientID: client.client.id, url: base + "/hook/a", eventTypes: [], logger: F.logger)
                    let job = try await F.makeJob(database, clientID: client.client.id)
                    let event = try await F.enqueue(database, type: "job.accepted", clientID: client.client.id, jobID: job,
                                                    data: ["job_id": "job_1", "state": "accepted", "note": "Hồ sơ \"đất đai\""])
                    let sender = WebhookSender(database: database, configuration: F.fastConfiguration(), httpClient: http,
                                               metrics: PrometheusMetricsFactory(registry: registry), logger: F.logger)
                    let before = Int(Date().timeIntervalSince1970)
                    try await sender.tick(client: http)
                    try await sender.tick(client: http)

                    let received = await receiver.received
                    try #require(received.count == 1)
                    let request = received[0]
                    #expect(request.eventID == event)
                    #expect(request.headers[.contentType] == "application/json")
                    #expect(request.headers[HTTPField.Name("PostRun-Event-Type")!] == "job.accepted")
                    #expect(request.attempt == "1")
                    let timestamp = try #require(request.timestamp)
                    let seconds = try #require(Int(timestamp))
                    #expect(abs(seconds - before) <= 60)
                    #expect(request.signature == F.expectedSignature(secret: endpoint.secret, timestamp: timestamp, body: request.body))
                    #expect(request.signature != F.expectedSignature(secret: endpoint.secret + "x", timestamp: timestamp, body: request.body))
                    #expect(request.signature != F.expectedSignature(secret: endpoint.secret, timestamp: String(seconds + 1), body: request.body))

                    let json = try #require(request.json)
                    #expect(json["id"] as? String == event)
                    #expect(json["type"] as? String == "job.accepted")
                    let createdAt = try #require(json["created_at"] as? String)
                    #expect((try? Date(createdAt, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))) != nil)
                    let data = try #require(json["data"] as? [String: String])
                    #expect(data == ["job_id": "job_1", "state": "accepted", "note": "Hồ sơ \"đất đai\""])

                    let row = try #require(try await F.delivery(database, event: event))
                    #expect(row.status == "delivered" && row.attempts == 1 && row.lastStatusCode == 200)
                    #expect(F.metric(registry, #"postrun_webhook_deliveries_total{outcome="succeeded"} 1"#))
                }
            }
        }
    }

    @Test func eventsGoOnlyToTheOwnersMatchingActiveEndpoints() async throws {
        try await F.withDatabase { _, database, _ in
            let receiver = WebhookReceiver()
            try await F.withReceiver(receiver) { base in
                try await F.withHTTPClient { http in
                    let repository = WebhookRepository(database: database)
                    let owner = try await F.makeClient(database, name: "owner")
                    let other = try await F.makeClient(database, name: "other")
                    _ = try await repository.create(clientID: owner.client.id, url: base + "/hook/all", eventTypes: [], logger: F.logger)
                    _ = try await repository.create(clientID: owner.client.id, url: base + "/hook/delivered", eventTypes: ["job.delivered"],
                                                    logger: F.logger)
                    let paused = try await repository.create(clientID: owner.client.id, url: base + "/hook/paused", eventTypes: [],
                                                             logger: F.logger)
                    _ = try await repository.update(clientID: owner.client.id, publicID: paused.endpoint.publicID,
                                                    changes: .init(active: false), expectedVersion: nil, logger: F.logger)
                    _ = try await repository.create(clientID: other.client.id, url: base + "/hook/other", eventTypes: [], logger: F.logger)

                    let job = try await F.makeJob(database, clientID: owner.client.id)
                    let accepted = try await F.enqueue(database, type: "job.accepted", clientID: owner.client.id, jobID: job)
                    let delivered = try await F.enqueue(database, type: "job.delivered", clientID: owner.client.id, jobID: job)
                    try await F.enqueue(database, type: "job.accepted", clientID: nil, jobID: nil)

                    let sender = WebhookSender(database: database, configuration: F.fastConfiguration(), httpClient: http,
                                               metrics: PrometheusMetricsFactory(registry: PrometheusCollectorRegistry()), logger: F.logger)
                    try await F.eventually("three deliveries") {
                        try await sender.tick(client: http)
                        return await receiver.count >= 3
                    }
                    try await sender.tick(client: http)
                    let got = await receiver.received.map { "\($0.path) \($0.eventID ?? "")" }.sorted()
                    #expect(got == ["all \(accepted)", "all \(delivered)", "delivered \(delivered)"].sorted())
                }
            }
        }
    }

    @Test func aFailedAttemptIsRetriedWithTheSameEventID() async throws {
        try await F.withDatabase { _, database, registry in
            let receiver = WebhookReceiver()
            try await F.withReceiver(receiver) { base in
                try await F.withHTTPClient { http in
                    let client = try await F.makeClient(database)
                    let endpoint = try await WebhookRepository(database: database)
                        .create(clientID: client.client.id, url: base + "/hook/a", eventTypes: ["job.picked_up"], logger: F.logger)
                    let job = try await F.makeJob(database, clientID: client.client.id)
                    let event = try await F.enqueue(database, type: "job.picked_up", clientID: client.client.id, jobID: job,
                                                    data: ["state": "picked_up"])
                    await receiver.failFirst(1, of: event, with: 500)
                    var configuration = F.fastConfiguration()
                    // Backoff is 50–100 % of this: at least 4 s, so the immediate second tick is early even on a loaded machine.
                    configuration.initialBackoff = .seconds(8)
                    configuration.maximumBackoff = .seconds(8)
                    let sender = WebhookSender(database: database, configuration: configuration, httpClient: http,
                                               metrics: PrometheusMetricsFactory(registry: registry), logger: F.logger)

                    try await sender.tick(client: http)
                    let failed = try #require(try await F.delivery(database, event: event))
                    #expect(failed.status == "pending" && failed.attempts == 1 && failed.lastStatusCode == 500)
                    #expect(failed.lastError == "HTTP 500")
                    // Not again before the backoff.
                    try await sender.tick(client: http)
                    #expect(await receiver.count == 1)

                    try await F.eventually("the retry", timeout: .seconds(30)) {
                        try await sender.tick(client: http)
                        return await receiver.count == 2
                    }
                    let received = await receiver.received
                    #expect(received.map(\.eventID) == [event, event])
                    #expect(received.map(\.attempt) == ["1", "2"])
                    #expect(received[0].body == received[1].body, "every attempt carries the same body")
                    for request in received {
                        #expect(request.signature == F.expectedSignature(secret: endpoint.secret, timestamp: request.timestamp ?? "",
                                                                         body: request.body))
                    }
                    let row = try #require(try await F.delivery(database, event: event))
                    #expect(row.status == "delivered" && row.attempts == 2 && row.lastStatusCode == 200 && row.lastError == nil)
                    #expect(F.metric(registry, #"postrun_webhook_deliveries_total{outcome="failed"} 1"#))
                    #expect(F.metric(registry, #"postrun_webhook_deliveries_total{outcome="succeeded"} 1"#))
                }
            }
        }
    }

    @Test func aTimeoutIsAFailedAttempt() async throws {
        try await F.withDatabase { _, database, _ in
            let receiver = WebhookReceiver()
            // The receiver answers long after the 300 ms timeout; the margin keeps the check true on a loaded machine.
            await receiver.setDelay(.seconds(10))
            try await F.withReceiver(receiver) { base in
                try await F.withHTTPClient { http in
                    let client = try await F.makeClient(database)
                    _ = try await WebhookRepository(database: database)
                        .create(clientID: client.client.id, url: base + "/hook/slow", eventTypes: [], logger: F.logger)
                    let event = try await F.enqueue(database, type: "job.scheduled", clientID: client.client.id, jobID: nil)
                    var configuration = F.fastConfiguration()
                    configuration.requestTimeout = .milliseconds(300)
                    let sender = WebhookSender(database: database, configuration: configuration, httpClient: http,
                                               metrics: PrometheusMetricsFactory(registry: PrometheusCollectorRegistry()), logger: F.logger)
                    let started = ContinuousClock.now
                    try await sender.tick(client: http)
                    #expect(ContinuousClock.now - started < .seconds(8))
                    let row = try #require(try await F.delivery(database, event: event))
                    #expect(row.status == "pending" && row.attempts == 1 && row.lastStatusCode == nil)
                    #expect(row.lastError?.contains("timed out") == true)
                }
            }
        }
    }

    @Test func aJobsLaterEventNeverOvertakesAnEarlierOne() async throws {
        try await F.withDatabase { _, database, _ in
            let receiver = WebhookReceiver()
            try await F.withReceiver(receiver) { base in
                try await F.withHTTPClient { http in
                    let client = try await F.makeClient(database)
                    _ = try await WebhookRepository(database: database)
                        .create(clientID: client.client.id, url: base + "/hook/a", eventTypes: [], logger: F.logger)
                    let jobA = try await F.makeJob(database, clientID: client.client.id)
                    let jobB = try await F.makeJob(database, clientID: client.client.id)
                    let a1 = try await F.enqueue(database, type: "job.accepted", clientID: client.client.id, jobID: jobA)
                    let a2 = try await F.enqueue(database, type: "job.scheduled", clientID: client.client.id, jobID: jobA)
                    let b1 = try await F.enqueue(database, type: "job.accepted", clientID: client.client.id, jobID: jobB)
                    await receiver.failFirst(2, of: a1, with: 503)
                    var configuration = F.fastConfiguration()
                    configuration.initialBackoff = .milliseconds(300)
                    let sender = WebhookSender(database: database, configuration: configuration, httpClient: http,
                                               metrics: PrometheusMetricsFactory(registry: PrometheusCollectorRegistry()), logger: F.logger)

                    // First round: A1 (fails) and B1 (another job: not held back); A2 waits behind A1.
                    try await sender.tick(client: http)
                    #expect(Set(await receiver.received.compactMap(\.eventID)) == [a1, b1])
                    #expect(try await F.delivery(database, event: a2)?.attempts == 0)

                    try await F.eventually("A2 delivered") {
                        try await sender.tick(client: http)
                        return try await F.delivery(database, event: a2)?.status == "delivered"
                    }
                    let order = await receiver.received.compactMap(\.eventID)
                    #expect(order.filter { $0 == a1 }.count == 3)
                    #expect(order.filter { $0 == a2 }.count == 1 && order.filter { $0 == b1 }.count == 1)
                    let lastA1 = try #require(order.lastIndex(of: a1))
                    let firstA2 = try #require(order.firstIndex(of: a2))
                    #expect(lastA1 < firstA2, "A2 went out before A1 was delivered: \(order)")
                }
            }
        }
    }

    @Test func anEventWaitsForItsJobsEarlierEventStillBeingFannedOut() async throws {
        try await F.withDatabase { _, database, _ in
            let receiver = WebhookReceiver()
            try await F.withReceiver(receiver) { base in
                try await F.withHTTPClient { http in
                    let client = try await F.makeClient(database)
                    _ = try await WebhookRepository(database: database)
                        .create(clientID: client.client.id, url: base + "/hook/a", eventTypes: [], logger: F.logger)
                    let job = try await F.makeJob(database, clientID: client.client.id)
                    let first = try await F.enqueue(database, type: "job.accepted", clientID: client.client.id, jobID: job)
                    let second = try await F.enqueue(database, type: "job.scheduled", clientID: client.client.id, jobID: job)
                    let sender = WebhookSender(database: database, configuration: F.fastConfiguration(), httpClient: http,
                                               metrics: PrometheusMetricsFactory(registry: PrometheusCollectorRegistry()), logger: F.logger)
                    // Another replica is fanning out the first event (its row is locked): this one fans out the second
                    // but must not send it yet.
                    try await database.transaction(logger: F.logger) { connection in
                        try await connection.query("SELECT id FROM outbox_events WHERE public_id = \(first) FOR UPDATE", logger: F.logger)
                        try await sender.tick(client: http)
                        #expect(await receiver.count == 0)
                        #expect(try await F.delivery(database, event: second)?.status == "pending")
                    }
                    try await F.eventually("both delivered") {
                        try await sender.tick(client: http)
                        return await receiver.count == 2
                    }
                    #expect(await receiver.received.compactMap(\.eventID) == [first, second])
                }
            }
        }
    }

    @Test func twoSendersDeliverEachEventExactlyOnce() async throws {
        try await F.withDatabase { _, database, _ in
            let receiver = WebhookReceiver()
            try await F.withReceiver(receiver) { base in
                try await F.withHTTPClient { http in
                    let client = try await F.makeClient(database)
                    let repository = WebhookRepository(database: database)
                    _ = try await repository.create(clientID: client.client.id, url: base + "/hook/one", eventTypes: [], logger: F.logger)
                    _ = try await repository.create(clientID: client.client.id, url: base + "/hook/two", eventTypes: [], logger: F.logger)
                    var jobs: [Int64] = []
                    for _ in 0..<6 { jobs.append(try await F.makeJob(database, clientID: client.client.id)) }
                    let fixedJobs = jobs

                    var configuration = F.fastConfiguration()
                    configuration.concurrency = 3
                    configuration.listen = true
                    let registries = [PrometheusCollectorRegistry(), PrometheusCollectorRegistry()]
                    let senders = registries.map {
                        WebhookSender(database: database, configuration: configuration, httpClient: http,
                                      metrics: PrometheusMetricsFactory(registry: $0), logger: F.logger)
                    }
                    let events: [(job: Int64, event: String)] = try await withThrowingTaskGroup(of: Void.self) { group in
                        for sender in senders { group.addTask { try await sender.run() } }
                        // Enqueued while both run, so fan-out races too.
                        var events: [(job: Int64, event: String)] = []
                        for round in 0..<5 {
                            for job in fixedJobs {
                                let type = round == 0 ? "job.accepted" : "job.scheduled"
                                events.append((job, try await F.enqueue(database, type: type, clientID: client.client.id, jobID: job)))
                            }
                        }
                        try await F.eventually("60 deliveries", timeout: .seconds(60)) { await receiver.count >= 60 }
                        try await Task.sleep(for: .milliseconds(500))
                        group.cancelAll()
                        return events
                    }

                    let received = await receiver.received
                    #expect(received.count == 60)
                    for path in ["one", "two"] {
                        let ids = received.filter { $0.path == path }.compactMap(\.eventID)
                        #expect(ids.count == 30 && Set(ids).count == 30, "\(path): each event exactly once")
                        // Per job, in enqueue order.
                        for job in fixedJobs {
                            let expected = events.filter { $0.job == job }.map(\.event)
                            #expect(ids.filter { expected.contains($0) } == expected)
                        }
                    }
                    let rows = try await database.query(
                        "SELECT count(*) FILTER (WHERE status = 'delivered' AND attempts = 1), count(*) FROM webhook_deliveries", logger: F.logger)
                    for try await (delivered, total) in rows.decode((Int, Int).self) {
                        #expect(delivered == 60 && total == 60)
                    }
                }
            }
        }
    }

    /// The NOTIFY is sent after the commit, not inside the writing transaction; a sender that is LISTENing still hears
    /// it at once, long before its next poll. A rolled-back outbox write wakes nobody and sends nothing.
    @Test func aCommittedOutboxWriteWakesAListeningSender() async throws {
        try await F.withDatabase { _, database, registry in
            let receiver = WebhookReceiver()
            try await F.withReceiver(receiver) { base in
                try await F.withHTTPClient { http in
                    let client = try await F.makeClient(database)
                    _ = try await WebhookRepository(database: database)
                        .create(clientID: client.client.id, url: base + "/hook/a", eventTypes: [], logger: F.logger)
                    let job = try await F.makeJob(database, clientID: client.client.id)
                    var configuration = F.fastConfiguration()
                    configuration.pollInterval = .seconds(600)
                    configuration.listen = true
                    let sender = WebhookSender(database: database, configuration: configuration, httpClient: http,
                                               metrics: PrometheusMetricsFactory(registry: registry), logger: F.logger)
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask { try await sender.run() }
                        try await F.eventually("the sender LISTENs") {
                            try await F.count(database, "SELECT count(*) FROM pg_stat_activity WHERE query ILIKE 'LISTEN %'") > 0
                        }
                        // Let the tick that listening starts with run out; from here on only a notification wakes it.
                        try await Task.sleep(for: .milliseconds(500))

                        struct Rollback: Error {}
                        await #expect(throws: Rollback.self) {
                            try await database.transaction(logger: F.logger) { connection in
                                try await Outbox.enqueue(.init(type: "job.accepted", clientID: client.client.id, jobID: job, payload: Data("{}".utf8)),
                                                         on: connection, logger: F.logger)
                                throw Rollback()
                            }
                        }
                        let event = try await F.enqueue(database, type: "job.accepted", clientID: client.client.id, jobID: job)
                        try await F.eventually("delivered without waiting for the poll", timeout: .seconds(20)) {
                            try await F.delivery(database, event: event)?.status == "delivered"
                        }
                        group.cancelAll()
                    }
                    #expect(await receiver.count == 1)
                    #expect(try await F.count(database, "SELECT count(*) FROM outbox_events") == 1)
                }
            }
        }
    }

    @Test func aDeadDeliveryIsReplayedThroughTheAPI() async throws {
        try await F.withDatabase { endpoint, database, registry in
            let receiver = WebhookReceiver()
            await receiver.setDefaultStatus(500)
            try await F.withReceiver(receiver) { base in
                let client = try await F.makeClient(database)
                _ = try await WebhookRepository(database: database)
                    .create(clientID: client.client.id, url: base + "/hook/a", eventTypes: [], logger: F.logger)
                let job = try await F.makeJob(database, clientID: client.client.id)
                let event = try await F.enqueue(database, type: "job.failed_attempt", clientID: client.client.id, jobID: job)

                // The receiver fails twice; then the retry window is made to have begun 25 h ago (the clock is the
                // database's), so the next failure kills the delivery however slow this machine is.
                try await F.withHTTPClient { http in
                    var configuration = F.fastConfiguration()
                    configuration.retryWindow = .seconds(24 * 60 * 60)
                    let sender = WebhookSender(database: database, configuration: configuration, httpClient: http,
                                               metrics: PrometheusMetricsFactory(registry: registry), logger: F.logger)
                    try await F.eventually("two failed attempts") {
                        try await sender.tick(client: http)
                        return try await F.delivery(database, event: event)?.attempts ?? 0 >= 2
                    }
                    #expect(try await F.delivery(database, event: event)?.status == "pending")
                    try await database.query(
                        "UPDATE webhook_deliveries SET retry_from = retry_from - interval '25 hours'", logger: F.logger)
                    try await F.eventually("dead") {
                        try await sender.tick(client: http)
                        return try await F.delivery(database, event: event)?.status == "dead"
                    }
                }
                let dead = try #require(try await F.delivery(database, event: event))
                #expect(dead.attempts >= 2 && dead.lastStatusCode == 500)
                #expect(F.metric(registry, #"postrun_webhook_deliveries_total{outcome="dead"} 1"#))
                let attemptsBefore = await receiver.count
                await receiver.setDefaultStatus(204)

                // The daemon (its own sender included) on the same database: list the dead, replay, and it is delivered.
                let (app, _) = try TestApp.make(endpoint: endpoint)
                try await app.test(.router) { api in
                    let auth: HTTPFields = [.authorization: "Bearer \(client.key)"]
                    let list = try await api.execute(uri: "/v1/webhooks/deliveries?status=dead", method: .get, headers: auth)
                    #expect(list.status == .ok)
                    let items = try #require(try JSONSerialization.jsonObject(with: Data(list.body.readableBytesView)) as? [String: Any])["items"]
                        as? [[String: Any]]
                    try #require(items?.count == 1)
                    let delivery = try #require(items?.first)
                    #expect(delivery["event_id"] as? String == event)
                    #expect(delivery["status"] as? String == "dead")
                    let deliveryID = try #require(delivery["id"] as? String)

                    let replay = try await api.execute(uri: "/v1/webhooks/deliveries/\(deliveryID)/replay", method: .post, headers: auth)
                    #expect(replay.status == .accepted)
                    #expect(String(buffer: replay.body).contains(#""status":"pending""#))
                    #expect(String(buffer: replay.body).contains(#""attempts":0"#))

                    try await F.eventually("delivered after the replay") {
                        try await F.delivery(database, event: event)?.status == "delivered"
                    }
                    let received = await receiver.received
                    #expect(received.count == attemptsBefore + 1)
                    #expect(received.last?.eventID == event)

                    let again = try await api.execute(uri: "/v1/webhooks/deliveries/\(deliveryID)/replay", method: .post, headers: auth)
                    #expect(again.status == .conflict)
                    let empty = try await api.execute(uri: "/v1/webhooks/deliveries?status=dead", method: .get, headers: auth)
                    #expect(String(buffer: empty.body).contains(#""items":[]"#))
                }
            }
        }
    }
}
