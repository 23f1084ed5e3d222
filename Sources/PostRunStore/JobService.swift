import Foundation
import Logging
import NIOCore
import PostgresNIO
import PostRunCore

/// Why a job operation was refused. The API maps each case to a problem+json response.
public enum JobFailure: Error, Sendable, Equatable {
    case validation([FieldError])
    /// Another active job exists for the same dossier code and kind.
    case duplicateDossier(existingJobID: String?)
    case notFound
    case illegalTransition(IllegalTransition)
    /// The `If-Match` version is not the current one.
    case staleVersion(current: Int)
    case idempotencyKeyReused
}

/// Prices one job of a validated request, given the pricing view of the request's communes (already loaded for
/// validation); its snapshot (`QuoteService.snapshotJSON`) is stored in `jobs.quote`.
public typealias JobPricer = @Sendable (ValidJobRequest, JobKind, Date, [String: PricingPlace], PostgresConnection, Logger) async throws -> Quote?

/// Who acts on a job: an API client or a staff member. Recorded on every event.
public struct JobActor: Sendable, Equatable {
    public var label: String
    /// Jobs belong to the API client that created them; a client sees only its own.
    public var clientID: Int64?
    /// A client bound to a province may only create jobs in it.
    public var provinceCode: String?
    /// A staff member acting; their idempotency keys are their own.
    public var staffUserID: Int64?
    /// A staff member bound to a post office sees and creates only that office's jobs.
    public var officeID: Int64?

    public init(label: String, clientID: Int64?, provinceCode: String?, staffUserID: Int64? = nil, officeID: Int64? = nil) {
        self.label = label
        self.clientID = clientID
        self.provinceCode = provinceCode
        self.staffUserID = staffUserID
        self.officeID = officeID
    }

    /// The background planner and other services acting on their own.
    public static func system(_ name: String) -> JobActor { JobActor(label: name, clientID: nil, provinceCode: nil) }

    public var idempotencyOwner: IdempotencyStore.Owner? {
        if let clientID { return .client(clientID) }
        return staffUserID.map(IdempotencyStore.Owner.staff)
    }
}

public struct JobListFilter: Sendable {
    public var dossierCode: String?
    public var state: JobState?
    public var officeCode: String?
    public var updatedSince: Date?
    public var afterID: Int64?
    public var limit: Int

    public init(dossierCode: String? = nil, state: JobState? = nil, officeCode: String? = nil, updatedSince: Date? = nil,
                afterID: Int64? = nil, limit: Int = 50) {
        self.dossierCode = dossierCode
        self.state = state
        self.officeCode = officeCode
        self.updatedSince = updatedSince
        self.afterID = afterID
        self.limit = limit
    }
}

/// A rendered response, as stored for idempotent replays.
public struct StoredResponse: Sendable, Equatable {
    public var status: Int
    public var body: Data
    public var replayed: Bool

    public init(status: Int, body: Data, replayed: Bool) {
        self.status = status
        self.body = body
        self.replayed = replayed
    }
}

/// Jobs: the rules of Core applied to rows in PostgreSQL, each operation in one transaction,
/// with its history line and its outbox event written alongside.
public struct JobService: Sendable {
    public let database: Database
    public var policy: AttemptPolicy
    /// Prices a job inside its creating transaction; nil until a tariff source is wired in.
    public var pricer: JobPricer?

    public init(database: Database, policy: AttemptPolicy = .standard,
                pricer: JobPricer? = nil) {
        self.database = database
        self.policy = policy
        self.pricer = pricer
    }

    static let terminalStates = JobState.allCases.filter(\.isTerminal).map(\.rawValue)

    // MARK: Create

    /// Validates, prices and stores the job(s) of a request. With an idempotency key, a repeat returns the first response.
    ///
    /// The hot path of the portal, so it is short: the commune facts and the price are read first (no transaction
    /// needed), then a single job, its key, its history line and its outbox event go in one statement, which
    /// PostgreSQL commits on its own. A pickup_and_return's two linked jobs take one transaction.
    public func create(_ request: JobRequest, rawBody: Data, idempotencyKey: String?, path: String, by actor: JobActor,
                       now: Date = Date(), logger: Logger) async throws -> StoredResponse {
        let key = actor.idempotencyOwner.flatMap { owner in
            idempotencyKey.map { IdempotencyStore.Key(owner: owner, key: $0, method: "POST", path: path, body: rawBody) }
        }
        do {
            let jobs: [NewJob]
            do {
                jobs = try await database.withConnection { try await prepareJobs(request, by: actor, now: now, on: $0, logger: logger) }
            } catch let failure as JobFailure {
                // A repeat of a request accepted earlier gets its first answer, even if the request would be refused now.
                if let key, let earlier = try await IdempotencyStore.earlierResponse(key, database: database, logger: logger) {
                    return earlier
                }
                throw failure
            }
            return try await store(jobs, key: key, actor: actor, now: now, logger: logger)
        } catch where SQLState.of(error) == SQLState.uniqueViolation {
            let kinds = (RequestKind(rawValue: request.kind)?.jobKinds ?? []).map(\.rawValue)
            let existing = try await activeJob(dossierCode: request.dossier.code ?? "", kinds: kinds, logger: logger)
            throw JobFailure.duplicateDossier(existingJobID: existing)
        }
    }

    /// The insert of a job without an idempotency key returned no row: never expected, answered 500.
    struct JobNotStored: Error {}

    /// A job of a create request, validated and priced, with its view (the response) already encoded.
    struct NewJob {
        var publicID: String
        var kind: JobKind
        var valid: ValidJobRequest
        var requestJSON: String
        var officeID: Int64
        var quoteJSON: String?
        var view: JobView
        var viewJSON: Data
    }

    func prepareJobs(_ request: JobRequest, by actor: JobActor, now: Date, on connection: PostgresConnection,
                     logger: Logger) async throws -> [NewJob] {
        let codes = (request.address.communeCode, request.agency.communeCode)
        let communes = try await database.referenceCache.value(.communes(codes.0, codes.1)) {
            try await communeFacts(codes.0, codes.1, on: connection, logger: logger)
        }
        let today = VietnamTime.localDate(of: now)
        let valid: ValidJobRequest
        switch JobRequestValidator.check(request, today: today, communeExists: { communes[$0]?.status ?? .unknown }) {
        case let .success(value): valid = value
        case let .failure(error): throw JobFailure.validation(error.errors)
        }
        let home = communes[valid.request.address.communeCode]
        var errors: [FieldError] = []
        if let province = actor.provinceCode, let homeProvince = home?.provinceCode, homeProvince != province {
            errors.append(FieldError(field: "address.commune_code", code: "outside_client_province",
                                     messageVi: "Xã/phường không thuộc tỉnh của khoá truy cập (\(province)).",
                                     messageEn: "The commune is outside the API key's province (\(province))."))
        }
        if home?.officeID == nil {
            errors.append(FieldError(field: "address.commune_code", code: "no_serving_office",
                                     messageVi: "Chưa có bưu cục phục vụ xã/phường này.",
                                     messageEn: "No post office serves this commune yet."))
        }
        if let officeID = actor.officeID, let serving = home?.officeID, serving != officeID {
            errors.append(FieldError(field: "address.commune_code", code: "outside_staff_office",
                                     messageVi: "Xã/phường do bưu cục khác phục vụ; hãy chuyển yêu cầu cho bưu cục đó.",
                                     messageEn: "Another post office serves this commune; pass the request to that office."))
        }
        if !errors.isEmpty { throw JobFailure.validation(errors) }
        let office = home!.office!
        let places = communes.mapValues(\.pricingPlace)

        // A second active job for the dossier is refused by the unique index `jobs_active_dossier`; `create` turns
        // the violation into `duplicateDossier` with the existing job's id.
        let requestJSON = String(decoding: valid.request.jsonBytes, as: UTF8.self)
        let kinds = valid.jobKinds
        let publicIDs = kinds.map { _ in PublicIDs.make("job") }
        // The view of a new job is known without reading it back: everything in it is about to be written.
        let stamp = VietnamTime.iso8601(now)
        var jobs: [NewJob] = []
        for (index, kind) in kinds.enumerated() {
            let quote = try await pricer?(valid, kind, now, places, connection, logger).map { quote in
                JSONDocument(encoding: quote, raw: Data(try QuoteService.snapshotJSON(quote).utf8))
            }
            let request = valid.request
            let view = JobView(
                id: publicIDs[index], kind: kind, state: .accepted, version: 1,
                linkedJobID: publicIDs.count == 2 ? publicIDs[1 - index] : nil,
                office: .init(code: office.code, name: office.name), dossier: request.dossier, agency: request.agency,
                applicant: request.applicant, address: request.address, requested: request.requested,
                feeToCollect: Self.fee(of: kind, in: request), weightGrams: request.weightGrams, notes: request.notes,
                quote: quote, failedAttempts: 0, acceptedAt: stamp, updatedAt: stamp)
            jobs.append(NewJob(publicID: publicIDs[index], kind: kind, valid: valid, requestJSON: requestJSON, officeID: office.id,
                               quoteJSON: quote.map { String(decoding: $0.raw, as: UTF8.self) }, view: view,
                               viewJSON: view.jsonData))
        }
        return jobs
    }

    /// Stores prepared jobs with their key; when the key turns out to be taken, the earlier response.
    func store(_ jobs: [NewJob], key: IdempotencyStore.Key?, actor: JobActor, now: Date, logger: Logger) async throws -> StoredResponse {
        let body = jobs.count == 1 ? jobs[0].viewJSON : JobView.jsonData(jobs: jobs.map(\.view))
        let response = StoredResponse(status: 201, body: body, replayed: false)
        let stored: Bool
        if jobs.count == 1 {
            let rows = try await database.client.execute(
                JobInsertStatement(job: jobs[0], key: key, response: response, actor: actor, now: now), logger: logger)
            stored = try await rows.reduce(0) { count, _ in count + 1 } == 1
            if stored { await database.outboxCommitted() }
        } else {
            stored = try await database.transaction(logger: logger) { connection in
                let first = try await connection.execute(
                    JobInsertStatement(job: jobs[0], key: key, response: response, actor: actor, now: now), logger: logger)
                guard try await first.reduce(0, { count, _ in count + 1 }) == 1 else { return false }
                for job in jobs.dropFirst() {
                    _ = try await connection.execute(JobInsertStatement(job: job, key: nil, response: response, actor: actor, now: now),
                                                     logger: logger).reduce(0) { count, _ in count + 1 }
                }
                let ids = jobs.map(\.publicID)
                try await connection.query("""
                    UPDATE jobs j SET linked_job_id = other.id FROM jobs other
                    WHERE j.public_id = ANY(\(ids)) AND other.public_id = ANY(\(ids)) AND other.id <> j.id
                    """, logger: logger)
                Outbox.wakeSendersAfterCommit()
                return true
            }
        }
        if stored { return response }
        // Without a key the statement always inserts; with one, nothing was stored because the key was taken...
        guard let key else { throw JobNotStored() }
        // Taken by an earlier request (perhaps one that committed while this one ran)...
        if let earlier = try await IdempotencyStore.earlierResponse(key, database: database, logger: logger) { return earlier }
        // ...that was rolled back, or whose key was purged, in between: try again.
        return try await store(jobs, key: key, actor: actor, now: now, logger: logger)
    }

    struct CommuneFacts {
        var code: String
        var status: CommuneStatus
        var provinceCode: String
        var areaClasses: [AreaClass]
        /// The serving office of the unit (current or not): pricing groups communes by it.
        var servingOfficeID: Int64?
        /// The serving office, for the current unit only: where a new job goes.
        var office: (id: Int64, code: String, name: String)?
        var officeID: Int64? { office?.id }

        var pricingPlace: PricingPlace {
            PricingPlace(commune: code, province: provinceCode, areaGroup: servingOfficeID.map { String($0) }, areaClasses: areaClasses)
        }
    }

    func communeFacts(_ first: String, _ second: String, on connection: PostgresConnection, logger: Logger) async throws -> [String: CommuneFacts] {
        var facts: [String: CommuneFacts] = [:]
        let rows = try await connection.execute(CommuneFactsStatement(first: first, second: second), logger: logger)
        for try await (code, current, province, classes, officeID, officeCode, officeName) in rows {
            let office = current ? officeID.flatMap { id in officeCode.flatMap { code in officeName.map { (id, code, $0) } } } : nil
            facts[code] = CommuneFacts(code: code, status: current ? .current : .notCurrent, provinceCode: province,
                                       areaClasses: classes.compactMap(AreaClass.init(rawValue:)), servingOfficeID: officeID, office: office)
        }
        return facts
    }

    func activeJob(dossierCode: String, kinds: [String], logger: Logger) async throws -> String? {
        let rows = try await database.query("""
            SELECT public_id FROM jobs WHERE dossier_code = \(dossierCode) AND kind = ANY(\(kinds))
            AND state <> ALL(\(Self.terminalStates)) ORDER BY id LIMIT 1
            """, logger: logger)
        for try await id in rows.decode(String.self) { return id }
        return nil
    }

    // MARK: Read

    /// The one SELECT behind every `JobView` (filters follow it).
    static let viewSelect = """
        SELECT j.id, j.public_id, j.kind, j.state, j.version, l.public_id, o.code, o.name, j.request::text, j.quote::text,
            j.failed_attempts, j.accepted_at, j.updated_at
        FROM jobs j JOIN post_offices o ON o.id = j.office_id LEFT JOIN jobs l ON l.id = j.linked_job_id
        """

    func loadView(id: Int64, on connection: PostgresConnection, logger: Logger) async throws -> JobView? {
        let rows = try await connection.query("\(unescaped: Self.viewSelect) WHERE j.id = \(id)", logger: logger)
        return try await Self.decodeViews(rows).first?.view
    }

    /// The fee a job collects: a `pickup_and_return` collects it once, on the pickup (as it is stored and priced).
    static func fee(of kind: JobKind, in request: JobRequest) -> JobRequest.Fee? {
        guard let requestKind = RequestKind(rawValue: request.kind) else { return request.feeToCollect }
        return QuoteService.collectsFee(kind: kind, in: requestKind) ? request.feeToCollect : nil
    }

    typealias ViewRow = (Int64, String, String, String, Int, String?, String, String, String, String?, Int, Date, Date)

    static func decodeViews(_ rows: PostgresRowSequence) async throws -> [(id: Int64, view: JobView)] {
        var result: [(Int64, JobView)] = []
        let decoder = JSONDecoder()
        for try await row in rows.decode(ViewRow.self) {
            let request = try decoder.decode(JobRequest.self, from: Data(row.8.utf8))
            let kind = JobKind(rawValue: row.2) ?? .pickupDossier
            let view = JobView(
                id: row.1, kind: kind, state: JobState(rawValue: row.3) ?? .accepted,
                version: row.4, linkedJobID: row.5, office: .init(code: row.6, name: row.7),
                dossier: request.dossier, agency: request.agency, applicant: request.applicant, address: request.address,
                requested: request.requested, feeToCollect: fee(of: kind, in: request), weightGrams: request.weightGrams,
                notes: request.notes, quote: row.9.map { JSONDocument(raw: Data($0.utf8)) }, failedAttempts: row.10,
                acceptedAt: VietnamTime.iso8601(row.11), updatedAt: VietnamTime.iso8601(row.12))
            result.append((row.0, view))
        }
        return result.map { (id: $0.0, view: $0.1) }
    }

    /// The job, if the caller may see it: a client its own jobs, an office's staff that office's (nil and nil: all).
    public func job(_ publicID: String, visibleTo clientID: Int64?, office officeID: Int64? = nil, logger: Logger) async throws -> JobView {
        let rows = try await database.query("""
            \(unescaped: Self.viewSelect)
            WHERE j.public_id = \(publicID) AND (\(clientID)::bigint IS NULL OR j.client_id = \(clientID))
              AND (\(officeID)::bigint IS NULL OR j.office_id = \(officeID))
            """, logger: logger)
        guard let view = try await Self.decodeViews(rows).first?.view else { throw JobFailure.notFound }
        return view
    }

    /// A page of jobs in id order; the cursor is the last id of the page.
    public func list(_ filter: JobListFilter, visibleTo clientID: Int64?, office officeID: Int64? = nil,
                     logger: Logger) async throws -> (jobs: [JobView], lastID: Int64?, more: Bool) {
        let rows = try await database.query("""
            \(unescaped: Self.viewSelect)
            WHERE (\(clientID)::bigint IS NULL OR j.client_id = \(clientID))
              AND (\(officeID)::bigint IS NULL OR j.office_id = \(officeID))
              AND (\(filter.dossierCode)::text IS NULL OR j.dossier_code = \(filter.dossierCode))
              AND (\(filter.state?.rawValue)::text IS NULL OR j.state = \(filter.state?.rawValue))
              AND (\(filter.officeCode)::text IS NULL OR o.code = \(filter.officeCode))
              AND (\(filter.updatedSince)::timestamptz IS NULL OR j.updated_at >= \(filter.updatedSince))
              AND j.id > \(filter.afterID ?? 0)
            ORDER BY j.id LIMIT \(filter.limit + 1)
            """, logger: logger)
        let page = try await Self.decodeViews(rows)
        let more = page.count > filter.limit
        let kept = Array(page.prefix(filter.limit))
        return (kept.map(\.view), kept.last?.id, more)
    }

    public func events(_ publicID: String, visibleTo clientID: Int64?, office officeID: Int64? = nil, logger: Logger) async throws -> [JobEventView] {
        _ = try await job(publicID, visibleTo: clientID, office: officeID, logger: logger)
        let rows = try await database.query("""
            SELECT e.type, e.from_state, e.to_state, e.at, e.actor, e.reason, e.lat, e.lon, e.data::text
            FROM job_events e JOIN jobs j ON j.id = e.job_id WHERE j.public_id = \(publicID) ORDER BY e.id
            """, logger: logger)
        var events: [JobEventView] = []
        for try await (type, from, to, at, actor, reason, lat, lon, data) in
            rows.decode((String, String?, String, Date, String, String?, Double?, Double?, String).self) {
            events.append(JobEventView(type: type, fromState: from, toState: to, at: VietnamTime.iso8601(at), actor: actor,
                                       reason: reason, lat: lat, lon: lon, data: JSONDocument(raw: Data(data.utf8))))
        }
        return events
    }

    // MARK: Change

    /// Applies a lifecycle event under the state machine, optionally checking the version first.
    public func apply(_ event: JobEvent, to publicID: String, expectedVersion: Int?, by actor: JobActor, reason: String? = nil,
                      data: Data? = nil, now: Date = Date(), logger: Logger) async throws -> JobView {
        try await database.transaction(logger: logger) { connection in
            try await apply(event, to: publicID, expectedVersion: expectedVersion, by: actor, reason: reason, data: data,
                            now: now, on: connection, logger: logger)
        }
    }

    public func apply(_ event: JobEvent, to publicID: String, expectedVersion: Int?, by actor: JobActor, reason: String?,
                      data: Data?, now: Date, on connection: PostgresConnection, logger: Logger) async throws -> JobView {
        let current = try await lock(publicID, actor: actor, expectedVersion: expectedVersion, on: connection, logger: logger)
        return try await transition(current, event, by: actor, reason: reason, data: data, at: now, on: connection, logger: logger).view
    }

    /// Moves a locked job by `event` under the state machine: the row (with `fields`), its history line (with the
    /// courier's position, if known) and its outbox event, on the caller's transaction. A return job handed back to
    /// the agency takes its failed delivery to `returned_to_agency` with it.
    public func transition(_ current: Locked, _ event: JobEvent, by actor: JobActor, reason: String?, data: Data?, at now: Date,
                           position: (lat: Double, lon: Double)? = nil, fields: JobFieldUpdate = JobFieldUpdate(),
                           policy: AttemptPolicy? = nil, notice: OutboxNotice = OutboxNotice(),
                           on connection: PostgresConnection, logger: Logger) async throws -> (view: JobView, locked: Locked) {
        let next: JobState
        switch JobLifecycle.apply(event, to: current.state, kind: current.kind, failedAttempts: current.failedAttempts,
                                  policy: policy ?? self.policy) {
        case let .success(state): next = state
        case let .failure(illegal): throw JobFailure.illegalTransition(illegal)
        }
        let failed = event.type == .failAttempt ? current.failedAttempts + 1 : current.failedAttempts
        try await connection.query("""
            UPDATE jobs SET state = \(next.rawValue), version = version + 1, failed_attempts = \(failed), updated_at = \(now),
                slip_number = COALESCE(\(fields.slipNumber), slip_number), receipt_number = COALESCE(\(fields.receiptNumber), receipt_number),
                delivered_at = COALESCE(\(fields.deliveredAt), delivered_at),
                not_before = CASE WHEN \(fields.notBefore?.description)::date IS NULL THEN not_before ELSE \(fields.notBefore?.description)::date END
            WHERE id = \(current.id)
            """, logger: logger)
        let view = try await loadView(id: current.id, on: connection, logger: logger)!
        try await recordAndPublish(jobID: current.id, type: event.type.rawValue, from: current.state, to: next, actor: actor,
                                   reason: reason, data: data, at: now, position: position, view: view, notice: notice,
                                   outboxType: "job.\(next.rawValue)", clientID: current.clientID, on: connection, logger: logger)
        var moved = current
        moved.state = next
        moved.failedAttempts = failed
        moved.version += 1
        if current.kind == .returnResult, next == .returnedToAgency, let originID = current.originJobID {
            let origin = try await lock(id: originID, on: connection, logger: logger)
            // The return job exists only because the delivery's attempts ran out, whatever the limit was then.
            let exhausted = AttemptPolicy(maxDeliveryAttempts: max(1, origin.failedAttempts))
            let data = try JSONEncoder.sortedCompact.encode(["return_job_id": view.id])
            _ = try await transition(origin, .returnToAgency, by: actor, reason: nil, data: data, at: now, policy: exhausted,
                                     on: connection, logger: logger)
        }
        return (view, moved)
    }

    /// Edits contact, address or visit slot while the job is not dispatched; requires the current version.
    public func patch(_ publicID: String, with patch: JobPatch, expectedVersion: Int, by actor: JobActor, now: Date = Date(),
                      logger: Logger) async throws -> JobView {
        try await database.transaction(logger: logger) { connection in
            let current = try await lock(publicID, actor: actor, expectedVersion: expectedVersion, on: connection, logger: logger)
            let communes = if let code = patch.address?.communeCode {
                try await communeFacts(code, code, on: connection, logger: logger)
            } else { [String: CommuneFacts]() }
            let errors = JobPatchValidator.validate(patch, state: current.state, today: VietnamTime.localDate(of: now),
                                                    communeExists: { communes[$0]?.status ?? .unknown })
            if !errors.isEmpty { throw JobFailure.validation(errors) }
            let normalized = JobPatchValidator.normalized(patch)
            var request = current.request
            if let contact = normalized.applicant {
                if let name = contact.name { request.applicant.name = name }
                if let phone = contact.phone { request.applicant.phone = PhoneNumber(phone)?.canonical ?? phone }
                if let email = contact.email { request.applicant.email = email }
            }
            var officeID = current.officeID
            if let address = normalized.address {
                guard let office = communes[address.communeCode]?.officeID else {
                    throw JobFailure.validation([FieldError(field: "address.commune_code", code: "no_serving_office",
                                                            messageVi: "Chưa có bưu cục phục vụ xã/phường này.",
                                                            messageEn: "No post office serves this commune yet.")])
                }
                request.address = address
                officeID = office
            }
            if let visit = normalized.requested {
                if let date = visit.date { request.requested.date = date }
                if let slot = visit.slot { request.requested.slot = slot }
            }
            let requestJSON = String(decoding: request.jsonBytes, as: UTF8.self)
            try await connection.query("""
                UPDATE jobs SET request = \(requestJSON)::jsonb, office_id = \(officeID), commune_code = \(request.address.communeCode),
                    requested_date = \(request.requested.date)::date, requested_slot = \(request.requested.slot),
                    version = version + 1, updated_at = \(now)
                WHERE id = \(current.id)
                """, logger: logger)
            let changed = [normalized.applicant.map { _ in "applicant" }, normalized.address.map { _ in "address" },
                           normalized.requested.map { _ in "requested" }].compactMap { $0 }
            let view = try await loadView(id: current.id, on: connection, logger: logger)!
            try await recordAndPublish(jobID: current.id, type: "edited", from: current.state, to: current.state, actor: actor,
                                       reason: nil, data: try JSONEncoder.sortedCompact.encode(["changed": changed]), at: now, view: view,
                                       outboxType: "job.edited", clientID: current.clientID, on: connection, logger: logger)
            return view
        }
    }

    /// A job row-locked for the rest of a transaction, with what the state machine and the field need.
    public struct Locked: Sendable {
        public var id: Int64
        public var publicID: String
        public var kind: JobKind
        public var state: JobState
        public var version: Int
        public var failedAttempts: Int
        public var clientID: Int64?
        public var officeID: Int64
        public var request: JobRequest
        /// The government fee to collect in cash, as stored (a `pickup_and_return` collects it on the pickup only).
        public var feeAmount: Int64?
        /// The postage total of the price snapshot, if priced.
        public var quoteTotal: Int64?
        public var originJobID: Int64?
    }

    /// Row-locks the job for the rest of the transaction; 404 when the actor may not see it, 412 when stale.
    func lock(_ publicID: String, actor: JobActor, expectedVersion: Int?, on connection: PostgresConnection, logger: Logger) async throws -> Locked {
        let locked = try await lock(publicID: publicID, id: nil, clientID: actor.clientID, officeID: actor.officeID,
                                    on: connection, logger: logger)
        if let expectedVersion, expectedVersion != locked.version { throw JobFailure.staleVersion(current: locked.version) }
        return locked
    }

    /// Row-locks the job with internal id `id` (staff and the field: no client filter).
    public func lock(id: Int64, on connection: PostgresConnection, logger: Logger) async throws -> Locked {
        try await lock(publicID: nil, id: id, clientID: nil, officeID: nil, on: connection, logger: logger)
    }

    private func lock(publicID: String?, id: Int64?, clientID: Int64?, officeID: Int64?, on connection: PostgresConnection,
                      logger: Logger) async throws -> Locked {
        let rows = try await connection.query("""
            SELECT id, public_id, kind, state, version, failed_attempts, client_id, office_id, request::text, fee_amount,
                (quote->>'total')::bigint, origin_job_id
            FROM jobs
            WHERE (\(publicID)::text IS NULL OR public_id = \(publicID)) AND (\(id)::bigint IS NULL OR id = \(id))
              AND (\(clientID)::bigint IS NULL OR client_id = \(clientID))
              AND (\(officeID)::bigint IS NULL OR office_id = \(officeID)) FOR UPDATE
            """, logger: logger)
        for try await (id, publicID, kind, state, version, failed, client, office, request, fee, total, origin) in
            rows.decode((Int64, String, String, String, Int, Int, Int64?, Int64, String, Int64?, Int64?, Int64?).self) {
            return Locked(id: id, publicID: publicID, kind: JobKind(rawValue: kind) ?? .pickupDossier,
                          state: JobState(rawValue: state) ?? .accepted, version: version, failedAttempts: failed, clientID: client,
                          officeID: office, request: try JSONDecoder().decode(JobRequest.self, from: Data(request.utf8)),
                          feeAmount: fee, quoteTotal: total, originJobID: origin)
        }
        throw JobFailure.notFound
    }

    /// Records a job event and enqueues its outbox row in one statement (one round trip on the hot path).
    func recordAndPublish(jobID: Int64, type: String, from: JobState?, to: JobState, actor: JobActor, reason: String?, data: Data?,
                          at: Date, position: (lat: Double, lon: Double)? = nil, view: JobView, notice: OutboxNotice = OutboxNotice(),
                          outboxType: String, clientID: Int64?, on connection: PostgresConnection, logger: Logger) async throws {
        let dataJSON = data.map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        let payload = String(decoding: OutboxPayload.json(job: view, notice: notice), as: UTF8.self)
        Outbox.wakeSendersAfterCommit()
        try await connection.query("""
            WITH event AS (
                INSERT INTO job_events (job_id, type, from_state, to_state, at, actor, reason, lat, lon, data)
                VALUES (\(jobID), \(type), \(from?.rawValue), \(to.rawValue), \(at), \(actor.label), \(reason), \(position?.lat),
                        \(position?.lon), \(dataJSON)::jsonb)
            )
            \(unescaped: Outbox.insertStatement)
            VALUES (\(PublicIDs.make("evt")), \(clientID), \(jobID), \(outboxType), \(payload)::jsonb)
            """, logger: logger)
    }

    func recordEvent(jobID: Int64, type: String, from: JobState?, to: JobState, actor: JobActor, reason: String?, data: Data?,
                     at: Date, position: (lat: Double, lon: Double)? = nil, on connection: PostgresConnection, logger: Logger) async throws {
        let dataJSON = data.map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        try await connection.query("""
            INSERT INTO job_events (job_id, type, from_state, to_state, at, actor, reason, lat, lon, data)
            VALUES (\(jobID), \(type), \(from?.rawValue), \(to.rawValue), \(at), \(actor.label), \(reason), \(position?.lat),
                    \(position?.lon), \(dataJSON)::jsonb)
            """, logger: logger)
    }

    func publish(view: JobView, type: String, jobID: Int64, clientID: Int64?, notice: OutboxNotice = OutboxNotice(),
                 on connection: PostgresConnection, logger: Logger) async throws {
        let payload = OutboxPayload.json(job: view, notice: notice)
        try await Outbox.enqueue(.init(type: type, clientID: clientID, jobID: jobID, payload: payload), on: connection, logger: logger)
    }
}

/// Columns a field event sets on a job along with its state; nil leaves a column as it is.
public struct JobFieldUpdate: Sendable {
    /// Phiếu gửi: the dispatch slip signed at pickup.
    public var slipNumber: String?
    /// The receipt given for a fee collected in cash.
    public var receiptNumber: String?
    public var deliveredAt: Date?
    /// The first day a retry may be planned.
    public var notBefore: LocalDate?

    public init(slipNumber: String? = nil, receiptNumber: String? = nil, deliveredAt: Date? = nil, notBefore: LocalDate? = nil) {
        self.slipNumber = slipNumber
        self.receiptNumber = receiptNumber
        self.deliveredAt = deliveredAt
        self.notBefore = notBefore
    }
}

/// What a webhook says besides the job itself (absent members are left out of the payload).
public struct OutboxNotice: Sendable {
    /// A failed attempt was rescheduled: the day of the next attempt.
    public var nextAttemptDate: String?
    /// The result goes back to the agency as this `return_result` job.
    public var returnJobID: String?
    /// A `return_result` job: the delivery it continues.
    public var originJobID: String?

    public init(nextAttemptDate: String? = nil, returnJobID: String? = nil, originJobID: String? = nil) {
        self.nextAttemptDate = nextAttemptDate
        self.returnJobID = returnJobID
        self.originJobID = originJobID
    }
}

/// A job event's webhook payload: `{"job": …}` and the notice's members beside it, keys sorted.
enum OutboxPayload {
    static func json(job: JobView, notice: OutboxNotice) -> Data {
        var json = JSONWriter(capacity: 2048)
        json.object { json in
            json.key("job"); job.write(to: &json)
            if let date = notice.nextAttemptDate { json.key("next_attempt_date"); json.string(date) }
            if let origin = notice.originJobID { json.key("origin_job_id"); json.string(origin) }
            if let returnJob = notice.returnJobID { json.key("return_job_id"); json.string(returnJob) }
        }
        return Data(json.bytes)
    }

    /// The payload with no notice, around a view already encoded (for the response), so it is not encoded twice.
    static func json(jobView: Data) -> String {
        #"{"job":"# + String(decoding: jobView, as: UTF8.self) + "}"
    }
}
