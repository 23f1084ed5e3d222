import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PostgresNIO
import PostRunAPI
import PostRunCore
import PostRunStore
import Testing

@Suite(.enabled(if: TestDatabase.enabled)) struct CourierFieldTests {
    static let today = Fixtures.vietnamDate(daysFromToday: 0)
    /// Device times are yesterday's: a phone clock ahead of the server's is refused, whatever the hour of the test run.
    static let yesterday = Fixtures.vietnamDate(daysFromToday: -1)
    static let logger = TestDatabase.logger

    static func event(_ id: String, _ time: String, _ stop: String, _ type: String, _ extra: String = "") -> String {
        #"{"client_event_id": "\#(id)", "device_time": "\#(time)", "stop_id": "\#(stop)", "type": "\#(type)"\#(extra)}"#
    }

    static let contract = try! Contract(text: OpenAPIDocument.json)

    /// The response matches the OpenAPI document for `method template`.
    static func conforms(_ response: JSONResponse, _ method: String, _ template: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let problems = contract.problems(response, method, template)
        #expect(problems.isEmpty, "\(method) \(template) → \(response.status.code): \(problems)\n\(response.text)", sourceLocation: sourceLocation)
    }

    static func batch(_ events: [String]) -> String { #"{"events": [\#(events.joined(separator: ", "))]}"# }

    static func scalar<T: PostgresDecodable>(_ database: Database, _ query: PostgresQuery, as type: T.Type = T.self) async throws -> T {
        try await database.query(query, logger: logger).collect().first!.decode(T.self)
    }

    @Test func runsShowOnlyTheCallersPublishedRuns() async throws {
        try await TestApp.withApp { app, database in
            let portal = try await TestPortal.make(database)
            try await app.test(.router) { client in
                let (courier, record) = try await TestStaff.courier(database, client: client)
                let (other, otherRecord) = try await TestStaff.courier(database, client: client)
                let pickup = try await RunFixtures.job(client, portal: portal, database: database, kind: "pickup_dossier", sequence: 1, fee: 50_000,
                                                       events: [.schedule])
                let delivery = try await RunFixtures.job(client, portal: portal, database: database, kind: "deliver_result", sequence: 2,
                                                         events: [.collectResult])
                let stops = try await RunFixtures.run(database, courierID: record.id, date: Self.today,
                                                      stops: [(pickup, "pickup_dossier"), (pickup, "hand_over"), (delivery, "deliver_result")])
                let tomorrow = Fixtures.vietnamDate(daysFromToday: 1)
                _ = try await RunFixtures.run(database, courierID: record.id, date: tomorrow, stops: [(delivery, "collect_result")], status: "draft")
                let otherJob = try await RunFixtures.job(client, portal: portal, database: database, kind: "pickup_dossier", sequence: 3, events: [.schedule])
                let otherStops = try await RunFixtures.run(database, courierID: otherRecord.id, date: Self.today, stops: [(otherJob, "pickup_dossier")])

                let runs = try await client.call(.get, "/v1/courier/runs/today", headers: courier.headers())
                #expect(runs.status == .ok, "\(runs.text)")
                Self.conforms(runs, "GET", "/v1/courier/runs/today")
                #expect(runs.string("date") == Self.today)
                #expect((runs["runs"] as? [Any])?.count == 1)
                #expect(runs.string("runs.0.stops.0.id") == stops[0])
                #expect(runs.string("runs.0.stops.0.action") == "pickup_dossier")
                #expect(runs.string("runs.0.stops.0.planned_arrival") == "08:00")
                #expect(runs.string("runs.0.stops.0.window_end") == "10:00")
                #expect(runs.string("runs.0.stops.0.applicant.phone") == "0905123456")
                #expect(runs.string("runs.0.stops.0.address.line") == "12 Lê Lợi")
                #expect(runs.string("runs.0.stops.0.address.commune") != nil, "\(runs.text)")
                #expect(runs.int("runs.0.stops.0.fee_to_collect") == 50_000)
                #expect(runs.string("runs.0.stops.0.dossier_code") == "H21.22.10-261128-0001")
                #expect(runs.value(at: "runs.0.stops.0.agency") is NSNull)
                #expect(runs.string("runs.0.stops.1.agency.code") == "H21.22.10")
                #expect(runs.value(at: "runs.0.stops.1.applicant") is NSNull)
                #expect(runs.string("runs.0.stops.2.job.state") == "result_collected")
                #expect(!runs.text.contains(otherStops[0]))

                // The phone's cache: the same ETag gives 304; a change gives a new body.
                let tag = try #require(runs.headers[.eTag])
                let again = try await client.call(.get, "/v1/courier/runs/today", headers: courier.headers([.ifNoneMatch: tag]))
                #expect(again.status == .notModified)
                Self.conforms(again, "GET", "/v1/courier/runs/today")
                _ = try await client.call(.post, "/v1/courier/events", headers: courier.headers(),
                                          body: Self.event("e-1", "\(Self.yesterday)T08:01:00+07:00", stops[0], "arrived"))
                let changed = try await client.call(.get, "/v1/courier/runs/today", headers: courier.headers([.ifNoneMatch: tag]))
                #expect(changed.status == .ok)
                #expect(changed.string("runs.0.stops.0.status") == "arrived")

                // A draft run is not shown.
                let draft = try await client.call(.get, "/v1/courier/runs?date=\(tomorrow)", headers: courier.headers())
                #expect(draft.status == .ok && (draft["runs"] as? [Any])?.isEmpty == true, "\(draft.text)")
                Self.conforms(draft, "GET", "/v1/courier/runs")
                #expect(try await client.call(.get, "/v1/courier/runs?date=tomorrow", headers: courier.headers()).status == .unprocessableContent)

                // Another courier's stop does not exist for this courier, to read or to act on.
                #expect(try await client.call(.get, "/v1/courier/stops/\(otherStops[0])", headers: courier.headers()).status == .notFound)
                #expect(try await client.call(.get, "/v1/courier/stops/\(stops[0])", headers: other.headers()).status == .notFound)
                let shownStop = try await client.call(.get, "/v1/courier/stops/\(stops[0])", headers: courier.headers())
                #expect(shownStop.status == .ok && shownStop.string("id") == stops[0])
                Self.conforms(shownStop, "GET", "/v1/courier/stops/{id}")
                let foreign = try await client.call(.post, "/v1/courier/events", headers: other.headers(),
                                                    body: Self.event("x-1", "\(Self.yesterday)T09:00:00+07:00", stops[2], "arrived"))
                #expect(foreign.status == .notFound, "\(foreign.text)")
                Self.conforms(foreign, "POST", "/v1/courier/events")
                #expect(try await client.call(.get, "/v1/courier/runs/today?courier=\(record.publicID)", headers: other.headers()).status == .notFound)

                // Dispatchers of the office read a courier's runs; another office's dispatcher and a portal key cannot.
                let dispatcher = try await TestStaff.make(database, client: client, role: .dispatcher)
                let support = try await client.call(.get, "/v1/courier/runs/today?courier=\(record.publicID)", headers: dispatcher.headers())
                #expect(support.status == .ok && support.string("runs.0.id") == runs.string("runs.0.id"))
                let elsewhere = try await TestStaff.make(database, client: client, role: .dispatcher, office: "BC-ANKHE")
                #expect(try await client.call(.get, "/v1/courier/runs/today?courier=\(record.publicID)", headers: elsewhere.headers()).status == .notFound)
                #expect(try await client.call(.get, "/v1/courier/runs/today", headers: portal.headers()).status == .forbidden)
                #expect(try await client.call(.post, "/v1/courier/events", headers: dispatcher.headers(),
                                              body: Self.event("d-1", "\(Self.yesterday)T09:00:00+07:00", stops[2], "arrived")).status == .forbidden)
            }
        }
    }

    @Test func pickupWithFeeMovesTheJobAndWritesCash() async throws {
        try await TestApp.withApp { app, database in
            let portal = try await TestPortal.make(database)
            try await app.test(.router) { client in
                let (courier, record) = try await TestStaff.courier(database, client: client, username: "buu-ta.an")
                let job = try await RunFixtures.job(client, portal: portal, database: database, kind: "pickup_dossier", sequence: 1, fee: 50_000,
                                                    events: [.schedule])
                let stops = try await RunFixtures.run(database, courierID: record.id, date: Self.today,
                                                      stops: [(job, "pickup_dossier"), (job, "hand_over")])
                let before = try await RunFixtures.footprint(database)
                let response = try await client.call(.post, "/v1/courier/events:batch", headers: courier.headers(), body: Self.batch([
                    Self.event("p-1", "\(Self.yesterday)T08:05:00+07:00", stops[0], "arrived", #", "lat": 13.98, "lon": 108.0"#),
                    Self.event("p-2", "\(Self.yesterday)T08:15:00+07:00", stops[0], "picked_up",
                               #", "slip_number": "PG-0001", "document_count": 4, "fee_collected": {"amount": 50000, "receipt_number": "BL-77"}, "lat": 13.98, "lon": 108.0"#),
                    Self.event("p-3", "\(Self.yesterday)T09:00:00+07:00", stops[1], "arrived"),
                    Self.event("p-4", "\(Self.yesterday)T09:10:00+07:00", stops[1], "delivered",
                               #", "receiver_name": "Cán bộ", "relation": "other", "id_last_digits": "1234""#),
                ]))
                #expect(response.status == .ok, "\(response.text)")
                Self.conforms(response, "POST", "/v1/courier/events:batch")
                #expect(response.int("applied") == 3 && response.int("rejected") == 1, "\(response.text)")
                #expect(response.string("results.1.result.job.state") == "picked_up")
                #expect(response.string("results.2.result.stop_status") == "arrived")
                // Agency stops are closed by handover records, not by the phone.
                #expect(response.string("results.3.status") == "rejected")
                #expect(response.string("results.3.result.problem.code") == "handover_required")

                let row = try await database.query("SELECT state, slip_number, receipt_number FROM jobs WHERE public_id = \(job)", logger: Self.logger)
                    .collect().first!.decode((String, String?, String?).self)
                #expect(row.0 == "picked_up" && row.1 == "PG-0001" && row.2 == "BL-77")
                let cash = try await database.query("""
                    SELECT kind, amount, receipt_number, agency_code, service_date::text, courier_id FROM cash_entries
                    """, logger: Self.logger).collect().map { try $0.decode((String, Int64, String, String?, String, Int64).self) }
                #expect(cash.count == 1)
                #expect(cash.first.map { $0.0 == "government_fee" && $0.1 == 50_000 && $0.2 == "BL-77" && $0.3 == "H21.22.10" } == true)
                #expect(cash.first?.4 == Self.today && cash.first?.5 == record.id)

                let events = try await client.call(.get, "/v1/jobs/\(job)/events", headers: portal.headers())
                let types = (events["data"] as? [[String: Any]] ?? []).map { $0["type"] as? String ?? "" }
                #expect(types == ["accepted", "schedule", "start_pickup", "pick_up"], "\(events.text)")
                #expect(events.string("data.3.actor") == "staff:buu-ta.an")
                #expect(events.value(at: "data.3.lat") as? Double == 13.98)
                #expect(events.string("data.3.data.device_time") == "\(Self.yesterday)T08:15:00+07:00")
                #expect(events.string("data.3.data.slip_number") == "PG-0001")
                let outbox = try await database.query("SELECT type FROM outbox_events ORDER BY id", logger: Self.logger)
                    .collect().map { try $0.decode(String.self) }
                #expect(outbox.suffix(2) == ["job.out_for_pickup", "job.picked_up"])
                let after = try await RunFixtures.footprint(database)
                #expect(after[0] - before[0] == 2 && after[1] - before[1] == 2 && after[2] - before[2] == 1 && after[3] - before[3] == 4)
            }
        }
    }

    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 7, count: 120)

    @Test func deliveryWithASignatureAndAttachmentLimits() async throws {
        try await TestApp.withApp { app, database in
            let portal = try await TestPortal.make(database)
            try await app.test(.router) { client in
                let (courier, record) = try await TestStaff.courier(database, client: client)
                let (other, otherRecord) = try await TestStaff.courier(database, client: client)
                let job = try await RunFixtures.job(client, portal: portal, database: database, kind: "deliver_result", sequence: 1,
                                                    events: [.collectResult])
                let stops = try await RunFixtures.run(database, courierID: record.id, date: Self.today, stops: [(job, "deliver_result")])
                let otherJob = try await RunFixtures.job(client, portal: portal, database: database, kind: "deliver_result", sequence: 2,
                                                         events: [.collectResult])
                let otherStops = try await RunFixtures.run(database, courierID: otherRecord.id, date: Self.today, stops: [(otherJob, "deliver_result")])
                func upload(_ staff: TestStaff, _ stop: String, _ bytes: [UInt8], type: String = "image/png") async throws -> JSONResponse {
                    try await client.execute(uri: "/v1/courier/attachments?stop_id=\(stop)&kind=signature", method: .post,
                                             headers: staff.headers([.contentType: type], json: false), body: ByteBuffer(bytes: bytes)) { response in
                        JSONResponse(status: response.status, headers: response.headers, text: String(buffer: response.body))
                    }
                }
                let uploaded = try await upload(courier, stops[0], Self.png)
                #expect(uploaded.status == .created, "\(uploaded.text)")
                Self.conforms(uploaded, "POST", "/v1/courier/attachments")
                let attachment = try #require(uploaded.string("id"))
                #expect(uploaded.string("job_id") == job && uploaded.int("size_bytes") == Self.png.count)
                let foreignAttachment = try #require(try await upload(other, otherStops[0], Self.png).string("id"))

                // Limits: the type, the bytes behind it, the size, the stop.
                #expect(try await upload(courier, stops[0], Self.png, type: "text/plain").status == .unsupportedMediaType)
                let mismatch = try await upload(courier, stops[0], [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3], type: "image/png")
                #expect(mismatch.status == .unprocessableContent && mismatch.errorCodes == ["content_mismatch"])
                Self.conforms(mismatch, "POST", "/v1/courier/attachments")
                #expect(try await upload(courier, otherStops[0], Self.png).status == .notFound)
                try await database.query("UPDATE app_settings SET value = '100' WHERE key = 'attachments.max_bytes'", logger: Self.logger)
                #expect(try await upload(courier, stops[0], Self.png).status == .contentTooLarge)

                let signed = #", "receiver_name": "Nguyễn Thị Hoà", "relation": "self", "id_last_digits": "012345", "lat": 13.99, "lon": 108.03"#
                let stolen = try await client.call(.post, "/v1/courier/events", headers: courier.headers(), body: Self.event(
                    "d-0", "\(Self.yesterday)T10:00:00+07:00", stops[0], "delivered", signed + #", "attachment_ids": ["\#(foreignAttachment)"]"#))
                #expect(stolen.status == .unprocessableContent && stolen.errorCodes == ["unknown_attachment"], "\(stolen.text)")
                Self.conforms(stolen, "POST", "/v1/courier/events")
                let delivered = try await client.call(.post, "/v1/courier/events", headers: courier.headers(), body: Self.event(
                    "d-1", "\(Self.yesterday)T10:05:00+07:00", stops[0], "delivered", signed + #", "attachment_ids": ["\#(attachment)"]"#))
                #expect(delivered.status == .ok, "\(delivered.text)")
                Self.conforms(delivered, "POST", "/v1/courier/events")
                #expect(delivered.string("status") == "applied" && delivered.string("result.job.state") == "delivered")
                let deliveredAt = try await Self.scalar(database, "SELECT to_char(delivered_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'HH24:MI') FROM jobs WHERE public_id = \(job)", as: String.self)
                #expect(deliveredAt == "10:05")
                // The same event again: nothing changes, the first answer comes back.
                let resent = try await client.call(.post, "/v1/courier/events", headers: courier.headers(), body: Self.event(
                    "d-1", "\(Self.yesterday)T10:05:00+07:00", stops[0], "delivered", signed + #", "attachment_ids": ["\#(attachment)"]"#))
                #expect(resent.status == .ok && resent.string("status") == "duplicate" && resent.string("result.job.state") == "delivered")

                let dispatcher = try await TestStaff.make(database, client: client, role: .dispatcher)
                let image = try await client.execute(uri: "/v1/jobs/\(job)/attachments/\(attachment)", method: .get,
                                                     headers: dispatcher.headers(json: false)) { response in
                    (response.status, Array(response.body.readableBytesView), response.headers[.contentType])
                }
                #expect(image.0 == .ok && image.1 == Self.png && image.2 == "image/png")
                #expect(try await client.call(.get, "/v1/jobs/\(job)/attachments/\(attachment)", headers: other.headers()).status == .notFound)
                #expect(try await client.call(.get, "/v1/jobs/\(otherJob)/attachments/\(attachment)", headers: dispatcher.headers()).status == .notFound)
            }
        }
    }

    @Test func failedDeliveriesAreRescheduledThenReturnedToTheAgency() async throws {
        try await TestApp.withApp { app, database in
            let portal = try await TestPortal.make(database)
            // The commune is served on Wednesdays only; Wednesday 4 March 2026 is declared a holiday.
            try await database.query("UPDATE administrative_units SET service_weekdays = '{3}' WHERE code = '23575' AND valid_to IS NULL",
                                     logger: Self.logger)
            try await database.query("INSERT INTO calendar_days (day, kind, name_vi, name_en) VALUES ('2026-03-04', 'holiday', 'Nghỉ thử', 'Test holiday')",
                                     logger: Self.logger)
            try await app.test(.router) { client in
                let (courier, record) = try await TestStaff.courier(database, client: client)
                let job = try await RunFixtures.job(client, portal: portal, database: database, kind: "deliver_result", sequence: 1,
                                                    events: [.collectResult])
                let first = try await RunFixtures.run(database, courierID: record.id, date: "2026-03-02", stops: [(job, "deliver_result")])
                let failed = try await client.call(.post, "/v1/courier/events", headers: courier.headers(), body: Self.event(
                    "f-1", "2026-03-02T10:00:00+07:00", first[0], "failed", #", "reason": "not_at_home""#))
                #expect(failed.status == .ok, "\(failed.text)")
                // Monday + 2 working days is the holiday; the next Wednesday after it is the 11th.
                #expect(failed.string("result.next_attempt_date") == "2026-03-11")
                #expect(failed.string("result.job.state") == "rescheduled")
                let stored = try await database.query("SELECT state, not_before::text, failed_attempts FROM jobs WHERE public_id = \(job)",
                                                      logger: Self.logger).collect().first!.decode((String, String?, Int).self)
                #expect(stored.0 == "rescheduled" && stored.1 == "2026-03-11" && stored.2 == 1)
                let notice = try await Self.scalar(database, """
                    SELECT payload->>'next_attempt_date' FROM outbox_events WHERE type = 'job.rescheduled'
                    """, as: String.self)
                #expect(notice == "2026-03-11")
                let events = try await client.call(.get, "/v1/jobs/\(job)/events", headers: portal.headers())
                #expect(events.string("data.2.type") == "start_delivery" && events.string("data.3.type") == "fail_attempt")
                #expect(events.string("data.3.reason") == "not_at_home" && events.string("data.3.data.party_at_fault") == "applicant")
                #expect(events.string("data.4.type") == "reschedule")

                // The second attempt fails too: the result goes back to the agency as a job of its own.
                let second = try await RunFixtures.run(database, courierID: record.id, date: "2026-03-11", stops: [(job, "deliver_result")])
                let again = try await client.call(.post, "/v1/courier/events", headers: courier.headers(), body: Self.event(
                    "f-2", "2026-03-11T09:00:00+07:00", second[0], "failed", #", "reason": "road_impassable""#))
                #expect(again.status == .ok, "\(again.text)")
                let returnJob = try #require(again.string("result.return_job_id"))
                #expect(again.string("result.job.state") == "failed_attempt")
                let created = try await database.query("""
                    SELECT r.kind, r.state, o.public_id, r.not_before::text, r.client_id IS NOT NULL FROM jobs r JOIN jobs o ON o.id = r.origin_job_id
                    WHERE r.public_id = \(returnJob)
                    """, logger: Self.logger).collect().first!.decode((String, String, String, String?, Bool).self)
                #expect(created.0 == "return_result" && created.1 == "accepted" && created.2 == job && created.3 == "2026-03-12" && created.4)
                let fault = try await Self.scalar(database, """
                    SELECT data->>'party_at_fault' FROM job_events e JOIN jobs j ON j.id = e.job_id
                    WHERE j.public_id = \(job) AND e.type = 'fail_attempt' ORDER BY e.id DESC LIMIT 1
                    """, as: String.self)
                #expect(fault == "force_majeure")
                // The portal's own request validation still refuses the internal kind.
                let refused = try await client.call(.post, "/v1/jobs", headers: portal.headers(),
                                                    body: Fixtures.jobBody(kind: "return_result", dossierCode: "H21.22.10-261128-0099"))
                #expect(refused.status == .unprocessableContent)

                // The handover record (the office's branch) gives the result back: both jobs end returned_to_agency.
                _ = try await JobService(database: database).apply(.handOver, to: returnJob, expectedVersion: nil,
                                                                   by: JobActor(label: "staff:office", clientID: nil, provinceCode: nil), logger: Self.logger)
                let states = try await database.query("SELECT state FROM jobs WHERE public_id IN (\(job), \(returnJob))", logger: Self.logger)
                    .collect().map { try $0.decode(String.self) }
                #expect(states == ["returned_to_agency", "returned_to_agency"])
            }
        }
    }

    @Test func anOfflineBatchAppliesInDeviceTimeOrderAndAReplayChangesNothing() async throws {
        try await TestApp.withApp { app, database in
            let portal = try await TestPortal.make(database)
            try await app.test(.router) { client in
                let (courier, record) = try await TestStaff.courier(database, client: client)
                var jobs: [String] = []
                for sequence in 1...4 {
                    jobs.append(try await RunFixtures.job(client, portal: portal, database: database, kind: "pickup_dossier", sequence: sequence,
                                                          fee: sequence == 1 ? 30_000 : nil, events: [.schedule]))
                }
                let stops = try await RunFixtures.run(database, courierID: record.id, date: Self.today, stops: jobs.map { ($0, "pickup_dossier") })
                var events: [String] = []
                for (index, stop) in stops.enumerated() {
                    let hour = String(format: "%02d", 8 + index)
                    events.append(Self.event("o-\(index)-a", "\(Self.yesterday)T\(hour):00:00+07:00", stop, "arrived"))
                    let fee = index == 0 ? #", "fee_collected": {"amount": 30000, "receipt_number": "BL-1"}"# : ""
                    events.append(Self.event("o-\(index)-b", "\(Self.yesterday)T\(hour):10:00+07:00", stop, "picked_up",
                                             #", "slip_number": "PG-\#(index)", "document_count": 2"# + fee))
                }
                // The third job's applicant is out: it fails instead (and its "picked_up" above, coming later, is refused).
                events.append(Self.event("o-2-f", "\(Self.yesterday)T10:05:00+07:00", stops[2], "failed", #", "reason": "not_at_home""#))
                // Bad events in the same batch: an unknown stop, a missing slip number, no time, a wrong fee, not an object.
                events.append(Self.event("o-bad-1", "\(Self.yesterday)T12:00:00+07:00", "stp_0000000000000000000x", "arrived"))
                events.append(Self.event("o-bad-2", "\(Self.yesterday)T12:01:00+07:00", stops[3], "picked_up", #", "document_count": 2"#))
                events.append(#"{"client_event_id": "o-bad-3", "stop_id": "\#(stops[3])", "type": "arrived"}"#)
                events.append(Self.event("o-bad-4", "\(Self.yesterday)T07:00:00+07:00", stops[1], "picked_up",
                                         #", "slip_number": "PG-9", "document_count": 1, "fee_collected": {"amount": 5, "receipt_number": "x"}"#))
                events.append("42")
                var generator = SplitMix(seed: 7)
                let shuffled = events.shuffled(using: &generator)
                #expect(shuffled != events)
                let body = Self.batch(shuffled)
                let first = try await client.call(.post, "/v1/courier/events:batch", headers: courier.headers(), body: body)
                #expect(first.status == .ok, "\(first.text)")
                Self.conforms(first, "POST", "/v1/courier/events:batch")
                let results = try #require(first["results"] as? [[String: Any]])
                #expect(results.count == shuffled.count)
                let byID = Dictionary(results.compactMap { r in (r["client_event_id"] as? String).map { ($0, r) } }, uniquingKeysWith: { a, _ in a })
                func status(_ id: String) -> String? { byID[id]?["status"] as? String }
                func code(_ id: String) -> String? { ((byID[id]?["result"] as? [String: Any])?["problem"] as? [String: Any])?["code"] as? String }
                for index in [0, 1, 3] { #expect(status("o-\(index)-a") == "applied" && status("o-\(index)-b") == "applied", "\(index)") }
                #expect(status("o-2-a") == "applied" && status("o-2-f") == "applied")
                #expect(status("o-2-b") == "rejected" && code("o-2-b") == "stop_closed")
                #expect(code("o-bad-1") == "stop_not_found" && code("o-bad-2") == "validation" && code("o-bad-3") == "validation")
                #expect(code("o-bad-4") == "validation")
                #expect(first.int("applied") == 8 && first.int("rejected") == 6, "\(first.text)")

                let states = try await database.query("SELECT state FROM jobs WHERE kind = 'pickup_dossier' ORDER BY id", logger: Self.logger)
                    .collect().map { try $0.decode(String.self) }
                #expect(states == ["picked_up", "picked_up", "rescheduled", "picked_up"])
                // In device-time order: each job started before it was picked up, whatever order the batch came in.
                let order = try await database.query("""
                    SELECT string_agg(e.type, ',' ORDER BY e.id) FROM job_events e JOIN jobs j ON j.id = e.job_id
                    WHERE j.kind = 'pickup_dossier' GROUP BY j.id ORDER BY j.id
                    """, logger: Self.logger).collect().map { try $0.decode(String.self) }
                #expect(order == ["accepted,schedule,start_pickup,pick_up", "accepted,schedule,start_pickup,pick_up",
                                  "accepted,schedule,start_pickup,fail_attempt,reschedule", "accepted,schedule,start_pickup,pick_up"])

                let before = try await RunFixtures.footprint(database)
                let replay = try await client.call(.post, "/v1/courier/events:batch", headers: courier.headers(), body: body)
                #expect(replay.status == .ok)
                #expect(try await RunFixtures.footprint(database) == before)
                let replayed = try #require(replay["results"] as? [[String: Any]])
                for (old, new) in zip(results, replayed) {
                    #expect(NSDictionary(dictionary: old["result"] as? [String: Any] ?? [:]) == NSDictionary(dictionary: new["result"] as? [String: Any] ?? [:]))
                    // Only an event without a usable id is not stored: it is refused again, the same way.
                    let expected = old["client_event_id"] is String ? "duplicate" : "rejected"
                    #expect(new["status"] as? String == expected, "\(new)")
                }
            }
        }
    }

    @Test func batchRouteAndLimits() async throws {
        try await TestApp.withApp { app, database in
            try await app.test(.router) { client in
                let (courier, _) = try await TestStaff.courier(database, client: client)
                #expect(try await client.call(.post, "/v1/courier/events:batch", headers: courier.headers(), body: #"{"events": []}"#).status
                    == .unprocessableContent)
                let tooMany = Self.batch(Array(repeating: "1", count: 501))
                #expect(try await client.call(.post, "/v1/courier/events:batch", headers: courier.headers(), body: tooMany).status == .unprocessableContent)
                #expect(try await client.call(.post, "/v1/courier/events:batch", headers: courier.headers(), body: "[]").status == .badRequest)
                #expect(try await client.call(.post, "/v1/courier/events:batch", body: #"{"events": [1]}"#).status == .unauthorized)
            }
        }
    }
}

/// A seeded generator, so the shuffled batch is the same on every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
