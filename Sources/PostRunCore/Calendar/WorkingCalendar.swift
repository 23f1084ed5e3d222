/// How much of a day an office works.
public enum WorkingHours: String, Sendable, Hashable, Codable {
    case none
    /// Buổi sáng only (e.g. a Saturday morning).
    case morning
    case full
}

/// Which days an office works: weekdays, optionally Saturday mornings, minus public holidays, plus make-up days.
///
/// Use one calendar for the agencies (Mon–Fri: service times are counted in it) and, if the post office opens
/// on Saturday mornings, another for courier operations with ``saturdayMorning`` set.
public struct WorkingCalendar: Sendable, Hashable, Codable {
    /// ISO weekdays (1 = Monday … 7 = Sunday) worked in full. Default Monday–Friday.
    public var workingWeekdays: Set<Int>
    /// Whether Saturday morning is worked (counts as a working day, with ``WorkingHours/morning``).
    public var saturdayMorning: Bool
    private var holidayByDate: [LocalDate: PublicHoliday]
    private var makeUpDays: Set<LocalDate>

    /// - Parameters:
    ///   - workingWeekdays: ISO weekdays worked in full; must not be empty.
    ///   - saturdayMorning: count Saturday mornings as working days.
    ///   - holidays: public holidays and make-up days (default: ``HolidayList/vietnam``).
    public init(workingWeekdays: Set<Int> = [1, 2, 3, 4, 5], saturdayMorning: Bool = false, holidays: HolidayList = .vietnam) {
        precondition(!workingWeekdays.isEmpty && workingWeekdays.allSatisfy { (1...7).contains($0) }, "invalid working weekdays")
        self.workingWeekdays = workingWeekdays
        self.saturdayMorning = saturdayMorning
        holidayByDate = Dictionary(holidays.holidays.map { ($0.date, $0) }, uniquingKeysWith: { first, _ in first })
        makeUpDays = Set(holidays.makeUpWorkingDays.map(\.date))
    }

    /// Monday–Friday with Vietnam's public holidays.
    public static let standard = WorkingCalendar()

    /// The holiday on `date`, if any.
    public func holiday(on date: LocalDate) -> PublicHoliday? { holidayByDate[date] }

    /// How much of `date` is worked.
    public func hours(on date: LocalDate) -> WorkingHours {
        if holidayByDate[date] != nil { return .none }
        if makeUpDays.contains(date) { return .full }
        let weekday = date.isoWeekday
        if workingWeekdays.contains(weekday) { return .full }
        if saturdayMorning, weekday == 6 { return .morning }
        return .none
    }

    /// Whether any of `date` is worked.
    public func isWorkingDay(_ date: LocalDate) -> Bool { hours(on: date) != .none }

    /// The first working day strictly after `date`.
    public func nextWorkingDay(after date: LocalDate) -> LocalDate {
        var day = date.adding(days: 1)
        while !isWorkingDay(day) { day = day.adding(days: 1) }
        return day
    }

    /// `date` if it is a working day, else the next one.
    public func workingDay(onOrAfter date: LocalDate) -> LocalDate {
        isWorkingDay(date) ? date : nextWorkingDay(after: date)
    }

    /// The last working day strictly before `date`.
    public func previousWorkingDay(before date: LocalDate) -> LocalDate {
        var day = date.adding(days: -1)
        while !isWorkingDay(day) { day = day.adding(days: -1) }
        return day
    }

    /// The `n`th working day after `date` (before it for negative `n`); `date` itself for 0. `J+n` in the
    /// service-time rules is `addingWorkingDays(n, to: J)`.
    public func addingWorkingDays(_ n: Int, to date: LocalDate) -> LocalDate {
        var day = date
        if n >= 0 {
            for _ in 0..<n { day = nextWorkingDay(after: day) }
        } else {
            for _ in 0..<(-n) { day = previousWorkingDay(before: day) }
        }
        return day
    }

    /// Working days in `(start, end]`: how many working days `end` is after `start` (negative if before).
    public func workingDays(from start: LocalDate, to end: LocalDate) -> Int {
        if end < start { return -workingDays(from: end, to: start) }
        var count = 0
        var day = start
        while day < end {
            day = day.adding(days: 1)
            if isWorkingDay(day) { count += 1 }
        }
        return count
    }

    enum CodingKeys: String, CodingKey {
        case workingWeekdays = "working_weekdays"
        case saturdayMorning = "saturday_morning"
        case holidayByDate = "holidays"
        case makeUpDays = "make_up_working_days"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let weekdays = try c.decode(Set<Int>.self, forKey: .workingWeekdays)
        guard !weekdays.isEmpty, weekdays.allSatisfy({ (1...7).contains($0) }) else {
            throw DecodingError.dataCorruptedError(forKey: .workingWeekdays, in: c, debugDescription: "ISO weekdays 1–7, at least one")
        }
        let holidays = try c.decode([PublicHoliday].self, forKey: .holidayByDate)
        let makeUp = try c.decode([LocalDate].self, forKey: .makeUpDays)
        self.init(workingWeekdays: weekdays, saturdayMorning: try c.decode(Bool.self, forKey: .saturdayMorning),
                  holidays: HolidayList(holidays: holidays, makeUpWorkingDays: makeUp.map { MakeUpWorkingDay(date: $0, note: "") }))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(workingWeekdays.sorted(), forKey: .workingWeekdays)
        try c.encode(saturdayMorning, forKey: .saturdayMorning)
        try c.encode(holidayByDate.values.sorted { $0.date < $1.date }, forKey: .holidayByDate)
        try c.encode(makeUpDays.sorted(), forKey: .makeUpDays)
    }
}

/// The days the post office serves a commune: remote communes may be visited only on some weekdays, and
/// service may be suspended for a period (flooded fords, landslides).
public struct CommuneServiceCalendar: Sendable, Hashable, Codable {
    public var communeCode: String
    /// ISO weekdays the commune is served; nil means every working day.
    public var servedWeekdays: Set<Int>?
    /// Periods with no service, inclusive.
    public var suspensions: [ClosedRange<LocalDate>]

    public init(communeCode: String, servedWeekdays: Set<Int>? = nil, suspensions: [ClosedRange<LocalDate>] = []) {
        self.communeCode = communeCode
        self.servedWeekdays = servedWeekdays
        self.suspensions = suspensions
    }

    /// Whether the commune is served on `date` under `calendar`.
    public func isServed(on date: LocalDate, calendar: WorkingCalendar) -> Bool {
        calendar.isWorkingDay(date) && (servedWeekdays?.contains(date.isoWeekday) ?? true)
            && !suspensions.contains { $0.contains(date) }
    }

    /// The first serving day strictly after `date`, or nil if none within `searchDays` days (a commune with no
    /// served weekday, or a suspension longer than the horizon).
    public func nextServingDay(after date: LocalDate, calendar: WorkingCalendar, searchDays: Int = 366) -> LocalDate? {
        var day = date
        for _ in 0..<searchDays {
            day = day.adding(days: 1)
            if isServed(on: day, calendar: calendar) { return day }
        }
        return nil
    }

    /// `date` if served, else the next serving day.
    public func servingDay(onOrAfter date: LocalDate, calendar: WorkingCalendar, searchDays: Int = 366) -> LocalDate? {
        isServed(on: date, calendar: calendar) ? date : nextServingDay(after: date, calendar: calendar, searchDays: searchDays)
    }

    /// When the next attempt may take place after an attempt failed on `failedOn`: at least
    /// ``AttemptPolicy/workingDaysBetweenAttempts(for:)`` working days later, on a serving day.
    public func nextAttemptDay(afterFailureOn failedOn: LocalDate, kind: JobKind, policy: AttemptPolicy = .standard,
                               calendar: WorkingCalendar) -> LocalDate? {
        let earliest = calendar.addingWorkingDays(max(1, policy.workingDaysBetweenAttempts(for: kind)), to: failedOn)
        return servingDay(onOrAfter: earliest, calendar: calendar)
    }

    enum CodingKeys: String, CodingKey {
        case communeCode = "commune_code"
        case servedWeekdays = "served_weekdays"
        case suspensions
    }
}
