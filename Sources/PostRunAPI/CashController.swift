import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PostRunCore
import PostRunStore

/// The cash a courier took (`cash_entries`), the day-end reconciliation and the cash reports.
///
/// `GET /v1/cash/couriers/{id}/days/{date}`: the day's entries and the **expected** amount to hand in to the post
/// office — everything collected that day minus the government fees already paid over to agencies on confirmed
/// handover records. `POST /v1/cash/reconciliations` (dispatcher) closes the day with the amount handed in.
public struct CashController: Sendable {
    let cash: CashRepository
    let couriers: CourierRepository

    public init(cash: CashRepository, couriers: CourierRepository) {
        self.cash = cash
        self.couriers = couriers
    }

    public func addRoutes(to v1: RouterGroup<AppRequestContext>) {
        v1.get("cash/couriers/:id/days/:date", use: day)
        v1.post("cash/reconciliations", use: reconcile)
        v1.get("reports/cash/agencies", use: agencyReport)
        v1.get("reports/cash/couriers", use: courierReport)
    }

    struct ReconcileBody: Decodable {
        var courier: String?
        var date: String?
        var handedIn: Int64?
        var note: String?

        enum CodingKeys: String, CodingKey {
            case courier, date, note
            case handedIn = "handed_in"
        }
    }

    /// The courier named by `publicID` if the caller may see them: the courier themselves, or their office's staff.
    func visibleCourier(_ publicID: String, caller: StaffUser, logger: Logger) async throws -> (id: Int64, officeID: Int64) {
        guard !VietnameseText.containsControlCharacters(publicID) else { throw Problem.notFound("courier") }
        let courier: (id: Int64, officeID: Int64)
        do { courier = try await cash.courier(publicID: publicID, logger: logger) } catch CashFailure.notFound { throw Problem.notFound("courier") }
        let allowed = caller.role == .courier ? caller.courierID == courier.id : caller.canAct(forOffice: courier.officeID)
        guard allowed else { throw Problem.notFound("courier") }
        return courier
    }

    @Sendable func day(request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireStaff(.admin, .dispatcher, .courier)
        let courier = try await visibleCourier(try context.publicIDParameter("id", "courier"), caller: caller, logger: context.logger)
        guard let date = LocalDate(iso: try context.parameters.require("date")) else {
            throw Problem.validation([FieldError(field: "date", .invalidDate)])
        }
        let day = try await cash.day(courierID: courier.id, date: date, logger: context.logger)
        return jsonResponse(.ok, Self.json(day))
    }

    @Sendable func reconcile(request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireStaff(.admin, .dispatcher)
        let (body, _) = try await request.decodeJSON(ReconcileBody.self, context: context)
        var errors: [FieldError] = []
        if body.courier == nil { errors.append(FieldError(field: "courier", .required)) }
        let date = body.date.flatMap(LocalDate.init(iso:))
        if body.date == nil { errors.append(FieldError(field: "date", .required)) } else if date == nil {
            errors.append(FieldError(field: "date", .invalidDate))
        }
        if let handedIn = body.handedIn, handedIn < 0 { errors.append(FieldError(field: "handed_in", .invalidAmount)) }
        if body.handedIn == nil { errors.append(FieldError(field: "handed_in", .required)) }
        if let note = body.note {
            if note.count > 2000 { errors.append(FieldError(field: "note", .tooLong, limit: "2000")) }
            if VietnameseText.containsControlCharacters(note, allowingLineBreaks: true) { errors.append(FieldError(field: "note", .invalidCharacters)) }
        }
        guard errors.isEmpty, let publicID = body.courier, let date, let handedIn = body.handedIn else { throw Problem.validation(errors) }
        let courier = try await visibleCourier(publicID, caller: caller, logger: context.logger)
        let day = try await cash.reconcile(courierID: courier.id, date: date, handedIn: Money(handedIn), note: body.note,
                                           by: caller.actorLabel, logger: context.logger)
        return jsonResponse(.created, Self.json(day))
    }

    /// The office a report is for: `?office=` or the caller's own; an office-less admin without `office` gets all.
    static func reportOffice(_ request: Request, caller: StaffUser, couriers: CourierRepository, logger: Logger,
                             allowAll: Bool) async throws -> Int64? {
        guard let code = try request.queryText("office") ?? caller.officeCode else {
            if allowAll { return nil }
            throw Problem.validation([FieldError(field: "office", .required)])
        }
        guard let officeID = try await couriers.officeID(code: code, logger: logger), caller.canAct(forOffice: officeID) else {
            throw Problem.notFound("office")
        }
        return officeID
    }

    static let agencyColumns = ["Mã cơ quan", "Tên cơ quan", "Số khoản thu", "Phí, lệ phí đã thu (đồng)", "Đã nộp cho cơ quan (đồng)",
                                "Còn phải nộp (đồng)"]

    @Sendable func agencyReport(request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireStaff(.admin, .dispatcher)
        let (from, to) = try ReportController.period(request)
        let office = try await Self.reportOffice(request, caller: caller, couriers: couriers, logger: context.logger, allowAll: true)
        let rows = try await cash.agencyReport(officeID: office, from: from, to: to, logger: context.logger)
        let totals = (collected: rows.reduce(Money.zero) { $0 + $1.collected }, paid: rows.reduce(Money.zero) { $0 + $1.paidOver },
                      entries: rows.reduce(0) { $0 + $1.entries })
        if ReportController.wantsCSV(request) {
            var lines = rows.map { row in
                [row.agencyCode, row.agencyName, String(row.entries), String(row.collected.dong), String(row.paidOver.dong),
                 String(row.outstanding.dong)]
            }
            lines.append(["", ReportController.totalsLabel, String(totals.entries), String(totals.collected.dong), String(totals.paid.dong),
                          String((totals.collected - totals.paid).dong)])
            return ReportController.csv(header: Self.agencyColumns, rows: lines, filename: "phi-le-phi_\(from)_\(to).csv")
        }
        return jsonResponse(.ok, [
            "from": .string(from.description), "to": .string(to.description), "currency": .string(Pricing.currency),
            "rows": .array(rows.map { row in
                .object(["agency_code": .string(row.agencyCode), "agency_name": .string(row.agencyName), "entries": .int(row.entries),
                         "collected": .int(Int(row.collected.dong)), "paid_over": .int(Int(row.paidOver.dong)),
                         "outstanding": .int(Int(row.outstanding.dong))])
            }),
            "totals": .object(["entries": .int(totals.entries), "collected": .int(Int(totals.collected.dong)),
                               "paid_over": .int(Int(totals.paid.dong)), "outstanding": .int(Int((totals.collected - totals.paid).dong))]),
        ])
    }

    static let courierColumns = ["Mã bưu tá", "Bưu tá", "Số khoản thu", "Cước thu (đồng)", "Phí, lệ phí thu hộ (đồng)",
                                 "Đã nộp cho cơ quan (đồng)", "Phải nộp bưu cục (đồng)", "Đã nộp bưu cục (đồng)", "Số ngày đã đối soát"]

    @Sendable func courierReport(request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireStaff(.admin, .dispatcher)
        let (from, to) = try ReportController.period(request)
        guard let office = try await Self.reportOffice(request, caller: caller, couriers: couriers, logger: context.logger, allowAll: false) else {
            throw Problem.validation([FieldError(field: "office", .required)])
        }
        let rows = try await cash.officeReport(officeID: office, from: from, to: to, logger: context.logger)
        if ReportController.wantsCSV(request) {
            let lines = rows.map { row in
                [row.courierPublicID, row.courierName, String(row.entries), String(row.postage.dong), String(row.governmentFees.dong),
                 String(row.paidOver.dong), String(row.expected.dong), String(row.handedIn.dong), String(row.reconciledDays)]
            }
            return ReportController.csv(header: Self.courierColumns, rows: lines, filename: "thu-tien-buu-ta_\(from)_\(to).csv")
        }
        return jsonResponse(.ok, [
            "from": .string(from.description), "to": .string(to.description), "currency": .string(Pricing.currency),
            "rows": .array(rows.map { row in
                .object(["courier": .string(row.courierPublicID), "courier_name": .string(row.courierName), "entries": .int(row.entries),
                         "postage": .int(Int(row.postage.dong)), "government_fees": .int(Int(row.governmentFees.dong)),
                         "paid_over": .int(Int(row.paidOver.dong)), "expected": .int(Int(row.expected.dong)),
                         "handed_in": .int(Int(row.handedIn.dong)), "reconciled_days": .int(row.reconciledDays)])
            }),
        ])
    }

    static func json(_ day: CashDay) -> [String: JSONValue] {
        [
            "courier": .object(["id": .string(day.courierPublicID), "name": .string(day.courierName)]),
            "date": .string(day.date.description),
            "currency": .string(Pricing.currency),
            "entries": .array(day.entries.map { entry in
                .object(["job_id": .string(entry.jobID), "dossier_code": entry.dossierCode.map(JSONValue.string) ?? .null,
                         "kind": .string(entry.kind.rawValue), "amount": .int(Int(entry.amount.dong)),
                         "receipt_number": .string(entry.receiptNumber), "agency_code": entry.agencyCode.map(JSONValue.string) ?? .null,
                         "collected_at": .string(VietnamTime.iso8601(entry.collectedAt)),
                         "handover_id": entry.handoverID.map(JSONValue.string) ?? .null])
            }),
            "collected": .object(["government_fee": .int(Int(day.total(.governmentFee).dong)), "postage": .int(Int(day.total(.postage).dong)),
                                  "total": .int(Int(day.collected.dong))]),
            "paid_over_to_agencies": .int(Int(day.paidOverToAgencies.dong)),
            "expected": .int(Int(day.expected.dong)),
            "reconciliation": day.reconciliation.map { r in
                .object(["id": .string(r.publicID), "expected": .int(Int(r.expected.dong)), "handed_in": .int(Int(r.handedIn.dong)),
                         "difference": .int(Int(r.difference.dong)), "note": r.note.map(JSONValue.string) ?? .null,
                         "reconciled_by": .string(r.reconciledBy), "reconciled_at": .string(VietnamTime.iso8601(r.reconciledAt))])
            } ?? .null,
        ]
    }
}

extension CashFailure: ProblemConvertible {
    public var problem: Problem {
        switch self {
        case let .validation(errors): return .validation(errors)
        case .notFound: return .notFound("courier")
        case let .alreadyReconciled(id):
            return Problem("already-reconciled", status: .conflict, vi: "Ngày này đã được đối soát", en: "Already reconciled",
                           detailVi: "Tiền của bưu tá trong ngày này đã được đối soát.",
                           detailEn: "This courier's cash for this day is already reconciled.",
                           extensions: ["reconciliation_id": id])
        }
    }
}
