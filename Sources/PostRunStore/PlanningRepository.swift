import Foundation
import Logging
import Planning
import PostgresNIO
import PostRunCore
import Routing

/// Who asked for a plan. Raw values are `plans.trigger`.
public enum PlanTrigger: String, Sendable {
    case cutoff, dispatcher
    case urgentInsert = "urgent_insert"
}

/// What a planning call did.
public struct PlanSummary: Sendable {
    public var planID: String?
    public var officeCode: String
    public var date: LocalDate
    public var trigger: PlanTrigger
    public var requestedBy: String
    /// True when a cutoff plan for the office and day already existed: nothing was done.
    public var skipped: Bool
    public var runs: Int
    public var stops: Int
    public var plannedJobs: Int
    public var unplanned: [UnplannedJob]
    /// Published runs of the day, left untouched.
    public var keptPublishedRuns: Int
    public var loadSeconds: Double
    public var solveSeconds: Double
    public var storeSeconds: Double
}

/// Plans an office day: loads it in a few queries, solves it outside any lock, then in one transaction under the
/// office's advisory lock re-checks that nothing moved and replaces the day's draft runs.
extension PlanningRepository {
    /// SQL condition on job `j`: the result half of a pickup_and_return whose result does not exist yet on `date`
    /// (`YYYY-MM-DD`). It becomes due once its dossier is at the agency and the appointment date brought back (if
    /// any) has come. `date` is a validated `LocalDate`'s text, never user input.
    public static func awaitingResult(on date: String) -> String {
        """
        (j.kind = 'deliver_result' AND j.state = 'accepted' AND EXISTS (
            SELECT 1 FROM jobs p WHERE p.id = j.linked_job_id AND p.kind = 'pickup_dossier'
              AND (p.state <> 'handed_to_agency' OR coalesce(j.appointment_date, p.appointment_date) > '\(date)'::date)))
        """
    }
}

public struct PlanningRepository: Sendable {
    public typealias MatrixProvider = @Sendable (_ office: String, _ date: LocalDate, _ places: [TravelPlace], _ logger: Logger) async -> TravelMatrix

    public let database: Database
    public let jobs: JobService
    public var parameters: PlanningParameters
    public var matrix: MatrixProvider

    /// The advisory-lock class of run changes; the office id is the object. Dispatcher edits take it too.
    public static let lockClass: Int32 = 70_701

    public init(database: Database, parameters: PlanningParameters = PlanningParameters(), matrix: MatrixProvider? = nil) {
        self.database = database
        self.jobs = JobService(database: database)
        self.parameters = parameters
        let model = TravelModel(parameters: parameters.travelModel)
        self.matrix = matrix ?? { _, date, places, _ in model.matrix(for: places, month: date.month) }
    }

    /// Takes the office's lock for the rest of the transaction.
    public static func lockOffice(_ officeID: Int64, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("SELECT pg_advisory_xact_lock(\(lockClass), \(Int32(truncatingIfNeeded: officeID)))", logger: logger)
    }

    // MARK: Plan

    /// Plans `date` for the office. A cutoff plan is made once per office and day (a second call skips); a dispatcher's
    /// re-plan replaces the draft runs, keeps published runs, and keeps locked stops with their courier.
    public func plan(officeID: Int64, date: LocalDate, trigger: PlanTrigger, requestedBy: String, logger: Logger) async throws -> PlanSummary {
        let clock = ContinuousClock()
        let started = clock.now
        try await AgencyCalendarRepository(database: database).seedBuiltInHolidays(logger: logger)
        let budget = try await timeBudget(logger: logger)
        if trigger == .cutoff, let code = try await cutoffPlanExists(officeID: officeID, date: date, on: nil, logger: logger) {
            return Self.skipped(code, date, trigger, requestedBy)
        }
        var day = try await database.withConnection { try await load(officeID: officeID, date: date, on: $0, logger: logger) }
        let loaded = clock.now
        var plan = try await solve(day, budget: budget, logger: logger)
        let solved = clock.now
        var extraSolve = Duration.zero
        let result: PlanSummary? = try await database.transaction(logger: logger) { connection in
            try await Self.lockOffice(officeID, on: connection, logger: logger)
            if trigger == .cutoff, try await cutoffPlanExists(officeID: officeID, date: date, on: connection, logger: logger) != nil {
                return nil
            }
            if try await fingerprint(officeID: officeID, date: date, on: connection, logger: logger) != day.fingerprint {
                // Something changed while we solved (another planner, a dispatcher, a new job): plan again under the lock.
                let again = clock.now
                day = try await load(officeID: officeID, date: date, on: connection, logger: logger)
                plan = try await solve(day, budget: budget, logger: logger)
                extraSolve = clock.now - again
            }
            return try await write(plan, day: day, trigger: trigger, requestedBy: requestedBy, on: connection, logger: logger)
        }
        guard var summary = result else { return Self.skipped(day.officeCode, date, trigger, requestedBy) }
        summary.loadSeconds = (loaded - started).seconds
        summary.solveSeconds = (solved - loaded + extraSolve).seconds
        summary.storeSeconds = (clock.now - solved - extraSolve).seconds
        return summary
    }

    /// Offices whose cutoff (local time) has passed today and whose next working day has no cutoff plan yet.
    public func dueCutoffs(now: Date, logger: Logger) async throws -> [(officeID: Int64, date: LocalDate)] {
        try await AgencyCalendarRepository(database: database).seedBuiltInHolidays(logger: logger)
        let today = VietnamTime.localDate(of: now)
        let seconds = VietnamTime.secondsOfDay(of: now)
        let holidays = AgencyCalendarRepository.holidayList(try await AgencyCalendarRepository(database: database)
            .calendarDays(from: today, to: today.adding(days: 40), logger: logger))
        var due: [(officeID: Int64, date: LocalDate)] = []
        for try await (id, cutoff, days) in try await database.query("""
            SELECT id, extract(epoch FROM cutoff_at)::integer, working_days FROM post_offices ORDER BY id
            """, logger: logger).decode((Int64, Int, [Int16]).self) where seconds >= cutoff {
            let weekdays = Set(days.map(Int.init)).filter { (1...7).contains($0) }
            let calendar = WorkingCalendar(workingWeekdays: weekdays.isEmpty ? [1, 2, 3, 4, 5] : weekdays,
                                           holidays: holidays)
            let date = calendar.nextWorkingDay(after: today)
            if try await cutoffPlanExists(officeID: id, date: date, on: nil, logger: logger) == nil { due.append((id, date)) }
        }
        return due
    }

    static func skipped(_ code: String, _ date: LocalDate, _ trigger: PlanTrigger, _ by: String) -> PlanSummary {
        PlanSummary(planID: nil, officeCode: code, date: date, trigger: trigger, requestedBy: by, skipped: true, runs: 0, stops: 0,
                    plannedJobs: 0, unplanned: [], keptPublishedRuns: 0, loadSeconds: 0, solveSeconds: 0, storeSeconds: 0)
    }

    func solve(_ day: OfficeDay, budget: Double, logger: Logger) async throws -> DayPlan {
        let (model, matrix) = await model(of: day, logger: logger)
        return try await CPUBoundWork.run {
            let solution = try RoutingSolver.solve(model.problem(matrix: matrix), options: SolverOptions(timeLimit: budget, seed: 1))
            return model.plan(from: solution, matrix: matrix)
        }
    }

    /// The day's planning model and its travel matrix (OSRM or the travel model, as configured).
    func model(of day: OfficeDay, logger: Logger) async -> (PlanningModel, TravelMatrix) {
        let model = DayPlanner.model(day.input)
        return (model, await matrix(day.officeCode, day.input.date, model.places, logger))
    }

    /// The routing problem a plan of `date` would solve now (same jobs, couriers, locks and travel matrix), changing
    /// nothing: to reproduce a plan offline (`postrun solve FILE --format problem`) or to compare solvers on a real day.
    public func problem(officeID: Int64, date: LocalDate, logger: Logger) async throws -> RoutingProblem {
        let day = try await database.withConnection { try await load(officeID: officeID, date: date, on: $0, logger: logger) }
        let (model, matrix) = await model(of: day, logger: logger)
        return model.problem(matrix: matrix)
    }

    /// `planning.time_budget_seconds` from app_settings (default 5).
    public func timeBudget(logger: Logger) async throws -> Double {
        let rows = try await database.query("SELECT value::text FROM app_settings WHERE key = 'planning.time_budget_seconds'", logger: logger)
        for try await text in rows.decode(String.self) {
            if let value = Double(text.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))), value > 0 { return min(value, 60) }
        }
        return 5
    }

    /// The office code when a cutoff plan of the office and day exists.
    func cutoffPlanExists(officeID: Int64, date: LocalDate, on connection: PostgresConnection?, logger: Logger) async throws -> String? {
        let query: PostgresQuery = """
            SELECT o.code FROM plans p JOIN post_offices o ON o.id = p.office_id
            WHERE p.office_id = \(officeID) AND p.service_date = \(date.description)::date AND p.trigger = 'cutoff'
            """
        let rows: PostgresRowSequence
        if let connection { rows = try await connection.query(query, logger: logger) } else { rows = try await database.query(query, logger: logger) }
        for try await code in rows.decode(String.self) { return code }
        return nil
    }

    // MARK: Load

    struct OfficeDay: Sendable {
        var input: PlanningInput
        var officeCode: String
        var fingerprint: String
        var courierIDs: [String: Int64]
        var jobIDs: [String: Int64]
        var jobStates: [String: (kind: JobKind, state: JobState)]
        var addresses: [String: String]
        var agencyNames: [String: String]
        var grams: [String: Int]
        /// Courier of each job on a draft run being replaced.
        var previousCourier: [String: String]
        var publishedRuns: Int
    }

    func fingerprint(officeID: Int64, date: LocalDate, on connection: PostgresConnection, logger: Logger) async throws -> String {
        let rows = try await connection.query("""
            SELECT (SELECT coalesce(string_agg(id::text || ':' || version::text, ',' ORDER BY id), '') FROM runs
                    WHERE office_id = \(officeID) AND service_date = \(date.description)::date)
                || '|' || (SELECT count(*)::text || ':' || coalesce(sum(version), 0)::text || ':' || coalesce(max(id), 0)::text FROM jobs
                    WHERE office_id = \(officeID) AND state IN ('accepted', 'scheduled', 'rescheduled', 'result_collected'))
                || '|' || (SELECT coalesce(sum(version), 0)::text || ':' || count(*)::text FROM couriers WHERE office_id = \(officeID))
                || '|' || (SELECT count(*)::text FROM courier_leave l JOIN couriers c ON c.id = l.courier_id WHERE c.office_id = \(officeID))
            """, logger: logger)
        for try await text in rows.decode(String.self) { return text }
        return ""
    }

    func load(officeID: Int64, date: LocalDate, on connection: PostgresConnection, logger: Logger) async throws -> OfficeDay {
        let day = date.description
        let fingerprint = try await fingerprint(officeID: officeID, date: date, on: connection, logger: logger)
        var office: PlanningOffice?
        for try await (code, lat, lon, days) in try await connection.query("""
            SELECT code, coalesce(lat, 0), coalesce(lon, 0), working_days FROM post_offices WHERE id = \(officeID)
            """, logger: logger).decode((String, Double, Double, [Int16]).self) {
            office = PlanningOffice(code: code, location: GeoPoint(latitude: lat, longitude: lon), workingDays: Set(days.map(Int.init)),
                                    region: lon < 108.8 ? .highland : .coastal)
        }
        guard let office else { throw PlanningFailure.officeNotFound }

        let holidays = AgencyCalendarRepository.holidayList(try await AgencyCalendarRepository.calendarDays(
            from: date.adding(days: -40), to: date.adding(days: 40), on: connection, logger: logger))
        let weekdays = office.workingDays.isEmpty ? [1, 2, 3, 4, 5] : office.workingDays
        let calendar = WorkingCalendar(workingWeekdays: weekdays, holidays: holidays)

        var publishedCouriers = Set<String>()
        var publishedRuns = 0
        for try await (status, courier) in try await connection.query("""
            SELECT r.status, c.public_id FROM runs r JOIN couriers c ON c.id = r.courier_id
            WHERE r.office_id = \(officeID) AND r.service_date = \(day)::date
            """, logger: logger).decode((String, String).self) where status != "draft" {
            publishedCouriers.insert(courier)
            publishedRuns += 1
        }

        var couriers: [PlanningCourier] = []
        var courierIDs: [String: Int64] = [:]
        for try await (id, publicID, name, capacityDossiers, capacityGrams, start, end, days, skills, onLeave) in try await connection.query("""
            SELECT c.id, c.public_id, c.name, c.capacity_dossiers, c.capacity_grams, extract(epoch FROM c.shift_start)::integer,
                   extract(epoch FROM c.shift_end)::integer, c.working_days, c.skills,
                   EXISTS (SELECT 1 FROM courier_leave l WHERE l.courier_id = c.id AND \(day)::date BETWEEN l.first_day AND l.last_day)
            FROM couriers c WHERE c.office_id = \(officeID) AND c.active ORDER BY c.id
            """, logger: logger).decode((Int64, String, String, Int, Int, Int, Int, [Int16], [String], Bool).self) {
            courierIDs[publicID] = id
            guard !publishedCouriers.contains(publicID) else { continue }
            let profile = CourierProfile(name: name, capacityDossiers: capacityDossiers, capacityGrams: capacityGrams, shiftStart: start,
                                         shiftEnd: end, workingDays: Set(days.map(Int.init)), skills: Set(skills))
            couriers.append(PlanningCourier(id: publicID, profile: profile, onLeave: onLeave))
        }

        var locked: [LockedStop] = []
        var previousCourier: [String: String] = [:]
        var previousRuns: [PreviousRun] = []
        var previousRunID: Int64?
        for try await (runID, job, action, courier, arrival, isLocked) in try await connection.query("""
            SELECT r.id, j.public_id, s.action, c.public_id, s.planned_arrival, s.locked
            FROM run_stops s JOIN runs r ON r.id = s.run_id JOIN jobs j ON j.id = s.job_id JOIN couriers c ON c.id = r.courier_id
            WHERE r.office_id = \(officeID) AND r.service_date = \(day)::date AND r.status = 'draft'
            ORDER BY r.id, s.position
            """, logger: logger).decode((Int64, String, String, String, Date?, Bool).self) {
            previousCourier[job] = courier
            guard let action = StopAction(rawValue: action) else { continue }
            if runID != previousRunID {
                previousRuns.append(PreviousRun(courierID: courier, stops: []))
                previousRunID = runID
            }
            previousRuns[previousRuns.count - 1].stops.append(PreviousRun.Stop(jobID: job, action: action))
            if isLocked {
                locked.append(LockedStop(jobID: job, action: action, courierID: courier,
                                         plannedArrival: arrival.map { VietnamTime.secondsOfDay(of: $0) }))
            }
        }

        typealias JobRow = (Int64, String, String, String, String?, String, String, String, Bool, Int?, Double?, Double?, String,
                            String, String?, Double?, Double?, [String]?, [Int16]?, Double?, Double?, Bool, String?)
        var jobs: [PlanningJob] = []
        var jobIDs: [String: Int64] = [:]
        var states: [String: (kind: JobKind, state: JobState)] = [:]
        var addresses: [String: String] = [:]
        var agencyNames: [String: String] = [:]
        var grams: [String: Int] = [:]
        var agencyFallback: [String: GeoPoint] = [:]
        for try await row in try await connection.query("""
            SELECT j.id, j.public_id, j.kind, j.state, j.not_before::text, j.requested_date::text, j.requested_slot, j.commune_code,
                   j.fee_amount IS NOT NULL, j.weight_grams, (j.request->'address'->>'lat')::float8, (j.request->'address'->>'lon')::float8,
                   coalesce(j.request->'address'->>'line', ''), coalesce(j.request->'agency'->>'code', ''), j.request->'agency'->>'name',
                   u.lat, u.lon, u.area_classes, u.service_weekdays, au.lat, au.lon,
                   EXISTS (SELECT 1 FROM run_stops s JOIN runs r ON r.id = s.run_id WHERE s.job_id = j.id AND s.status = 'pending'
                           AND r.status = 'draft' AND r.office_id = \(officeID) AND r.service_date = \(day)::date),
                   j.request->'applicant'->>'language'
            FROM jobs j
            LEFT JOIN administrative_units u ON u.code = j.commune_code AND u.valid_to IS NULL
            LEFT JOIN administrative_units au ON au.code = j.request->'agency'->>'commune_code' AND au.valid_to IS NULL
            WHERE j.office_id = \(officeID) AND j.state IN ('accepted', 'scheduled', 'rescheduled', 'result_collected')
              AND NOT \(unescaped: Self.awaitingResult(on: "\(day)"))
              AND NOT EXISTS (SELECT 1 FROM run_stops s JOIN runs r ON r.id = s.run_id
                              WHERE s.job_id = j.id AND s.status IN ('pending', 'arrived')
                                AND NOT (r.status = 'draft' AND r.office_id = \(officeID) AND r.service_date = \(day)::date))
            ORDER BY j.id
            """, logger: logger).decode(JobRow.self) {
            let (id, publicID, kindText, stateText, notBefore, requested, slot, commune, fee, weight, lat, lon, line, agency, agencyName,
                 communeLat, communeLon, areas, serviceDays, agencyLat, agencyLon, onDraft, language) = row
            guard let kind = JobKind(rawValue: kindText), let state = JobState(rawValue: stateText),
                  let requestedDate = LocalDate(iso: requested) else { continue }
            let point = lat.flatMap { la in lon.map { GeoPoint(latitude: la, longitude: $0) } }
                ?? GeoPoint(latitude: communeLat ?? office.location.latitude, longitude: communeLon ?? office.location.longitude)
            if agencyFallback[agency] == nil {
                agencyFallback[agency] = agencyLat.flatMap { la in agencyLon.map { GeoPoint(latitude: la, longitude: $0) } } ?? office.location
            }
            jobs.append(PlanningJob(
                id: publicID, kind: kind, state: state, notBefore: notBefore.flatMap(LocalDate.init(iso:)), requestedDate: requestedDate,
                slot: TimeSlot(rawValue: slot) ?? .any, location: point, communeCode: commune,
                areaClasses: Set((areas ?? []).compactMap(PostRunCore.AreaClass.init(rawValue:))),
                communeServiceWeekdays: Set((serviceDays ?? []).map(Int.init)), agencyCode: agency, collectsFee: fee,
                language: language.map { CourierProfile.languageSkill($0) }, weightGrams: weight ?? 200, onReplacedDraft: onDraft))
            jobIDs[publicID] = id
            states[publicID] = (kind, state)
            addresses[publicID] = line
            agencyNames[agency] = agencyName ?? agency
            grams[publicID] = weight ?? 200
        }

        var agencies: [String: PlanningAgency] = [:]
        for try await (code, lat, lon, hours, days) in try await connection.query("""
            SELECT code, lat, lon, opening_hours::text, working_days FROM agencies WHERE code = ANY(\(Array(agencyFallback.keys)))
            """, logger: logger).decode((String, Double?, Double?, String, [Int16]).self) {
            let location = lat.flatMap { la in lon.map { GeoPoint(latitude: la, longitude: $0) } } ?? agencyFallback[code] ?? office.location
            agencies[code] = PlanningAgency(code: code, location: location, openingHours: Self.windows(fromClockPairs: hours),
                                            workingDays: Set(days.map(Int.init)))
        }
        for (code, location) in agencyFallback where agencies[code] == nil {
            agencies[code] = PlanningAgency(code: code, location: location)
        }
        let input = PlanningInput(office: office, date: date, couriers: couriers, jobs: jobs, agencies: Array(agencies.values),
                                  lockedStops: locked, calendar: calendar, parameters: parameters, previousRuns: previousRuns)
        return OfficeDay(input: input, officeCode: office.code, fingerprint: fingerprint, courierIDs: courierIDs, jobIDs: jobIDs,
                         jobStates: states, addresses: addresses, agencyNames: agencyNames, grams: grams,
                         previousCourier: previousCourier, publishedRuns: publishedRuns)
    }

    /// `[["07:30","11:30"],["13:30","17:00"]]` as seconds-since-midnight ranges (unreadable pairs are skipped).
    static func windows(fromClockPairs json: String) -> [ClosedRange<Int>] {
        guard let pairs = try? JSONDecoder().decode([[String]].self, from: Data(json.utf8)) else { return PlanningAgency.defaultHours }
        return pairs.compactMap { pair in
            guard pair.count == 2, let start = ClockTime.seconds(pair[0]), let end = ClockTime.seconds(pair[1]), start <= end else { return nil }
            return start...end
        }
    }

    // MARK: Write

    func write(_ plan: DayPlan, day: OfficeDay, trigger: PlanTrigger, requestedBy: String, on connection: PostgresConnection,
               logger: Logger) async throws -> PlanSummary {
        let officeID = try await officeID(code: day.officeCode, on: connection, logger: logger)
        let date = day.input.date.description
        let now = Date()
        try await connection.query("""
            DELETE FROM runs WHERE office_id = \(officeID) AND service_date = \(date)::date AND status = 'draft'
            """, logger: logger)
        let planPublicID = PublicIDs.make("pln")
        let unserved = plan.unplanned.map { item -> [String: String] in
            var entry = ["job_id": item.jobID, "reason": item.reason.rawValue, "message_vi": item.reason.messageVi,
                         "message_en": item.reason.messageEn]
            if let skill = item.skill { entry["skill"] = skill }
            return entry
        }
        let stats: [String: Double] = [
            "runs": Double(plan.runs.count), "planned_jobs": Double(plan.plannedJobIDs.count), "unplanned_jobs": Double(plan.unplanned.count),
            "distance_m": Double(plan.distanceMetres), "solver_seconds": plan.solverSeconds, "iterations": Double(plan.iterations),
            "kept_published_runs": Double(day.publishedRuns),
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var planID: Int64 = 0
        let unservedJSON = String(decoding: try encoder.encode(unserved), as: UTF8.self)
        let statsJSON = String(decoding: try encoder.encode(stats), as: UTF8.self)
        for try await id in try await connection.query("""
            INSERT INTO plans (public_id, office_id, service_date, trigger, requested_by, finished_at, unserved, stats)
            VALUES (\(planPublicID), \(officeID), \(date)::date, \(trigger.rawValue), \(requestedBy), \(now),
                    \(unservedJSON)::jsonb, \(statsJSON)::jsonb)
            RETURNING id
            """, logger: logger).decode(Int64.self) { planID = id }

        let actor = JobActor(label: requestedBy, clientID: nil, provinceCode: nil)
        var stopCount = 0
        var assignment: [String: (run: String, courier: String)] = [:]
        for run in plan.runs {
            guard let courierID = day.courierIDs[run.courierID] else { continue }
            let runPublicID = PublicIDs.make("run")
            let load = #"{"dossiers": \#(run.peakDossiers), "grams": \#(run.peakGrams)}"#
            var runID: Int64 = 0
            for try await id in try await connection.query("""
                INSERT INTO runs (public_id, office_id, courier_id, service_date, plan_id, distance_m, duration_s, load)
                VALUES (\(runPublicID), \(officeID), \(courierID), \(date)::date, \(planID), \(run.distanceMetres), \(run.durationSeconds),
                        \(load)::jsonb)
                RETURNING id
                """, logger: logger).decode(Int64.self) { runID = id }
            let stops = run.stops.map { stop in
                StoredStop(jobID: day.jobIDs[stop.jobID] ?? 0, action: stop.action, arrival: stop.arrival, windowStart: stop.windowStart,
                           windowEnd: stop.windowEnd, locked: stop.locked,
                           address: stop.action.isAtAgency ? day.agencyNames[day.input.jobs.first { $0.id == stop.jobID }?.agencyCode ?? ""] ?? ""
                                                           : day.addresses[stop.jobID] ?? "",
                           location: stop.location, area: stop.area, serviceSeconds: stop.serviceSeconds, windows: stop.windows,
                           grams: day.grams[stop.jobID] ?? 200)
            }
            try await Self.insertStops(stops, runID: runID, date: day.input.date, on: connection, logger: logger)
            stopCount += stops.count
            for stop in run.stops { assignment[stop.jobID] = (runPublicID, run.courierID) }
        }

        for jobID in plan.plannedJobIDs {
            guard let (run, courier) = assignment[jobID], let info = day.jobStates[jobID], let internalID = day.jobIDs[jobID] else { continue }
            let data = try encoder.encode(["plan": planPublicID, "run": run, "courier": courier])
            if case .success = JobLifecycle.apply(.schedule, to: info.state, kind: info.kind) {
                _ = try await jobs.apply(.schedule, to: jobID, expectedVersion: nil, by: actor, reason: nil, data: data, now: now,
                                         on: connection, logger: logger)
            } else if day.previousCourier[jobID] != courier {
                try await jobs.recordEvent(jobID: internalID, type: day.previousCourier[jobID] == nil ? "planned" : "run_changed",
                                           from: info.state, to: info.state, actor: actor, reason: nil, data: data, at: now,
                                           on: connection, logger: logger)
            }
        }
        for item in plan.unplanned where day.previousCourier[item.jobID] != nil {
            guard let info = day.jobStates[item.jobID], let internalID = day.jobIDs[item.jobID] else { continue }
            let data = try encoder.encode(["plan": planPublicID, "reason": item.reason.rawValue])
            if info.state == .scheduled {
                _ = try await jobs.apply(.unschedule, to: item.jobID, expectedVersion: nil, by: actor, reason: item.reason.rawValue, data: data,
                                         now: now, on: connection, logger: logger)
            } else {
                try await jobs.recordEvent(jobID: internalID, type: "unplanned", from: info.state, to: info.state, actor: actor,
                                           reason: item.reason.rawValue, data: data, at: now, on: connection, logger: logger)
            }
        }
        return PlanSummary(planID: planPublicID, officeCode: day.officeCode, date: day.input.date, trigger: trigger, requestedBy: requestedBy,
                           skipped: false, runs: plan.runs.count, stops: stopCount, plannedJobs: plan.plannedJobIDs.count,
                           unplanned: plan.unplanned, keptPublishedRuns: day.publishedRuns, loadSeconds: 0, solveSeconds: plan.solverSeconds,
                           storeSeconds: 0)
    }

    func officeID(code: String, on connection: PostgresConnection, logger: Logger) async throws -> Int64 {
        for try await id in try await connection.query("SELECT id FROM post_offices WHERE code = \(code)", logger: logger).decode(Int64.self) {
            return id
        }
        throw PlanningFailure.officeNotFound
    }

    /// A stop as stored in `run_stops`.
    struct StoredStop {
        var jobID: Int64
        var action: StopAction
        var arrival: Int
        var windowStart: Int?
        var windowEnd: Int?
        var locked: Bool
        var address: String
        var location: GeoPoint
        var area: Routing.AreaClass
        var serviceSeconds: Int
        var windows: [ClosedRange<Int>]
        var grams: Int
    }

    /// Inserts `stops` as positions 1… of the run in one statement.
    static func insertStops(_ stops: [StoredStop], runID: Int64, date: LocalDate, firstPosition: Int = 1, on connection: PostgresConnection,
                            logger: Logger) async throws {
        guard !stops.isEmpty else { return }
        let base = VietnamTime.instant(date)
        func stamp(_ seconds: Int?) -> String { seconds.map { VietnamTime.iso8601(base.addingTimeInterval(Double($0))) } ?? "" }
        let publicIDs = stops.map { _ in PublicIDs.make("stp") }
        let positions = stops.indices.map { $0 + firstPosition }
        let windows = stops.map { stop in "[" + stop.windows.map { "[\($0.lowerBound),\($0.upperBound)]" }.joined(separator: ",") + "]" }
        try await connection.query("""
            INSERT INTO run_stops (public_id, run_id, position, job_id, action, planned_arrival, window_start, window_end, locked,
                                   address, lat, lon, area_class, service_seconds, windows, grams)
            SELECT p, \(runID), pos, j, a, NULLIF(arr, '')::timestamptz, NULLIF(ws, '')::timestamptz, NULLIF(we, '')::timestamptz, l,
                   ad, la, lo, ar, sv, w::jsonb, g
            FROM unnest(\(publicIDs), \(positions), \(stops.map(\.jobID)), \(stops.map(\.action.rawValue)), \(stops.map { stamp($0.arrival) }),
                        \(stops.map { stamp($0.windowStart) }), \(stops.map { stamp($0.windowEnd) }), \(stops.map(\.locked)),
                        \(stops.map(\.address)), \(stops.map(\.location.latitude)), \(stops.map(\.location.longitude)),
                        \(stops.map(\.area.rawValue)), \(stops.map(\.serviceSeconds)), \(windows), \(stops.map(\.grams)))
                 AS t(p, pos, j, a, arr, ws, we, l, ad, la, lo, ar, sv, w, g)
            """, logger: logger)
    }
}

/// Why a planning or dispatch operation was refused.
public enum PlanningFailure: Error, Sendable, Equatable {
    case officeNotFound
    case notFound(String)
    /// The run's version is not the current one.
    case staleVersion(current: Int)
    case validation([FieldError])
    /// The run can no longer be changed this way (e.g. published, or the stop was visited).
    case conflict(String, vi: String, en: String)
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
