import Foundation
import Logging
import NIOCore
import PostgresNIO
import PostRunCore

/// The courier calling: their courier record and the label their job events carry (`staff:<username>`).
public struct FieldCourier: Sendable {
    public var courierID: Int64
    public var actor: JobActor

    public init(courierID: Int64, actorLabel: String) {
        self.courierID = courierID
        self.actor = JobActor(label: actorLabel, clientID: nil, provinceCode: nil)
    }
}

/// What the server answered to one event, as stored in `courier_events.result` and sent back on every resend.
public struct StoredEventResult: Sendable, Codable, Equatable {
    public struct JobRef: Sendable, Codable, Equatable {
        public var id: String
        public var state: String
    }

    public struct ProblemText: Sendable, Codable, Equatable {
        public var code: String
        public var status: Int
        public var messageVi: String
        public var messageEn: String
        public var errors: [FieldError]

        enum CodingKeys: String, CodingKey {
            case code, status, errors
            case messageVi = "message_vi"
            case messageEn = "message_en"
        }
    }

    /// `applied` or `rejected`.
    public var outcome: String
    public var stopStatus: String?
    public var job: JobRef?
    public var nextAttemptDate: String?
    public var returnJobID: String?
    public var problem: ProblemText?

    static func rejected(_ rejection: CourierEventRejection) -> StoredEventResult {
        StoredEventResult(outcome: "rejected", problem: ProblemText(code: rejection.code, status: rejection.status.rawValue,
                                                                     messageVi: rejection.messageVi, messageEn: rejection.messageEn,
                                                                     errors: rejection.errors))
    }

    enum CodingKeys: String, CodingKey {
        case outcome, job, problem
        case stopStatus = "stop_status"
        case nextAttemptDate = "next_attempt_date"
        case returnJobID = "return_job_id"
    }
}

/// One event's answer: `applied` now, `duplicate` (sent before: the first answer, unchanged), or `rejected`.
public struct CourierEventOutcome: Sendable {
    public enum Status: String, Sendable { case applied, duplicate, rejected }

    public var clientEventID: String?
    public var status: Status
    public var result: StoredEventResult
}

/// The courier's side of a day: published runs to read, events from the phone to apply.
///
/// Each event is applied in its own transaction together with its `courier_events` row, so a resent event finds
/// that row and changes nothing; a rejected event is stored too (in a transaction of its own, after the rollback),
/// so a resend answers the same.
public struct CourierFieldService: Sendable {
    let database: Database
    let jobs: JobService

    public init(database: Database, jobs: JobService) {
        self.database = database
        self.jobs = jobs
    }

    // MARK: Runs

    /// A stop as the phone shows it: small, everything needed at the door or the agency, times in local `HH:MM`.
    static let stopJSON = """
        json_build_object(
            'id', s.public_id, 'position', s.position, 'action', s.action, 'status', s.status,
            'planned_arrival', to_char(s.planned_arrival AT TIME ZONE 'Asia/Ho_Chi_Minh', 'HH24:MI'),
            'window_start', to_char(s.window_start AT TIME ZONE 'Asia/Ho_Chi_Minh', 'HH24:MI'),
            'window_end', to_char(s.window_end AT TIME ZONE 'Asia/Ho_Chi_Minh', 'HH24:MI'),
            'job', json_build_object('id', j.public_id, 'kind', j.kind, 'state', j.state),
            'dossier_code', j.dossier_code,
            'applicant', CASE WHEN s.action IN ('pickup_dossier', 'deliver_result') THEN
                json_build_object('name', j.request->'applicant'->>'name', 'phone', j.request->'applicant'->>'phone') END,
            'address', CASE WHEN s.action IN ('pickup_dossier', 'deliver_result') THEN
                json_build_object('line', j.request->'address'->>'line', 'commune', u.name,
                                  'lat', (j.request->'address'->>'lat')::float8, 'lon', (j.request->'address'->>'lon')::float8) END,
            'agency', CASE WHEN s.action NOT IN ('pickup_dossier', 'deliver_result') THEN
                json_build_object('code', j.request->'agency'->>'code', 'name', coalesce(a.name, j.request->'agency'->>'name'),
                                  'address', coalesce(nullif(a.address, ''), j.request->'agency'->>'address')) END,
            'fee_to_collect', CASE WHEN s.action IN ('pickup_dossier', 'deliver_result') THEN j.fee_amount END,
            'notes', j.request->>'notes')
        """

    static let stopJoins = """
        JOIN jobs j ON j.id = s.job_id
        LEFT JOIN administrative_units u ON u.code = j.commune_code AND u.valid_to IS NULL
        LEFT JOIN agencies a ON a.code = j.request->'agency'->>'code'
        """

    /// The courier's published (or completed) runs of `date` as the response body, built by PostgreSQL in one query
    /// and passed on as the bytes PostgreSQL sent (never decoded into a Swift string). Phones poll this, so it is a
    /// prepared statement: parsed and planned once per pooled connection rather than on every request.
    public func runsDocument(courierID: Int64, date: LocalDate, logger: Logger) async throws -> ByteBuffer? {
        let rows = try await database.client.execute(RunsDocumentStatement(courierID: courierID, date: date.description), logger: logger)
        for try await body in rows { return body }
        return nil
    }

    struct RunsDocumentStatement: PostgresPreparedStatement {
        typealias Row = ByteBuffer
        static let name = "courier_runs_document"
        static let sql = """
            SELECT json_build_object('date', $2::text, 'courier', c.public_id, 'runs', coalesce((
                SELECT json_agg(json_build_object(
                    'id', r.public_id, 'status', r.status, 'version', r.version, 'service_date', r.service_date::text,
                    'stops', coalesce((SELECT json_agg(\(CourierFieldService.stopJSON) ORDER BY s.position)
                                       FROM run_stops s \(CourierFieldService.stopJoins) WHERE s.run_id = r.id), '[]'::json))
                    ORDER BY r.id)
                FROM runs r
                WHERE r.courier_id = c.id AND r.service_date = $2::date AND r.status IN ('published', 'completed')
            ), '[]'::json))::text
            FROM couriers c WHERE c.id = $1
            """
        var courierID: Int64
        var date: String

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 2)
            bindings.append(courierID)
            bindings.append(date)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> ByteBuffer { try row.decode(ByteBuffer.self) }
    }

    /// One stop of the courier's published (or completed) runs, or nil: another courier's stop does not exist here.
    public func stopDocument(publicID: String, courierID: Int64, logger: Logger) async throws -> String? {
        let rows = try await database.query("""
            SELECT \(unescaped: Self.stopJSON)::text
            FROM run_stops s JOIN runs r ON r.id = s.run_id \(unescaped: Self.stopJoins)
            WHERE s.public_id = \(publicID) AND r.courier_id = \(courierID) AND r.status IN ('published', 'completed')
            """, logger: logger)
        for try await text in rows.decode(String.self) { return text }
        return nil
    }

    // MARK: Events

    /// Applies a batch: events that parse are applied in device-time order (ties by client event id), each in its
    /// own transaction; the answers come back in the order sent.
    public func apply(batch: [Data], by courier: FieldCourier, now: Date = Date(), logger: Logger) async throws -> [CourierEventOutcome] {
        let inputs = batch.map { try? JSONDecoder().decode(CourierEventInput.self, from: $0) }
        let events = inputs.map { $0.flatMap { try? $0.validated(now: now).get() } }
        // Events that cannot be read are answered first; they change nothing.
        let order = batch.indices.sorted { a, b in
            switch (events[a], events[b]) {
            case let (x?, y?): return CourierEvent.applicationOrder(x, y)
            case (nil, .some): return true
            case (.some, nil): return false
            case (nil, nil): return a < b
            }
        }
        var outcomes = [CourierEventOutcome?](repeating: nil, count: batch.count)
        for index in order {
            outcomes[index] = try await applyOne(batch[index], input: inputs[index], by: courier, now: now, logger: logger)
        }
        return outcomes.map { $0! }
    }

    static let notAnEvent = CourierEventRejection("validation", status: .invalid, vi: "Sự kiện phải là một đối tượng JSON.",
                                                  en: "An event must be a JSON object.")

    func applyOne(_ raw: Data, input: CourierEventInput?, by courier: FieldCourier, now: Date, logger: Logger) async throws -> CourierEventOutcome {
        guard let input else { return CourierEventOutcome(clientEventID: nil, status: .rejected, result: .rejected(Self.notAnEvent)) }
        guard let clientID = input.clientEventID, CourierEventInput.isValidClientEventID(clientID) else {
            // Without a usable id the event cannot be stored, so a resend could not be recognised: refused, not kept.
            var rejection = Self.notAnEvent
            if case let .failure(reason) = input.validated(now: now) { rejection = reason }
            return CourierEventOutcome(clientEventID: input.clientEventID, status: .rejected, result: .rejected(rejection))
        }
        let validated = input.validated(now: now)
        let deviceTime = (try? validated.get())?.deviceTime ?? now
        let type = String((input.type ?? "").prefix(50))
        // jsonb cannot hold U+0000; such a payload is refused without being stored.
        guard !String(decoding: raw, as: UTF8.self).contains("\\u0000") else {
            return CourierEventOutcome(clientEventID: clientID, status: .rejected,
                                       result: .rejected(.invalid([FieldError(field: "payload", .invalidCharacters)])))
        }
        do {
            return try await database.transaction(logger: logger) { connection in
                guard let rowID = try await insertEvent(courier: courier, clientID: clientID, deviceTime: deviceTime, type: type, payload: raw,
                                                        result: StoredEventResult(outcome: "pending"), on: connection, logger: logger) else {
                    return try await duplicate(courier: courier, clientID: clientID, on: connection, logger: logger)
                }
                let event = try validated.get()
                let (result, stopID, jobID) = try await perform(event, by: courier, now: now, on: connection, logger: logger)
                try await connection.query("""
                    UPDATE courier_events SET result = \(try Self.json(result))::jsonb, stop_id = \(stopID), job_id = \(jobID)
                    WHERE id = \(rowID)
                    """, logger: logger)
                return CourierEventOutcome(clientEventID: clientID, status: .applied, result: result)
            }
        } catch {
            guard let rejection = Self.rejection(from: error) else { throw error }
            return try await database.transaction(logger: logger) { connection in
                let result = StoredEventResult.rejected(rejection)
                guard try await insertEvent(courier: courier, clientID: clientID, deviceTime: deviceTime, type: type, payload: raw,
                                            result: result, on: connection, logger: logger) != nil else {
                    return try await duplicate(courier: courier, clientID: clientID, on: connection, logger: logger)
                }
                return CourierEventOutcome(clientEventID: clientID, status: .rejected, result: result)
            }
        }
    }

    static func rejection(from error: any Error) -> CourierEventRejection? {
        if let rejection = error as? CourierEventRejection { return rejection }
        if case let .illegalTransition(illegal)? = error as? JobFailure { return .illegalTransition(illegal) }
        if SQLState.of(error) == SQLState.uniqueViolation {
            return CourierEventRejection("cash_already_recorded", status: .conflict, vi: "Khoản tiền này đã được ghi nhận cho công việc.",
                                         en: "This cash was already recorded for the job.")
        }
        return nil
    }

    static func json(_ result: StoredEventResult) throws -> String { String(decoding: try JSONEncoder.sortedCompact.encode(result), as: UTF8.self) }

    /// Inserts the event's row, or nil when the courier sent this client event id before.
    func insertEvent(courier: FieldCourier, clientID: String, deviceTime: Date, type: String, payload: Data, result: StoredEventResult,
                     on connection: PostgresConnection, logger: Logger) async throws -> Int64? {
        let rows = try await connection.query("""
            INSERT INTO courier_events (courier_id, client_event_id, device_time, type, payload, result)
            VALUES (\(courier.courierID), \(clientID), \(deviceTime), \(type), \(String(decoding: payload, as: UTF8.self))::jsonb,
                    \(try Self.json(result))::jsonb)
            ON CONFLICT (courier_id, client_event_id) DO NOTHING RETURNING id
            """, logger: logger)
        for try await id in rows.decode(Int64.self) { return id }
        return nil
    }

    func duplicate(courier: FieldCourier, clientID: String, on connection: PostgresConnection, logger: Logger) async throws -> CourierEventOutcome {
        let rows = try await connection.query("""
            SELECT result::text FROM courier_events WHERE courier_id = \(courier.courierID) AND client_event_id = \(clientID)
            """, logger: logger)
        for try await text in rows.decode(String.self) {
            let stored = try JSONDecoder().decode(StoredEventResult.self, from: Data(text.utf8))
            return CourierEventOutcome(clientEventID: clientID, status: .duplicate, result: stored)
        }
        throw JobFailure.notFound
    }

    struct Stop {
        var id: Int64
        var action: StopAction
        var status: CourierEventPlan.StopStatus
        var jobID: Int64
        var serviceDate: LocalDate
    }

    /// Locks the stop if it is on one of the courier's published runs.
    func lockStop(_ publicID: String, courierID: Int64, on connection: PostgresConnection, logger: Logger) async throws -> Stop {
        let rows = try await connection.query("""
            SELECT s.id, s.action, s.status, s.job_id, r.service_date::text
            FROM run_stops s JOIN runs r ON r.id = s.run_id
            WHERE s.public_id = \(publicID) AND r.courier_id = \(courierID) AND r.status = 'published'
            FOR UPDATE OF s
            """, logger: logger)
        for try await (id, action, status, jobID, date) in rows.decode((Int64, String, String, Int64, String).self) {
            guard let action = StopAction(rawValue: action), let status = CourierEventPlan.StopStatus(rawValue: status),
                  let serviceDate = LocalDate(iso: date) else { break }
            return Stop(id: id, action: action, status: status, jobID: jobID, serviceDate: serviceDate)
        }
        throw CourierEventRejection.stopNotFound
    }

    /// The event's changes: stop, job (through the state machine), cash, and what a failure leads to.
    func perform(_ event: CourierEvent, by courier: FieldCourier, now: Date, on connection: PostgresConnection,
                 logger: Logger) async throws -> (StoredEventResult, Int64, Int64) {
        let stop = try await lockStop(event.stopID, courierID: courier.courierID, on: connection, logger: logger)
        var job = try await jobs.lock(id: stop.jobID, on: connection, logger: logger)
        let steps = try CourierEventPlan.jobEvents(for: event.report, action: stop.action, stopStatus: stop.status, jobState: job.state).get()
        try Self.checkCash(event.report, job: job)
        if case let .delivered(delivery) = event.report {
            try Self.checkReceiver(delivery, job: job)
            try await checkAttachments(delivery.attachmentIDs, courierID: courier.courierID, jobID: job.id, on: connection, logger: logger)
        }
        let settings = try await FieldSettings.load(on: connection, logger: logger)
        let position = event.lat.flatMap { lat in event.lon.map { (lat: lat, lon: $0) } }
        let (fee, postage) = event.report.cash
        var base: [String: AnyJSON] = [
            "client_event_id": .string(event.clientEventID), "device_time": .string(VietnamTime.iso8601(event.deviceTime)),
            "stop_id": .string(event.stopID),
        ]
        var fields = JobFieldUpdate(receiptNumber: fee?.receiptNumber)
        switch event.report {
        case .arrived: break
        case let .pickedUp(slip, count, _, _):
            base["slip_number"] = .string(slip)
            base["document_count"] = .integer(Int64(count))
            fields.slipNumber = slip
        case let .delivered(delivery):
            base["receiver_name"] = .string(delivery.receiverName)
            base["relation"] = .string(delivery.relation.rawValue)
            base["id_last_digits"] = .string(delivery.idLastDigits)
            base["attachment_ids"] = .array(delivery.attachmentIDs.map(AnyJSON.string))
            fields.deliveredAt = event.deviceTime
        case let .failed(reason, note):
            base["party_at_fault"] = .string(reason.defaultPartyAtFault.rawValue)
            if let note { base["note"] = .string(note) }
        }
        if let fee { base["fee_collected"] = .object(["amount": .integer(fee.amount.dong), "receipt_number": .string(fee.receiptNumber)]) }
        if let postage {
            base["postage_collected"] = .object(["amount": .integer(postage.amount.dong), "receipt_number": .string(postage.receiptNumber)])
        }
        var view: JobView?
        for (index, step) in steps.enumerated() {
            let last = index == steps.count - 1
            var reason: String?
            if case let .failAttempt(failure) = step { reason = failure.rawValue }
            let moved = try await jobs.transition(job, step, by: courier.actor, reason: reason, data: try JSONEncoder.sortedCompact.encode(base),
                                                  at: now, position: position, fields: last ? fields : JobFieldUpdate(),
                                                  policy: settings.policy, on: connection, logger: logger)
            view = moved.view
            job = moved.locked
        }
        let stopStatus = CourierEventPlan.stopStatus(after: event.report)
        try await connection.query("""
            UPDATE run_stops SET status = \(stopStatus.rawValue), arrived_at = coalesce(arrived_at, \(event.deviceTime)),
                finished_at = CASE WHEN \(stopStatus.rawValue) IN ('done', 'failed') THEN \(event.deviceTime) ELSE finished_at END
            WHERE id = \(stop.id)
            """, logger: logger)
        for (kind, cash) in [("government_fee", fee), ("postage", postage)] {
            guard let cash else { continue }
            let agency = kind == "government_fee" && !job.request.agency.code.isEmpty ? job.request.agency.code : nil
            try await connection.query("""
                INSERT INTO cash_entries (courier_id, office_id, job_id, kind, amount, receipt_number, agency_code, collected_at, service_date)
                VALUES (\(courier.courierID), \(job.officeID), \(job.id), \(kind), \(cash.amount.dong), \(cash.receiptNumber), \(agency),
                        \(event.deviceTime), \(stop.serviceDate.description)::date)
                """, logger: logger)
        }
        var result = StoredEventResult(outcome: "applied", stopStatus: stopStatus.rawValue)
        if case let .failed(reason, _) = event.report {
            let next = try await followUp(failure: reason, job: job, failedOn: VietnamTime.localDate(of: event.deviceTime), base: base,
                                          by: courier, settings: settings, now: now, on: connection, logger: logger)
            if let moved = next.view { view = moved }
            job = next.job
            result.nextAttemptDate = next.nextAttemptDate
            result.returnJobID = next.returnJobID
        }
        if let view { result.job = .init(id: view.id, state: view.state.rawValue) } else {
            result.job = .init(id: job.publicID, state: job.state.rawValue)
        }
        return (result, stop.id, job.id)
    }

    /// After a failed attempt: reschedule to the commune's next serving day, or (attempts used up) send the result
    /// back to the agency as a `return_result` job, or cancel the pickup.
    func followUp(failure: FailureReason, job: JobService.Locked, failedOn: LocalDate, base: [String: AnyJSON], by courier: FieldCourier,
                  settings: FieldSettings, now: Date, on connection: PostgresConnection,
                  logger: Logger) async throws -> (view: JobView?, job: JobService.Locked, nextAttemptDate: String?, returnJobID: String?) {
        let calendars = try await FieldSettings.calendars(officeID: job.officeID, communeCode: job.request.address.communeCode,
                                                          on: connection, logger: logger)
        var data = base
        switch settings.policy.outcome(kind: job.kind, failedAttempts: job.failedAttempts, reason: failure, failedOn: failedOn,
                                       commune: calendars.commune, calendar: calendars.office) {
        case let .retry(day):
            data["next_attempt_date"] = .string(day.description)
            let (view, moved) = try await jobs.transition(job, .reschedule, by: courier.actor, reason: nil, data: try JSONEncoder.sortedCompact.encode(data),
                                                          at: now, fields: JobFieldUpdate(notBefore: day), policy: settings.policy,
                                                          notice: OutboxNotice(nextAttemptDate: day.description), on: connection, logger: logger)
            return (view, moved, day.description, nil)
        case let .cancelPickup(reason):
            let (view, moved) = try await jobs.transition(job, .cancel(reason), by: courier.actor, reason: reason.rawValue,
                                                          data: try JSONEncoder.sortedCompact.encode(data), at: now, policy: settings.policy,
                                                          on: connection, logger: logger)
            return (view, moved, nil, nil)
        case .returnToAgency:
            let day = calendars.office.nextWorkingDay(after: failedOn)
            let returnID = try await createReturnJob(from: job, on: day, by: courier.actor, now: now, on: connection, logger: logger)
            return (nil, job, nil, returnID)
        }
    }

    /// The result goes back to the agency as a job of its own. The delivery stays `failed_attempt` (the result is
    /// still with the post office) until the return job's handover record moves both to `returned_to_agency`.
    func createReturnJob(from delivery: JobService.Locked, on day: LocalDate, by actor: JobActor, now: Date,
                         on connection: PostgresConnection, logger: Logger) async throws -> String {
        let publicID = PublicIDs.make("job")
        let rows = try await connection.query("""
            INSERT INTO jobs (public_id, client_id, kind, state, office_id, dossier_code, channel, field, online_level, appointment_date,
                              commune_code, requested_date, requested_slot, request, accepted_at, updated_at, created_by, origin_job_id,
                              not_before)
            SELECT \(publicID), client_id, \(JobKind.returnResult.rawValue), \(JobState.accepted.rawValue), office_id, dossier_code, channel,
                   field, online_level, appointment_date, commune_code, \(day.description)::date, 'any', request, \(now), \(now),
                   \(actor.label), id, \(day.description)::date
            FROM jobs WHERE id = \(delivery.id)
            RETURNING id
            """, logger: logger)
        var returnID: Int64 = 0
        for try await id in rows.decode(Int64.self) { returnID = id }
        try await jobs.recordEvent(jobID: returnID, type: "accepted", from: nil, to: .accepted, actor: actor, reason: nil,
                                   data: try JSONEncoder.sortedCompact.encode(["origin_job_id": delivery.publicID]), at: now,
                                   on: connection, logger: logger)
        let returnView = try await jobs.loadView(id: returnID, on: connection, logger: logger)!
        try await jobs.publish(view: returnView, type: "job.accepted", jobID: returnID, clientID: delivery.clientID,
                               notice: OutboxNotice(originJobID: delivery.publicID), on: connection, logger: logger)
        try await jobs.recordEvent(jobID: delivery.id, type: "return_created", from: delivery.state, to: delivery.state, actor: actor,
                                   reason: nil, data: try JSONEncoder.sortedCompact.encode(["return_job_id": publicID]), at: now,
                                   on: connection, logger: logger)
        let deliveryView = try await jobs.loadView(id: delivery.id, on: connection, logger: logger)!
        try await jobs.publish(view: deliveryView, type: "job.return_created", jobID: delivery.id, clientID: delivery.clientID,
                               notice: OutboxNotice(returnJobID: publicID), on: connection, logger: logger)
        return publicID
    }

    /// Cash must match what the job says is due: the fee as stored, the postage as priced.
    static func checkCash(_ report: CourierReport, job: JobService.Locked) throws {
        let (fee, postage) = report.cash
        if let fee {
            guard let due = job.feeAmount else {
                throw CourierEventRejection.invalid([FieldError(field: "fee_collected", code: "no_fee_due", vi: "Công việc này không thu lệ phí.",
                                                                en: "This job has no fee to collect.")])
            }
            guard fee.amount.dong == due else {
                throw CourierEventRejection.invalid([FieldError(field: "fee_collected.amount", code: "fee_amount_mismatch",
                                                                vi: "Số tiền lệ phí phải đúng \(due) đồng.", en: "The fee must be exactly \(due) đồng.")])
            }
        }
        if let postage, let total = job.quoteTotal, postage.amount.dong != total {
            throw CourierEventRejection.invalid([FieldError(field: "postage_collected.amount", code: "postage_amount_mismatch",
                                                            vi: "Cước phải đúng \(total) đồng.", en: "The postage must be exactly \(total) đồng.")])
        }
    }

    /// An applicant receiving in person shows the ID the portal named (when it named one).
    static func checkReceiver(_ delivery: CourierReport.Delivery, job: JobService.Locked) throws {
        guard delivery.relation == .applicant, let known = job.request.applicant.idLastDigits, !known.isEmpty else { return }
        let width = min(known.count, delivery.idLastDigits.count)
        guard known.suffix(width) == delivery.idLastDigits.suffix(width) else {
            throw CourierEventRejection.invalid([FieldError(field: "id_last_digits", code: "id_mismatch",
                                                            vi: "Số giấy tờ không khớp với người nộp hồ sơ.",
                                                            en: "The ID does not match the applicant's.")])
        }
    }

    func checkAttachments(_ ids: [String], courierID: Int64, jobID: Int64, on connection: PostgresConnection, logger: Logger) async throws {
        guard !ids.isEmpty else { return }
        let rows = try await connection.query("""
            SELECT count(*) FROM attachments WHERE public_id = ANY(\(ids)) AND courier_id = \(courierID) AND job_id = \(jobID)
            """, logger: logger)
        var found = 0
        for try await count in rows.decode(Int.self) { found = count }
        guard found == Set(ids).count else {
            throw CourierEventRejection.invalid([FieldError(field: "attachment_ids", code: "unknown_attachment",
                                                            vi: "Có tệp đính kèm không thuộc điểm dừng này.",
                                                            en: "An attachment does not belong to this stop.")])
        }
    }
}
