import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PostRunCore
import PostRunStore

/// `GET /v1/reports/discounts?from=YYYY-MM-DD&to=YYYY-MM-DD` (scope `admin`): discounts per campaign and funder over
/// jobs accepted in the period (Vietnamese dates, both inclusive), from their price snapshots. JSON by default;
/// `Accept: text/csv` (or `?format=csv`) gives UTF-8 CSV with a BOM, snake_case headers (`?labels=vi` for Vietnamese
/// headers) and a last row of totals.
public struct ReportController: Sendable {
    let repository: PricingRepository

    public init(repository: PricingRepository) { self.repository = repository }

    public func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/v1/reports/discounts") { request, context in try await discounts(request, context) }
    }

    static let columns = ["campaign", "campaign_name", "funder", "jobs", "gross_postage", "discount", "net_postage", "collected_fees"]
    static let columnsVi = ["Mã chương trình", "Tên chương trình", "Đơn vị chi trả", "Số bưu gửi", "Cước trước giảm",
                            "Số tiền giảm", "Cước thu", "Phí, lệ phí thu hộ"]
    /// The `campaign_name` of the totals row (its `campaign` and `funder` are empty).
    static let totalsLabel = "Tổng cộng / Total"

    func discounts(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        _ = try context.requireClient(.admin)
        let query = request.uri.queryParameters
        let (from, to) = try Self.period(request)
        let report = try await repository.discountReport(from: from, to: to, logger: context.logger)
        if Self.wantsCSV(request) {
            return Self.csvResponse(report, vietnameseLabels: query.get("labels") == "vi")
        }
        return try PricingHTTP.json(ReportBody(report: report))
    }

    static func csvResponse(_ report: DiscountReport, vietnameseLabels: Bool) -> Response {
        var rows: [[String]] = report.rows.map { row in
            [row.campaign, row.campaignName, row.funder, String(row.jobs), String(row.grossPostage.dong),
             String(row.discount.dong), String(row.netPostage.dong), String(row.collectedFees.dong)]
        }
        let t = report.totals
        rows.append(["", totalsLabel, "", String(t.jobs), String(t.grossPostage.dong), String(t.discount.dong),
                     String(t.netPostage.dong), String(t.collectedFees.dong)])
        return csv(header: vietnameseLabels ? columnsVi : columns, rows: rows, filename: "discounts_\(report.from)_\(report.to).csv")
    }

    /// `?format=csv` or `Accept: text/csv`.
    static func wantsCSV(_ request: Request) -> Bool {
        request.uri.queryParameters.get("format") == "csv" || (request.headers[.accept]?.lowercased().contains("text/csv") ?? false)
    }

    /// The `from` and `to` query dates (Vietnamese days, both inclusive), required, `to` not before `from`.
    static func period(_ request: Request) throws -> (from: LocalDate, to: LocalDate) {
        let query = request.uri.queryParameters
        var errors: [Problem.FieldError] = []
        func date(_ name: String) -> LocalDate? {
            guard let text = query.get(name), !text.isEmpty else {
                errors.append(PricingHTTP.fieldError(FieldError(field: name, .required)))
                return nil
            }
            guard let value = LocalDate(iso: text) else {
                errors.append(PricingHTTP.fieldError(FieldError(field: name, .invalidDate)))
                return nil
            }
            return value
        }
        let from = date("from")
        let to = date("to")
        if let from, let to, to < from {
            errors.append(Problem.FieldError(field: "to", code: "inverted_window", vi: "Ngày kết thúc phải không sớm hơn ngày bắt đầu.",
                                             en: "The end date must not be before the start date."))
        }
        guard errors.isEmpty, let from, let to else { throw Problem.validation(errors) }
        return (from, to)
    }

    /// UTF-8 CSV with a BOM (so spreadsheets read Vietnamese right), CRLF lines, every field quoted as needed.
    static func csv(header: [String], rows: [[String]], filename: String) -> Response {
        var lines = [header.map(csvField).joined(separator: ",")]
        for row in rows { lines.append(row.map(csvField).joined(separator: ",")) }
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
        bytes.append(contentsOf: Array((lines.joined(separator: "\r\n") + "\r\n").utf8))
        let headers: HTTPFields = [
            .contentType: "text/csv; charset=utf-8; header=present",
            .contentDisposition: "attachment; filename=\"\(filename)\"",
        ]
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// RFC 4180 quoting; a leading `=`, `+`, `-` or `@` is prefixed with `'` so spreadsheets never run it as a formula.
    static func csvField(_ text: String) -> String {
        var value = text
        if let first = value.first, "=+-@".contains(first), Int(value) == nil { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `{"from", "to", "time_zone", "currency", "rows": [{campaign, campaign_name, funder, jobs, gross_postage, discount,
    /// net_postage, collected_fees}], "totals": {jobs, gross_postage, discount, net_postage, collected_fees}}`
    struct ReportBody: Encodable {
        let report: DiscountReport

        struct RowBody: Encodable {
            let campaign: String
            let campaignName: String
            let funder: String
            let jobs: Int
            let grossPostage: Money
            let discount: Money
            let netPostage: Money
            let collectedFees: Money
            enum CodingKeys: String, CodingKey {
                case campaign, campaignName = "campaign_name", funder, jobs, grossPostage = "gross_postage", discount
                case netPostage = "net_postage", collectedFees = "collected_fees"
            }
        }

        struct TotalsBody: Encodable {
            let jobs: Int
            let grossPostage: Money
            let discount: Money
            let netPostage: Money
            let collectedFees: Money
            enum CodingKeys: String, CodingKey {
                case jobs, grossPostage = "gross_postage", discount, netPostage = "net_postage", collectedFees = "collected_fees"
            }
        }

        enum CodingKeys: String, CodingKey { case from, to, timeZone = "time_zone", currency, rows, totals }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(report.from, forKey: .from)
            try c.encode(report.to, forKey: .to)
            try c.encode(VietnamTime.identifier, forKey: .timeZone)
            try c.encode(Pricing.currency, forKey: .currency)
            try c.encode(report.rows.map {
                RowBody(campaign: $0.campaign, campaignName: $0.campaignName, funder: $0.funder, jobs: $0.jobs, grossPostage: $0.grossPostage,
                        discount: $0.discount, netPostage: $0.netPostage, collectedFees: $0.collectedFees)
            }, forKey: .rows)
            let t = report.totals
            try c.encode(TotalsBody(jobs: t.jobs, grossPostage: t.grossPostage, discount: t.discount, netPostage: t.netPostage,
                                    collectedFees: t.collectedFees), forKey: .totals)
        }
    }
}
