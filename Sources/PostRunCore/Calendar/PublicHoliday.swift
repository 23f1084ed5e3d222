import Foundation

/// A day off for public offices (ngày nghỉ lễ, Tết) — one entry per day off. Holidays that fall on a weekend are
/// listed too (so an office open on Saturday mornings closes on them), with their weekday replacement.
public struct PublicHoliday: Sendable, Hashable, Codable {
    /// Why the day is off.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A fixed solar-calendar holiday: 1/1, 30/4, 1/5, 2/9.
        case fixed
        /// A lunar holiday converted to its Gregorian date for that year: Tết, Giỗ Tổ Hùng Vương (10/3 âm lịch).
        case lunar
        /// The day adjacent to 2/9 (Labour Code 2019, from 2021).
        case adjacent
        /// Nghỉ bù: a holiday fell on a weekend, this working day is given instead.
        case compensatory
        /// Hoán đổi: a working day swapped off, worked back on a ``MakeUpWorkingDay``.
        case swapped
    }

    public var date: LocalDate
    public var nameVi: String
    public var nameEn: String
    public var kind: Kind
    /// False for dates not yet announced by the government, entered from the law's rules and the lunar
    /// calendar: an admin should check them against the Prime Minister's notice for that year.
    public var confirmed: Bool

    public init(date: LocalDate, nameVi: String, nameEn: String, kind: Kind, confirmed: Bool = true) {
        self.date = date
        self.nameVi = nameVi
        self.nameEn = nameEn
        self.kind = kind
        self.confirmed = confirmed
    }

    enum CodingKeys: String, CodingKey {
        case date
        case nameVi = "name_vi"
        case nameEn = "name_en"
        case kind, confirmed
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        date = try c.decode(LocalDate.self, forKey: .date)
        nameVi = try c.decode(String.self, forKey: .nameVi)
        nameEn = try c.decode(String.self, forKey: .nameEn)
        kind = try c.decode(Kind.self, forKey: .kind)
        confirmed = try c.decodeIfPresent(Bool.self, forKey: .confirmed) ?? true
    }
}

/// Ngày làm bù: a weekend day worked to make up for a ``PublicHoliday/Kind/swapped`` day.
public struct MakeUpWorkingDay: Sendable, Hashable, Codable {
    public var date: LocalDate
    public var note: String

    public init(date: LocalDate, note: String) {
        self.date = date
        self.note = note
    }
}

/// Public holidays and make-up days as data: edit it (or load another list) rather than code.
public struct HolidayList: Sendable, Hashable, Codable {
    public var holidays: [PublicHoliday]
    public var makeUpWorkingDays: [MakeUpWorkingDay]

    public init(holidays: [PublicHoliday] = [], makeUpWorkingDays: [MakeUpWorkingDay] = []) {
        self.holidays = holidays
        self.makeUpWorkingDays = makeUpWorkingDays
    }

    /// The years with at least one entry: a calendar asked about another year knows only the weekends.
    public var coveredYears: Set<Int> { Set(holidays.map(\.date.year)) }

    /// The list with `other`'s entries added (an office's local additions, for instance).
    public func merged(with other: HolidayList) -> HolidayList {
        HolidayList(holidays: holidays + other.holidays, makeUpWorkingDays: makeUpWorkingDays + other.makeUpWorkingDays)
    }

    enum CodingKeys: String, CodingKey {
        case holidays
        case makeUpWorkingDays = "make_up_working_days"
    }

    /// Decodes the JSON form (`{"holidays": [...], "make_up_working_days": [...]}`).
    public static func decode(json: String) throws -> HolidayList {
        try JSONDecoder().decode(HolidayList.self, from: Data(json.utf8))
    }

    /// Vietnam's public-sector holidays for 2020 and 2024–2027 (see ``VietnamHolidays``).
    public static let vietnam: HolidayList = {
        do { return try decode(json: VietnamHolidays.json) } catch { fatalError("bundled holiday data is invalid: \(error)") }
    }()
}

/// The bundled holiday data for public offices (cán bộ, công chức), Labour Code 2019 art. 112: 1/1, Tết (5 days),
/// 10/3 lunar, 30/4, 1/5, 2/9 + one adjacent day (from 2021; 2020 had 2/9 only).
///
/// Lunar dates are given as Gregorian dates per year. 2020, 2024 and 2025 follow the published schedules,
/// including swaps. 2026: Tết 16–20/2 as announced; Hùng Kings fell on Sunday 26/4, compensated on 27/4; the
/// day adjacent to 2/9 is entered as 1/9 and marked unconfirmed. 2027 Tết, the 2/9 adjacent day and any swaps
/// are estimates, marked unconfirmed. Any holiday added by later law (e.g. a proposed 24/11 Culture Day) must
/// be added as data.
public enum VietnamHolidays {
    public static let json = """
    {"holidays": [
     {"date": "2020-01-01", "name_vi": "Tết Dương lịch", "name_en": "New Year's Day", "kind": "fixed"},
     {"date": "2020-01-23", "name_vi": "Tết Nguyên đán Canh Tý", "name_en": "Lunar New Year", "kind": "lunar"},
     {"date": "2020-01-24", "name_vi": "Tết Nguyên đán Canh Tý", "name_en": "Lunar New Year", "kind": "lunar"},
     {"date": "2020-01-25", "name_vi": "Tết Nguyên đán Canh Tý (mùng 1)", "name_en": "Lunar New Year (day 1)", "kind": "lunar"},
     {"date": "2020-01-26", "name_vi": "Tết Nguyên đán Canh Tý (mùng 2)", "name_en": "Lunar New Year (day 2)", "kind": "lunar"},
     {"date": "2020-01-27", "name_vi": "Tết Nguyên đán Canh Tý", "name_en": "Lunar New Year", "kind": "lunar"},
     {"date": "2020-01-28", "name_vi": "Tết Nguyên đán Canh Tý (nghỉ bù)", "name_en": "Lunar New Year (in lieu)", "kind": "compensatory"},
     {"date": "2020-01-29", "name_vi": "Tết Nguyên đán Canh Tý (nghỉ bù)", "name_en": "Lunar New Year (in lieu)", "kind": "compensatory"},
     {"date": "2020-04-02", "name_vi": "Giỗ Tổ Hùng Vương", "name_en": "Hung Kings' Commemoration Day", "kind": "lunar"},
     {"date": "2020-04-30", "name_vi": "Ngày Giải phóng miền Nam, thống nhất đất nước", "name_en": "Reunification Day", "kind": "fixed"},
     {"date": "2020-05-01", "name_vi": "Ngày Quốc tế Lao động", "name_en": "International Labour Day", "kind": "fixed"},
     {"date": "2020-09-02", "name_vi": "Quốc khánh", "name_en": "National Day", "kind": "fixed"},

     {"date": "2024-01-01", "name_vi": "Tết Dương lịch", "name_en": "New Year's Day", "kind": "fixed"},
     {"date": "2024-02-08", "name_vi": "Tết Nguyên đán Giáp Thìn", "name_en": "Lunar New Year", "kind": "lunar"},
     {"date": "2024-02-09", "name_vi": "Tết Nguyên đán Giáp Thìn", "name_en": "Lunar New Year", "kind": "lunar"},
     {"date": "2024-02-10", "name_vi": "Tết Nguyên đán Giáp Thìn (mùng 1)", "name_en": "Lunar New Year (day 1)", "kind": "lunar"},
     {"date": "2024-02-11", "name_vi": "Tết Nguyên đán Giáp Thìn (mùng 2)", "name_en": "Lunar New Year (day 2)", "kind": "lunar"},
     {"date": "2024-02-12", "name_vi": "Tết Nguyên đán Giáp Thìn", "name_en": "Lunar New Year", "kind": "lunar"},
     {"date": "2024-02-13", "name_vi": "Tết Nguyên đán Giáp Thìn (nghỉ bù)", "name_en": "Lunar New Year (in lieu)", "kind": "compensatory"},
     {"date": "2024-02-14", "name_vi": "Tết Nguyên đán Giáp Thìn (nghỉ bù)", "name_en": "Lunar New Year (in lieu)", "kind": "compensatory"},
     {"date": "2024-04-18", "name_vi": "Giỗ Tổ Hùng Vương", "name_en": "Hung Kings' Commemoration Day", "kind": "lunar"},
     {"date": "2024-04-29", "name_vi": "Nghỉ hoán đổi (làm bù thứ Bảy 04/05)", "name_en": "Swapped day off (worked Sat 4 May)", "kind": "swapped"},
     {"date": "2024-04-30", "name_vi": "Ngày Giải phóng miền Nam, thống nhất đất nước", "name_en": "Reunification Day", "kind": "fixed"},
     {"date": "2024-05-01", "name_vi": "Ngày Quốc tế Lao động", "name_en": "International Labour Day", "kind": "fixed"},
     {"date": "2024-09-02", "name_vi": "Quốc khánh", "name_en": "National Day", "kind": "fixed"},
     {"date": "2024-09-03", "name_vi": "Quốc khánh (ngày liền kề)", "name_en": "National Day (adjacent day)", "kind": "adjacent"},

     {"date": "2025-01-01", "name_vi": "Tết Dương lịch", "name_en": "New Year's Day", "kind": "fixed"},
     {"date": "2025-01-27", "name_vi": "Tết Nguyên đán Ất Tỵ", "name_en": "Lunar New Year", "kind": "lunar"},
     {"date": "2025-01-28", "name_vi": "Tết Nguyên đán Ất Tỵ", "name_en": "Lunar New Year", "kind": "lunar"},
     {"date": "2025-01-29", "name_vi": "Tết Nguyên đán Ất Tỵ", "name_en": "Lunar New Year", "kind": "lunar"},
     {"date": "2025-01-30", "name_vi": "Tết Nguyên đán Ất Tỵ", "name_en": "Lunar New Year", "kind": "lunar"},
     {"date": "2025-01-31", "name_vi": "Tết Nguyên đán Ất Tỵ", "name_en": "Lunar New Year", "kind": "lunar"},
     {"date": "2025-04-07", "name_vi": "Giỗ Tổ Hùng Vương", "name_en": "Hung Kings' Commemoration Day", "kind": "lunar"},
     {"date": "2025-04-30", "name_vi": "Ngày Giải phóng miền Nam, thống nhất đất nước", "name_en": "Reunification Day", "kind": "fixed"},
     {"date": "2025-05-01", "name_vi": "Ngày Quốc tế Lao động", "name_en": "International Labour Day", "kind": "fixed"},
     {"date": "2025-05-02", "name_vi": "Nghỉ hoán đổi (làm bù thứ Bảy 26/04)", "name_en": "Swapped day off (worked Sat 26 April)", "kind": "swapped"},
     {"date": "2025-09-01", "name_vi": "Quốc khánh (ngày liền kề)", "name_en": "National Day (adjacent day)", "kind": "adjacent"},
     {"date": "2025-09-02", "name_vi": "Quốc khánh", "name_en": "National Day", "kind": "fixed"},

     {"date": "2026-01-01", "name_vi": "Tết Dương lịch", "name_en": "New Year's Day", "kind": "fixed"},
     {"date": "2026-02-16", "name_vi": "Tết Nguyên đán Bính Ngọ", "name_en": "Lunar New Year", "kind": "lunar"},
     {"date": "2026-02-17", "name_vi": "Tết Nguyên đán Bính Ngọ", "name_en": "Lunar New Year", "kind": "lunar"},
     {"date": "2026-02-18", "name_vi": "Tết Nguyên đán Bính Ngọ", "name_en": "Lunar New Year", "kind": "lunar"},
     {"date": "2026-02-19", "name_vi": "Tết Nguyên đán Bính Ngọ", "name_en": "Lunar New Year", "kind": "lunar"},
     {"date": "2026-02-20", "name_vi": "Tết Nguyên đán Bính Ngọ", "name_en": "Lunar New Year", "kind": "lunar"},
     {"date": "2026-04-26", "name_vi": "Giỗ Tổ Hùng Vương", "name_en": "Hung Kings' Commemoration Day", "kind": "lunar"},
     {"date": "2026-04-27", "name_vi": "Giỗ Tổ Hùng Vương (nghỉ bù)", "name_en": "Hung Kings' Commemoration Day (in lieu)", "kind": "compensatory"},
     {"date": "2026-04-30", "name_vi": "Ngày Giải phóng miền Nam, thống nhất đất nước", "name_en": "Reunification Day", "kind": "fixed"},
     {"date": "2026-05-01", "name_vi": "Ngày Quốc tế Lao động", "name_en": "International Labour Day", "kind": "fixed"},
     {"date": "2026-09-01", "name_vi": "Quốc khánh (ngày liền kề)", "name_en": "National Day (adjacent day)", "kind": "adjacent", "confirmed": false},
     {"date": "2026-09-02", "name_vi": "Quốc khánh", "name_en": "National Day", "kind": "fixed"},

     {"date": "2027-01-01", "name_vi": "Tết Dương lịch", "name_en": "New Year's Day", "kind": "fixed"},
     {"date": "2027-02-04", "name_vi": "Tết Nguyên đán Đinh Mùi", "name_en": "Lunar New Year", "kind": "lunar", "confirmed": false},
     {"date": "2027-02-05", "name_vi": "Tết Nguyên đán Đinh Mùi", "name_en": "Lunar New Year", "kind": "lunar", "confirmed": false},
     {"date": "2027-02-06", "name_vi": "Tết Nguyên đán Đinh Mùi (mùng 1)", "name_en": "Lunar New Year (day 1)", "kind": "lunar"},
     {"date": "2027-02-07", "name_vi": "Tết Nguyên đán Đinh Mùi (mùng 2)", "name_en": "Lunar New Year (day 2)", "kind": "lunar"},
     {"date": "2027-02-08", "name_vi": "Tết Nguyên đán Đinh Mùi (nghỉ bù)", "name_en": "Lunar New Year (in lieu)", "kind": "compensatory", "confirmed": false},
     {"date": "2027-02-09", "name_vi": "Tết Nguyên đán Đinh Mùi", "name_en": "Lunar New Year", "kind": "lunar", "confirmed": false},
     {"date": "2027-02-10", "name_vi": "Tết Nguyên đán Đinh Mùi", "name_en": "Lunar New Year", "kind": "lunar", "confirmed": false},
     {"date": "2027-04-16", "name_vi": "Giỗ Tổ Hùng Vương", "name_en": "Hung Kings' Commemoration Day", "kind": "lunar"},
     {"date": "2027-04-30", "name_vi": "Ngày Giải phóng miền Nam, thống nhất đất nước", "name_en": "Reunification Day", "kind": "fixed"},
     {"date": "2027-05-01", "name_vi": "Ngày Quốc tế Lao động", "name_en": "International Labour Day", "kind": "fixed"},
     {"date": "2027-05-03", "name_vi": "Ngày Quốc tế Lao động (nghỉ bù)", "name_en": "International Labour Day (in lieu)", "kind": "compensatory"},
     {"date": "2027-09-02", "name_vi": "Quốc khánh", "name_en": "National Day", "kind": "fixed"},
     {"date": "2027-09-03", "name_vi": "Quốc khánh (ngày liền kề)", "name_en": "National Day (adjacent day)", "kind": "adjacent", "confirmed": false}
    ],
    "make_up_working_days": [
     {"date": "2024-05-04", "note": "Làm bù cho thứ Hai 29/04/2024"},
     {"date": "2025-04-26", "note": "Làm bù cho thứ Sáu 02/05/2025"}
    ]}
    """
}
