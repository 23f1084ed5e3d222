import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import PostRunStore
import Testing

@Suite(.enabled(if: TestDatabase.enabled)) struct JobAPITests {
    @Test func createShowListAndEvents() async throws {
        try await TestApp.withApp { app, database in
            let portal = try await TestPortal.make(database)
            try await app.test(.router) { client in
                let created = try await client.call(.post, "/v1/jobs", headers: portal.headers(), body: Fixtures.jobBody(fee: 50_000))
                #expect(created.status == .created, "\(created.text)")
                let id = try #require(created.string("id"))
                #expect(id.hasPrefix("job_"))
                #expect(created.string("state") == "accepted")
                #expect(created.int("version") == 1)
                #expect(created.string("office.code") == "BC-PLEIKU")
                #expect(created.string("applicant.phone") == "0905123456")
                #expect(created.int("fee_to_collect.amount") == 50_000)
                #expect(created.string("accepted_at")?.hasSuffix("+07:00") == true)
                // Priced at acceptance from the seeded example tariff: same area (one office), no campaign in 2026.
                #expect(created.int("quote.total") == 26_000 + 8_000, "\(created.text)")
                #expect(created.string("quote.currency") == "VND")

                let shown = try await client.call(.get, "/v1/jobs/\(id)", headers: portal.headers())
                #expect(shown.status == .ok)
                #expect(shown.string("id") == id)
                #expect(shown.headers[.eTag] == "\"1\"")
                // The answer to POST is built in memory; it must be exactly what is stored.
                #expect(NSDictionary(dictionary: created.object) == NSDictionary(dictionary: shown.object), "\(created.text)\n\(shown.text)")

                let listed = try await client.call(.get, "/v1/jobs?dossier_code=H21.22.10-261128-0001", headers: portal.headers())
                #expect((listed["data"] as? [Any])?.count == 1)

                let events = try await client.call(.get, "/v1/jobs/\(id)/events", headers: portal.headers())
                #expect(events.string("data.0.type") == "accepted")
                #expect(events.string("data.0.to_state") == "accepted")
                #expect(events.string("data.0.actor") == "client:\(portal.client.publicID)")
            }
            // The acceptance is in the outbox, in the same transaction.
            let outbox = try await database.query("SELECT type FROM outbox_events", logger: TestDatabase.logger).collect()
            #expect(outbox.count == 1)
        }
    }

    @Test func pickupAndReturnCreatesTwoLinkedJobs() async throws {
        try await TestApp.withApp { app, database in
            let portal = try await TestPortal.make(database)
            try await app.test(.router) { client in
                let created = try await client.call(.post, "/v1/jobs", headers: portal.headers(),
                                                    body: Fixtures.jobBody(kind: "pickup_and_return", fee: 50_000))
                #expect(created.status == .created, "\(created.text)")
                let jobs = try #require(created["jobs"] as? [[String: Any]])
                // The fee is collected once, at pickup; the result job shows none, before and after a reload.
                #expect(created.int("jobs.0.fee_to_collect.amount") == 50_000)
                #expect(created.value(at: "jobs.1.fee_to_collect") is NSNull)
                let resultID = try #require(jobs[1]["id"] as? String)
                let reloaded = try await client.call(.get, "/v1/jobs/\(resultID)", headers: portal.headers())
                #expect(reloaded.value(at: "fee_to_collect") is NSNull, "\(reloaded.text)")
                #expect(jobs.map { $0["kind"] as? String } == ["pickup_dossier", "deliver_result"])
                #expect(jobs[0]["linked_job_id"] as? String == jobs[1]["id"] as? String)
                #expect(jobs[1]["linked_job_id"] as? String == jobs[0]["id"] as? String)
            }
        }
    }

    @Test(arguments: [
        (#"{"phone": "12345"}"#, "applicant.phone"),
        (#"{"commune": "99999"}"#, "address.commune_code"),
        (#"{"dossier": "BAD CODE"}"#, "dossier.code"),
        (#"{"date": "2020-01-01"}"#, "requested.date"),
        (#"{"level": 9}"#, "dossier.online_level"),
        (#"{"fee": -5}"#, "fee_to_collect.amount"),
        (#"{"commune": "00004"}"#, "address.commune_code"),
    ])
    func validationErrorsNameTheFieldAndChangeNothing(change: String, field: String) async throws {
        try await TestApp.withApp { app, database in
            let portal = try await TestPortal.make(database)
            let spec = try JSONSerialization.jsonObject(with: Data(change.utf8)) as! [String: Any]
            let body = Fixtures.jobBody(dossierCode: spec["dossier"] as? String ?? "H21.22.10-261128-0001",
                                        onlineLevel: spec["level"] as? Int ?? 3, phone: spec["phone"] as? String ?? "0905123456",
                                        commune: spec["commune"] as? String ?? "23575", requestedDate: spec["date"] as? String,
                                        fee: spec["fee"] as? Int)
            try await app.test(.router) { client in
                let response = try await client.call(.post, "/v1/jobs", headers: portal.headers([.acceptLanguage: "en"]), body: body)
                #expect(response.status == .unprocessableContent, "\(response.text)")
                #expect(response.headers[.contentType]?.hasPrefix("application/problem+json") == true)
                #expect(response.errorFields.contains(field), "\(response.text)")
                #expect(response.string("title") == "Invalid request")
            }
            let jobs = try await database.query("SELECT 1 FROM jobs", logger: TestDatabase.logger).collect()
            let outbox = try await database.query("SELECT 1 FROM outbox_events", logger: TestDatabase.logger).collect()
            #expect(jobs.isEmpty && outbox.isEmpty)
        }
    }

    @Test func malformedBodiesWrongTypeAndOversize() async throws {
        try await TestApp.withApp { app, database in
            let portal = try await TestPortal.make(database)
            try await app.test(.router) { client in
                let broken = try await client.call(.post, "/v1/jobs", headers: portal.headers(), body: "{not json")
                #expect(broken.status == .badRequest)
                let typed = try await client.call(.post, "/v1/jobs", headers: portal.headers(),
                                                  body: Fixtures.jobBody().replacingOccurrences(of: #""slot": "morning""#, with: #""slot": 7"#))
                #expect(typed.status == .badRequest)
                #expect(typed.errorFields == ["requested.slot"], "\(typed.text)")
                let xml = try await client.call(.post, "/v1/jobs", headers: portal.headers([.contentType: "application/xml"]), body: "<job/>")
                #expect(xml.status == .unsupportedMediaType)
                let huge = try await client.call(.post, "/v1/jobs", headers: portal.headers(),
                                                 body: Fixtures.jobBody(extra: #", "notes": "\#(String(repeating: "x", count: 1_200_000))""#))
                #expect(huge.status == .contentTooLarge)
                let missing = try await client.call(.get, "/v1/jobs/job_doesnotexist0000000", headers: portal.headers())
                #expect(missing.status == .notFound)
            }
        }
    }

    @Test func authenticationAndScopes() async throws {
        try await TestApp.withApp { app, database in
            let reader = try await TestPortal.make(database, scopes: [.jobsRead])
            try await app.test(.router) { client in
                #expect(try await client.call(.get, "/v1/jobs").status == .unauthorized)
                #expect(try await client.call(.get, "/v1/jobs", headers: [.authorization: "Bearer prk_wrong"]).status == .unauthorized)
                let forbidden = try await client.call(.post, "/v1/jobs", headers: reader.headers(), body: Fixtures.jobBody())
                #expect(forbidden.status == .forbidden)
                // As `postrun api-key revoke` does it, from another process: the app sees it within the cache's lifetime.
                _ = try await APIClientRepository(database: database).revoke(publicID: reader.client.publicID, logger: TestDatabase.logger)
                try await Task.sleep(for: ReferenceCache.lifetime + .milliseconds(100))
                let revoked = try await client.call(.get, "/v1/jobs", headers: reader.headers())
                #expect(revoked.status == .unauthorized)
            }
        }
    }

    @Test func idempotentReplayAndMismatch() async throws {
        try await TestApp.withApp { app, database in
            let portal = try await TestPortal.make(database)
            try await app.test(.router) { client in
                let headers = portal.headers([.init("Idempotency-Key")!: "req-001"])
                let first = try await client.call(.post, "/v1/jobs", headers: headers, body: Fixtures.jobBody())
                let second = try await client.call(.post, "/v1/jobs", headers: headers, body: Fixtures.jobBody())
                #expect(first.status == .created)
                #expect(second.status == .created)
                #expect(second.text == first.text)
                #expect(second.headers[.init("Idempotent-Replayed")!] == "true")
                let other = try await client.call(.post, "/v1/jobs", headers: headers, body: Fixtures.jobBody(dossierCode: "H21.22.10-261128-0002"))
                #expect(other.status == .unprocessableContent)
                #expect(other.string("type")?.hasSuffix("idempotency-key-reused") == true)
            }
            #expect(try await database.query("SELECT 1 FROM jobs", logger: TestDatabase.logger).collect().count == 1)
        }
    }

    @Test func twentyConcurrentIdenticalRequestsCreateOneJob() async throws {
        try await TestApp.withApp { app, database in
            let portal = try await TestPortal.make(database)
            try await app.test(.router) { client in
                let headers = portal.headers([.init("Idempotency-Key")!: "burst-1"])
                let responses = try await withThrowingTaskGroup(of: JSONResponse.self) { group in
                    for _ in 0..<20 { group.addTask { try await client.call(.post, "/v1/jobs", headers: headers, body: Fixtures.jobBody()) } }
                    return try await group.reduce(into: [JSONResponse]()) { $0.append($1) }
                }
                #expect(responses.allSatisfy { $0.status == .created })
                #expect(Set(responses.compactMap { $0.string("id") }).count == 1)
                // Without a key, the duplicate-dossier rule still lets one through.
                let noKey = try await withThrowingTaskGroup(of: JSONResponse.self) { group in
                    for _ in 0..<10 {
                        group.addTask { try await client.call(.post, "/v1/jobs", headers: portal.headers(), body: Fixtures.jobBody(dossierCode: "H21.22.10-261128-0009")) }
                    }
                    return try await group.reduce(into: [JSONResponse]()) { $0.append($1) }
                }
                #expect(noKey.filter { $0.status == .created }.count == 1)
                #expect(noKey.filter { $0.status == .conflict }.count == 9)
                let existing = noKey.first { $0.status == .created }?.string("id")
                #expect(noKey.filter { $0.status == .conflict }.allSatisfy { $0.string("existing_job_id") == existing })
            }
            #expect(try await database.query("SELECT 1 FROM jobs", logger: TestDatabase.logger).collect().count == 2)
        }
    }

    @Test func clientsSeeOnlyTheirOwnJobs() async throws {
        try await TestApp.withApp { app, database in
            let mine = try await TestPortal.make(database, name: "A")
            let theirs = try await TestPortal.make(database, name: "B")
            try await app.test(.router) { client in
                let created = try await client.call(.post, "/v1/jobs", headers: mine.headers(), body: Fixtures.jobBody())
                let id = try #require(created.string("id"))
                #expect(try await client.call(.get, "/v1/jobs/\(id)", headers: theirs.headers()).status == .notFound)
                #expect(try await client.call(.get, "/v1/jobs/\(id)/events", headers: theirs.headers()).status == .notFound)
                #expect(try await client.call(.post, "/v1/jobs/\(id)/cancel", headers: theirs.headers(), body: #"{"reason":"other"}"#).status == .notFound)
                let list = try await client.call(.get, "/v1/jobs", headers: theirs.headers())
                #expect((list["data"] as? [Any])?.isEmpty == true)
            }
        }
    }

    @Test func cancelPatchAndStateMachine() async throws {
        try await TestApp.withApp { app, database in
            let portal = try await TestPortal.make(database)
            try await app.test(.router) { client in
                let created = try await client.call(.post, "/v1/jobs", headers: portal.headers(), body: Fixtures.jobBody())
                let id = try #require(created.string("id"))

                let noVersion = try await client.call(.patch, "/v1/jobs/\(id)", headers: portal.headers(), body: #"{"applicant": {"phone": "0912345678"}}"#)
                #expect(noVersion.status == .preconditionRequired)
                let stale = try await client.call(.patch, "/v1/jobs/\(id)", headers: portal.headers([.ifMatch: "\"7\""]),
                                                  body: #"{"applicant": {"phone": "0912345678"}}"#)
                #expect(stale.status == .preconditionFailed)
                #expect(stale.string("current_version") == "1")
                let patched = try await client.call(.patch, "/v1/jobs/\(id)", headers: portal.headers([.ifMatch: "\"1\""]),
                                                    body: #"{"applicant": {"phone": "+84 912 345 678"}, "requested": {"slot": "afternoon"}}"#)
                #expect(patched.status == .ok, "\(patched.text)")
                #expect(patched.string("applicant.phone") == "0912345678")
                #expect(patched.string("requested.slot") == "afternoon")
                #expect(patched.int("version") == 2)

                let badReason = try await client.call(.post, "/v1/jobs/\(id)/cancel", headers: portal.headers(), body: #"{"reason": "bored"}"#)
                #expect(badReason.status == .unprocessableContent)
                #expect(badReason.errorFields == ["reason"])
                let cancelled = try await client.call(.post, "/v1/jobs/\(id)/cancel", headers: portal.headers(),
                                                      body: #"{"reason": "applicant_request", "note": "Người dân tự đến nhận"}"#)
                #expect(cancelled.status == .ok, "\(cancelled.text)")
                #expect(cancelled.string("state") == "cancelled")
                let again = try await client.call(.post, "/v1/jobs/\(id)/cancel", headers: portal.headers(), body: #"{"reason": "other"}"#)
                #expect(again.status == .conflict)
                #expect(again.string("current_state") == "cancelled")

                let events = try await client.call(.get, "/v1/jobs/\(id)/events", headers: portal.headers())
                let types = (events["data"] as? [[String: Any]])?.compactMap { $0["type"] as? String }
                #expect(types == ["accepted", "edited", "cancel"])
                #expect(events.string("data.2.reason") == "applicant_request")
                // A cancelled dossier may be requested again.
                let renewed = try await client.call(.post, "/v1/jobs", headers: portal.headers(), body: Fixtures.jobBody())
                #expect(renewed.status == .created)
            }
        }
    }

    @Test func listPagesWithAStableCursor() async throws {
        try await TestApp.withApp { app, database in
            let portal = try await TestPortal.make(database)
            try await app.test(.router) { client in
                var created: [String] = []
                for n in 1...5 {
                    let response = try await client.call(.post, "/v1/jobs", headers: portal.headers(),
                                                         body: Fixtures.jobBody(dossierCode: String(format: "H21.22.10-261128-%04d", n)))
                    created.append(try #require(response.string("id")))
                }
                var seen: [String] = []
                var cursor: String?
                repeat {
                    let uri = "/v1/jobs?limit=2" + (cursor.map { "&cursor=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" } ?? "")
                    let page = try await client.call(.get, uri, headers: portal.headers())
                    seen += (page["data"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                    cursor = page["next_cursor"] as? String
                } while cursor != nil
                #expect(seen == created)
                #expect(try await client.call(.get, "/v1/jobs?cursor=@@", headers: portal.headers()).status == .unprocessableContent)
                #expect(try await client.call(.get, "/v1/jobs?state=flying", headers: portal.headers()).errorFields == ["state"])
            }
        }
    }

    @Test func adminUnitSearchIgnoresDiacriticsAndTonePlacement() async throws {
        try await TestApp.withApp { app, database in
            let portal = try await TestPortal.make(database)
            try await app.test(.router) { client in
                let hoa = try await client.call(.get, "/v1/admin-units?q=hoa&limit=200", headers: portal.headers())
                let names = (hoa["data"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
                #expect(names.contains("An Hoà"))
                // The data writes "Hoà" (tone on the second vowel); people also type "Hòa". Both find it.
                for spelling in ["H%C3%B2a", "Ho%C3%A0", "HOA"] {
                    let found = try await client.call(.get, "/v1/admin-units?q=\(spelling)&province=52&limit=200", headers: portal.headers())
                    #expect((found["data"] as? [[String: Any]] ?? []).contains { $0["name"] as? String == "An Hoà" }, "\(spelling)")
                }
                let pleiku = try await client.call(.get, "/v1/admin-units?q=pleiku", headers: portal.headers())
                #expect(pleiku.string("data.0.full_name") == "Phường Pleiku")
                #expect(pleiku.string("data.0.office") == "BC-PLEIKU")
                let byCode = try await client.call(.get, "/v1/admin-units?q=23575", headers: portal.headers())
                #expect(byCode.string("data.0.code") == "23575")
                let accented = try await client.call(.get, "/v1/admin-units?q=Đắk%20Đoa&province=52", headers: portal.headers())
                #expect(accented.string("data.0.name") == "Đak Đoa")
                let offices = try await client.call(.get, "/v1/offices?province=52", headers: portal.headers())
                #expect((offices["data"] as? [Any])?.count == 7)
            }
        }
    }
}
