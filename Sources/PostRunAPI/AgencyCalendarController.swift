import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PostRunCore
import PostRunStore

/// `/v1/agencies` (where dossiers go and results come from, with opening hours) and `/v1/calendar/days`
/// (public holidays and make-up working days). Staff read; admins write.
public struct AgencyCalendarController: Sendable {
    let repository: AgencyCalendarRepository

    public init(repository: AgencyCalendarRepository) { self.repository = repository }

    public func addRoutes(to v1: RouterGroup<AppRequestContext>) {
        v1.get("agencies", use: listAgencies)
        v1.get("agencies/:code", use: getAgency)
        v1.put("agencies/:code", use: putAgency)
        v1.get("calendar/days", use: listDays)
        v1.put("calendar/days/:day", use: putDay)
        v1.delete("calendar/days/:day", use: deleteDay)
    }

    struct AgencyBody: Decodable {
        var name: String
        var address: String?
        var communeCode: String?
        var lat: Double?
        var lon: Double?
        var openingHours: [[String]]?
        var workingDays: [Int]?

        enum CodingKeys: String, CodingKey {
            case name, address, lat, lon
            case communeCode = "commune_code"
            case openingHours = "opening_hours"
            case workingDays = "working_days"
        }
    }

    struct DayBody: Decodable {
        var kind: String
        var nameVi: String
        var nameEn: String?
        var confirmed: Bool?

        enum CodingKeys: String, CodingKey {
            case kind, confirmed
            case nameVi = "name_vi"
            case nameEn = "name_en"
        }
    }

    @Sendable func listAgencies(request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireStaff(.admin, .dispatcher, .courier)
        let agencies = try await repository.agencies(codes: nil, logger: context.logger)
        return jsonResponse(.ok, ["items": .array(agencies.map { .object(Self.json($0)) })])
    }

    @Sendable func getAgency(request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireStaff(.admin, .dispatcher, .courier)
        guard let agency = try await repository.agency(code: try context.parameters.require("code"), logger: context.logger) else {
            throw Problem.notFound("agency")
        }
        return jsonResponse(.ok, Self.json(agency))
    }

    @Sendable func putAgency(request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireStaff(.admin)
        let code = try context.parameters.require("code")
        let (body, _) = try await request.decodeJSON(AgencyBody.self, context: context)
        var errors: [FieldError] = []
        var windows: [ClosedRange<Int>] = AgencyRecord.defaultHours
        if let hours = body.openingHours {
            windows = []
            for pair in hours {
                guard pair.count == 2, let open = ClockTime.seconds(pair[0]), let close = ClockTime.seconds(pair[1]), open < close else {
                    errors.append(FieldError(field: "opening_hours", code: "invalid_hours", vi: "Mỗi khoảng giờ là [\"HH:MM\",\"HH:MM\"], giờ mở trước giờ đóng.",
                                             en: "Each window is [\"HH:MM\",\"HH:MM\"], opening before closing."))
                    break
                }
                windows.append(open...close)
            }
        }
        guard errors.isEmpty else { throw Problem.validation(errors) }
        let record = AgencyRecord(code: code, name: body.name, address: body.address ?? "", communeCode: body.communeCode,
                                  lat: body.lat, lon: body.lon, openingHours: windows, workingDays: Set(body.workingDays ?? [1, 2, 3, 4, 5]))
        do {
            let saved = try await repository.upsert(record, logger: context.logger)
            return jsonResponse(.ok, Self.json(saved))
        } catch let failure as ReferenceFailure {
            throw failure.problem
        }
    }

    @Sendable func listDays(request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireStaff(.admin, .dispatcher, .courier)
        let yearText = request.uri.queryParameters.get("year") ?? String(VietnamTime.localDate(of: Date()).year)
        guard let year = Int(yearText), (2000...2100).contains(year),
              let from = LocalDate(year: year, month: 1, day: 1), let to = LocalDate(year: year, month: 12, day: 31) else {
            throw Problem.validation([FieldError(field: "year", code: "out_of_range", vi: "Năm phải từ 2000 đến 2100.", en: "year must be 2000 to 2100.")])
        }
        let days = try await repository.calendarDays(from: from, to: to, logger: context.logger)
        return jsonResponse(.ok, ["items": .array(days.map { .object(Self.json($0)) })])
    }

    @Sendable func putDay(request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireStaff(.admin)
        let day = try Self.day(context)
        let (body, _) = try await request.decodeJSON(DayBody.self, context: context)
        guard let kind = CalendarDay.Kind(rawValue: body.kind) else {
            throw Problem.validation([FieldError(field: "kind", code: "invalid_kind", vi: "kind là holiday hoặc make_up_working_day.",
                                                 en: "kind is holiday or make_up_working_day.")])
        }
        let stored = CalendarDay(day: day, kind: kind, nameVi: body.nameVi, nameEn: body.nameEn ?? "", confirmed: body.confirmed ?? true)
        do {
            try await repository.putCalendarDay(stored, logger: context.logger)
        } catch let failure as ReferenceFailure {
            throw failure.problem
        }
        return jsonResponse(.ok, Self.json(stored))
    }

    @Sendable func deleteDay(request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireStaff(.admin)
        do {
            try await repository.deleteCalendarDay(try Self.day(context), logger: context.logger)
        } catch let failure as ReferenceFailure {
            throw failure.problem
        }
        return Response(status: .noContent)
    }

    static func day(_ context: AppRequestContext) throws -> LocalDate {
        guard let day = LocalDate(iso: try context.parameters.require("day")), (2000...2100).contains(day.year) else {
            throw Problem.validation([FieldError(field: "day", .invalidDate)])
        }
        return day
    }

    static func json(_ agency: AgencyRecord) -> [String: JSONValue] {
        [
            "code": .string(agency.code),
            "name": .string(agency.name),
            "address": .string(agency.address),
            "commune_code": agency.communeCode.map(JSONValue.string) ?? .null,
            "lat": agency.lat.map(JSONValue.double) ?? .null,
            "lon": agency.lon.map(JSONValue.double) ?? .null,
            "opening_hours": .array(agency.openingHours.map { .array([.string(ClockTime.text($0.lowerBound)), .string(ClockTime.text($0.upperBound))]) }),
            "working_days": .array(agency.workingDays.sorted().map { .int($0) }),
        ]
    }

    static func json(_ day: CalendarDay) -> [String: JSONValue] {
        ["day": .string(day.day.description), "kind": .string(day.kind.rawValue), "name_vi": .string(day.nameVi),
         "name_en": .string(day.nameEn), "confirmed": .bool(day.confirmed)]
    }
}

extension ReferenceFailure: ProblemConvertible {
    public var problem: Problem {
        switch self {
        case let .validation(errors): return .validation(errors)
        case .notFound: return .notFound()
        }
    }
}
