import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PostRunCore
import PostRunStore

/// The SLA watch for dispatchers: `GET /v1/sla/flags` (their office's jobs at risk or late) and
/// `GET /v1/reports/on-time` (on-time rate by office and area group over a period, JSON or CSV).
public struct SLAController: Sendable {
    let watch: SLAWatch
    let couriers: CourierRepository

    public init(watch: SLAWatch, couriers: CourierRepository) {
        self.watch = watch
        self.couriers = couriers
    }

    public func addRoutes(to v1: RouterGroup<AppRequestContext>) {
        v1.get("sla/flags", use: flags)
        v1.get("reports/on-time", use: onTime)
    }

    @Sendable func flags(request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireStaff(.admin, .dispatcher)
        var status: SLAFlagStatus?
        if let text = try request.queryText("status") {
            guard let value = SLAFlagStatus(rawValue: text) else {
                throw Problem.validation([FieldError(field: "status", code: "invalid_status", vi: "Trạng thái phải là at_risk hoặc late.",
                                                     en: "status must be at_risk or late.")])
            }
            status = value
        }
        guard let office = try await CashController.reportOffice(request, caller: caller, couriers: couriers, logger: context.logger,
                                                                 allowAll: false) else {
            throw Problem.validation([FieldError(field: "office", .required)])
        }
        let flags = try await watch.flags(officeID: office, status: status, logger: context.logger)
        return jsonResponse(.ok, ["items": .array(flags.map { flag in
            .object(["job_id": .string(flag.jobID), "job_kind": .string(flag.jobKind), "state": .string(flag.state),
                     "dossier_code": flag.dossierCode.map(JSONValue.string) ?? .null, "commune_code": .string(flag.communeCode),
                     "kind": .string(flag.kind), "status": .string(flag.status), "due_date": .string(flag.dueDate.description),
                     "flagged_at": .string(VietnamTime.iso8601(flag.flaggedAt))])
        })])
    }

    static let columns = ["Mã bưu cục", "Bưu cục", "Địa bàn", "Phát đúng hạn", "Phát trễ hạn", "Phát chưa đến hạn", "Nhận gửi đúng hạn",
                          "Nhận gửi trễ hạn", "Nhận gửi chưa đến hạn", "Tỷ lệ đúng hạn (%)"]

    @Sendable func onTime(request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireStaff(.admin, .dispatcher)
        let (from, to) = try ReportController.period(request)
        let office = try await CashController.reportOffice(request, caller: caller, couriers: couriers, logger: context.logger, allowAll: true)
        let rows = try await watch.onTimeReport(officeID: office, from: from, to: to, today: VietnamTime.localDate(of: Date()),
                                                logger: context.logger)
        let total = rows.reduce(OnTimeTally()) { $0 + $1.total }
        if ReportController.wantsCSV(request) {
            let lines = rows.map { row in
                [row.officeCode, row.officeName, row.areaGroup.labelVi, String(row.deliveries.onTime), String(row.deliveries.late),
                 String(row.deliveries.pending), String(row.pickups.onTime), String(row.pickups.late), String(row.pickups.pending),
                 row.total.rate.map { String(format: "%.1f", $0 * 100) } ?? ""]
            }
            return ReportController.csv(header: Self.columns, rows: lines, filename: "dung-han_\(from)_\(to).csv")
        }
        func tally(_ t: OnTimeTally) -> JSONValue {
            .object(["on_time": .int(t.onTime), "late": .int(t.late), "pending": .int(t.pending), "rate": t.rate.map(JSONValue.double) ?? .null])
        }
        return jsonResponse(.ok, [
            "from": .string(from.description), "to": .string(to.description),
            "rows": .array(rows.map { row in
                .object(["office": .string(row.officeCode), "office_name": .string(row.officeName), "area_group": .string(row.areaGroup.rawValue),
                         "deliveries": tally(row.deliveries), "pickups": tally(row.pickups), "total": tally(row.total)])
            }),
            "by_office": .array(Dictionary(grouping: rows, by: \.officeCode).sorted { $0.key < $1.key }.map { office, rows in
                .object(["office": .string(office), "total": tally(rows.reduce(OnTimeTally()) { $0 + $1.total })])
            }),
            "by_area_group": .array(SLAAreaGroup.allCases.map { group in
                .object(["area_group": .string(group.rawValue),
                         "total": tally(rows.filter { $0.areaGroup == group }.reduce(OnTimeTally()) { $0 + $1.total })])
            }),
            "total": tally(total),
        ])
    }
}
