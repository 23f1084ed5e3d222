import Foundation
import Logging
import PostgresNIO
import PostRunCore

/// Which way a handover record (biên bản giao nhận) goes between a courier and an agency.
public enum HandoverDirection: String, Sendable, Hashable, Codable, CaseIterable {
    /// Dossiers picked up from applicants, handed to the agency: the legal submission.
    case submitDossiers = "submit_dossiers"
    /// Results collected from the agency for delivery.
    case collectResults = "collect_results"
    /// Undeliverable results taken back to the agency after the allowed attempts.
    case returnResults = "return_results"

    /// The run stop the record completes.
    public var stopAction: String {
        switch self {
        case .submitDossiers: return "hand_over"
        case .collectResults: return "collect_result"
        case .returnResults: return "return_result"
        }
    }
}

/// A handover record as stored, with its items.
public struct HandoverRecord: Sendable, Equatable {
    public struct Item: Sendable, Equatable {
        public let jobID: String
        public let dossierCode: String?
        public let slipNumber: String?
        public let feeAmount: Money
        public let appointmentDate: LocalDate?
    }

    public let id: Int64
    public let publicID: String
    public let officeID: Int64
    public let officeCode: String
    public let officeName: String
    public let agencyCode: String
    public let agencyName: String
    public let courierID: Int64
    public let courierPublicID: String
    public let courierName: String
    public let direction: HandoverDirection
    public let confirmed: Bool
    public let version: Int
    public let receivingOfficer: String?
    public let createdAt: Date
    public let confirmedAt: Date?
    public let confirmedBy: String?
    public let feesPaidOver: Money
    public let items: [Item]
}

/// Who may see a handover: an office's staff (nil office: every office) or one courier.
public struct HandoverScope: Sendable, Equatable {
    public var officeID: Int64?
    public var courierID: Int64?

    public init(officeID: Int64?, courierID: Int64?) {
        self.officeID = officeID
        self.courierID = courierID
    }

    func allows(officeID: Int64, courierID: Int64) -> Bool {
        (self.officeID == nil || self.officeID == officeID) && (self.courierID == nil || self.courierID == courierID)
    }
}

public enum HandoverFailure: Error, Sendable, Equatable {
    case validation([FieldError])
    case notFound
    /// No job of the courier is ready for this agency and direction.
    case nothingToHandOver
    /// The record was changed (or confirmed) since the caller read it.
    case staleVersion(current: Int)
    case alreadyConfirmed
}

/// Handover records: a draft listed from the courier's jobs, printed, then confirmed in one transaction that moves
/// every listed job on, completes the agency stops, ties the fees paid over and tells the portal.
public struct HandoverService: Sendable {
    let database: Database
    let jobs: JobService

    public init(database: Database, jobs: JobService) {
        self.database = database
        self.jobs = jobs
    }

    // MARK: Draft

    /// A draft of everything `courierID` holds for `agencyCode` in `direction`:
    /// - submit: pickup jobs `picked_up` held by the courier (the courier of the run whose pickup stop is done, else
    ///   of the job's latest run);
    /// - collect: result jobs not yet collected with a pending `collect_result` stop on the courier's run of `today`;
    /// - return: active `return_result` jobs held by the courier.
    /// Jobs already on another draft of the same direction are left out.
    public func createDraft(courierID: Int64, agencyCode: String, direction: HandoverDirection, scope: HandoverScope,
                            now: Date = Date(), logger: Logger) async throws -> HandoverRecord {
        let today = VietnamTime.localDate(of: now)
        let id: Int64 = try await database.transaction(logger: logger) { connection in
            var officeID: Int64?
            for try await office in try await connection.query("SELECT office_id FROM couriers WHERE id = \(courierID)", logger: logger)
                .decode(Int64.self) { officeID = office }
            guard let officeID, scope.allows(officeID: officeID, courierID: courierID) else { throw HandoverFailure.notFound }
            // Serialises drafts of one courier so two requests never list the same job twice.
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockNamespace), \(Int32(truncatingIfNeeded: courierID)))",
                                       logger: logger)
            let candidates = try await candidateJobs(courierID: courierID, officeID: officeID, agencyCode: agencyCode,
                                                     direction: direction, today: today, on: connection, logger: logger)
            guard !candidates.isEmpty else { throw HandoverFailure.nothingToHandOver }
            var agencyName = candidates.first?.agencyName ?? agencyCode
            for try await name in try await connection.query("SELECT name FROM agencies WHERE code = \(agencyCode)", logger: logger)
                .decode(String.self) { agencyName = name }
            let publicID = PublicIDs.make("hov")
            var handoverID: Int64 = 0
            for try await id in try await connection.query("""
                INSERT INTO handovers (public_id, office_id, agency_code, agency_name, courier_id, direction, created_at, fees_paid_over)
                VALUES (\(publicID), \(officeID), \(agencyCode), \(agencyName), \(courierID), \(direction.rawValue), \(now),
                        \(candidates.reduce(Int64(0)) { $0 + $1.fee }))
                RETURNING id
                """, logger: logger).decode(Int64.self) { handoverID = id }
            let jobIDs = candidates.map(\.jobID)
            try await connection.query("""
                INSERT INTO handover_items (handover_id, job_id, dossier_code, slip_number, fee_amount, appointment_date)
                SELECT \(handoverID), j.id, j.dossier_code, j.slip_number, \(unescaped: Self.unpaidFeeSQL), j.appointment_date
                FROM jobs j WHERE j.id = ANY(\(jobIDs))
                """, logger: logger)
            return handoverID
        }
        return try await load(id: id, logger: logger)
    }

    /// The government fees the courier collected in cash for a job and has not yet paid over (`j` is the job).
    static let unpaidFeeSQL = """
        (SELECT COALESCE(sum(e.amount), 0)::bigint FROM cash_entries e
         WHERE e.job_id = j.id AND e.kind = 'government_fee' AND e.handover_id IS NULL)
        """

    static let lockNamespace: Int32 = 0x4856  // "HV"

    struct Candidate {
        var jobID: Int64
        var agencyName: String
        var fee: Int64
    }

    func candidateJobs(courierID: Int64, officeID: Int64, agencyCode: String, direction: HandoverDirection, today: LocalDate,
                       on connection: PostgresConnection, logger: Logger) async throws -> [Candidate] {
        // The courier holding a job: the one whose pickup stop for it is done, else the one on its latest run.
        let holder = """
            (SELECT r.courier_id FROM run_stops s JOIN runs r ON r.id = s.run_id WHERE s.job_id = j.id
             ORDER BY (s.action = 'pickup_dossier' AND s.status = 'done') DESC, r.service_date DESC, s.id DESC LIMIT 1)
            """
        let condition: String
        switch direction {
        case .submitDossiers:
            condition = "j.kind = 'pickup_dossier' AND j.state = 'picked_up' AND \(holder) = $3"
        case .collectResults:
            condition = """
                j.kind = 'deliver_result' AND j.state IN ('accepted', 'scheduled') AND EXISTS (
                    SELECT 1 FROM run_stops s JOIN runs r ON r.id = s.run_id
                    WHERE s.job_id = j.id AND s.action = 'collect_result' AND s.status IN ('pending', 'arrived')
                      AND r.courier_id = $3 AND r.service_date = $4::date)
                """
        case .returnResults:
            condition = "j.kind = 'return_result' AND j.state <> ALL($5) AND \(holder) = $3"
        }
        var bindings = PostgresBindings()
        bindings.append(officeID)
        bindings.append(agencyCode)
        bindings.append(courierID)
        bindings.append(today.description)
        bindings.append(JobService.terminalStates)
        bindings.append(direction.rawValue)
        let query = PostgresQuery(unsafeSQL: """
            SELECT j.id, COALESCE(j.request->'agency'->>'name', ''), \(Self.unpaidFeeSQL)
            FROM jobs j
            WHERE j.office_id = $1 AND j.request->'agency'->>'code' = $2 AND \(condition)
              AND NOT EXISTS (SELECT 1 FROM handover_items hi JOIN handovers h ON h.id = hi.handover_id
                              WHERE hi.job_id = j.id AND h.status = 'draft' AND h.direction = $6)
              -- Every direction binds the same six values; this names the two some conditions leave unused.
              AND $4::date IS NOT NULL AND $5::text[] IS NOT NULL
            ORDER BY j.dossier_code, j.id
            """, binds: bindings)
        var result: [Candidate] = []
        for try await (id, name, fee) in try await connection.query(query, logger: logger).decode((Int64, String, Int64).self) {
            result.append(Candidate(jobID: id, agencyName: name, fee: fee))
        }
        return result
    }

    // MARK: Read

    static let recordSelect = """
        SELECT h.id, h.public_id, h.office_id, o.code, o.name, h.agency_code, h.agency_name, h.courier_id, c.public_id, c.name,
               h.direction, h.status, h.version, h.receiving_officer, h.created_at, h.confirmed_at, h.confirmed_by, h.fees_paid_over
        FROM handovers h JOIN post_offices o ON o.id = h.office_id JOIN couriers c ON c.id = h.courier_id
        """

    typealias RecordRow = (Int64, String, Int64, String, String, String, String, Int64, String, String, String, String, Int,
                           String?, Date, Date?, String?, Int64)

    func load(id: Int64, logger: Logger) async throws -> HandoverRecord {
        try await database.withConnection { connection in
            let rows = try await connection.query("\(unescaped: Self.recordSelect) WHERE h.id = \(id)", logger: logger)
            guard let record = try await decode(rows, on: connection, logger: logger).first else { throw HandoverFailure.notFound }
            return record
        }
    }

    func decode(_ rows: PostgresRowSequence, on connection: PostgresConnection, logger: Logger) async throws -> [HandoverRecord] {
        var heads: [RecordRow] = []
        for try await row in rows.decode(RecordRow.self) { heads.append(row) }
        var items: [Int64: [HandoverRecord.Item]] = [:]
        let ids = heads.map { $0.0 }
        for try await (handoverID, jobID, code, slip, fee, appointment) in try await connection.query("""
            SELECT hi.handover_id, j.public_id, hi.dossier_code, hi.slip_number, hi.fee_amount, hi.appointment_date::text
            FROM handover_items hi JOIN jobs j ON j.id = hi.job_id WHERE hi.handover_id = ANY(\(ids))
            ORDER BY hi.dossier_code, j.id
            """, logger: logger).decode((Int64, String, String?, String?, Int64, String?).self) {
            items[handoverID, default: []].append(.init(jobID: jobID, dossierCode: code, slipNumber: slip, feeAmount: Money(fee),
                                                        appointmentDate: appointment.flatMap(LocalDate.init(iso:))))
        }
        return heads.map { row in
            HandoverRecord(id: row.0, publicID: row.1, officeID: row.2, officeCode: row.3, officeName: row.4, agencyCode: row.5,
                           agencyName: row.6, courierID: row.7, courierPublicID: row.8, courierName: row.9,
                           direction: HandoverDirection(rawValue: row.10) ?? .submitDossiers, confirmed: row.11 == "confirmed",
                           version: row.12, receivingOfficer: row.13, createdAt: row.14, confirmedAt: row.15, confirmedBy: row.16,
                           feesPaidOver: Money(row.17), items: items[row.0] ?? [])
        }
    }

    /// The record, if `scope` may see it.
    public func handover(_ publicID: String, scope: HandoverScope, logger: Logger) async throws -> HandoverRecord {
        try await database.withConnection { connection in
            let rows = try await connection.query("""
                \(unescaped: Self.recordSelect) WHERE h.public_id = \(publicID)
                  AND (\(scope.officeID)::bigint IS NULL OR h.office_id = \(scope.officeID))
                  AND (\(scope.courierID)::bigint IS NULL OR h.courier_id = \(scope.courierID))
                """, logger: logger)
            guard let record = try await decode(rows, on: connection, logger: logger).first else { throw HandoverFailure.notFound }
            return record
        }
    }

    /// Records visible to `scope` created on `date` (Vietnamese day), newest first.
    public func list(scope: HandoverScope, date: LocalDate?, status: String?, limit: Int = 200, logger: Logger) async throws -> [HandoverRecord] {
        let start = date.map { VietnamTime.instant($0) }
        let end = date.map { VietnamTime.instant($0.adding(days: 1)) }
        return try await database.withConnection { connection in
            let rows = try await connection.query("""
                \(unescaped: Self.recordSelect)
                WHERE (\(scope.officeID)::bigint IS NULL OR h.office_id = \(scope.officeID))
                  AND (\(scope.courierID)::bigint IS NULL OR h.courier_id = \(scope.courierID))
                  AND (\(start)::timestamptz IS NULL OR (h.created_at >= \(start) AND h.created_at < \(end)))
                  AND (\(status)::text IS NULL OR h.status = \(status))
                ORDER BY h.created_at DESC, h.id DESC LIMIT \(limit)
                """, logger: logger)
            return try await decode(rows, on: connection, logger: logger)
        }
    }

    /// Deletes a draft (its jobs become free for another record); a confirmed record is a legal document and stays.
    public func deleteDraft(_ publicID: String, scope: HandoverScope, logger: Logger) async throws {
        try await database.transaction(logger: logger) { connection in
            let head = try await lockHead(publicID, scope: scope, on: connection, logger: logger)
            if head.confirmed { throw HandoverFailure.alreadyConfirmed }
            try await connection.query("DELETE FROM handovers WHERE id = \(head.id)", logger: logger)
        }
    }

    struct Head {
        var id: Int64
        var direction: HandoverDirection
        var confirmed: Bool
        var version: Int
    }

    func lockHead(_ publicID: String, scope: HandoverScope, on connection: PostgresConnection, logger: Logger) async throws -> Head {
        let rows = try await connection.query("""
            SELECT id, office_id, courier_id, direction, status, version FROM handovers WHERE public_id = \(publicID) FOR UPDATE
            """, logger: logger)
        for try await (id, office, courier, direction, status, version) in rows.decode((Int64, Int64, Int64, String, String, Int).self) {
            guard scope.allows(officeID: office, courierID: courier) else { break }
            return Head(id: id, direction: HandoverDirection(rawValue: direction) ?? .submitDossiers, confirmed: status == "confirmed",
                        version: version)
        }
        throw HandoverFailure.notFound
    }

    // MARK: Confirm

    /// Confirms a draft at `now` (the legal submission time of submitted dossiers) with the agency's receiving
    /// officer, and for submitted dossiers the appointment dates brought back (by job id). In one transaction:
    /// moves every listed job on (with its event and webhook), completes the agency stops, ties the unpaid government
    /// fees of the listed jobs to the record. A stale version or a confirmed record changes nothing.
    public func confirm(_ publicID: String, scope: HandoverScope, expectedVersion: Int, receivingOfficer: String,
                        appointmentDates: [String: LocalDate], by actor: JobActor, now: Date = Date(),
                        logger: Logger) async throws -> HandoverRecord {
        let id: Int64 = try await database.transaction(logger: logger) { connection in
            let head = try await lockHead(publicID, scope: scope, on: connection, logger: logger)
            if head.confirmed { throw HandoverFailure.alreadyConfirmed }
            if head.version != expectedVersion { throw HandoverFailure.staleVersion(current: head.version) }
            var items: [(id: Int64, publicID: String, originID: Int64?, linkedID: Int64?)] = []
            for try await row in try await connection.query("""
                SELECT j.id, j.public_id, j.origin_job_id, j.linked_job_id FROM handover_items hi JOIN jobs j ON j.id = hi.job_id
                WHERE hi.handover_id = \(head.id) ORDER BY j.id
                """, logger: logger).decode((Int64, String, Int64?, Int64?).self) {
                items.append((row.0, row.1, row.2, row.3))
            }
            let listed = Set(items.map(\.publicID))
            var errors: [FieldError] = []
            for jobID in appointmentDates.keys.sorted() where !listed.contains(jobID) {
                errors.append(FieldError(field: "items", code: "not_on_record", vi: "Hồ sơ \(jobID) không có trong biên bản.",
                                         en: "Job \(jobID) is not on this record."))
            }
            if head.direction != .submitDossiers, !appointmentDates.isEmpty {
                errors.append(FieldError(field: "items", code: "appointment_only_on_submit",
                                         vi: "Chỉ ghi ngày hẹn trả khi giao hồ sơ cho cơ quan.",
                                         en: "Appointment dates are brought back only when dossiers are submitted."))
            }
            if !errors.isEmpty { throw HandoverFailure.validation(errors) }

            let data = try JSONEncoder.sortedCompact.encode(["handover_id": publicID])
            for item in items {
                switch head.direction {
                case .submitDossiers:
                    if let date = appointmentDates[item.publicID] {
                        try await setAppointment(date, jobID: item.id, on: connection, logger: logger)
                        try await setLinkedAppointment(date, linkedID: item.linkedID, handoverID: publicID, actor: actor, now: now,
                                                       on: connection, logger: logger)
                    }
                    _ = try await jobs.apply(.handOver, to: item.publicID, expectedVersion: nil, by: actor, reason: nil, data: data,
                                             now: now, on: connection, logger: logger)
                    try await connection.query("UPDATE jobs SET submitted_at = \(now) WHERE id = \(item.id)", logger: logger)
                case .collectResults:
                    _ = try await jobs.apply(.collectResult, to: item.publicID, expectedVersion: nil, by: actor, reason: nil, data: data,
                                             now: now, on: connection, logger: logger)
                case .returnResults:
                    // The state machine takes the return job to returned_to_agency and, with it, the delivery it
                    // continues (JobService.transition).
                    _ = try await jobs.apply(.handOver, to: item.publicID, expectedVersion: nil, by: actor, reason: nil, data: data,
                                             now: now, on: connection, logger: logger)
                }
            }
            let jobIDs = items.map(\.id)
            try await connection.query("""
                UPDATE run_stops SET status = 'done', finished_at = \(now)
                WHERE job_id = ANY(\(jobIDs)) AND action = \(head.direction.stopAction) AND status IN ('pending', 'arrived')
                """, logger: logger)
            try await connection.query("""
                UPDATE cash_entries SET handover_id = \(head.id)
                WHERE job_id = ANY(\(jobIDs)) AND kind = 'government_fee' AND handover_id IS NULL
                """, logger: logger)
            try await connection.query("""
                UPDATE handover_items hi SET
                    fee_amount = (SELECT COALESCE(sum(e.amount), 0) FROM cash_entries e
                                  WHERE e.job_id = hi.job_id AND e.kind = 'government_fee' AND e.handover_id = hi.handover_id),
                    appointment_date = j.appointment_date, slip_number = j.slip_number
                FROM jobs j WHERE j.id = hi.job_id AND hi.handover_id = \(head.id)
                """, logger: logger)
            try await connection.query("""
                UPDATE handovers SET status = 'confirmed', version = version + 1, receiving_officer = \(receivingOfficer),
                    confirmed_at = \(now), confirmed_by = \(actor.label),
                    fees_paid_over = (SELECT COALESCE(sum(amount), 0) FROM cash_entries WHERE handover_id = \(head.id))
                WHERE id = \(head.id)
                """, logger: logger)
            return head.id
        }
        return try await load(id: id, logger: logger)
    }

    /// The appointment date the agency gave, on the job and in its request (so the webhook's view carries it).
    func setAppointment(_ date: LocalDate, jobID: Int64, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("""
            UPDATE jobs SET appointment_date = \(date.description)::date,
                request = jsonb_set(request, '{dossier,appointment_date}', to_jsonb(\(date.description)::text))
            WHERE id = \(jobID)
            """, logger: logger)
    }

    /// A pickup_and_return's result job learns the appointment date too: recorded and sent to the portal.
    func setLinkedAppointment(_ date: LocalDate, linkedID: Int64?, handoverID: String, actor: JobActor, now: Date,
                              on connection: PostgresConnection, logger: Logger) async throws {
        guard let linkedID else { return }
        var linked: (publicID: String, state: JobState, clientID: Int64?)?
        for try await (publicID, state, client) in try await connection.query("""
            SELECT public_id, state, client_id FROM jobs WHERE id = \(linkedID) AND kind = 'deliver_result' FOR UPDATE
            """, logger: logger).decode((String, String, Int64?).self) {
            linked = (publicID, JobState(rawValue: state) ?? .accepted, client)
        }
        guard let linked, linked.state.isActive else { return }
        try await setAppointment(date, jobID: linkedID, on: connection, logger: logger)
        try await connection.query("UPDATE jobs SET version = version + 1, updated_at = \(now) WHERE id = \(linkedID)", logger: logger)
        let data = try JSONEncoder.sortedCompact.encode(AppointmentEdit(handoverID: handoverID))
        try await jobs.recordEvent(jobID: linkedID, type: "edited", from: linked.state, to: linked.state, actor: actor, reason: nil,
                                   data: data, at: now, on: connection, logger: logger)
        if let view = try await jobs.loadView(id: linkedID, on: connection, logger: logger) {
            try await jobs.publish(view: view, type: "job.edited", jobID: linkedID, clientID: linked.clientID, on: connection, logger: logger)
        }
    }

    /// The `edited` event's data when a handover brings an appointment date back.
    struct AppointmentEdit: Encodable {
        let changed = ["appointment_date"]
        let handoverID: String
        enum CodingKeys: String, CodingKey {
            case changed
            case handoverID = "handover_id"
        }
    }
}
