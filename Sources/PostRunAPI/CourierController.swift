import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PostRunCore
import PostRunStore

/// `/v1/couriers`: an office's couriers, their working profile and leave. Admins and the office's dispatchers
/// edit; a courier reads their own record.
public struct CourierController: Sendable {
    let couriers: CourierRepository

    public init(couriers: CourierRepository) { self.couriers = couriers }

    public func addRoutes(to v1: RouterGroup<AppRequestContext>) {
        v1.post("couriers", use: create)
        v1.get("couriers", use: list)
        v1.get("couriers/:id", use: get)
        v1.patch("couriers/:id", use: update)
        v1.post("couriers/:id/leave", use: addLeave)
        v1.delete("couriers/:id/leave/:leave", use: removeLeave)
    }

    /// Every profile field, optional: absent keeps the stored (or default) value.
    struct ProfileBody: Decodable {
        var office: String?
        var username: String?
        var name: String?
        var phone: String?
        var vehicle: Vehicle?
        var capacityDossiers: Int?
        var capacityGrams: Int?
        var shiftStart: String?
        var shiftEnd: String?
        var workingDays: [Int]?
        var skills: [String]?
        var active: Bool?

        enum CodingKeys: String, CodingKey {
            case office, username, name, phone, vehicle, skills, active
            case capacityDossiers = "capacity_dossiers"
            case capacityGrams = "capacity_grams"
            case shiftStart = "shift_start"
            case shiftEnd = "shift_end"
            case workingDays = "working_days"
        }

        /// `base` with this body's fields applied; errors for unreadable times.
        func applied(to base: CourierProfile) -> (CourierProfile, [FieldError]) {
            var profile = base
            var errors: [FieldError] = []
            if let name { profile.name = name }
            if let phone { profile.phone = phone }
            if let vehicle { profile.vehicle = vehicle }
            if let capacityDossiers { profile.capacityDossiers = capacityDossiers }
            if let capacityGrams { profile.capacityGrams = capacityGrams }
            for (key, text) in [("shift_start", shiftStart), ("shift_end", shiftEnd)] {
                guard let text else { continue }
                guard let seconds = ClockTime.seconds(text) else {
                    errors.append(FieldError(field: key, code: "invalid_time", vi: "Giờ phải có dạng HH:MM.", en: "Time must be HH:MM."))
                    continue
                }
                if key == "shift_start" { profile.shiftStart = seconds } else { profile.shiftEnd = seconds }
            }
            if let workingDays { profile.workingDays = Set(workingDays) }
            if let skills { profile.skills = Set(skills) }
            errors += profile.validate()
            return (profile, errors)
        }
    }

    struct LeaveBody: Decodable {
        var firstDay: String
        var lastDay: String
        var note: String?

        enum CodingKeys: String, CodingKey {
            case note
            case firstDay = "first_day"
            case lastDay = "last_day"
        }
    }

    @Sendable func create(request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireStaff(.admin, .dispatcher)
        let (body, _) = try await request.decodeJSON(ProfileBody.self, context: context)
        guard let officeCode = body.office ?? caller.officeCode else {
            throw Problem.validation([FieldError(field: "office", .required)])
        }
        guard let officeID = try await couriers.officeID(code: officeCode, logger: context.logger), caller.canAct(forOffice: officeID) else {
            throw Problem.validation([FieldError(field: "office", code: "unknown_office", vi: "Không có bưu cục với mã này.",
                                                 en: "No post office has this code.")])
        }
        guard body.name != nil else { throw Problem.validation([FieldError(field: "name", .required)]) }
        let (profile, errors) = body.applied(to: CourierProfile(name: ""))
        guard errors.isEmpty else { throw Problem.validation(errors) }
        let record = try await run { try await couriers.create(officeID: officeID, profile: profile, username: body.username, logger: context.logger) }
        return jsonResponse(.created, Self.json(record), headers: [.location: "/v1/couriers/\(record.publicID)", .eTag: "\"\(record.version)\""])
    }

    @Sendable func list(request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireStaff(.admin, .dispatcher)
        let code = try request.queryText("office") ?? caller.officeCode
        guard let code, let officeID = try await couriers.officeID(code: code, logger: context.logger), caller.canAct(forOffice: officeID) else {
            throw Problem.validation([FieldError(field: "office", code: "unknown_office", vi: "Không có bưu cục với mã này.",
                                                 en: "No post office has this code.")])
        }
        let includeInactive = request.uri.queryParameters.get("include_inactive") == "true"
        let records = try await couriers.list(officeID: officeID, includeInactive: includeInactive, logger: context.logger)
        return jsonResponse(.ok, ["items": .array(records.map { .object(Self.json($0)) })])
    }

    @Sendable func get(request: Request, context: AppRequestContext) async throws -> Response {
        let record = try await visibleRecord(context, roles: [.admin, .dispatcher, .courier])
        return jsonResponse(.ok, Self.json(record), headers: [.eTag: "\"\(record.version)\""])
    }

    @Sendable func update(request: Request, context: AppRequestContext) async throws -> Response {
        let record = try await visibleRecord(context, roles: [.admin, .dispatcher])
        let version = try request.ifMatchVersion(required: true) ?? record.version
        let (body, _) = try await request.decodeJSON(ProfileBody.self, context: context)
        if body.office != nil || body.username != nil {
            throw Problem.validation([FieldError(field: body.office != nil ? "office" : "username", code: "read_only",
                                                 vi: "Không đổi được trường này; tạo bưu tá mới thay vào.",
                                                 en: "This field cannot be changed; create a new courier instead.")])
        }
        let (profile, errors) = body.applied(to: record.profile)
        guard errors.isEmpty else { throw Problem.validation(errors) }
        let updated = try await run {
            try await couriers.update(publicID: record.publicID, profile: profile, active: body.active ?? record.active,
                                      expectedVersion: version, logger: context.logger)
        }
        return jsonResponse(.ok, Self.json(updated), headers: [.eTag: "\"\(updated.version)\""])
    }

    @Sendable func addLeave(request: Request, context: AppRequestContext) async throws -> Response {
        let record = try await visibleRecord(context, roles: [.admin, .dispatcher])
        let (body, _) = try await request.decodeJSON(LeaveBody.self, context: context)
        var errors: [FieldError] = []
        let first = LocalDate(iso: body.firstDay), last = LocalDate(iso: body.lastDay)
        if first == nil { errors.append(FieldError(field: "first_day", .invalidDate)) }
        if last == nil { errors.append(FieldError(field: "last_day", .invalidDate)) }
        guard errors.isEmpty, let first, let last else { throw Problem.validation(errors) }
        let updated = try await run {
            try await couriers.addLeave(publicID: record.publicID, firstDay: first, lastDay: last, note: body.note ?? "", logger: context.logger)
        }
        return jsonResponse(.created, Self.json(updated), headers: [.eTag: "\"\(updated.version)\""])
    }

    @Sendable func removeLeave(request: Request, context: AppRequestContext) async throws -> Response {
        let record = try await visibleRecord(context, roles: [.admin, .dispatcher])
        guard let leaveID = Int64(try context.parameters.require("leave")) else { throw Problem.notFound("leave") }
        let updated = try await run { try await couriers.removeLeave(publicID: record.publicID, leaveID: leaveID, logger: context.logger) }
        return jsonResponse(.ok, Self.json(updated), headers: [.eTag: "\"\(updated.version)\""])
    }

    /// The courier named in the path, if the caller may see it: their office's staff, or the courier themselves.
    func visibleRecord(_ context: AppRequestContext, roles: Set<StaffRole>) async throws -> CourierRecord {
        guard case let .staff(caller)? = context.principal else { throw Problem.unauthorized }
        guard caller.role == .admin || roles.contains(caller.role) else { throw Problem.forbiddenRole(Array(roles)) }
        let id = try context.parameters.require("id")
        let record = try await run { try await couriers.courier(publicID: id, logger: context.logger) }
        let allowed = caller.role == .courier ? caller.courierID == record.id : caller.canAct(forOffice: record.officeID)
        guard allowed else { throw Problem.notFound("courier") }
        return record
    }

    func run<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let failure as CourierFailure { throw failure.problem }
    }

    static func json(_ record: CourierRecord) -> [String: JSONValue] {
        let profile = record.profile
        return [
            "id": .string(record.publicID),
            "office": .string(record.officeCode),
            "username": record.username.map(JSONValue.string) ?? .null,
            "name": .string(profile.name),
            "phone": profile.phone.map(JSONValue.string) ?? .null,
            "vehicle": .string(profile.vehicle.rawValue),
            "capacity_dossiers": .int(profile.capacityDossiers),
            "capacity_grams": .int(profile.capacityGrams),
            "shift_start": .string(ClockTime.text(profile.shiftStart)),
            "shift_end": .string(ClockTime.text(profile.shiftEnd)),
            "working_days": .array(profile.workingDays.sorted().map { .int($0) }),
            "skills": .array(profile.skills.sorted().map(JSONValue.string)),
            "active": .bool(record.active),
            "version": .int(record.version),
            "leave": .array(record.leave.map {
                .object(["id": .int(Int($0.id)), "first_day": .string($0.firstDay.description),
                         "last_day": .string($0.lastDay.description), "note": .string($0.note)])
            }),
        ]
    }
}

extension CourierFailure: ProblemConvertible {
    public var problem: Problem {
        switch self {
        case let .validation(errors): return .validation(errors)
        case .notFound: return .notFound("courier")
        case let .staleVersion(current): return JobFailure.staleVersion(current: current).problem
        }
    }
}
