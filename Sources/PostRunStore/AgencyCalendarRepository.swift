import Foundation
import Logging
import PostgresNIO
import PostRunCore

/// An agency (cơ quan) where dossiers are handed over and results collected, with its opening hours.
public struct AgencyRecord: Sendable, Equatable {
    public var code: String
    public var name: String
    public var address: String
    public var communeCode: String?
    public var lat: Double?
    public var lon: Double?
    /// Local-time windows, seconds since midnight, in order, not overlapping.
    public var openingHours: [ClosedRange<Int>]
    public var workingDays: Set<Int>

    public init(code: String, name: String, address: String = "", communeCode: String? = nil, lat: Double? = nil, lon: Double? = nil,
                openingHours: [ClosedRange<Int>] = AgencyRecord.defaultHours, workingDays: Set<Int> = [1, 2, 3, 4, 5]) {
        self.code = code
        self.name = name
        self.address = address
        self.communeCode = communeCode
        self.lat = lat
        self.lon = lon
        self.openingHours = openingHours
        self.workingDays = workingDays
    }

    /// 07:30–11:30 and 13:30–17:00, the usual hours of a public administration centre.
    public static let defaultHours: [ClosedRange<Int>] = [27_000...41_400, 48_600...61_200]

    /// The field errors of this record; normalises text as a side effect.
    public mutating func validate() -> [FieldError] {
        var errors: [FieldError] = []
        name = VietnameseText.normalizedLine(name)
        address = VietnameseText.normalizedLine(address)
        if code.range(of: "^[A-Za-z0-9][A-Za-z0-9.\\-]{0,39}$", options: .regularExpression) == nil {
            errors.append(FieldError(field: "code", .invalidAgencyCode))
        }
        if name.isEmpty || name.count > 300 { errors.append(FieldError(field: "name", .required)) }
        if (lat == nil) != (lon == nil) { errors.append(FieldError(field: "lat", .coordinatesIncomplete)) }
        if let lat, let lon, !((-90...90).contains(lat) && (-180...180).contains(lon)) {
            errors.append(FieldError(field: "lat", .coordinatesOutOfRange))
        }
        let ordered = zip(openingHours, openingHours.dropFirst()).allSatisfy { $0.upperBound < $1.lowerBound }
        if openingHours.isEmpty || !ordered || openingHours.contains(where: { $0.lowerBound == $0.upperBound || $0.upperBound > 86_400 }) {
            errors.append(FieldError(field: "opening_hours", code: "invalid_hours",
                                     vi: "Giờ mở cửa là các khoảng [\"HH:MM\",\"HH:MM\"] tăng dần, không chồng nhau.",
                                     en: "Opening hours are increasing, non-overlapping [\"HH:MM\",\"HH:MM\"] windows."))
        }
        if workingDays.isEmpty || !workingDays.allSatisfy({ (1...7).contains($0) }) {
            errors.append(FieldError(field: "working_days", code: "invalid", vi: "Ngày làm việc là các số từ 1 (thứ Hai) đến 7 (Chủ nhật).",
                                     en: "Working days are numbers from 1 (Monday) to 7 (Sunday)."))
        }
        return errors
    }
}

/// A public holiday or make-up working day as stored in `calendar_days`.
public struct CalendarDay: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable { case holiday, makeUpWorkingDay = "make_up_working_day" }
    public var day: LocalDate
    public var kind: Kind
    public var nameVi: String
    public var nameEn: String
    public var confirmed: Bool

    public init(day: LocalDate, kind: Kind, nameVi: String, nameEn: String, confirmed: Bool) {
        self.day = day
        self.kind = kind
        self.nameVi = nameVi
        self.nameEn = nameEn
        self.confirmed = confirmed
    }
}

public enum ReferenceFailure: Error, Sendable, Equatable {
    case validation([FieldError])
    case notFound
}

/// Agencies' places and hours, and the public-holiday calendar: data the post office keeps up to date.
public struct AgencyCalendarRepository: Sendable {
    let database: Database
    public init(database: Database) { self.database = database }

    public func upsert(_ agency: AgencyRecord, logger: Logger) async throws -> AgencyRecord {
        var agency = agency
        let errors = agency.validate()
        guard errors.isEmpty else { throw ReferenceFailure.validation(errors) }
        let hours = String(decoding: try JSONEncoder().encode(agency.openingHours.map { [ClockTime.text($0.lowerBound), ClockTime.text($0.upperBound)] }),
                           as: UTF8.self)
        try await database.query("""
            INSERT INTO agencies (code, name, address, commune_code, lat, lon, opening_hours, working_days)
            VALUES (\(agency.code), \(agency.name), \(agency.address), \(agency.communeCode), \(agency.lat), \(agency.lon),
                    \(hours)::jsonb, \(agency.workingDays.sorted()))
            ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, address = EXCLUDED.address, commune_code = EXCLUDED.commune_code,
                lat = EXCLUDED.lat, lon = EXCLUDED.lon, opening_hours = EXCLUDED.opening_hours, working_days = EXCLUDED.working_days,
                updated_at = now()
            """, logger: logger)
        return agency
    }

    public func agency(code: String, logger: Logger) async throws -> AgencyRecord? {
        try await agencies(codes: [code], logger: logger).first
    }

    /// Agencies by code (all when `codes` is nil), ordered by code.
    public func agencies(codes: [String]?, logger: Logger) async throws -> [AgencyRecord] {
        let rows = try await database.query("""
            SELECT code, name, address, commune_code, lat, lon, opening_hours::text, working_days FROM agencies
            WHERE \(codes)::text[] IS NULL OR code = ANY (\(codes)) ORDER BY code
            """, logger: logger)
        var result: [AgencyRecord] = []
        for try await (code, name, address, commune, lat, lon, hours, days) in
            rows.decode((String, String, String, String?, Double?, Double?, String, [Int16]).self) {
            let windows = ((try? JSONDecoder().decode([[String]].self, from: Data(hours.utf8))) ?? []).compactMap { pair -> ClosedRange<Int>? in
                guard pair.count == 2, let open = ClockTime.seconds(pair[0]), let close = ClockTime.seconds(pair[1]), open < close else { return nil }
                return open...close
            }
            result.append(AgencyRecord(code: code, name: name, address: address, communeCode: commune, lat: lat, lon: lon,
                                       openingHours: windows, workingDays: Set(days.map(Int.init))))
        }
        return result
    }

    /// Stored days between `from` and `to` inclusive.
    public func calendarDays(from: LocalDate, to: LocalDate, logger: Logger) async throws -> [CalendarDay] {
        try await database.withConnection { try await Self.calendarDays(from: from, to: to, on: $0, logger: logger) }
    }

    /// Stored days between `from` and `to` inclusive (every stored day when both are nil), in date order.
    public static func calendarDays(from: LocalDate?, to: LocalDate?, on connection: PostgresConnection,
                                    logger: Logger) async throws -> [CalendarDay] {
        let rows = try await connection.query("""
            SELECT day::text, kind, name_vi, name_en, confirmed FROM calendar_days
            WHERE (\(from?.description)::date IS NULL OR day >= \(from?.description)::date)
              AND (\(to?.description)::date IS NULL OR day <= \(to?.description)::date)
            ORDER BY day
            """, logger: logger)
        var days: [CalendarDay] = []
        for try await (day, kind, nameVi, nameEn, confirmed) in rows.decode((String, String, String, String, Bool).self) {
            guard let date = LocalDate(iso: day), let kind = CalendarDay.Kind(rawValue: kind) else { continue }
            days.append(CalendarDay(day: date, kind: kind, nameVi: nameVi, nameEn: nameEn, confirmed: confirmed))
        }
        return days
    }

    /// Stored days as the holiday list a ``WorkingCalendar`` takes: the one reading of `calendar_days` for the planner,
    /// the attempt rules and the SLA watch.
    public static func holidayList(_ days: [CalendarDay]) -> HolidayList {
        HolidayList(
            holidays: days.filter { $0.kind == .holiday }.map {
                PublicHoliday(date: $0.day, nameVi: $0.nameVi, nameEn: $0.nameEn, kind: .fixed, confirmed: $0.confirmed)
            },
            makeUpWorkingDays: days.filter { $0.kind == .makeUpWorkingDay }.map { MakeUpWorkingDay(date: $0.day, note: $0.nameVi) })
    }

    public func putCalendarDay(_ day: CalendarDay, logger: Logger) async throws {
        let nameVi = VietnameseText.normalizedLine(day.nameVi)
        guard !nameVi.isEmpty, nameVi.count <= 200 else {
            throw ReferenceFailure.validation([FieldError(field: "name_vi", .required)])
        }
        try await database.query("""
            INSERT INTO calendar_days (day, kind, name_vi, name_en, confirmed)
            VALUES (\(day.day.description)::date, \(day.kind.rawValue), \(nameVi), \(VietnameseText.normalizedLine(day.nameEn)), \(day.confirmed))
            ON CONFLICT (day) DO UPDATE SET kind = EXCLUDED.kind, name_vi = EXCLUDED.name_vi, name_en = EXCLUDED.name_en,
                confirmed = EXCLUDED.confirmed
            """, logger: logger)
    }

    public func deleteCalendarDay(_ day: LocalDate, logger: Logger) async throws {
        let rows = try await database.query("DELETE FROM calendar_days WHERE day = \(day.description)::date RETURNING 1", logger: logger)
        guard try await rows.collect().isEmpty == false else { throw ReferenceFailure.notFound }
    }

    /// Fills an empty `calendar_days` with the built-in list (``HolidayList/vietnam``) and returns how many days were
    /// added. Only when empty: a day an admin removed (say an unconfirmed Tết date) must not come back at the next start.
    /// Called at start-up and before planning, so the table is the one source the planner, attempts and SLA watch read.
    @discardableResult
    public func seedBuiltInHolidays(logger: Logger) async throws -> Int {
        let list = HolidayList.vietnam
        let days = list.holidays.map(\.date.description) + list.makeUpWorkingDays.map(\.date.description)
        let kinds = list.holidays.map { _ in CalendarDay.Kind.holiday.rawValue } + list.makeUpWorkingDays.map { _ in CalendarDay.Kind.makeUpWorkingDay.rawValue }
        let namesVi = list.holidays.map(\.nameVi) + list.makeUpWorkingDays.map { $0.note.isEmpty ? "Ngày làm bù" : $0.note }
        let namesEn = list.holidays.map(\.nameEn) + list.makeUpWorkingDays.map { _ in "Make-up working day" }
        let confirmed = list.holidays.map(\.confirmed) + list.makeUpWorkingDays.map { _ in true }
        let rows = try await database.query("""
            INSERT INTO calendar_days (day, kind, name_vi, name_en, confirmed)
            SELECT d::date, k, nv, ne, c FROM unnest(\(days)::text[], \(kinds)::text[], \(namesVi)::text[], \(namesEn)::text[], \(confirmed)::boolean[])
                AS t(d, k, nv, ne, c)
            WHERE NOT EXISTS (SELECT 1 FROM calendar_days)
            ON CONFLICT (day) DO NOTHING RETURNING 1
            """, logger: logger)
        return try await rows.collect().count
    }

    /// The working calendar for `weekdays` with the stored holidays and make-up days.
    public func workingCalendar(weekdays: Set<Int> = [1, 2, 3, 4, 5], from: LocalDate, to: LocalDate, logger: Logger) async throws -> WorkingCalendar {
        let holidays = Self.holidayList(try await calendarDays(from: from, to: to, logger: logger))
        return WorkingCalendar(workingWeekdays: weekdays.isEmpty ? [1, 2, 3, 4, 5] : weekdays, holidays: holidays)
    }
}
