import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import PostRunCore
import PostRunStore
import Testing

/// A post office's whole day through the real router on a real PostgreSQL: the portal and the hotline create jobs, the
/// planner plans, dispatchers edit and publish, couriers collect results, pick up, deliver, fail, work offline and
/// sync, handover records are confirmed at the agency and the cash is reconciled — with the state and history of every
/// job checked at the end.
@Suite struct WholeDayTests {
    /// Today in Vietnam: the day is planned and worked today, because phones may not report times in the future.
    static let today = LocalDate(iso: Fixtures.vietnamDate(daysFromToday: 0))!
    static let agency = "H21.22.10"

    /// A device time `minutesAgo` minutes before now, as a phone sends it (with its +07:00 offset).
    static func deviceTime(minutesAgo: Int) -> String {
        let instant = Date().addingTimeInterval(Double(-minutesAgo * 60))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d+07:00", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    static func event(_ id: String, minutesAgo: Int, stop: String, _ type: String, _ extra: String = "") -> String {
        #"{"client_event_id": "\#(id)", "device_time": "\#(deviceTime(minutesAgo: minutesAgo))", "stop_id": "\#(stop)", "type": "\#(type)"\#(extra)}"#
    }

    static func states(_ database: Database) async throws -> [String: String] {
        var states: [String: String] = [:]
        for try await (id, state) in try await database.query("SELECT public_id, state FROM jobs", logger: TestDatabase.logger)
            .decode((String, String).self) { states[id] = state }
        return states
    }

    static func history(_ database: Database, _ job: String) async throws -> [String] {
        var types: [String] = []
        for try await type in try await database.query("""
            SELECT e.type FROM job_events e JOIN jobs j ON j.id = e.job_id WHERE j.public_id = \(job) ORDER BY e.id
            """, logger: TestDatabase.logger).decode(String.self) { types.append(type) }
        return types
    }

    static func webhooks(_ database: Database, _ job: String) async throws -> [String] {
        var types: [String] = []
        for try await type in try await database.query("""
            SELECT o.type FROM outbox_events o JOIN jobs j ON j.id = o.job_id WHERE j.public_id = \(job) ORDER BY o.id
            """, logger: TestDatabase.logger).decode(String.self) { types.append(type) }
        return types
    }

    static func count(_ database: Database, _ sql: String) async throws -> Int {
        let rows = try await database.query(PostgresQuery(unsafeSQL: sql), logger: TestDatabase.logger).collect()
        return try rows[0].decode(Int.self)
    }

    /// Every stop of the courier's published runs today, by (job, action).
    static func stops(_ client: some TestClientProtocol, _ courier: TestStaff) async throws -> [String: String] {
        let runs = try await client.call(.get, "/v1/courier/runs/today", headers: courier.headers())
        var stops: [String: String] = [:]
        for run in runs["runs"] as? [[String: Any]] ?? [] {
            for stop in run["stops"] as? [[String: Any]] ?? [] {
                let job = (stop["job"] as? [String: Any])?["id"] as? String ?? ""
                stops["\(job)/\(stop["action"] as? String ?? "")"] = stop["id"] as? String
            }
        }
        return stops
    }

    @Test func aPostOfficeDay() async throws {
        try await TestApp.withApp { app, database in
            let logger = TestDatabase.logger
            // The office works every day and today is no holiday in this test's database, so the test runs any day.
            try await database.query("UPDATE post_offices SET working_days = '{1,2,3,4,5,6,7}' WHERE code = 'BC-PLEIKU'", logger: logger)
            try await database.query("DELETE FROM calendar_days WHERE day = \(Self.today.description)::date", logger: logger)
            try await database.query("UPDATE app_settings SET value = '1' WHERE key = 'planning.time_budget_seconds'", logger: logger)

            try await app.test(.router) { client in
                let admin = try await TestStaff.make(database, client: client, role: .admin, office: nil)
                let dispatcher = try await TestStaff.make(database, client: client, role: .dispatcher, username: "dieu-phoi.an")
                let colleague = try await TestStaff.make(database, client: client, role: .dispatcher, username: "dieu-phoi.binh")
                let everyDay: Set<Int> = [1, 2, 3, 4, 5, 6, 7]
                let (hoa, hoaRecord) = try await TestStaff.courier(database, client: client, profile: CourierProfile(name: "Nguyễn Thị Hoa", workingDays: everyDay),
                                                                  username: "buu-ta.hoa")
                let (hlin, hlinRecord) = try await TestStaff.courier(database, client: client, profile: CourierProfile(name: "Rơ Châm H'Lin", workingDays: everyDay),
                                                                    username: "buu-ta.hlin")
                let agency = try await client.call(.put, "/v1/agencies/\(Self.agency)", headers: admin.headers(), body: """
                    {"name": "Trung tâm Phục vụ hành chính công tỉnh Gia Lai", "address": "69 Hùng Vương, Pleiku", "commune_code": "23575",
                     "lat": 13.9787, "lon": 108.0032, "opening_hours": [["07:00", "11:30"], ["13:00", "17:00"]], "working_days": [1,2,3,4,5,6,7]}
                    """)
                #expect(agency.status == .ok)

                // Morning: the portal sends pickups (one with a fee to collect in cash) and result deliveries; a
                // citizen calls the hotline.
                let portal = try await TestPortal.make(database)
                func portalJob(_ kind: String, _ number: Int, commune: String, fee: Int? = nil) async throws -> String {
                    let body = Fixtures.jobBody(kind: kind, dossierCode: String(format: "H21.22.10-261129-%04d", number), commune: commune,
                                                requestedDate: Self.today.description, fee: fee)
                    let response = try await client.call(.post, "/v1/jobs", headers: portal.headers([.idempotencyKey: "day-\(number)"]), body: body)
                    #expect(response.status == .created, "\(response.text)")
                    return try #require(response.string("id"))
                }
                let pickupWithFee = try await portalJob("pickup_dossier", 1, commune: "23575", fee: 50_000)
                let pickup = try await portalJob("pickup_dossier", 2, commune: "23563")
                let delivery = try await portalJob("deliver_result", 3, commune: "23584")
                let nobodyHome = try await portalJob("deliver_result", 4, commune: "23586")
                let hotlineBody = Fixtures.jobBody(kind: "pickup_dossier", dossierCode: "H21.22.10-261129-0005", channel: "hotline", onlineLevel: nil,
                                                   commune: "23590", requestedDate: Self.today.description)
                let hotlineResponse = try await client.call(.post, "/v1/jobs", headers: dispatcher.headers([.idempotencyKey: "call-1"]), body: hotlineBody)
                #expect(hotlineResponse.status == .created, "\(hotlineResponse.text)")
                let hotline = try #require(hotlineResponse.string("id"))
                let all = [pickupWithFee, pickup, delivery, nobodyHome, hotline]

                // The dispatcher plans the day: every job gets a run.
                let plan = try await client.call(.post, "/v1/offices/BC-PLEIKU/plans", headers: dispatcher.headers(),
                                                 body: #"{"date": "\#(Self.today)"}"#)
                #expect(plan.status == .created, "\(plan.text)")
                let unplanned = try await client.call(.get, "/v1/offices/BC-PLEIKU/unplanned?date=\(Self.today)", headers: dispatcher.headers())
                #expect((unplanned["items"] as? [Any])?.isEmpty == true, "\(unplanned.text)")
                var states = try await Self.states(database)
                #expect(all.allSatisfy { states[$0] == "scheduled" }, "\(states)")
                let runs = try await client.call(.get, "/v1/offices/BC-PLEIKU/runs?date=\(Self.today)", headers: dispatcher.headers())
                let planned = runs["items"] as? [[String: Any]] ?? []
                #expect(!planned.isEmpty && planned.allSatisfy { $0["status"] as? String == "draft" })

                // Couriers see nothing before the runs are published.
                #expect(try await Self.stops(client, hoa).isEmpty)

                // Two dispatchers lock the same stop with the same version: one of them is told the run changed.
                let run = planned[0]
                let runID = try #require(run["id"] as? String)
                let firstStop = try #require((run["stops"] as? [[String: Any]])?.first?["id"] as? String)
                let version = try #require(run["version"] as? Int)
                let lockPath = "/v1/offices/BC-PLEIKU/runs/\(runID)/stops/\(firstStop)/lock"
                let won = try await client.call(.post, lockPath, headers: dispatcher.headers(), body: #"{"version": \#(version)}"#)
                let lost = try await client.call(.post, lockPath, headers: colleague.headers(), body: #"{"version": \#(version)}"#)
                #expect(won.status == .ok)
                #expect(lost.status == .conflict)

                let published = try await client.call(.post, "/v1/offices/BC-PLEIKU/publish", headers: dispatcher.headers(),
                                                      body: #"{"date": "\#(Self.today)"}"#)
                #expect(published.status == .ok, "\(published.text)")

                // Each courier sees only their own published stops; every job is on exactly one courier's run.
                let hoaStops = try await Self.stops(client, hoa)
                let hlinStops = try await Self.stops(client, hlin)
                #expect(!hoaStops.isEmpty || !hlinStops.isEmpty)
                #expect(Set(hoaStops.values).isDisjoint(with: Set(hlinStops.values)))
                for job in all {
                    #expect(hoaStops.keys.contains { $0.hasPrefix(job) } != hlinStops.keys.contains { $0.hasPrefix(job) }, "\(job)")
                }
                if let foreign = hlinStops.values.first {
                    #expect(try await client.call(.get, "/v1/courier/stops/\(foreign)", headers: hoa.headers()).status == .notFound)
                    let refused = try await client.call(.post, "/v1/courier/events", headers: hoa.headers(),
                                                        body: Self.event("hoa-foreign", minutesAgo: 100, stop: foreign, "arrived"))
                    #expect(refused.status == .notFound)
                }

                func courier(of job: String) -> (TestStaff, CourierRecord, [String: String]) {
                    hoaStops.keys.contains { $0.hasPrefix(job) } ? (hoa, hoaRecord, hoaStops) : (hlin, hlinRecord, hlinStops)
                }

                // At the agency's counter: each courier collects the results planned for them (a handover record).
                for (staff, stops) in [(hoa, hoaStops), (hlin, hlinStops)] where stops.keys.contains(where: { $0.hasSuffix("/collect_result") }) {
                    let draft = try await client.call(.post, "/v1/handovers", headers: staff.headers(),
                                                      body: #"{"direction": "collect_results", "agency_code": "\#(Self.agency)"}"#)
                    #expect(draft.status == .created, "\(draft.text)")
                    let confirmed = try await client.call(.post, "/v1/handovers/\(try #require(draft.string("id")))/confirm", headers: staff.headers(),
                                                          body: #"{"version": \#(draft.int("version") ?? 1), "receiving_officer": "Lê Thị Thu"}"#)
                    #expect(confirmed.status == .ok, "\(confirmed.text)")
                }
                states = try await Self.states(database)
                #expect(states[delivery] == "result_collected" && states[nobodyHome] == "result_collected", "\(states)")

                // Door to door. The courier of the fee pickup reports online, one event at a time.
                let (feeCourier, _, feeStops) = courier(of: pickupWithFee)
                let feeStop = try #require(feeStops["\(pickupWithFee)/pickup_dossier"])
                for body in [Self.event("fee-1", minutesAgo: 90, stop: feeStop, "arrived", #", "lat": 13.98, "lon": 108.0"#),
                             Self.event("fee-2", minutesAgo: 85, stop: feeStop, "picked_up",
                                        #", "slip_number": "PG-0001", "document_count": 3, "fee_collected": {"amount": 50000, "receipt_number": "BL-0001"}"#)] {
                    let answer = try await client.call(.post, "/v1/courier/events", headers: feeCourier.headers(), body: body)
                    #expect(answer.status == .ok, "\(answer.text)")
                }

                // The other jobs' couriers were out of signal: their phones send everything at once, shuffled, hours
                // later — and then again, because the first answer was lost.
                var batches: [String: [String]] = [:]
                func queue(_ job: String, _ events: [(String, Int, String, String)]) {
                    let (staff, _, stops) = courier(of: job)
                    for (action, minutes, type, extra) in events {
                        guard let stop = stops["\(job)/\(action)"] else { Issue.record("no \(action) stop for \(job)"); continue }
                        batches[staff.user.username, default: []].append(
                            Self.event("\(job)-\(type)", minutesAgo: minutes, stop: stop, type, extra))
                    }
                }
                queue(pickup, [("pickup_dossier", 80, "arrived", ""), ("pickup_dossier", 75, "picked_up", #", "slip_number": "PG-0002", "document_count": 2"#)])
                queue(hotline, [("pickup_dossier", 70, "arrived", ""), ("pickup_dossier", 65, "picked_up", #", "slip_number": "PG-0005", "document_count": 1"#)])
                queue(delivery, [("deliver_result", 60, "arrived", ""),
                                 ("deliver_result", 55, "delivered", #", "receiver_name": "Nguyễn Văn Nam", "relation": "family", "id_last_digits": "5678""#)])
                queue(nobodyHome, [("deliver_result", 50, "arrived", ""), ("deliver_result", 45, "failed", #", "reason": "not_at_home", "note": "Nhà khoá cửa""#)])
                let footprint = "SELECT (SELECT count(*) FROM job_events) * 1000000 + (SELECT count(*) FROM outbox_events) * 1000 + (SELECT count(*) FROM courier_events)"
                for (username, events) in batches {
                    let staff = username == hoa.user.username ? hoa : hlin
                    let body = #"{"events": [\#(events.shuffled().joined(separator: ", "))]}"#
                    let first = try await client.call(.post, "/v1/courier/events:batch", headers: staff.headers(), body: body)
                    #expect(first.status == .ok && first.int("applied") == events.count, "\(first.text)")
                    let before = try await Self.count(database, footprint)
                    let replay = try await client.call(.post, "/v1/courier/events:batch", headers: staff.headers(), body: body)
                    #expect(replay.status == .ok && replay.int("duplicate") == events.count, "\(replay.text)")
                    #expect(try await Self.count(database, footprint) == before)
                }
                states = try await Self.states(database)
                #expect(states[pickupWithFee] == "picked_up" && states[pickup] == "picked_up" && states[hotline] == "picked_up", "\(states)")
                #expect(states[delivery] == "delivered")
                #expect(states[nobodyHome] == "rescheduled")
                let retry = try await database.query("SELECT not_before::text FROM jobs WHERE public_id = \(nobodyHome)", logger: logger).collect()
                let retryDay = try #require(LocalDate(iso: try retry[0].decode(String.self)))
                // counted from the day of the failure, reported 45 minutes ago: in the first hour after midnight, yesterday
                let failedOn = VietnamTime.localDate(of: Date().addingTimeInterval(-45 * 60))
                #expect(retryDay >= failedOn.adding(days: 2), "a second attempt at least two working days after the failure")

                // Afternoon: each courier hands the dossiers they picked up to the agency; the record is confirmed with
                // the appointment dates the agency gives, and that is the legal submission time.
                let appointment = Self.today.adding(days: 10)
                for staff in [hoa, hlin] {
                    let draft = try await client.call(.post, "/v1/handovers", headers: staff.headers(),
                                                      body: #"{"direction": "submit_dossiers", "agency_code": "\#(Self.agency)"}"#)
                    guard draft.status == .created else {
                        #expect(draft.status == .unprocessableContent, "\(draft.text)")  // nothing to hand over
                        continue
                    }
                    let items = (draft["items"] as? [[String: Any]] ?? []).compactMap { $0["job_id"] as? String }
                    let dates = items.map { #"{"job_id": "\#($0)", "appointment_date": "\#(appointment)"}"# }.joined(separator: ", ")
                    let page = try await client.call(.get, "/v1/handovers/\(draft.string("id")!)?format=html", headers: staff.headers(json: false))
                    #expect(page.text.contains("BIÊN BẢN GIAO NHẬN"))
                    let confirmed = try await client.call(.post, "/v1/handovers/\(draft.string("id")!)/confirm", headers: dispatcher.headers(), body: """
                        {"version": \(draft.int("version") ?? 1), "receiving_officer": "Lê Thị Thu", "items": [\(dates)]}
                        """)
                    #expect(confirmed.status == .ok, "\(confirmed.text)")
                }
                states = try await Self.states(database)
                #expect([pickupWithFee, pickup, hotline].allSatisfy { states[$0] == "handed_to_agency" }, "\(states)")
                #expect(try await Self.count(database, """
                    SELECT count(*) FROM jobs WHERE kind = 'pickup_dossier' AND submitted_at IS NOT NULL AND appointment_date = '\(appointment)'
                    """) == 3)

                // Day's end: the fee went to the agency on the record, so the courier hands in nothing for it.
                let (_, feeRecord, _) = courier(of: pickupWithFee)
                let cash = try await client.call(.get, "/v1/cash/couriers/\(feeRecord.publicID)/days/\(Self.today)", headers: dispatcher.headers())
                #expect(cash.status == .ok, "\(cash.text)")
                #expect(cash.int("expected") == 0, "\(cash.text)")
                #expect(try await Self.count(database, "SELECT count(*) FROM cash_entries WHERE handover_id IS NOT NULL AND amount = 50000") == 1)
                for record in [hoaRecord, hlinRecord] {
                    let reconciled = try await client.call(.post, "/v1/cash/reconciliations", headers: dispatcher.headers(), body: """
                        {"courier": "\(record.publicID)", "date": "\(Self.today)", "handed_in": 0}
                        """)
                    #expect(reconciled.status == .created, "\(reconciled.text)")
                }

                // The histories tell the day, with who did what, and the portal was told of every step.
                // State changes in order; dispatchers' edits (lock, publish) may sit between them.
                let history = try await Self.history(database, pickupWithFee)
                #expect(history.filter { !["stop_locked", "run_published", "run_changed"].contains($0) }
                        == ["accepted", "schedule", "start_pickup", "pick_up", "hand_over"], "\(history)")
                #expect(history.contains("run_published"))
                #expect(try await Self.webhooks(database, pickupWithFee)
                        == ["job.accepted", "job.scheduled", "job.out_for_pickup", "job.picked_up", "job.handed_to_agency"])
                #expect(try await Self.webhooks(database, delivery)
                        == ["job.accepted", "job.scheduled", "job.result_collected", "job.out_for_delivery", "job.delivered"])
                #expect(try await Self.webhooks(database, nobodyHome).suffix(2) == ["job.failed_attempt", "job.rescheduled"])
                let hotlineHistory = try await client.call(.get, "/v1/jobs/\(hotline)/events", headers: dispatcher.headers())
                #expect(hotlineHistory.string("data.0.actor") == dispatcher.user.actorLabel)
                let actors = ((hotlineHistory["data"] as? [[String: Any]]) ?? []).compactMap { $0["actor"] as? String }
                #expect(actors.contains { $0.hasPrefix("staff:buu-ta.") }, "\(actors)")
                // The portal sees its own jobs only, not the hotline call.
                #expect(try await client.call(.get, "/v1/jobs/\(hotline)", headers: portal.headers()).status == .notFound)
            }
        }
    }
}
