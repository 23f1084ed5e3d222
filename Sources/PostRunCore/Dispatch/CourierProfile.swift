/// What a courier rides.
public enum Vehicle: String, Sendable, Hashable, Codable, CaseIterable {
    case motorbike, bicycle, car, van
    case onFoot = "on_foot"
}

/// A courier's working profile: what the planner needs to give them a day.
///
/// Skills are open strings: `cash_collection` (may take government fees in cash) and spoken languages as
/// `lang:<code>` (`lang:jrai`, `lang:bahnar`) for ethnic-minority communes.
public struct CourierProfile: Sendable, Hashable, Codable {
    public var name: String
    public var phone: String?
    public var vehicle: Vehicle
    public var capacityDossiers: Int
    public var capacityGrams: Int
    /// Local time of day, seconds since midnight.
    public var shiftStart: Int
    public var shiftEnd: Int
    /// ISO weekdays (1 = Monday … 7 = Sunday).
    public var workingDays: Set<Int>
    public var skills: Set<String>

    public init(name: String, phone: String? = nil, vehicle: Vehicle = .motorbike, capacityDossiers: Int = 40,
                capacityGrams: Int = 30_000, shiftStart: Int = 7 * 3600 + 1800, shiftEnd: Int = 17 * 3600,
                workingDays: Set<Int> = [1, 2, 3, 4, 5], skills: Set<String> = [CourierProfile.cashCollection]) {
        self.name = name
        self.phone = phone
        self.vehicle = vehicle
        self.capacityDossiers = capacityDossiers
        self.capacityGrams = capacityGrams
        self.shiftStart = shiftStart
        self.shiftEnd = shiftEnd
        self.workingDays = workingDays
        self.skills = skills
    }

    public static let cashCollection = "cash_collection"
    /// The skill of speaking `language` (`jrai` → `lang:jrai`), which a job whose applicant asks for it requires.
    public static func languageSkill(_ language: String) -> String { "lang:" + language }

    /// Whether the courier works on `date` by their weekly pattern (leave and holidays are checked elsewhere).
    public func worksOnWeekday(of date: LocalDate) -> Bool { workingDays.contains(date.isoWeekday) }

    /// The field errors of this profile; empty when it is valid. Normalises the name and phone as a side effect.
    public mutating func validate() -> [FieldError] {
        var errors: [FieldError] = []
        name = VietnameseText.normalizedLine(name)
        if name.isEmpty || name.count > 200 {
            errors.append(FieldError(field: "name", code: "invalid", vi: "Họ tên phải có từ 1 đến 200 ký tự.",
                                     en: "Name must have 1 to 200 characters."))
        }
        if let text = phone, !text.isEmpty {
            if let parsed = PhoneNumber(text) { phone = parsed.canonical } else { errors.append(FieldError(field: "phone", .invalidPhone)) }
        } else {
            phone = nil
        }
        if !(1...500).contains(capacityDossiers) {
            errors.append(FieldError(field: "capacity_dossiers", code: "out_of_range", vi: "Sức chở phải từ 1 đến 500 hồ sơ.",
                                     en: "Capacity must be 1 to 500 dossiers."))
        }
        if !(1...1_000_000).contains(capacityGrams) {
            errors.append(FieldError(field: "capacity_grams", code: "out_of_range", vi: "Tải trọng phải từ 1 g đến 1 tấn.",
                                     en: "Load capacity must be 1 g to 1 tonne."))
        }
        if !(0..<86_400).contains(shiftStart) || !(1...86_400).contains(shiftEnd) || shiftEnd <= shiftStart {
            errors.append(FieldError(field: "shift_end", code: "invalid_shift", vi: "Giờ kết thúc ca phải sau giờ bắt đầu.",
                                     en: "The shift must end after it starts."))
        }
        if workingDays.isEmpty || !workingDays.allSatisfy({ (1...7).contains($0) }) {
            errors.append(FieldError(field: "working_days", code: "invalid", vi: "Ngày làm việc là các số từ 1 (thứ Hai) đến 7 (Chủ nhật).",
                                     en: "Working days are numbers from 1 (Monday) to 7 (Sunday)."))
        }
        for skill in skills where skill.range(of: "^[a-z][a-z0-9_]*(:[a-z0-9_]+)?$", options: .regularExpression) == nil {
            errors.append(FieldError(field: "skills", code: "invalid", vi: "Kỹ năng “\(skill)” không hợp lệ (vd. cash_collection, lang:jrai).",
                                     en: "Skill “\(skill)” is not valid (e.g. cash_collection, lang:jrai)."))
        }
        return errors
    }
}

/// Time of day as `HH:MM` in local time.
public enum ClockTime {
    /// Seconds since midnight from `HH:MM` or `HH:MM:SS`, or nil.
    public static func seconds(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard (2...3).contains(parts.count), parts.allSatisfy({ $0.count == 2 }),
              let hours = Int(parts[0]), let minutes = Int(parts[1]), (0...24).contains(hours), (0..<60).contains(minutes) else { return nil }
        let seconds = parts.count == 3 ? Int(parts[2]) ?? -1 : 0
        guard (0..<60).contains(seconds) else { return nil }
        let total = hours * 3600 + minutes * 60 + seconds
        return total <= 86_400 ? total : nil
    }

    /// `HH:MM` for seconds since midnight.
    public static func text(_ seconds: Int) -> String {
        let hours = seconds / 3600, minutes = (seconds % 3600) / 60
        return (hours < 10 ? "0" : "") + "\(hours):" + (minutes < 10 ? "0" : "") + "\(minutes)"
    }
}
