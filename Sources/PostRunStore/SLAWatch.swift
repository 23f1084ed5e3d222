import Foundation
import Logging
import PostgresNIO
import PostRunCore

/// A flagged job as dispatchers see it.
public struct SLAFlagView: Sendable, Equatable {
    public let jobID: String
    public let jobKind: String
    public let state: String
    public let dossierCode: String?
    public let communeCode: String
    public let kind: String
    public let status: String
    public let dueDate: LocalDate
    public let flaggedAt: Date
}

/// On-time counts of one office and area group over a period.
public struct OnTimeRow: Sendable, Equatable {
    public let officeCode: String
    public let officeName: String
    public let areaGroup: SLAAreaGroup
    public var deliveries: OnTimeTally
    public var pickups: OnTimeTally
    public var total: OnTimeTally { deliveries + pickups }
}

/// The SLA watch (`sla_flags`) and the on-time report, both from the same deadline facts of each job.
///
/// Deadlines: a result (`deliver_result`) is due on its appointment date; a dossier (`pickup_dossier`) on J + its
/// service time in working days (Circular 17/2017), J being the acceptance date and the zone coming from the
/// applicant's and the agency's communes (same commune or serving office: same area; same province: within the
/// province; an agency commune unknown to the directory counts as within the province).
public struct SLAWatch: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Working days as the agencies count them (Monday–Friday), with the holidays and make-up days of `calendar_days`
    /// from well before `from` to well after `to`.
    func calendar(from: LocalDate, to: LocalDate, logger: Logger) async throws -> WorkingCalendar {
        try await AgencyCalendarRepository(database: database).workingCalendar(from: from.adding(days: -Self.calendarMarginDays),
                                                                              to: to.adding(days: Self.calendarMarginDays), logger: logger)
    }

    static let calendarMarginDays = 120

    struct Facts {
        var id: Int64
        var officeID: Int64
        var officeCode: String
        var officeName: String
        var kind: String
        var state: String
        var appointmentDate: LocalDate?
        var acceptedOn: LocalDate
        var zone: ServiceZone
        var areaGroup: SLAAreaGroup
        var completedOn: LocalDate?

        /// The date the job is due, if it has one.
        func due(calendar: WorkingCalendar) -> LocalDate? {
            switch kind {
            case "deliver_result": return appointmentDate
            case "pickup_dossier": return ServiceTime.due(receivedOn: acceptedOn, zone: zone, calendar: calendar)
            default: return nil
            }
        }
    }

    static let factsSelect = """
        SELECT j.id, j.office_id, o.code, o.name, j.kind, j.state, j.appointment_date::text, j.accepted_at,
               COALESCE(j.commune_code = j.request->'agency'->>'commune_code' OR hu.office_id = au.office_id, false),
               hu.province_code, au.province_code, COALESCE(hu.area_classes, '{}'),
               COALESCE(j.submitted_at, j.delivered_at, (SELECT max(e.at) FROM job_events e WHERE e.job_id = j.id AND e.type IN ('hand_over', 'deliver')))
        FROM jobs j JOIN post_offices o ON o.id = j.office_id
        LEFT JOIN administrative_units hu ON hu.code = j.commune_code AND hu.valid_to IS NULL
        LEFT JOIN administrative_units au ON au.code = j.request->'agency'->>'commune_code' AND au.valid_to IS NULL
        """

    static func decodeFacts(_ rows: PostgresRowSequence) async throws -> [Facts] {
        var facts: [Facts] = []
        for try await row in rows.decode((Int64, Int64, String, String, String, String, String?, Date, Bool, String?, String?, [String], Date?).self) {
            let zone: ServiceZone = row.8 ? .sameArea
                : ServiceZone.classify(sameArea: false, originProvinceCode: row.9 ?? "", destinationProvinceCode: row.10 ?? row.9 ?? "")
            facts.append(Facts(id: row.0, officeID: row.1, officeCode: row.2, officeName: row.3, kind: row.4, state: row.5,
                               appointmentDate: row.6.flatMap(LocalDate.init(iso:)), acceptedOn: VietnamTime.localDate(of: row.7),
                               zone: zone, areaGroup: SLAAreaGroup.of(areaClasses: row.11),
                               completedOn: row.12.map(VietnamTime.localDate(of:))))
        }
        return facts
    }

    static let lockNamespace: Int32 = 0x534C  // "SL"

    /// Recomputes the flags of every active job at `now` in one statement (new flags in, moved-on jobs out). Returns
    /// false when another replica is sweeping at the same moment (it holds the advisory lock; this one skips).
    @discardableResult
    public func sweep(now: Date = Date(), logger: Logger) async throws -> Bool {
        let today = VietnamTime.localDate(of: now)
        let calendar = try await self.calendar(from: today, to: today, logger: logger)
        return try await database.transaction(logger: logger) { connection in
            var locked = false
            for try await value in try await connection.query("SELECT pg_try_advisory_xact_lock(\(Self.lockNamespace), 1)", logger: logger)
                .decode(Bool.self) { locked = value }
            guard locked else { return false }
            let rows = try await connection.query("""
                \(unescaped: Self.factsSelect)
                WHERE j.state <> ALL(\(JobService.terminalStates))
                  AND ((j.kind = 'deliver_result' AND j.appointment_date IS NOT NULL) OR j.kind = 'pickup_dossier')
                """, logger: logger)
            var jobIDs: [Int64] = [], offices: [Int64] = [], kinds: [String] = [], statuses: [String] = [], dues: [String] = []
            for facts in try await Self.decodeFacts(rows) {
                let flag: SLAFlag?
                if facts.kind == "deliver_result", let appointment = facts.appointmentDate {
                    flag = ServiceLevelRules.resultFlag(appointmentDate: appointment, today: today, calendar: calendar)
                } else {
                    flag = ServiceLevelRules.dossierFlag(acceptedOn: facts.acceptedOn, zone: facts.zone, today: today, calendar: calendar)
                }
                guard let flag else { continue }
                jobIDs.append(facts.id)
                offices.append(facts.officeID)
                kinds.append(flag.kind.rawValue)
                statuses.append(flag.status.rawValue)
                dues.append(flag.dueDate.description)
            }
            try await connection.query("""
                WITH flagged AS (
                    SELECT * FROM unnest(\(jobIDs)::bigint[], \(offices)::bigint[], \(kinds)::text[], \(statuses)::text[], \(dues)::date[])
                        AS t(job_id, office_id, kind, status, due_date)
                ), cleared AS (
                    DELETE FROM sla_flags f WHERE NOT EXISTS (SELECT 1 FROM flagged WHERE flagged.job_id = f.job_id)
                )
                INSERT INTO sla_flags (job_id, office_id, kind, status, due_date, flagged_at)
                SELECT job_id, office_id, kind, status, due_date, \(now) FROM flagged
                ON CONFLICT (job_id) DO UPDATE SET office_id = EXCLUDED.office_id, kind = EXCLUDED.kind, status = EXCLUDED.status,
                    due_date = EXCLUDED.due_date,
                    flagged_at = CASE WHEN sla_flags.status = EXCLUDED.status THEN sla_flags.flagged_at ELSE EXCLUDED.flagged_at END
                """, logger: logger)
            return true
        }
    }

    /// Flagged jobs per office code and status, zero included, for the gauges.
    public func counts(logger: Logger) async throws -> [(office: String, status: SLAFlagStatus, jobs: Int)] {
        let rows = try await database.query("""
            SELECT o.code, s.status, count(f.job_id)::bigint
            FROM post_offices o CROSS JOIN unnest(\(SLAFlagStatus.allCases.map(\.rawValue))::text[]) AS s(status)
            LEFT JOIN sla_flags f ON f.office_id = o.id AND f.status = s.status
            GROUP BY o.code, s.status ORDER BY o.code, s.status
            """, logger: logger)
        var result: [(String, SLAFlagStatus, Int)] = []
        for try await (office, status, count) in rows.decode((String, String, Int64).self) {
            if let status = SLAFlagStatus(rawValue: status) { result.append((office, status, Int(count))) }
        }
        return result.map { (office: $0.0, status: $0.1, jobs: $0.2) }
    }

    /// The office's flagged jobs, most urgent first.
    public func flags(officeID: Int64, status: SLAFlagStatus?, logger: Logger) async throws -> [SLAFlagView] {
        let rows = try await database.query("""
            SELECT j.public_id, j.kind, j.state, j.dossier_code, j.commune_code, f.kind, f.status, f.due_date::text, f.flagged_at
            FROM sla_flags f JOIN jobs j ON j.id = f.job_id
            WHERE f.office_id = \(officeID) AND (\(status?.rawValue)::text IS NULL OR f.status = \(status?.rawValue))
            ORDER BY f.due_date, j.id
            """, logger: logger)
        var result: [SLAFlagView] = []
        for try await (job, jobKind, state, code, commune, kind, status, due, at) in
            rows.decode((String, String, String, String?, String, String, String, String, Date).self) {
            guard let dueDate = LocalDate(iso: due) else { continue }
            result.append(SLAFlagView(jobID: job, jobKind: jobKind, state: state, dossierCode: code, communeCode: commune, kind: kind,
                                      status: status, dueDate: dueDate, flaggedAt: at))
        }
        return result
    }

    /// Longest service time looked back for dossiers: J+4 doubled, plus weekends and Tết, with room to spare.
    static let pickupLookbackDays = 45

    /// On-time counts of jobs due from `from` to `to` (inclusive), per office and area group. Results: on time when
    /// delivered on or before the appointment date; dossiers: when handed to the agency within the service time.
    /// Cancelled jobs and results returned to the agency are not counted; open jobs not yet due are `pending`.
    public func onTimeReport(officeID: Int64?, from: LocalDate, to: LocalDate, today: LocalDate, logger: Logger) async throws -> [OnTimeRow] {
        let calendar = try await self.calendar(from: from, to: to, logger: logger)
        let rows = try await database.query("""
            \(unescaped: Self.factsSelect)
            WHERE j.state NOT IN ('cancelled', 'returned_to_agency')
              AND (\(officeID)::bigint IS NULL OR j.office_id = \(officeID))
              AND ((j.kind = 'deliver_result' AND j.appointment_date BETWEEN \(from.description)::date AND \(to.description)::date)
                OR (j.kind = 'pickup_dossier' AND j.accepted_at >= \(VietnamTime.instant(from.adding(days: -Self.pickupLookbackDays)))
                    AND j.accepted_at < \(VietnamTime.instant(to.adding(days: 1)))))
            """, logger: logger)
        var table: [String: OnTimeRow] = [:]
        for facts in try await Self.decodeFacts(rows) {
            guard let due = facts.due(calendar: calendar), from <= due, due <= to else { continue }
            let outcome = ServiceLevelRules.outcome(completedOn: facts.completedOn, due: due, today: today)
            let key = "\(facts.officeCode)|\(facts.areaGroup.rawValue)"
            var row = table[key] ?? OnTimeRow(officeCode: facts.officeCode, officeName: facts.officeName, areaGroup: facts.areaGroup,
                                              deliveries: OnTimeTally(), pickups: OnTimeTally())
            if facts.kind == "deliver_result" { row.deliveries.add(outcome) } else { row.pickups.add(outcome) }
            table[key] = row
        }
        return table.values.sorted { ($0.officeCode, $0.areaGroup.rawValue) < ($1.officeCode, $1.areaGroup.rawValue) }
    }
}
