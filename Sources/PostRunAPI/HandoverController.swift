import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PostRunCore
import PostRunStore

/// `/v1/handovers`: handover records (biên bản giao nhận) between a courier and an agency. Couriers act on their own;
/// dispatchers and admins on their office's. A draft lists the courier's jobs ready for the agency; confirming it
/// (with the receiving officer's name) moves the jobs on and records the legal submission time.
public struct HandoverController: Sendable {
    let handovers: HandoverService
    let couriers: CourierRepository

    public init(handovers: HandoverService, couriers: CourierRepository) {
        self.handovers = handovers
        self.couriers = couriers
    }

    public func addRoutes(to v1: RouterGroup<AppRequestContext>) {
        v1.post("handovers", use: create)
        v1.get("handovers", use: list)
        v1.get("handovers/:id", use: get)
        v1.delete("handovers/:id", use: delete)
        v1.post("handovers/:id/confirm", use: confirm)
    }

    struct CreateBody: Decodable {
        var direction: String?
        var agencyCode: String?
        var courier: String?

        enum CodingKeys: String, CodingKey {
            case direction, courier
            case agencyCode = "agency_code"
        }
    }

    struct ConfirmBody: Decodable {
        var version: Int?
        var receivingOfficer: String?
        var items: [Item]?

        struct Item: Decodable {
            var jobID: String
            var appointmentDate: String?
            enum CodingKeys: String, CodingKey {
                case jobID = "job_id"
                case appointmentDate = "appointment_date"
            }
        }

        enum CodingKeys: String, CodingKey {
            case version, items
            case receivingOfficer = "receiving_officer"
        }
    }

    /// What the caller may see: a courier their own records, others their office's (an office-less admin: all).
    static func scope(of caller: StaffUser) throws -> HandoverScope {
        if caller.role == .courier {
            guard let courierID = caller.courierID else { throw Problem.forbiddenRole([.dispatcher, .admin]) }
            return HandoverScope(officeID: caller.officeID, courierID: courierID)
        }
        return HandoverScope(officeID: caller.officeID, courierID: nil)
    }

    @Sendable func create(request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireStaff(.admin, .dispatcher, .courier)
        let scope = try Self.scope(of: caller)
        let (body, _) = try await request.decodeJSON(CreateBody.self, context: context)
        var errors: [FieldError] = []
        let direction = body.direction.flatMap(HandoverDirection.init(rawValue:))
        if body.direction == nil { errors.append(FieldError(field: "direction", .required)) } else if direction == nil {
            errors.append(FieldError(field: "direction", code: "invalid_direction",
                                     vi: "Chiều giao nhận phải là submit_dossiers, collect_results hoặc return_results.",
                                     en: "direction must be submit_dossiers, collect_results or return_results."))
        }
        let agencyCode = body.agencyCode.map(VietnameseText.normalizedLine) ?? ""
        if agencyCode.isEmpty { errors.append(FieldError(field: "agency_code", .required)) } else if agencyCode.count > 64
            || VietnameseText.containsControlCharacters(agencyCode) {
            errors.append(FieldError(field: "agency_code", .invalidAgencyCode))
        }
        if caller.role != .courier, body.courier == nil { errors.append(FieldError(field: "courier", .required)) }
        guard errors.isEmpty, let direction else { throw Problem.validation(errors) }

        let courierID: Int64
        if let publicID = body.courier {
            guard !VietnameseText.containsControlCharacters(publicID) else { throw Problem.notFound("courier") }
            let record = try await couriers.courier(publicID: publicID, logger: context.logger)
            guard scope.courierID == nil || scope.courierID == record.id else { throw Problem.notFound("courier") }
            courierID = record.id
        } else {
            courierID = scope.courierID!
        }
        let record = try await handovers.createDraft(courierID: courierID, agencyCode: agencyCode, direction: direction, scope: scope,
                                                     logger: context.logger)
        return jsonResponse(.created, Self.json(record), headers: [.location: "/v1/handovers/\(record.publicID)", .eTag: "\"\(record.version)\""])
    }

    @Sendable func list(request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireStaff(.admin, .dispatcher, .courier)
        var errors: [FieldError] = []
        var date: LocalDate?
        if let text = try request.queryText("date") {
            date = LocalDate(iso: text)
            if date == nil { errors.append(FieldError(field: "date", .invalidDate)) }
        }
        let status = try request.queryText("status")
        if let status, status != "draft", status != "confirmed" {
            errors.append(FieldError(field: "status", code: "invalid_status", vi: "Trạng thái phải là draft hoặc confirmed.",
                                     en: "status must be draft or confirmed."))
        }
        guard errors.isEmpty else { throw Problem.validation(errors) }
        let records = try await handovers.list(scope: try Self.scope(of: caller), date: date, status: status, logger: context.logger)
        return jsonResponse(.ok, ["items": .array(records.map { .object(Self.json($0)) })])
    }

    @Sendable func get(request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireStaff(.admin, .dispatcher, .courier)
        let id = try context.publicIDParameter("id", "handover")
        let record = try await handovers.handover(id, scope: try Self.scope(of: caller), logger: context.logger)
        let accept = request.headers[.accept]?.lowercased() ?? ""
        if request.uri.queryParameters.get("format") == "html" || (accept.contains("text/html") && !accept.contains("json")) {
            let page = HandoverPage.render(record, now: Date())
            return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .eTag: "\"\(record.version)\""],
                            body: .init(byteBuffer: ByteBuffer(string: page)))
        }
        return jsonResponse(.ok, Self.json(record), headers: [.eTag: "\"\(record.version)\""])
    }

    @Sendable func delete(request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireStaff(.admin, .dispatcher, .courier)
        let id = try context.publicIDParameter("id", "handover")
        try await handovers.deleteDraft(id, scope: try Self.scope(of: caller), logger: context.logger)
        return Response(status: .noContent)
    }

    @Sendable func confirm(request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireStaff(.admin, .dispatcher, .courier)
        let id = try context.publicIDParameter("id", "handover")
        let (body, _) = try await request.decodeJSON(ConfirmBody.self, context: context)
        var errors: [FieldError] = []
        if body.version == nil { errors.append(FieldError(field: "version", .required)) }
        let officer = body.receivingOfficer.map(VietnameseText.normalizedLine) ?? ""
        if officer.isEmpty {
            errors.append(FieldError(field: "receiving_officer", .required))
        } else if officer.count > 200 {
            errors.append(FieldError(field: "receiving_officer", .tooLong, limit: "200"))
        } else if VietnameseText.containsControlCharacters(officer) {
            errors.append(FieldError(field: "receiving_officer", .invalidCharacters))
        }
        var dates: [String: LocalDate] = [:]
        for (index, item) in (body.items ?? []).enumerated() {
            guard let text = item.appointmentDate else { continue }
            guard let date = LocalDate(iso: text) else {
                errors.append(FieldError(field: "items.\(index).appointment_date", .invalidDate))
                continue
            }
            dates[item.jobID] = date
        }
        guard errors.isEmpty, let version = body.version else { throw Problem.validation(errors) }
        let actor = JobActor(label: caller.actorLabel, clientID: nil, provinceCode: nil)
        let record = try await handovers.confirm(id, scope: try Self.scope(of: caller), expectedVersion: version,
                                                 receivingOfficer: officer, appointmentDates: dates, by: actor, logger: context.logger)
        return jsonResponse(.ok, Self.json(record), headers: [.eTag: "\"\(record.version)\""])
    }

    static func json(_ record: HandoverRecord) -> [String: JSONValue] {
        [
            "id": .string(record.publicID),
            "direction": .string(record.direction.rawValue),
            "status": .string(record.confirmed ? "confirmed" : "draft"),
            "version": .int(record.version),
            "office": .object(["code": .string(record.officeCode), "name": .string(record.officeName)]),
            "agency": .object(["code": .string(record.agencyCode), "name": .string(record.agencyName)]),
            "courier": .object(["id": .string(record.courierPublicID), "name": .string(record.courierName)]),
            "receiving_officer": record.receivingOfficer.map(JSONValue.string) ?? .null,
            "created_at": .string(VietnamTime.iso8601(record.createdAt)),
            "confirmed_at": record.confirmedAt.map { .string(VietnamTime.iso8601($0)) } ?? .null,
            "confirmed_by": record.confirmedBy.map(JSONValue.string) ?? .null,
            "fees_paid_over": .int(Int(record.feesPaidOver.dong)),
            "items": .array(record.items.map {
                .object([
                    "job_id": .string($0.jobID),
                    "dossier_code": $0.dossierCode.map(JSONValue.string) ?? .null,
                    "slip_number": $0.slipNumber.map(JSONValue.string) ?? .null,
                    "fee_amount": .int(Int($0.feeAmount.dong)),
                    "appointment_date": $0.appointmentDate.map { .string($0.description) } ?? .null,
                ])
            }),
        ]
    }
}

extension HandoverFailure: ProblemConvertible {
    public var problem: Problem {
        switch self {
        case let .validation(errors): return .validation(errors)
        case .notFound: return .notFound("handover")
        case .nothingToHandOver:
            return .validation([FieldError(field: "agency_code", code: "nothing_to_hand_over",
                                           vi: "Bưu tá không có hồ sơ/kết quả nào sẵn sàng giao nhận với cơ quan này.",
                                           en: "The courier has nothing ready to hand over with this agency.")])
        case let .staleVersion(current):
            return Problem("version-conflict", status: .conflict, vi: "Phiên bản đã cũ", en: "Version conflict",
                           detailVi: "Biên bản đã được thay đổi; phiên bản hiện tại là \(current).",
                           detailEn: "The record has changed; its current version is \(current).",
                           extensions: ["current_version": String(current)])
        case .alreadyConfirmed:
            return Problem("handover-confirmed", status: .conflict, vi: "Biên bản đã được xác nhận", en: "Handover already confirmed",
                           detailVi: "Biên bản đã ký xác nhận; không thể xác nhận lại hay xoá.",
                           detailEn: "The record is confirmed; it cannot be confirmed again or deleted.")
        }
    }
}

extension AppRequestContext {
    /// A public id from the path; 404 when it holds control characters (PostgreSQL refuses a NUL in text).
    func publicIDParameter(_ name: String, _ what: String) throws -> String {
        let value = try parameters.require(name)
        guard !VietnameseText.containsControlCharacters(value) else { throw Problem.notFound(what) }
        return value
    }
}
