import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import PostRunStore
import Testing

/// `/v1/webhooks` through the real router and a real PostgreSQL.
@Suite(.enabled(if: TestDatabase.enabled)) struct WebhookAPITests {
    typealias F = WebhookFixtures

    static func headers(_ key: String, json: Bool = true, language: String? = nil, ifMatch: String? = nil) -> HTTPFields {
        var headers: HTTPFields = [.authorization: "Bearer \(key)"]
        if json { headers[.contentType] = "application/json" }
        if let language { headers[.acceptLanguage] = language }
        if let ifMatch { headers[.ifMatch] = ifMatch }
        return headers
    }

    static func object(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }

    static func fieldErrors(_ response: TestResponse) throws -> [String: String] {
        let errors = try object(response)["errors"] as? [[String: Any]] ?? []
        return Dictionary(errors.map { ($0["field"] as? String ?? "", $0["code"] as? String ?? "") }, uniquingKeysWith: { first, _ in first })
    }

    static func storedSecret(_ database: Database, _ publicID: String) async throws -> String? {
        let rows = try await database.query("SELECT secret FROM webhook_endpoints WHERE public_id = \(publicID)", logger: F.logger)
        for try await secret in rows.decode(String.self) { return secret }
        return nil
    }

    @Test func endpointsAreCreatedReadUpdatedRotatedAndDeleted() async throws {
        try await TestApp.withApp { app, database in
            try await app.test(.router) { api in
                // The pool runs as one of the app's services: only inside `app.test`.
                let client = try await F.makeClient(database)
                let auth = Self.headers(client.key)
                let created = try await api.execute(uri: "/v1/webhooks", method: .post, headers: auth, body: ByteBuffer(string: """
                    {"url": "https://portal.gialai.gov.vn/hooks/postrun", "events": ["job.delivered", "job.accepted", "job.delivered"]}
                    """))
                #expect(created.status == .created)
                let body = try Self.object(created)
                let id = try #require(body["id"] as? String)
                let secret = try #require(body["secret"] as? String)
                #expect(id.hasPrefix("whk_") && secret.hasPrefix("whsec_") && secret.count == 46)
                #expect(body["events"] as? [String] == ["job.accepted", "job.delivered"])
                #expect(body["active"] as? Bool == true && body["version"] as? Int == 1)
                #expect(created.headers[.location] == "/v1/webhooks/\(id)")
                #expect(created.headers[.eTag] == "\"1\"")
                #expect(try await Self.storedSecret(database, id) == secret)

                let list = try await api.execute(uri: "/v1/webhooks", method: .get, headers: auth)
                #expect(list.status == .ok)
                let items = try #require(try Self.object(list)["items"] as? [[String: Any]])
                #expect(items.map { $0["id"] as? String } == [id])
                #expect(items.first?["secret"] == nil, "the secret is shown only once")

                let got = try await api.execute(uri: "/v1/webhooks/\(id)", method: .get, headers: auth)
                #expect(got.status == .ok)
                #expect(try Self.object(got)["url"] as? String == "https://portal.gialai.gov.vn/hooks/postrun")
                #expect(try Self.object(got)["secret"] == nil)

                let patched = try await api.execute(uri: "/v1/webhooks/\(id)", method: .patch, headers: Self.headers(client.key, ifMatch: "\"1\""),
                                                    body: ByteBuffer(string: #"{"active": false, "events": [], "url": "http://10.0.0.5:8080/h"}"#))
                #expect(patched.status == .ok)
                let after = try Self.object(patched)
                #expect(after["active"] as? Bool == false && after["events"] as? [String] == [] && after["version"] as? Int == 2)
                #expect(after["url"] as? String == "http://10.0.0.5:8080/h")

                let stale = try await api.execute(uri: "/v1/webhooks/\(id)", method: .patch, headers: Self.headers(client.key, ifMatch: "\"1\""),
                                                  body: ByteBuffer(string: #"{"active": true}"#))
                #expect(stale.status == .conflict)
                #expect(try Self.object(stale)["current_version"] as? String == "2")

                let rotated = try await api.execute(uri: "/v1/webhooks/\(id)/rotate-secret", method: .post, headers: auth)
                #expect(rotated.status == .ok)
                let newSecret = try #require(try Self.object(rotated)["secret"] as? String)
                #expect(newSecret != secret && newSecret.hasPrefix("whsec_"))
                #expect(try await Self.storedSecret(database, id) == newSecret)

                let deleted = try await api.execute(uri: "/v1/webhooks/\(id)", method: .delete, headers: auth)
                #expect(deleted.status == .noContent)
                let gone = try await api.execute(uri: "/v1/webhooks/\(id)", method: .get, headers: auth)
                #expect(gone.status == .notFound)
                #expect(gone.headers[.contentType]?.hasPrefix("application/problem+json") == true)
                let deletedAgain = try await api.execute(uri: "/v1/webhooks/\(id)", method: .delete, headers: auth)
                #expect(deletedAgain.status == .notFound)
            }
        }
    }

    @Test func badEndpointsAreRefusedWithFieldErrors() async throws {
        try await TestApp.withApp { app, database in
            try await app.test(.router) { api in
                // The pool runs as one of the app's services: only inside `app.test`.
                let client = try await F.makeClient(database)
                func post(_ json: String, headers: HTTPFields? = nil) async throws -> TestResponse {
                    try await api.execute(uri: "/v1/webhooks", method: .post, headers: headers ?? Self.headers(client.key),
                                          body: ByteBuffer(string: json))
                }
                let cases: [(String, [String: String])] = [
                    (#"{"url": "ftp://portal.example/hook"}"#, ["url": "unsupported_scheme"]),
                    (#"{"url": "/hooks/relative"}"#, ["url": "invalid_url"]),
                    (#"{"url": "portal.example/hook"}"#, ["url": "invalid_url"]),
                    (#"{"url": "https:///no-host"}"#, ["url": "invalid_url"]),
                    (#"{"url": "https://portal.example/a b"}"#, ["url": "invalid_url"]),
                    (#"{"url": "https://portal.example/hook#part"}"#, ["url": "fragment_not_allowed"]),
                    (#"{"events": ["job.delivered"]}"#, ["url": "required"]),
                    (#"{"url": "https://portal.example/hook", "events": ["job.delivered", "job.teleported"]}"#, ["events[1]": "unknown_event_type"]),
                    (#"{"url": "mailto:a@b.c", "events": ["JOB.ACCEPTED"]}"#, ["url": "unsupported_scheme", "events[0]": "unknown_event_type"]),
                    ("{\"url\": \"https://portal.example/\(String(repeating: "a", count: 2050))\"}", ["url": "too_long"]),
                ]
                for (json, expected) in cases {
                    let response = try await post(json)
                    #expect(response.status == .unprocessableContent, "\(json)")
                    #expect(response.headers[.contentType]?.hasPrefix("application/problem+json") == true)
                    #expect(try Self.fieldErrors(response) == expected, "\(json)")
                }

                let english = try await post(#"{"url": "ftp://x"}"#, headers: Self.headers(client.key, language: "en"))
                #expect(String(buffer: english.body).contains("The URL must use http or https"))
                let vietnamese = try await post(#"{"url": "ftp://x"}"#)
                #expect(String(buffer: vietnamese.body).contains("URL phải dùng http hoặc https"))

                let malformed = try await post(#"{"url": "https://x.example/h", "#)
                #expect(malformed.status == .badRequest)
                let wrongType = try await post(#"{"url": 42}"#)
                #expect(wrongType.status == .badRequest)
                #expect(try Self.fieldErrors(wrongType) == ["url": "malformed"])
                let wrongElement = try await post(#"{"url": "https://x.example/h", "events": ["job.accepted", 7]}"#)
                #expect(try Self.fieldErrors(wrongElement) == ["events[1]": "malformed"])
                let notJSON = try await post(#"{"url": "https://x.example/h"}"#, headers: Self.headers(client.key, json: false))
                #expect(notJSON.status == .unsupportedMediaType)

                let badPatch = try await api.execute(uri: "/v1/webhooks/whk_NOPE", method: .patch, headers: Self.headers(client.key),
                                                     body: ByteBuffer(string: #"{"url": "gopher://x"}"#))
                #expect(badPatch.status == .unprocessableContent)
                let badActive = try await api.execute(uri: "/v1/webhooks/whk_NOPE", method: .patch, headers: Self.headers(client.key),
                                                      body: ByteBuffer(string: #"{"active": "yes"}"#))
                #expect(badActive.status == .badRequest)
                #expect(try Self.fieldErrors(badActive) == ["active": "malformed"])

                let list = try await api.execute(uri: "/v1/webhooks", method: .get, headers: Self.headers(client.key))
                #expect(String(buffer: list.body) == #"{"items":[]}"#, "nothing was created")
            }
        }
    }

    @Test func aClientSeesOnlyItsOwnEndpointsAndDeliveries() async throws {
        try await TestApp.withApp { app, database in
            try await app.test(.router) { api in
                let owner = try await F.makeClient(database, name: "owner")
                let stranger = try await F.makeClient(database, name: "stranger")
                let reader = try await F.makeClient(database, name: "reader", scopes: [.jobsRead])
                let endpoint = try await WebhookRepository(database: database)
                    .create(clientID: owner.client.id, url: "https://owner.example/hook", eventTypes: [], logger: F.logger)
                try await F.enqueue(database, type: "job.accepted", clientID: owner.client.id, jobID: nil)
                try await WebhookQueue(database: database).fanOut(limit: 10, logger: F.logger)
                try await database.query("UPDATE webhook_deliveries SET status = 'dead', dead_at = now()", logger: F.logger)
                let deliveryID = try await WebhookRepository(database: database)
                    .deliveries(clientID: owner.client.id, status: .dead, endpointPublicID: nil, after: nil, limit: 10, logger: F.logger)
                    .first?.publicID
                let dead = try #require(deliveryID)

                let id = endpoint.endpoint.publicID
                let other = Self.headers(stranger.key)
                #expect(try await api.execute(uri: "/v1/webhooks/\(id)", method: .get, headers: other).status == .notFound)
                #expect(try await api.execute(uri: "/v1/webhooks/\(id)", method: .patch, headers: other,
                                              body: ByteBuffer(string: #"{"active": false}"#)).status == .notFound)
                #expect(try await api.execute(uri: "/v1/webhooks/\(id)/rotate-secret", method: .post, headers: other).status == .notFound)
                #expect(try await api.execute(uri: "/v1/webhooks/\(id)", method: .delete, headers: other).status == .notFound)
                #expect(try await api.execute(uri: "/v1/webhooks/deliveries/\(dead)/replay", method: .post, headers: other).status == .notFound)
                let strangersList = try await api.execute(uri: "/v1/webhooks", method: .get, headers: other)
                #expect(String(buffer: strangersList.body) == #"{"items":[]}"#)
                let strangersDeliveries = try await api.execute(uri: "/v1/webhooks/deliveries", method: .get, headers: other)
                #expect(String(buffer: strangersDeliveries.body).contains(#""items":[]"#))

                // Still there and untouched for its owner.
                let mine = try await api.execute(uri: "/v1/webhooks/\(id)", method: .get, headers: Self.headers(owner.key))
                #expect(mine.status == .ok)
                #expect(try Self.object(mine)["version"] as? Int == 1)
                let ownersDeliveries = try await api.execute(uri: "/v1/webhooks/deliveries", method: .get, headers: Self.headers(owner.key))
                #expect(String(buffer: ownersDeliveries.body).contains(dead))

                #expect(try await api.execute(uri: "/v1/webhooks", method: .get, headers: Self.headers(reader.key)).status == .forbidden)
                #expect(try await api.execute(uri: "/v1/webhooks", method: .get).status == .unauthorized)
            }
        }
    }

    @Test func deadDeliveriesArePagedWithACursor() async throws {
        try await TestApp.withApp { app, database in
            try await app.test(.router) { api in
                let client = try await F.makeClient(database)
                let repository = WebhookRepository(database: database)
                let endpoint = try await repository.create(clientID: client.client.id, url: "https://portal.example/hook", eventTypes: [],
                                                           logger: F.logger)
                var events: [String] = []
                for _ in 0..<5 { events.append(try await F.enqueue(database, type: "job.cancelled", clientID: client.client.id, jobID: nil)) }
                let dead = events
                let pendingEvent = try await F.enqueue(database, type: "job.accepted", clientID: client.client.id, jobID: nil)
                try await WebhookQueue(database: database).fanOut(limit: 10, logger: F.logger)
                try await database.query("""
                    UPDATE webhook_deliveries d SET status = 'dead', dead_at = now(), attempts = 9, last_status_code = 502
                    FROM outbox_events o WHERE o.id = d.outbox_event_id AND o.type = 'job.cancelled'
                    """, logger: F.logger)
                // Pending, and far in the future, so the daemon's own sender leaves it alone.
                try await database.query("""
                    UPDATE webhook_deliveries d SET next_attempt_at = now() + interval '1 day'
                    FROM outbox_events o WHERE o.id = d.outbox_event_id AND o.type = 'job.accepted'
                    """, logger: F.logger)
                let all = try await repository.deliveries(clientID: client.client.id, status: nil, endpointPublicID: nil, after: nil, limit: 10,
                                                          logger: F.logger)
                let pending = try #require(all.first { $0.eventPublicID == pendingEvent })

                let auth = Self.headers(client.key)
                var seen: [String] = []
                var uri = "/v1/webhooks/deliveries?status=dead&limit=2"
                var pages = 0
                while true {
                    let page = try await api.execute(uri: uri, method: .get, headers: auth)
                    #expect(page.status == .ok)
                    let body = try Self.object(page)
                    let items = try #require(body["items"] as? [[String: Any]])
                    #expect(items.allSatisfy { $0["status"] as? String == "dead" && $0["attempts"] as? Int == 9 })
                    #expect(items.allSatisfy { $0["endpoint_id"] as? String == endpoint.endpoint.publicID && $0["last_status_code"] as? Int == 502 })
                    seen += items.compactMap { $0["event_id"] as? String }
                    pages += 1
                    guard let cursor = body["next_cursor"] as? String else { break }
                    uri = "/v1/webhooks/deliveries?status=dead&limit=2&cursor=\(cursor)"
                    try #require(pages < 5)
                }
                #expect(seen == dead)
                #expect(pages == 3)

                let byEndpoint = try await api.execute(uri: "/v1/webhooks/deliveries?endpoint=\(endpoint.endpoint.publicID)&limit=200",
                                                       method: .get, headers: auth)
                #expect((try Self.object(byEndpoint)["items"] as? [[String: Any]])?.count == 6)

                let invalid = try await api.execute(uri: "/v1/webhooks/deliveries?status=lost&limit=0&cursor=bm9wZQ", method: .get, headers: auth)
                #expect(invalid.status == .unprocessableContent)
                #expect(try Self.fieldErrors(invalid) == ["status": "invalid_choice", "limit": "out_of_range", "cursor": "invalid_cursor"])

                let notDead = try await api.execute(uri: "/v1/webhooks/deliveries/\(pending.publicID)/replay", method: .post, headers: auth)
                #expect(notDead.status == .conflict)
                #expect(try Self.object(notDead)["delivery_status"] as? String == "pending")
                let unknown = try await api.execute(uri: "/v1/webhooks/deliveries/whd_NOPE/replay", method: .post, headers: auth)
                #expect(unknown.status == .notFound)
            }
        }
    }
}
