import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostRunCore
import PostRunStore
import Testing

/// Dispatchers taking hotline calls, office-scoped job visibility, agencies and the holiday calendar.
@Suite struct DispatchReferenceTests {
    @Test func dispatchersEnterHotlineCallsForTheirOffice() async throws {
        try await TestApp.withApp { app, database in
            try await app.test(.router) { client in
                let dispatcher = try await TestStaff.make(database, client: client, role: .dispatcher)
                let body = Fixtures.jobBody(dossierCode: "H21.22.10-261128-0101", channel: "hotline", onlineLevel: nil)
                let created = try await client.call(.post, "/v1/jobs", headers: dispatcher.headers([.idempotencyKey: "call-0001"]), body: body)
                #expect(created.status == .created, "\(created.text)")
                #expect(created.string("dossier.channel") == "hotline")
                let id = try #require(created.string("id"))

                // The same key replays for this user; the job is stored once with who took the call.
                let replay = try await client.call(.post, "/v1/jobs", headers: dispatcher.headers([.idempotencyKey: "call-0001"]), body: body)
                #expect(replay.status == .created)
                #expect(replay.headers[.idempotentReplayed] == "true")
                #expect(replay.string("id") == id)
                let rows = try await database.query("SELECT count(*), min(created_by) FROM jobs WHERE dossier_code = 'H21.22.10-261128-0101'",
                                                    logger: TestDatabase.logger).collect()
                #expect(try rows[0].decode((Int, String).self) == (1, dispatcher.user.actorLabel))
                let events = try await client.call(.get, "/v1/jobs/\(id)/events", headers: dispatcher.headers())
                #expect(events.string("data.0.actor") == dispatcher.user.actorLabel)

                // Another dispatcher's identical key is theirs alone: a new request, refused only as a duplicate dossier.
                let colleague = try await TestStaff.make(database, client: client, role: .dispatcher)
                let second = try await client.call(.post, "/v1/jobs", headers: colleague.headers([.idempotencyKey: "call-0001"]), body: body)
                #expect(second.status == .conflict)
                #expect(second.string("existing_job_id") == id)

                // Portal channels are not for staff; another office's commune is passed on.
                let online = try await client.call(.post, "/v1/jobs", headers: dispatcher.headers(),
                                                   body: Fixtures.jobBody(dossierCode: "H21.22.10-261128-0102", channel: "online"))
                #expect(online.errorFields == ["dossier.channel"])
                let elsewhere = try await client.call(.post, "/v1/jobs", headers: dispatcher.headers(),
                                                      body: Fixtures.jobBody(dossierCode: "H21.22.10-261128-0103", channel: "hotline",
                                                                             onlineLevel: nil, commune: "21733"))
                #expect(elsewhere.status == .unprocessableContent)
                #expect(elsewhere.errorCodes == ["outside_staff_office"])

                // Couriers do not enter jobs.
                let (courier, _) = try await TestStaff.courier(database, client: client)
                #expect(try await client.call(.post, "/v1/jobs", headers: courier.headers(), body: body).status == .forbidden)
            }
        }
    }

    @Test func dispatchersSeeOnlyTheirOfficesJobs() async throws {
        try await TestApp.withApp { app, database in
            try await app.test(.router) { client in
                let portal = try await TestPortal.make(database)
                let pleiku = try await client.call(.post, "/v1/jobs", headers: portal.headers(),
                                                   body: Fixtures.jobBody(dossierCode: "H21.22.10-261128-0201"))
                let ankhe = try await client.call(.post, "/v1/jobs", headers: portal.headers(),
                                                  body: Fixtures.jobBody(dossierCode: "H21.22.10-261128-0202", commune: "21733"))
                let pleikuID = try #require(pleiku.string("id")), ankheID = try #require(ankhe.string("id"))
                let dispatcher = try await TestStaff.make(database, client: client, role: .dispatcher, office: "BC-ANKHE")

                #expect(try await client.call(.get, "/v1/jobs/\(ankheID)", headers: dispatcher.headers()).status == .ok)
                #expect(try await client.call(.get, "/v1/jobs/\(pleikuID)", headers: dispatcher.headers()).status == .notFound)
                let listed = try await client.call(.get, "/v1/jobs", headers: dispatcher.headers())
                let ids = ((listed["data"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
                #expect(ids == [ankheID])
                // Cancelling another office's job is as if it did not exist.
                let cancel = try await client.call(.post, "/v1/jobs/\(pleikuID)/cancel", headers: dispatcher.headers(),
                                                   body: #"{"reason": "applicant_request"}"#)
                #expect(cancel.status == .notFound)
                let admin = try await TestStaff.make(database, client: client, role: .admin, office: nil)
                let all = try await client.call(.get, "/v1/jobs", headers: admin.headers())
                #expect(((all["data"] as? [Any]) ?? []).count == 2)
            }
        }
    }

    @Test func agenciesAndHolidaysAreDataAdminsEdit() async throws {
        try await TestApp.withApp { app, database in
            try await app.test(.router) { client in
                let admin = try await TestStaff.make(database, client: client, role: .admin, office: nil)
                let dispatcher = try await TestStaff.make(database, client: client, role: .dispatcher)
                let put = try await client.call(.put, "/v1/agencies/H21.22.10", headers: admin.headers(), body: """
                    {"name": "Trung tâm Phục vụ hành chính công tỉnh", "address": "69 Hùng Vương, Pleiku", "commune_code": "23575",
                     "lat": 13.98, "lon": 108.0, "opening_hours": [["07:00", "11:30"], ["13:30", "16:30"]], "working_days": [1,2,3,4,5,6]}
                    """)
                #expect(put.status == .ok, "\(put.text)")
                let shown = try await client.call(.get, "/v1/agencies/H21.22.10", headers: dispatcher.headers())
                #expect(shown.string("opening_hours.1.1") == "16:30")
                #expect(shown.string("name") == "Trung tâm Phục vụ hành chính công tỉnh")

                let bad = try await client.call(.put, "/v1/agencies/H21.22.10", headers: admin.headers(),
                                                body: #"{"name": "X", "opening_hours": [["13:00", "12:00"]], "lat": 13.9}"#)
                #expect(bad.status == .unprocessableContent)
                #expect(Set(bad.errorFields) == ["opening_hours"])
                let overlapping = try await client.call(.put, "/v1/agencies/H21.22.10", headers: admin.headers(),
                                                        body: #"{"name": "X", "opening_hours": [["07:00", "12:00"], ["11:00", "16:00"]], "lat": 13.9}"#)
                #expect(Set(overlapping.errorFields) == ["opening_hours", "lat"])
                #expect(try await client.call(.put, "/v1/agencies/H21.22.10", headers: dispatcher.headers(), body: #"{"name": "X"}"#).status == .forbidden)
                #expect(try await client.call(.get, "/v1/agencies/H21.22.10", headers: dispatcher.headers()).string("opening_hours.0.0") == "07:00")

                // The built-in holidays are in the table; Tết 2027 can be corrected.
                let days = try await client.call(.get, "/v1/calendar/days?year=2026", headers: dispatcher.headers())
                let listed = (days["items"] as? [[String: Any]]) ?? []
                #expect(listed.contains { $0["day"] as? String == "2026-09-02" && $0["kind"] as? String == "holiday" })
                let added = try await client.call(.put, "/v1/calendar/days/2026-12-31", headers: admin.headers(),
                                                  body: #"{"kind": "holiday", "name_vi": "Nghỉ cuối năm (thử)", "name_en": "Year end (test)"}"#)
                #expect(added.status == .ok)
                let calendar = try await AgencyCalendarRepository(database: database).workingCalendar(
                    from: LocalDate(year: 2026, month: 12, day: 1)!, to: LocalDate(year: 2027, month: 1, day: 31)!, logger: TestDatabase.logger)
                #expect(!calendar.isWorkingDay(LocalDate(year: 2026, month: 12, day: 31)!))
                #expect(calendar.isWorkingDay(LocalDate(year: 2026, month: 12, day: 30)!))
                // A built-in day an admin removes stays removed when the daemon starts again (the seed fills only an empty table).
                #expect(try await client.call(.delete, "/v1/calendar/days/2026-09-02", headers: admin.headers()).status == .noContent)
                #expect(try await AgencyCalendarRepository(database: database).seedBuiltInHolidays(logger: TestDatabase.logger) == 0)
                let after = try await client.call(.get, "/v1/calendar/days?year=2026", headers: dispatcher.headers())
                #expect(!((after["items"] as? [[String: Any]]) ?? []).contains { $0["day"] as? String == "2026-09-02" })
                #expect(try await client.call(.delete, "/v1/calendar/days/2026-12-31", headers: admin.headers()).status == .noContent)
                #expect(try await client.call(.delete, "/v1/calendar/days/2026-12-31", headers: admin.headers()).status == .notFound)
                #expect(try await client.call(.put, "/v1/calendar/days/2026-13-01", headers: admin.headers(),
                                              body: #"{"kind": "holiday", "name_vi": "x"}"#).errorFields == ["day"])
            }
        }
    }
}

/// Strings PostgreSQL cannot store (U+0000) are refused by the body decoder with the field at fault, for every route.
@Suite struct NULCharacterTests {
    @Test func aNULAnywhereInABodyIsA422NamingTheField() async throws {
        try await TestApp.withApp { app, database in
            try await app.test(.router) { client in
                let admin = try await TestStaff.make(database, client: client, role: .admin, office: nil)
                let staff = try await client.call(.post, "/v1/staff", headers: admin.headers(), body: #"""
                    {"username": "nul.user", "display_name": "A", "role": "courier", "office": "BC-\u0000X", "password": "mat-khau-du-dai"}
                    """#)
                #expect(staff.status == .unprocessableContent)
                #expect(staff.errorFields == ["office"])
                #expect(staff.errorCodes == ["invalid_characters"])
                let day = try await client.call(.put, "/v1/calendar/days/2026-12-31", headers: admin.headers(),
                                                body: #"{"kind": "holiday", "name_vi": "Nghỉ", "name_en": "x\u0000y", "extra": [{"k": "\u0000"}]}"#)
                #expect(day.errorFields == ["extra.0.k"])
                let old = try await client.call(.put, "/v1/calendar/days/1603-01-10", headers: admin.headers(),
                                                body: #"{"kind": "holiday", "name_vi": "Nghỉ"}"#)
                #expect(old.errorFields == ["day"])
                let rows = try await database.query("SELECT count(*) FROM calendar_days WHERE day IN ('2026-12-31', '1603-01-10')",
                                                    logger: TestDatabase.logger).collect()
                #expect(try rows[0].decode(Int.self) == 0)
            }
        }
    }
}
