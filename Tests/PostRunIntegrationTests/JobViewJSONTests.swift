import Foundation
import PostRunCore
import Testing
@testable import PostRunStore

/// The hand-written JSON of a job is the same, byte for byte, as its `Encodable` conformance with sorted keys.
@Suite struct JobViewJSONTests {
    static let encoder = JSONEncoder.sortedCompact

    static func view(linked: String?, fee: JobRequest.Fee?, weight: Int?, notes: String?, quote: JSONDocument?) -> JobView {
        let request = JobRequest(
            kind: "pickup_and_return",
            dossier: .init(code: "H21.22.10-261128-0001", procedureCode: "1.012784.000.00.00.H21", procedureName: "Đăng ký \"biến động\"",
                           field: "land", channel: "online", onlineLevel: 3, appointmentDate: "2026-12-02"),
            agency: .init(code: "H21.22.10", name: "Văn phòng đăng ký đất đai", address: "Pleiku", communeCode: "23575"),
            applicant: .init(name: "Nguyễn Thị Hoà", phone: "0905123456", email: nil, idLastDigits: "1234"),
            address: .init(line: "12 Lê Lợi\\tổ 3", communeCode: "23575", lat: 13.9833, lon: 108.0),
            requested: .init(date: "2026-11-30", slot: "morning"))
        return JobView(
            id: "job_01", kind: .pickupDossier, state: .accepted, version: 3, linkedJobID: linked,
            office: .init(code: "BC600000", name: "Bưu cục Pleiku"), dossier: request.dossier, agency: request.agency,
            applicant: request.applicant, address: request.address, requested: request.requested, feeToCollect: fee,
            weightGrams: weight, notes: notes, quote: quote, failedAttempts: 1,
            acceptedAt: "2026-11-28T08:00:00+07:00", updatedAt: "2026-11-28T09:30:00+07:00")
    }

    @Test func everyShapeMatchesTheEncodableConformance() throws {
        let snapshot: [String: AnyJSON] = ["total": .integer(18_200), "lines": .array([.object(["component": .string("delivery")])])]
        let typed = JSONDocument(encoding: snapshot, raw: try Self.encoder.encode(snapshot))
        // As read back from a jsonb column: PostgreSQL's spacing, keys in its own order.
        let stored = JSONDocument(raw: Data(#"{"total": 18200, "lines": [{"component": "delivery"}]}"#.utf8))
        for quote in [nil, typed, stored] {
            for optionals in [false, true] {
                let view = Self.view(linked: optionals ? "job_02" : nil,
                                     fee: optionals ? .init(amount: Money(50_000), name: "Lệ phí") : nil,
                                     weight: optionals ? 250 : nil, notes: optionals ? "gọi trước\n15 phút" : nil, quote: quote)
                #expect(String(decoding: view.jsonData, as: UTF8.self) == String(decoding: try Self.encoder.encode(view), as: UTF8.self))
                #expect(String(decoding: JobView.jsonData(jobs: [view, view]), as: UTF8.self)
                        == String(decoding: try Self.encoder.encode(["jobs": [view, view]]), as: UTF8.self))
            }
        }
    }

    @Test func webhookPayloadsCarryTheJobAndTheNotice() throws {
        let view = Self.view(linked: nil, fee: nil, weight: nil, notes: nil, quote: nil)
        let plain = String(decoding: OutboxPayload.json(job: view, notice: OutboxNotice()), as: UTF8.self)
        #expect(plain == OutboxPayload.json(jobView: view.jsonData))
        let noticed = OutboxPayload.json(job: view, notice: OutboxNotice(nextAttemptDate: "2026-12-01", returnJobID: "job_r", originJobID: "job_o"))
        let text = String(decoding: noticed, as: UTF8.self)
        #expect(text == #"{"job":"# + String(decoding: view.jsonData, as: UTF8.self)
                + #","next_attempt_date":"2026-12-01","origin_job_id":"job_o","return_job_id":"job_r"}"#)
        #expect((try? JSONSerialization.jsonObject(with: noticed)) != nil)
    }
}
