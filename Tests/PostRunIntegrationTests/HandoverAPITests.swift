import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostRunAPI
import PostRunCore
import PostRunStore
import Testing

@Suite(.enabled(if: TestDatabase.enabled)) struct HandoverAPITests {
    @Test func submitDraftListsTheCouriersDossiersAndConfirmMovesThemOn() async throws {
        try await TestApp.withApp { app, database in
            try await app.test(.router) { client in
                let fx = OfficeFixtures(database: database, portal: try await TestPortal.make(database))
                let dispatcher = try await TestStaff.make(database, client: client, role: .dispatcher)
                let (courier, record) = try await TestStaff.courier(database, client: client, username: "ksor.h-bia")
                let (other, otherRecord) = try await TestStaff.courier(database, client: client)

                let p1 = try await fx.create(client, kind: "pickup_dossier", code: "H21.22.10-261128-0011", fee: 50_000)[0]
                let pair = try await fx.create(client, kind: "pickup_and_return", code: "H21.22.10-261128-0012")
                let p2 = pair[0], result2 = pair[1]
                let elsewhere = try await fx.create(client, kind: "pickup_dossier", code: "H21.22.10-261128-0013")[0]
                let othersJob = try await fx.create(client, kind: "pickup_dossier", code: "H21.22.10-261128-0014")[0]
                let notYet = try await fx.create(client, kind: "pickup_dossier", code: "H21.22.10-261128-0015")[0]
                try await fx.pickedUpBy(record, p1, slip: "PG-0001")
                try await fx.pickedUpBy(record, p2, slip: #"PG-0002 <b>&"x"</b>"#)
                try await fx.pickedUpBy(record, elsewhere, slip: "PG-0003")
                try await database.query("""
                    UPDATE jobs SET request = jsonb_set(request, '{agency,code}', '"H21.99.99"') WHERE public_id = \(elsewhere)
                    """, logger: fx.logger)
                try await fx.pickedUpBy(otherRecord, othersJob, slip: "PG-0004")
                try await fx.apply([.schedule], to: notYet)
                try await fx.cash(record, job: p1, kind: .governmentFee, amount: 50_000, receipt: "BL-01")
                try await fx.cash(record, job: p1, kind: .postage, amount: 26_000, receipt: "BL-02")

                // The courier drafts the record for their agency: exactly their two picked-up dossiers.
                let draft = OfficeContract.checked(try await client.call(.post, "/v1/handovers", headers: courier.headers(),
                                                          body: #"{"direction": "submit_dossiers", "agency_code": "H21.22.10"}"#), "POST", "/v1/handovers")
                #expect(draft.status == .created)
                let id = try #require(draft.string("id"))
                #expect(draft.int("version") == 1)
                #expect(draft.string("status") == "draft")
                #expect(draft.string("courier.id") == record.publicID)
                let items = (draft["items"] as? [[String: Any]]) ?? []
                #expect(items.compactMap { $0["job_id"] as? String } == [p1, p2])
                #expect(items.compactMap { $0["slip_number"] as? String } == ["PG-0001", #"PG-0002 <b>&"x"</b>"#])
                #expect(items.compactMap { $0["fee_amount"] as? Int } == [50_000, 0])
                #expect(draft.int("fees_paid_over") == 50_000)

                // Nobody drafts for a courier they may not act for.
                let ankhe = try await TestStaff.make(database, client: client, role: .dispatcher, office: "BC-ANKHE")
                #expect(try await client.call(.post, "/v1/handovers", headers: ankhe.headers(), body: """
                    {"direction": "submit_dossiers", "agency_code": "H21.22.10", "courier": "\(record.publicID)"}
                    """).status == .notFound)
                #expect(try await client.call(.post, "/v1/handovers", headers: other.headers(), body: """
                    {"direction": "submit_dossiers", "agency_code": "H21.22.10", "courier": "\(record.publicID)"}
                    """).status == .notFound)

                // A job on a draft is not listed twice; nothing else is ready.
                let again = try await client.call(.post, "/v1/handovers", headers: courier.headers(),
                                                  body: #"{"direction": "submit_dossiers", "agency_code": "H21.22.10"}"#)
                #expect(again.status == .unprocessableContent)
                #expect(again.errorCodes == ["nothing_to_hand_over"])

                // The printable page: Vietnamese, A4, every value escaped.
                let page = try await client.call(.get, "/v1/handovers/\(id)?format=html", headers: courier.headers(json: false))
                #expect(page.status == .ok)
                #expect(page.headers[.contentType] == "text/html; charset=utf-8")
                _ = OfficeContract.checked(page, "GET", "/v1/handovers/{id}")
                #expect(page.text.contains("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
                #expect(page.text.contains("Độc lập - Tự do - Hạnh phúc"))
                #expect(page.text.contains("BIÊN BẢN GIAO NHẬN HỒ SƠ"))
                #expect(page.text.contains("@page { size: A4"))
                #expect(page.text.contains("PG-0002 &lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;"))
                #expect(!page.text.contains("<b>&\"x\""))
                #expect(page.text.contains("<th>STT</th><th>Mã hồ sơ</th><th>Số phiếu gửi</th>"))
                #expect(page.text.contains("50.000 đồng"))
                #expect(page.text.contains("H21.22.10-261128-0011"))

                // Other offices and other couriers do not see it.
                #expect(OfficeContract.checked(try await client.call(.get, "/v1/handovers/\(id)", headers: ankhe.headers()), "GET", "/v1/handovers/{id}").status == .notFound)
                #expect(try await client.call(.get, "/v1/handovers/\(id)", headers: other.headers()).status == .notFound)
                let foreignConfirm = try await client.call(.post, "/v1/handovers/\(id)/confirm", headers: ankhe.headers(),
                                                           body: #"{"version": 1, "receiving_officer": "X"}"#)
                #expect(foreignConfirm.status == .notFound)
                let listed = OfficeContract.checked(try await client.call(.get, "/v1/handovers", headers: ankhe.headers()), "GET", "/v1/handovers")
                #expect((listed["items"] as? [Any])?.isEmpty == true)

                // A stale version changes nothing.
                let stale = OfficeContract.checked(try await client.call(.post, "/v1/handovers/\(id)/confirm", headers: dispatcher.headers(),
                                                          body: #"{"version": 7, "receiving_officer": "Trần Văn Bình"}"#),
                                    "POST", "/v1/handovers/{id}/confirm")
                #expect(stale.status == .conflict)
                #expect(try await fx.state(p1) == "picked_up")
                let missingOfficer = try await client.call(.post, "/v1/handovers/\(id)/confirm", headers: dispatcher.headers(),
                                                           body: #"{"version": 1, "receiving_officer": "  "}"#)
                #expect(missingOfficer.status == .unprocessableContent)
                #expect(missingOfficer.errorFields == ["receiving_officer"])

                // Confirm: the jobs move on at the confirmation time, with the appointment date brought back.
                let appointment = VietnamTime.localDate(of: Date()).adding(days: 10)
                let eventsBefore = try await fx.count("SELECT count(*) FROM job_events")
                let confirmed = OfficeContract.checked(try await client.call(.post, "/v1/handovers/\(id)/confirm", headers: dispatcher.headers(), body: """
                    {"version": 1, "receiving_officer": "Trần Văn Bình", "items": [{"job_id": "\(p2)", "appointment_date": "\(appointment)"}]}
                    """), "POST", "/v1/handovers/{id}/confirm")
                #expect(confirmed.status == .ok)
                #expect(confirmed.string("status") == "confirmed")
                #expect(confirmed.int("version") == 2)
                #expect(confirmed.string("receiving_officer") == "Trần Văn Bình")
                #expect(confirmed.string("confirmed_by") == dispatcher.user.actorLabel)
                #expect(confirmed.int("fees_paid_over") == 50_000)
                #expect(confirmed.string("items.1.appointment_date") == appointment.description)
                #expect(try await fx.state(p1) == "handed_to_agency")
                #expect(try await fx.state(p2) == "handed_to_agency")
                #expect(try await fx.state(elsewhere) == "picked_up")
                #expect(try await fx.state(othersJob) == "picked_up")
                #expect(try await fx.count("""
                    SELECT count(*) FROM jobs j JOIN handovers h ON h.public_id = \(id)
                    WHERE j.public_id IN (\(p1), \(p2)) AND j.submitted_at = h.confirmed_at
                    """) == 2)
                #expect(try await fx.stopStatus(job: p1, action: "hand_over") == "done")
                #expect(try await fx.stopStatus(job: elsewhere, action: "hand_over") == "pending")
                #expect(try await fx.count("""
                    SELECT count(*) FROM cash_entries e JOIN handovers h ON h.id = e.handover_id
                    WHERE h.public_id = \(id) AND e.kind = 'government_fee' AND e.amount = 50000
                    """) == 1)
                #expect(try await fx.count("SELECT count(*) FROM cash_entries WHERE kind = 'postage' AND handover_id IS NOT NULL") == 0)
                #expect(try await fx.count("""
                    SELECT count(*) FROM job_events e JOIN jobs j ON j.id = e.job_id
                    WHERE j.public_id IN (\(p1), \(p2)) AND e.type = 'hand_over' AND e.to_state = 'handed_to_agency'
                      AND e.actor = \(dispatcher.user.actorLabel) AND e.data->>'handover_id' = \(id)
                    """) == 2)
                #expect(try await fx.count("""
                    SELECT count(*) FROM outbox_events o JOIN jobs j ON j.id = o.job_id
                    WHERE j.public_id IN (\(p1), \(p2)) AND o.type = 'job.handed_to_agency'
                    """) == 2)
                // The result job of the pair learns the appointment date, and the portal hears of it.
                #expect(try await fx.count("""
                    SELECT count(*) FROM jobs WHERE public_id = \(result2) AND appointment_date = \(appointment.description)::date
                      AND request->'dossier'->>'appointment_date' = \(appointment.description)
                    """) == 1)
                #expect(try await fx.count("""
                    SELECT count(*) FROM outbox_events o JOIN jobs j ON j.id = o.job_id WHERE j.public_id = \(result2) AND o.type = 'job.edited'
                    """) == 1)
                let eventsAfter = try await fx.count("SELECT count(*) FROM job_events")
                #expect(eventsAfter == eventsBefore + 3)

                // A second confirm is refused and changes nothing; a confirmed record cannot be deleted.
                let twice = try await client.call(.post, "/v1/handovers/\(id)/confirm", headers: dispatcher.headers(),
                                                  body: #"{"version": 2, "receiving_officer": "Trần Văn Bình"}"#)
                #expect(twice.status == .conflict)
                #expect(try await fx.count("SELECT count(*) FROM job_events") == eventsAfter)
                #expect(OfficeContract.checked(try await client.call(.delete, "/v1/handovers/\(id)", headers: courier.headers()), "DELETE", "/v1/handovers/{id}")
                    .status == .conflict)
                let shown = OfficeContract.checked(try await client.call(.get, "/v1/handovers/\(id)", headers: courier.headers()), "GET", "/v1/handovers/{id}")
                #expect(shown.int("version") == 2)
                let page2 = try await client.call(.get, "/v1/handovers/\(id)", headers: courier.headers([.accept: "text/html"], json: false))
                #expect(page2.text.contains("Trần Văn Bình"))
            }
        }
    }

    @Test func collectDraftUsesTodaysCollectStopsAndDraftsCanBeDeleted() async throws {
        try await TestApp.withApp { app, database in
            try await app.test(.router) { client in
                let fx = OfficeFixtures(database: database, portal: try await TestPortal.make(database))
                let dispatcher = try await TestStaff.make(database, client: client, role: .dispatcher)
                let (_, record) = try await TestStaff.courier(database, client: client)
                let r1 = try await fx.create(client, kind: "deliver_result", code: "H21.22.10-261128-0021")[0]
                let r2 = try await fx.create(client, kind: "deliver_result", code: "H21.22.10-261128-0022")[0]
                let tomorrow = try await fx.create(client, kind: "deliver_result", code: "H21.22.10-261128-0023")[0]
                let today = VietnamTime.localDate(of: Date())
                let run = try await fx.run(courier: record, date: today)
                try await fx.addStop(run: run, job: r1, action: "collect_result")
                try await fx.addStop(run: run, job: r2, action: "collect_result")
                try await fx.apply([.schedule], to: r2)
                let later = try await fx.run(courier: record, date: today.adding(days: 1))
                try await fx.addStop(run: later, job: tomorrow, action: "collect_result")

                // A dispatcher must name the courier.
                let unnamed = try await client.call(.post, "/v1/handovers", headers: dispatcher.headers(),
                                                    body: #"{"direction": "collect_results", "agency_code": "H21.22.10"}"#)
                #expect(unnamed.status == .unprocessableContent)
                #expect(unnamed.errorFields == ["courier"])
                let bad = try await client.call(.post, "/v1/handovers", headers: dispatcher.headers(),
                                                body: #"{"direction": "sideways", "agency_code": ""}"#)
                #expect(Set(bad.errorFields) == ["direction", "agency_code", "courier"])

                let body = #"{"direction": "collect_results", "agency_code": "H21.22.10", "courier": "\#(record.publicID)"}"#
                let first = try await client.call(.post, "/v1/handovers", headers: dispatcher.headers(), body: body)
                #expect(first.status == .created)
                #expect(((first["items"] as? [[String: Any]]) ?? []).compactMap { $0["job_id"] as? String } == [r1, r2])
                let firstID = try #require(first.string("id"))
                #expect(try await client.call(.delete, "/v1/handovers/\(firstID)", headers: dispatcher.headers()).status == .noContent)
                #expect(try await client.call(.get, "/v1/handovers/\(firstID)", headers: dispatcher.headers()).status == .notFound)

                // A listed job cancelled meanwhile makes the confirm a conflict that changes nothing.
                let second = try await client.call(.post, "/v1/handovers", headers: dispatcher.headers(), body: body)
                let secondID = try #require(second.string("id"))
                #expect(try await client.call(.post, "/v1/jobs/\(r2)/cancel", headers: fx.portal.headers(),
                                              body: #"{"reason": "applicant_request"}"#).status == .ok)
                let blocked = try await client.call(.post, "/v1/handovers/\(secondID)/confirm", headers: dispatcher.headers(),
                                                    body: #"{"version": 1, "receiving_officer": "Rơ Châm H'Lin"}"#)
                #expect(blocked.status == .conflict)
                #expect(blocked.string("type")?.hasSuffix("illegal-transition") == true)
                #expect(try await fx.state(r1) == "accepted")
                #expect(try await fx.stopStatus(job: r1, action: "collect_result") == "pending")
                #expect(try await client.call(.delete, "/v1/handovers/\(secondID)", headers: dispatcher.headers()).status == .noContent)

                let third = try await client.call(.post, "/v1/handovers", headers: dispatcher.headers(), body: body)
                #expect(((third["items"] as? [[String: Any]]) ?? []).compactMap { $0["job_id"] as? String } == [r1])
                let id = try #require(third.string("id"))
                let withDates = try await client.call(.post, "/v1/handovers/\(id)/confirm", headers: dispatcher.headers(), body: """
                    {"version": 1, "receiving_officer": "Rơ Châm H'Lin", "items": [{"job_id": "\(r1)", "appointment_date": "\(today)"}]}
                    """)
                #expect(withDates.status == .unprocessableContent)
                #expect(withDates.errorCodes == ["appointment_only_on_submit"])
                // Two confirms racing: one moves the jobs, the other gets 409.
                let confirmBody = #"{"version": 1, "receiving_officer": "Rơ Châm H'Lin"}"#
                async let racing1 = client.call(.post, "/v1/handovers/\(id)/confirm", headers: dispatcher.headers(), body: confirmBody)
                async let racing2 = client.call(.post, "/v1/handovers/\(id)/confirm", headers: dispatcher.headers(), body: confirmBody)
                let statuses = [try await racing1.status, try await racing2.status].map(\.code).sorted()
                #expect(statuses == [200, 409])
                #expect(try await fx.count("""
                    SELECT count(*) FROM job_events e JOIN jobs j ON j.id = e.job_id WHERE j.public_id = \(r1) AND e.type = 'collect_result'
                    """) == 1)
                #expect(try await fx.state(r1) == "result_collected")
                #expect(try await fx.state(r2) == "cancelled")
                #expect(try await fx.state(tomorrow) == "accepted")
                #expect(try await fx.stopStatus(job: r1, action: "collect_result") == "done")
                #expect(try await fx.stopStatus(job: tomorrow, action: "collect_result") == "pending")
                let page = try await client.call(.get, "/v1/handovers/\(id)?format=html", headers: dispatcher.headers(json: false))
                #expect(page.text.contains("BIÊN BẢN GIAO NHẬN KẾT QUẢ"))
                #expect(page.text.contains("Rơ Châm H&#39;Lin"))
                let listed = try await client.call(.get, "/v1/handovers?date=\(today)&status=confirmed", headers: dispatcher.headers())
                #expect(((listed["items"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String } == [id])
            }
        }
    }

    @Test func returnRecordTakesExhaustedDeliveriesBack() async throws {
        try await TestApp.withApp { app, database in
            try await app.test(.router) { client in
                let fx = OfficeFixtures(database: database, portal: try await TestPortal.make(database))
                let (courier, record) = try await TestStaff.courier(database, client: client)
                let delivery = try await fx.create(client, kind: "deliver_result", code: "H21.22.10-261128-0031")[0]
                try await fx.apply([.collectResult, .startDelivery, .failAttempt(.notAtHome), .reschedule, .startDelivery,
                                    .failAttempt(.notAtHome)], to: delivery)
                // The return job as the courier branch makes it: an internal job pointing at its delivery.
                let returnID = PublicIDs.make("job")
                try await database.query("""
                    INSERT INTO jobs (public_id, client_id, kind, state, office_id, dossier_code, channel, field, commune_code, requested_date,
                        requested_slot, request, origin_job_id, slip_number, created_by)
                    SELECT \(returnID), client_id, 'return_result', 'scheduled', office_id, dossier_code, channel, field, commune_code,
                        requested_date, requested_slot, request, id, 'PG-R-1', 'test' FROM jobs WHERE public_id = \(delivery)
                    """, logger: fx.logger)
                let run = try await fx.run(courier: record, date: VietnamTime.localDate(of: Date()))
                try await fx.addStop(run: run, job: returnID, action: "return_result")
                let draft = try await client.call(.post, "/v1/handovers", headers: courier.headers(),
                                                  body: #"{"direction": "return_results", "agency_code": "H21.22.10"}"#)
                #expect(draft.status == .created)
                #expect(draft.string("items.0.job_id") == returnID)
                let id = try #require(draft.string("id"))
                let confirmed = try await client.call(.post, "/v1/handovers/\(id)/confirm", headers: courier.headers(),
                                                      body: #"{"version": 1, "receiving_officer": "Nguyễn Văn Tư"}"#)
                #expect(confirmed.status == .ok, "\(confirmed.text)")
                #expect(try await fx.state(delivery) == "returned_to_agency")
                #expect(try await fx.state(returnID) == "returned_to_agency")
                #expect(try await fx.stopStatus(job: returnID, action: "return_result") == "done")
                #expect(try await fx.count("""
                    SELECT count(*) FROM outbox_events o JOIN jobs j ON j.id = o.job_id WHERE j.public_id = \(delivery) AND o.type = 'job.returned_to_agency'
                    """) == 1)
                #expect(try await fx.count("""
                    SELECT count(*) FROM job_events e JOIN jobs j ON j.id = e.job_id
                    WHERE j.public_id = \(returnID) AND e.type = 'hand_over' AND e.actor = \(courier.user.actorLabel)
                    """) == 1)
            }
        }
    }
}
