/// What the SLA watch flags: a result whose appointment date is close or past, or a dossier not yet handed to the
/// agency within its service time.
public enum SLAFlagKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A result (deliver_result) not delivered with its appointment date (ngày hẹn trả) within one working day or past.
    case resultDue = "result_due"
    /// A picked-up (or still to pick up) dossier not handed to the agency within J + its service time.
    case dossierOverdue = "dossier_overdue"
}

/// How bad it is: `at_risk` (act today) or `late` (the deadline has passed).
public enum SLAFlagStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case atRisk = "at_risk"
    case late
}

/// One job found at risk or late, with the date it is due.
public struct SLAFlag: Sendable, Hashable {
    public var kind: SLAFlagKind
    public var status: SLAFlagStatus
    public var dueDate: LocalDate

    public init(kind: SLAFlagKind, status: SLAFlagStatus, dueDate: LocalDate) {
        self.kind = kind
        self.status = status
        self.dueDate = dueDate
    }
}

/// The two groups the on-time report compares: communes the state lists as remote, ethnic-minority or especially
/// difficult (Decision 861/QĐ-TTg and the post office's own list, stored as `administrative_units.area_classes`)
/// against the rest.
public enum SLAAreaGroup: String, Sendable, Hashable, Codable, CaseIterable {
    case remoteEthnicDifficult = "remote_ethnic_difficult"
    case other

    public static let difficultClasses: Set<String> = ["remote", "ethnic_minority", "especially_difficult"]

    public static func of(areaClasses: [String]) -> SLAAreaGroup {
        areaClasses.contains(where: difficultClasses.contains) ? .remoteEthnicDifficult : .other
    }

    public var labelVi: String {
        switch self {
        case .remoteEthnicDifficult: return "Vùng sâu, vùng xa, dân tộc thiểu số, đặc biệt khó khăn"
        case .other: return "Địa bàn còn lại"
        }
    }
}

/// Whether a job met its deadline, as the on-time report counts it.
public enum DeadlineOutcome: String, Sendable, Hashable {
    /// Done on or before the due date.
    case onTime = "on_time"
    /// Done after the due date, or still open after it.
    case late
    /// Still open and the due date has not passed: not counted yet.
    case pending
}

/// The SLA watch's decisions on facts already loaded: pure, so the watch, the report and the tests share them.
public enum ServiceLevelRules {
    /// A result not delivered: at risk when its appointment date is today or the next working day, late once it has
    /// passed (``ServiceLevelWatch/resultStatus(appointmentDate:delivered:today:calendar:)``); nil when on track.
    public static func resultFlag(appointmentDate: LocalDate, today: LocalDate, calendar: WorkingCalendar) -> SLAFlag? {
        flag(.resultDue, ServiceLevelWatch.resultStatus(appointmentDate: appointmentDate, delivered: false, today: today, calendar: calendar),
             due: appointmentDate)
    }

    /// A dossier not handed over: due `J + n` working days (J = the acceptance date, n from the zone plus any
    /// extension); at risk on the due date, late after it; nil when on track.
    public static func dossierFlag(acceptedOn: LocalDate, zone: ServiceZone, extraWorkingDays: Int = 0, today: LocalDate,
                                   calendar: WorkingCalendar) -> SLAFlag? {
        let status = ServiceLevelWatch.dossierStatus(receivedOn: acceptedOn, zone: zone, extraWorkingDays: extraWorkingDays,
                                                     handedOver: false, today: today, calendar: calendar)
        let due = ServiceTime.due(receivedOn: acceptedOn, zone: zone, extraWorkingDays: extraWorkingDays, calendar: calendar)
        return flag(.dossierOverdue, status, due: due)
    }

    static func flag(_ kind: SLAFlagKind, _ status: ServiceLevelStatus, due: LocalDate) -> SLAFlag? {
        switch status {
        case .onTrack: return nil
        case .atRisk: return SLAFlag(kind: kind, status: .atRisk, dueDate: due)
        case .overdue: return SLAFlag(kind: kind, status: .late, dueDate: due)
        }
    }

    /// On time when done on or before `due`; late when done after it or still open after it; pending otherwise.
    public static func outcome(completedOn: LocalDate?, due: LocalDate, today: LocalDate) -> DeadlineOutcome {
        if let completedOn { return completedOn <= due ? .onTime : .late }
        return today > due ? .late : .pending
    }
}

/// Counts of one group of jobs against their deadlines.
public struct OnTimeTally: Sendable, Hashable {
    public var onTime = 0
    public var late = 0
    public var pending = 0

    public init(onTime: Int = 0, late: Int = 0, pending: Int = 0) {
        self.onTime = onTime
        self.late = late
        self.pending = pending
    }

    public mutating func add(_ outcome: DeadlineOutcome) {
        switch outcome {
        case .onTime: onTime += 1
        case .late: late += 1
        case .pending: pending += 1
        }
    }

    public static func + (a: OnTimeTally, b: OnTimeTally) -> OnTimeTally {
        OnTimeTally(onTime: a.onTime + b.onTime, late: a.late + b.late, pending: a.pending + b.pending)
    }

    /// Jobs whose outcome is known (on time or late).
    public var decided: Int { onTime + late }

    /// On time over decided, nil when nothing is decided yet.
    public var rate: Double? { decided == 0 ? nil : Double(onTime) / Double(decided) }
}
