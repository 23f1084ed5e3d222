import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostRunAPI
import PostRunCore
@testable import PostRunDaemon
import PostRunStore
import Prometheus
import Testing

@Suite(.enabled(if: TestDatabase.enabled)) struct SLAWatchTests {
    /// The app's own watch ticks once at start-up; a sweep that meets it holding the lock skips, so try again.
    func sweep(_ watch: SLAWatch) async throws {
        for _ in 0..<20 {
            if try await watch.sweep(logger: TestDatabase.logger) { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("the SLA watch never got its lock")
    }

    @Test func watchFlagsResultsAndDossiersAndClearsThemWhenTheyMoveOn() async throws {
        try await TestApp.withApp { app, database in
            try await app.test(.router) { client in
                let fx = OfficeFixtures(database: database, portal: try await TestPortal.make(database))
                let dispatcher = try await TestStaff.make(database, client: client, role: .dispatcher)
                let today = VietnamTime.localDate(of: Date())
                let dueToday = try await fx.create(client, kind: "deliver_result", code: "H21.22.10-261128-0051")[0]
                let pastDue = try await fx.create(client, kind: "deliver_result", code: "H21.22.10-261128-0052")[0]
                let farOff = try await fx.create(client, kind: "deliver_result", code: "H21.22.10-261128-0053")[0]
                let oldDossier = try await fx.create(client, kind: "pickup_dossier", code: "H21.22.10-261128-0054")[0]
                let newDossier = try await fx.create(client, kind: "pickup_dossier", code: "H21.22.10-261128-0055")[0]
                for (job, date) in [(dueToday, today), (pastDue, today.adding(days: -10)), (farOff, today.adding(days: 30))] {
                    try await database.query("UPDATE jobs SET appointment_date = \(date.description)::date WHERE public_id = \(job)",
                                             logger: fx.logger)
                }
                try await database.query("UPDATE jobs SET accepted_at = now() - interval '20 days' WHERE public_id = \(oldDossier)",
                                         logger: fx.logger)

                let watch = SLAWatch(database: database)
                try await sweep(watch)
                let flags = OfficeContract.checked(try await client.call(.get, "/v1/sla/flags", headers: dispatcher.headers()), "GET", "/v1/sla/flags")
                #expect(flags.status == .ok)
                var byJob: [String: (String, String)] = [:]
                for item in (flags["items"] as? [[String: Any]]) ?? [] {
                    byJob[item["job_id"] as? String ?? ""] = (item["kind"] as? String ?? "", item["status"] as? String ?? "")
                }
                #expect(byJob.count == 3)
                #expect(byJob[dueToday]?.0 == "result_due" && byJob[dueToday]?.1 == "at_risk")
                #expect(byJob[pastDue]?.0 == "result_due" && byJob[pastDue]?.1 == "late")
                #expect(byJob[oldDossier]?.0 == "dossier_overdue" && byJob[oldDossier]?.1 == "late")
                #expect(byJob[farOff] == nil && byJob[newDossier] == nil)
                let late = try await client.call(.get, "/v1/sla/flags?status=late", headers: dispatcher.headers())
                #expect((late["items"] as? [Any])?.count == 2)
                #expect(try await client.call(.get, "/v1/sla/flags?status=soon", headers: dispatcher.headers()).status == .unprocessableContent)
                let ankhe = try await TestStaff.make(database, client: client, role: .dispatcher, office: "BC-ANKHE")
                let theirs = try await client.call(.get, "/v1/sla/flags", headers: ankhe.headers())
                #expect((theirs["items"] as? [Any])?.isEmpty == true)
                #expect(try await client.call(.get, "/v1/sla/flags?office=BC-PLEIKU", headers: ankhe.headers()).status == .notFound)
                let (courier, _) = try await TestStaff.courier(database, client: client)
                #expect(try await client.call(.get, "/v1/sla/flags", headers: courier.headers()).status == .forbidden)

                // The gauges, as /metrics exports them.
                let registry = PrometheusCollectorRegistry()
                try await SLAWatchService.tick(watch: watch, metrics: PrometheusMetricsFactory(registry: registry), logger: TestDatabase.logger)
                let exported = registry.emitToString()
                func gauge(_ status: String, _ office: String) -> Double? {
                    exported.split(separator: "\n").first {
                        $0.hasPrefix("postrun_sla_jobs{") && $0.contains(#"status="\#(status)""#) && $0.contains(#"office="\#(office)""#)
                    }.flatMap { $0.split(separator: " ").last.flatMap { Double($0) } }
                }
                #expect(gauge("late", "BC-PLEIKU") == 2, "\(exported)")
                #expect(gauge("at_risk", "BC-PLEIKU") == 1)
                #expect(gauge("late", "BC-ANKHE") == 0)

                // Jobs that move on are cleared: the late result delivered, the old dossier handed over.
                try await fx.apply([.collectResult, .startDelivery, .deliver], to: pastDue)
                try await fx.apply([.schedule, .startPickup, .pickUp, .handOver], to: oldDossier)
                let flaggedAt = try await fx.count("SELECT extract(epoch FROM flagged_at)::bigint FROM sla_flags f JOIN jobs j ON j.id = f.job_id WHERE j.public_id = \(dueToday)")
                try await sweep(watch)
                #expect(try await fx.count("SELECT count(*) FROM sla_flags") == 1)
                #expect(try await fx.count("SELECT extract(epoch FROM flagged_at)::bigint FROM sla_flags f JOIN jobs j ON j.id = f.job_id WHERE j.public_id = \(dueToday)") == flaggedAt)

                // Another replica sweeping (holding the lock) makes this one skip.
                try await database.withConnection { connection in
                    try await connection.query("SELECT pg_advisory_lock(\(Int32(0x534C)), 1)", logger: fx.logger)
                    let swept = try await watch.sweep(logger: TestDatabase.logger)
                    #expect(!swept)
                    try await connection.query("SELECT pg_advisory_unlock(\(Int32(0x534C)), 1)", logger: fx.logger)
                }
            }
        }
    }

    @Test func onTimeReportSplitsRemoteAndEthnicMinorityAreas() async throws {
        try await TestApp.withApp { app, database in
            try await app.test(.router) { client in
                let fx = OfficeFixtures(database: database, portal: try await TestPortal.make(database))
                let dispatcher = try await TestStaff.make(database, client: client, role: .dispatcher)
                var remote = ""
                for try await code in try await database.query("""
                    SELECT code FROM administrative_units WHERE valid_to IS NULL AND code <> '23575'
                      AND office_id = (SELECT id FROM post_offices WHERE code = 'BC-PLEIKU') ORDER BY code LIMIT 1
                    """, logger: fx.logger).decode(String.self) { remote = code }
                try #require(!remote.isEmpty)
                try await database.referenceDataQuery("UPDATE administrative_units SET area_classes = '{rural,ethnic_minority}' WHERE code = \(remote) AND valid_to IS NULL",
                                         logger: fx.logger)
                try await database.referenceDataQuery("UPDATE administrative_units SET area_classes = '{urban}' WHERE code = '23575' AND valid_to IS NULL",
                                         logger: fx.logger)
                let today = VietnamTime.localDate(of: Date())
                let remoteOnTime = try await fx.create(client, kind: "deliver_result", code: "H21.22.10-261128-0061", commune: remote)[0]
                let remoteLate = try await fx.create(client, kind: "deliver_result", code: "H21.22.10-261128-0062", commune: remote)[0]
                let townOpenLate = try await fx.create(client, kind: "deliver_result", code: "H21.22.10-261128-0063")[0]
                let townPending = try await fx.create(client, kind: "deliver_result", code: "H21.22.10-261128-0064")[0]
                let townCancelled = try await fx.create(client, kind: "deliver_result", code: "H21.22.10-261128-0065")[0]
                let townPickup = try await fx.create(client, kind: "pickup_dossier", code: "H21.22.10-261128-0066")[0]
                func set(_ job: String, appointment: LocalDate, state: String = "accepted", deliveredDaysAgo: Int? = nil) async throws {
                    try await database.query("""
                        UPDATE jobs SET appointment_date = \(appointment.description)::date, state = \(state),
                            delivered_at = now() - make_interval(days => \(deliveredDaysAgo)::int)
                        WHERE public_id = \(job)
                        """, logger: fx.logger)
                }
                try await set(remoteOnTime, appointment: today.adding(days: -3), state: "delivered", deliveredDaysAgo: 4)
                try await set(remoteLate, appointment: today.adding(days: -3), state: "delivered", deliveredDaysAgo: 0)
                try await set(townOpenLate, appointment: today.adding(days: -1))
                try await set(townPending, appointment: today.adding(days: 2))
                try await set(townCancelled, appointment: today.adding(days: -1), state: "cancelled")
                // A dossier accepted 10 days ago, handed over an hour later: within J+1.
                try await database.query("""
                    UPDATE jobs SET accepted_at = now() - interval '10 days', state = 'handed_to_agency',
                        submitted_at = now() - interval '10 days' + interval '1 hour'
                    WHERE public_id = \(townPickup)
                    """, logger: fx.logger)

                let from = today.adding(days: -20), to = today.adding(days: 5)
                let report = OfficeContract.checked(try await client.call(.get, "/v1/reports/on-time?from=\(from)&to=\(to)", headers: dispatcher.headers()),
                                     "GET", "/v1/reports/on-time")
                #expect(report.status == .ok)
                let rows = (report["rows"] as? [[String: Any]]) ?? []
                #expect(rows.count == 2)
                let difficult = try #require(rows.first { $0["area_group"] as? String == "remote_ethnic_difficult" })
                let other = try #require(rows.first { $0["area_group"] as? String == "other" })
                func tally(_ row: [String: Any], _ key: String) -> [Int] {
                    let t = row[key] as? [String: Any] ?? [:]
                    return [t["on_time"] as? Int ?? -1, t["late"] as? Int ?? -1, t["pending"] as? Int ?? -1]
                }
                #expect(tally(difficult, "deliveries") == [1, 1, 0])
                #expect(tally(difficult, "pickups") == [0, 0, 0])
                #expect(tally(other, "deliveries") == [0, 1, 1])
                #expect(tally(other, "pickups") == [1, 0, 0])
                #expect((difficult["total"] as? [String: Any])?["rate"] as? Double == 0.5)
                #expect(report.int("by_area_group.0.total.on_time") == 1 && report.int("by_area_group.0.total.late") == 1)
                #expect(report.string("by_office.0.office") == "BC-PLEIKU" && report.int("by_office.0.total.pending") == 1)
                #expect(report.int("total.on_time") == 2)
                #expect(report.int("total.late") == 2)

                let csv = try await client.call(.get, "/v1/reports/on-time?from=\(from)&to=\(to)&format=csv", headers: dispatcher.headers())
                #expect(csv.headers[.contentType]?.hasPrefix("text/csv; charset=utf-8") == true)
                #expect(csv.text.hasPrefix("\u{FEFF}Mã bưu cục,Bưu cục,Địa bàn,"))
                #expect(csv.text.contains("BC-PLEIKU,Bưu cục Pleiku,\"Vùng sâu, vùng xa, dân tộc thiểu số, đặc biệt khó khăn\",1,1,0,0,0,0,50.0"))
                #expect(csv.text.contains("BC-PLEIKU,Bưu cục Pleiku,Địa bàn còn lại,0,1,1,1,0,0,50.0"))
            }
        }
    }
}
