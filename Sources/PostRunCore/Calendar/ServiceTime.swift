/// Distance class for service times under Circular 17/2017/TT-BTTTT.
public enum ServiceZone: String, Sendable, Hashable, Codable, CaseIterable {
    /// Same area (formerly the same district): J+1, J+2 with an appointment slip.
    case sameArea = "same_area"
    /// Within the province: J+2 (J+4).
    case withinProvince = "within_province"
    /// Between special / class-I cities: J+3 (J+6).
    case betweenSpecialCities = "between_special_cities"
    /// Any other inter-province route: J+4 (J+8).
    case otherInterProvince = "other_inter_province"

    /// Working days after J to carry the dossier or result.
    public var workingDays: Int {
        switch self {
        case .sameArea: return 1
        case .withinProvince: return 2
        case .betweenSpecialCities: return 3
        case .otherInterProvince: return 4
        }
    }

    /// Working days after J when an appointment slip must also be brought back to the applicant.
    public var workingDaysWithAppointmentSlip: Int { workingDays * 2 }

    /// The 7 centrally-governed cities of the two-tier structure (Hà Nội 01, Hải Phòng 31, Huế 46, Đà Nẵng 48,
    /// Đồng Nai 75, Hồ Chí Minh 79, Cần Thơ 92): the default "special city" provinces. Since districts and
    /// provincial cities no longer exist as units, the rule is applied at province level.
    public static let centrallyGovernedCityCodes: Set<String> = ["01", "31", "46", "48", "75", "79", "92"]

    /// The zone from facts already known: whether both ends are in the same area (same commune or same serving
    /// post office) and their province codes.
    public static func classify(sameArea: Bool, originProvinceCode: String, destinationProvinceCode: String,
                                specialCityProvinceCodes: Set<String> = centrallyGovernedCityCodes) -> ServiceZone {
        if sameArea { return .sameArea }
        if originProvinceCode == destinationProvinceCode { return .withinProvince }
        if specialCityProvinceCodes.contains(originProvinceCode), specialCityProvinceCodes.contains(destinationProvinceCode) {
            return .betweenSpecialCities
        }
        return .otherInterProvince
    }

    /// The zone between two commune-level units.
    ///
    /// - Same area: the same commune, or both served by the same post office (since district level was
    ///   abolished on 1 July 2025, the serving office stands in for "the same district").
    /// - Within the province: same province code.
    /// - Between special cities: both provinces in `specialCityProvinceCodes`.
    /// - Otherwise other inter-province.
    public static func between(_ origin: AdministrativeUnit, _ destination: AdministrativeUnit,
                               specialCityProvinceCodes: Set<String> = centrallyGovernedCityCodes) -> ServiceZone {
        let sameOffice = origin.servingOfficeCode != nil && origin.servingOfficeCode == destination.servingOfficeCode
        return classify(sameArea: origin.code == destination.code || sameOffice, originProvinceCode: origin.provinceCode,
                        destinationProvinceCode: destination.provinceCode, specialCityProvinceCodes: specialCityProvinceCodes)
    }
}

/// Extra working days the post office allows for a commune of special geography (islands, mountains).
public struct ServiceTimeExtension: Sendable, Hashable, Codable {
    public var communeCode: String
    public var extraWorkingDays: Int
    public var note: String?

    public init(communeCode: String, extraWorkingDays: Int, note: String? = nil) {
        self.communeCode = communeCode
        self.extraWorkingDays = extraWorkingDays
        self.note = note
    }

    enum CodingKeys: String, CodingKey {
        case communeCode = "commune_code"
        case extraWorkingDays = "extra_working_days"
        case note
    }
}

/// The post office's service-time settings (data, editable by admins).
public struct ServiceTimePolicy: Sendable, Hashable, Codable {
    public var extensions: [ServiceTimeExtension]

    public init(extensions: [ServiceTimeExtension] = []) { self.extensions = extensions }

    /// Extra working days for `communeCode` (the largest if listed twice; 0 if not listed).
    public func extraWorkingDays(for communeCode: String) -> Int {
        extensions.filter { $0.communeCode == communeCode }.map(\.extraWorkingDays).max() ?? 0
    }
}

/// Service-time (SLA) arithmetic: J is the receipt date on the dispatch slip; times are in working days.
public enum ServiceTime {
    /// The date the dossier or result is due: `J + n` working days, n from the zone (doubled with an appointment
    /// slip) plus any extension.
    public static func due(receivedOn: LocalDate, zone: ServiceZone, withAppointmentSlip: Bool = false,
                           extraWorkingDays: Int = 0, calendar: WorkingCalendar) -> LocalDate {
        let n = (withAppointmentSlip ? zone.workingDaysWithAppointmentSlip : zone.workingDays) + max(0, extraWorkingDays)
        return calendar.addingWorkingDays(n, to: receivedOn)
    }

    /// ``due(receivedOn:zone:withAppointmentSlip:extraWorkingDays:calendar:)`` with the extension the policy
    /// gives the applicant's commune.
    public static func due(receivedOn: LocalDate, zone: ServiceZone, withAppointmentSlip: Bool = false,
                           communeCode: String, policy: ServiceTimePolicy, calendar: WorkingCalendar) -> LocalDate {
        due(receivedOn: receivedOn, zone: zone, withAppointmentSlip: withAppointmentSlip,
            extraWorkingDays: policy.extraWorkingDays(for: communeCode), calendar: calendar)
    }
}

/// Where a job stands against its deadline.
public enum ServiceLevelStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case onTrack = "on_track"
    /// The deadline is close: act today.
    case atRisk = "at_risk"
    /// The deadline has passed.
    case overdue
}

/// The SLA watchdog's rules.
public enum ServiceLevelWatch {
    /// A result not yet delivered is at risk when the appointment date is within one working day of `today`
    /// (today, or the next working day) and overdue once the appointment date has passed. Delivered results
    /// are on track.
    public static func resultStatus(appointmentDate: LocalDate, delivered: Bool, today: LocalDate,
                                    calendar: WorkingCalendar) -> ServiceLevelStatus {
        if delivered { return .onTrack }
        if today > appointmentDate { return .overdue }
        return appointmentDate <= calendar.addingWorkingDays(1, to: today) ? .atRisk : .onTrack
    }

    /// A dossier not yet handed to the agency is overdue once it is older than its service time (today after
    /// the due date) and at risk on the due date itself.
    public static func dossierStatus(receivedOn: LocalDate, zone: ServiceZone, extraWorkingDays: Int = 0, handedOver: Bool,
                                     today: LocalDate, calendar: WorkingCalendar) -> ServiceLevelStatus {
        if handedOver { return .onTrack }
        let due = ServiceTime.due(receivedOn: receivedOn, zone: zone, extraWorkingDays: extraWorkingDays, calendar: calendar)
        if today > due { return .overdue }
        return today == due ? .atRisk : .onTrack
    }
}
