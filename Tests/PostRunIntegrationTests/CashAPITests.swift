import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostRunAPI
import PostRunCore
import PostRunStore
import Testing

@Suite(.enabled(if: TestDatabase.enabled)) struct CashAPITests {
    @Test func dayEndReconciliationDeductsFeesPaidOverAndNeedsANoteForADifference() async throws {
        try await TestApp.withApp { app, database in
            try await app.test(.router) { client in
                let fx = OfficeFixtures(database: database, portal: try await TestPortal.make(database))
                let dispatcher = try await TestStaff.make(database, client: client, role: .dispatcher)
                let (courier, record) = try await TestStaff.courier(database, client: client)
                let (other, otherRecord) = try await TestStaff.courier(database, client: client)
                let today = VietnamTime.localDate(of: Date())

                let paid = try await fx.create(client, kind: "pickup_dossier", code: "H21.22.10-261128-0041", fee: 50_000)[0]
                let unpaid = try await fx.create(client, kind: "pickup_dossier", code: "H21.22.10-261128-0042", fee: 20_000)[0]
                let delivery = try await fx.create(client, kind: "deliver_result", code: "H21.22.10-261128-0043")[0]
                try await fx.pickedUpBy(record, paid, slip: "PG-41")
                try await fx.cash(record, job: paid, kind: .governmentFee, amount: 50_000, receipt: "BL-41")
                try await fx.cash(record, job: paid, kind: .postage, amount: 26_000, receipt: "BL-42")
                try await fx.cash(record, job: delivery, kind: .postage, amount: 30_000, receipt: "BL-43")
                // The other courier's fee for the same agency stays unpaid.
                try await fx.cash(otherRecord, job: unpaid, kind: .governmentFee, amount: 20_000, receipt: "BL-44")
                try await fx.cash(otherRecord, job: unpaid, kind: .postage, amount: 26_000, receipt: "BL-45")
                // A resent entry is ignored.
                try await fx.cash(record, job: paid, kind: .postage, amount: 99_000, receipt: "BL-99")

                let draft = try await client.call(.post, "/v1/handovers", headers: courier.headers(),
                                                  body: #"{"direction": "submit_dossiers", "agency_code": "H21.22.10"}"#)
                let handover = try #require(draft.string("id"))
                #expect(try await client.call(.post, "/v1/handovers/\(handover)/confirm", headers: courier.headers(),
                                              body: #"{"version": 1, "receiving_officer": "Lê Thị Mai"}"#).status == .ok)

                let day = OfficeContract.checked(try await client.call(.get, "/v1/cash/couriers/\(record.publicID)/days/\(today)", headers: courier.headers()),
                                  "GET", "/v1/cash/couriers/{id}/days/{date}")
                #expect(day.status == .ok)
                #expect(day.int("collected.government_fee") == 50_000)
                #expect(day.int("collected.postage") == 56_000)
                #expect(day.int("collected.total") == 106_000)
                #expect(day.int("paid_over_to_agencies") == 50_000)
                #expect(day.int("expected") == 56_000)
                #expect((day["entries"] as? [Any])?.count == 3)
                #expect(day.string("entries.0.handover_id") == handover)
                // Couriers see only their own day; other offices nothing.
                #expect(try await client.call(.get, "/v1/cash/couriers/\(record.publicID)/days/\(today)", headers: other.headers()).status == .notFound)
                let ankhe = try await TestStaff.make(database, client: client, role: .dispatcher, office: "BC-ANKHE")
                #expect(try await client.call(.get, "/v1/cash/couriers/\(record.publicID)/days/\(today)", headers: ankhe.headers()).status == .notFound)

                // A courier cannot reconcile; a short count needs a note; with it, the day closes once.
                let body = #"{"courier": "\#(record.publicID)", "date": "\#(today)", "handed_in": 50000}"#
                #expect(try await client.call(.post, "/v1/cash/reconciliations", headers: courier.headers(), body: body).status == .forbidden)
                let noNote = OfficeContract.checked(try await client.call(.post, "/v1/cash/reconciliations", headers: dispatcher.headers(), body: body),
                                     "POST", "/v1/cash/reconciliations")
                #expect(noNote.status == .unprocessableContent)
                #expect(noNote.errorFields == ["note"])
                #expect(try await fx.count("SELECT count(*) FROM cash_reconciliations") == 0)
                let withNote = OfficeContract.checked(try await client.call(.post, "/v1/cash/reconciliations", headers: dispatcher.headers(), body: """
                    {"courier": "\(record.publicID)", "date": "\(today)", "handed_in": 50000, "note": "Thiếu 6.000 đ, trừ lương tháng 11"}
                    """), "POST", "/v1/cash/reconciliations")
                #expect(withNote.status == .created)
                #expect(withNote.int("reconciliation.expected") == 56_000)
                #expect(withNote.int("reconciliation.difference") == -6_000)
                #expect(withNote.string("reconciliation.reconciled_by") == dispatcher.user.actorLabel)
                #expect(try await fx.count("""
                    SELECT count(*) FROM cash_entries WHERE courier_id = \(record.id) AND reconciliation_id IS NOT NULL
                    """) == 3)
                let duplicate = OfficeContract.checked(try await client.call(.post, "/v1/cash/reconciliations", headers: dispatcher.headers(), body: """
                    {"courier": "\(record.publicID)", "date": "\(today)", "handed_in": 56000}
                    """), "POST", "/v1/cash/reconciliations")
                #expect(duplicate.status == .conflict)
                // The exact amount needs no note.
                let exact = try await client.call(.post, "/v1/cash/reconciliations", headers: dispatcher.headers(), body: """
                    {"courier": "\(otherRecord.publicID)", "date": "\(today)", "handed_in": 46000}
                    """)
                #expect(exact.status == .created)
                #expect(exact.int("reconciliation.difference") == 0)

                // Per agency: collected, paid over at handovers, outstanding.
                let report = OfficeContract.checked(try await client.call(.get, "/v1/reports/cash/agencies?from=\(today)&to=\(today)", headers: dispatcher.headers()),
                                     "GET", "/v1/reports/cash/agencies")
                #expect(report.status == .ok)
                #expect(report.string("rows.0.agency_code") == "H21.22.10")
                #expect(report.int("rows.0.collected") == 70_000)
                #expect(report.int("rows.0.paid_over") == 50_000)
                #expect(report.int("rows.0.outstanding") == 20_000)
                #expect(report.int("totals.entries") == 2)
                let csv = OfficeContract.checked(try await client.call(.get, "/v1/reports/cash/agencies?from=\(today)&to=\(today)&format=csv",
                                                        headers: dispatcher.headers()), "GET", "/v1/reports/cash/agencies")
                #expect(csv.headers[.contentType]?.hasPrefix("text/csv; charset=utf-8") == true)
                #expect(csv.text.unicodeScalars.first == "\u{FEFF}")
                let lines = csv.text.dropFirst().split(separator: "\r\n").map(String.init)
                #expect(lines.first == #"Mã cơ quan,Tên cơ quan,Số khoản thu,"Phí, lệ phí đã thu (đồng)",Đã nộp cho cơ quan (đồng),Còn phải nộp (đồng)"#)
                #expect(lines.dropFirst().first == "H21.22.10,Chi nhánh Văn phòng đăng ký đất đai Pleiku,2,70000,50000,20000")
                #expect(lines.last == ",Tổng cộng / Total,2,70000,50000,20000")

                // Per office: postage and fees by courier.
                let office = OfficeContract.checked(try await client.call(.get, "/v1/reports/cash/couriers?from=\(today)&to=\(today)", headers: dispatcher.headers()),
                                     "GET", "/v1/reports/cash/couriers")
                let rows = (office["rows"] as? [[String: Any]]) ?? []
                let mine = try #require(rows.first { $0["courier"] as? String == record.publicID })
                #expect(mine["postage"] as? Int == 56_000)
                #expect(mine["government_fees"] as? Int == 50_000)
                #expect(mine["paid_over"] as? Int == 50_000)
                #expect(mine["expected"] as? Int == 56_000)
                #expect(mine["handed_in"] as? Int == 50_000)
                let officeCSV = try await client.call(.get, "/v1/reports/cash/couriers?from=\(today)&to=\(today)", headers: dispatcher.headers([.accept: "text/csv"]))
                #expect(officeCSV.text.hasPrefix("\u{FEFF}Mã bưu tá,Bưu tá,"))
                #expect(try await client.call(.get, "/v1/reports/cash/couriers?from=\(today)&to=\(today)&office=BC-PLEIKU",
                                              headers: ankhe.headers()).status == .notFound)
                let inverted = try await client.call(.get, "/v1/reports/cash/agencies?from=\(today)&to=\(today.adding(days: -1))",
                                                     headers: dispatcher.headers())
                #expect(inverted.status == .unprocessableContent)
            }
        }
    }
}
