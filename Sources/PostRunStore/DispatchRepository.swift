import Foundation
import Logging
import Planning
import PostgresNIO
import PostRunCore
import Routing

/// A run with its stops, as dispatchers see it.
public struct RunView: Sendable {
    public struct StopView: Sendable {
        public var id: String
        public var position: Int
        public var jobID: String
        public var jobState: String
        public var action: String
        public var address: String
        public var plannedArrival: Date?
        public var windowStart: Date?
        public var windowEnd: Date?
        public var locked: Bool
        public var status: String

        /// How long after its window closes the stop is planned to start (0 when on time or without a window), e.g.
        /// after a dispatcher moved it behind stops that take the courier past the window.
        public var lateSeconds: Int {
            guard let plannedArrival, let windowEnd else { return 0 }
            return max(0, Int(plannedArrival.timeIntervalSince(windowEnd).rounded()))
        }
    }

    public var id: String
    public var courierID: String
    public var courierName: String
    public var date: LocalDate
    public var status: String
    public var version: Int
    public var distanceMetres: Int
    public var durationSeconds: Int
    public var peakDossiers: Int
    public var peakGrams: Int
    public var publishedAt: Date?
    public var publishedBy: String?
    public var stops: [StopView]
    /// The courier's shift now (seconds since local midnight) and capacities, which an edited run may exceed.
    public var shift: ClosedRange<Int>
    public var capacityDossiers: Int
    public var capacityGrams: Int

    /// Back at the office: the run leaves at the shift start and takes `durationSeconds`.
    public var plannedReturn: Date { VietnamTime.instant(date, secondsOfDay: shift.lowerBound + durationSeconds) }
    /// How far the planned return is past the end of the shift (0 within it), e.g. after a dispatcher added stops.
    public var overtimeSeconds: Int { max(0, shift.lowerBound + durationSeconds - shift.upperBound) }
    public var overCapacity: Bool { peakDossiers > capacityDossiers || peakGrams > capacityGrams }
}

/// A job not on any run of the day, with the reason from the day's last plan.
public struct UnplannedJobView: Sendable {
    public var jobID: String
    public var kind: String
    public var state: String
    public var communeCode: String
    public var requestedDate: String
    public var reason: String?
    public var messageVi: String?
    public var messageEn: String?
}

/// Dispatcher edits on runs. Every change runs in one transaction under the office's advisory lock (so it never
/// interleaves with a re-plan of the office), checks the run's version, bumps it, re-times the run with the travel
/// model, and records a job event with the dispatcher.
public struct DispatchRepository: Sendable {
    public let database: Database
    public let jobs: JobService
    public var travelModel: TravelModel

    public init(database: Database, travelModel: TravelModel = TravelModel()) {
        self.database = database
        self.jobs = JobService(database: database)
        self.travelModel = travelModel
    }

    public func officeID(code: String, logger: Logger) async throws -> Int64? {
        for try await id in try await database.query("SELECT id FROM post_offices WHERE code = \(code)", logger: logger).decode(Int64.self) {
            return id
        }
        return nil
    }

    // MARK: Read

    public func runs(officeID: Int64, date: LocalDate, logger: Logger) async throws -> [RunView] {
        try await database.withConnection { try await runs(officeID: officeID, date: date, runPublicID: nil, on: $0, logger: logger) }
    }

    func runs(officeID: Int64, date: LocalDate?, runPublicID: String?, on connection: PostgresConnection, logger: Logger) async throws -> [RunView] {
        var runs: [RunView] = []
        var index: [Int64: Int] = [:]
        typealias Row = (Int64, String, String, String, String, String, Int, Int, Int, Int?, Int?, Date?, String?, Int, Int, Int, Int)
        for try await row in try await connection.query("""
            SELECT r.id, r.public_id, c.public_id, c.name, r.service_date::text, r.status, r.version, r.distance_m, r.duration_s,
                   (r.load->>'dossiers')::int, (r.load->>'grams')::int, r.published_at, r.published_by,
                   extract(epoch FROM c.shift_start)::integer, extract(epoch FROM c.shift_end)::integer, c.capacity_dossiers, c.capacity_grams
            FROM runs r JOIN couriers c ON c.id = r.courier_id
            WHERE r.office_id = \(officeID) AND (\(date?.description)::date IS NULL OR r.service_date = \(date?.description)::date)
              AND (\(runPublicID)::text IS NULL OR r.public_id = \(runPublicID))
            ORDER BY c.name, r.id
            """, logger: logger).decode(Row.self) {
            index[row.0] = runs.count
            runs.append(RunView(id: row.1, courierID: row.2, courierName: row.3, date: LocalDate(iso: row.4)!, status: row.5, version: row.6,
                                distanceMetres: row.7, durationSeconds: row.8, peakDossiers: row.9 ?? 0, peakGrams: row.10 ?? 0,
                                publishedAt: row.11, publishedBy: row.12, stops: [], shift: row.13...max(row.13, row.14),
                                capacityDossiers: row.15, capacityGrams: row.16))
        }
        guard !runs.isEmpty else { return [] }
        for try await (runID, id, position, job, state, action, address, arrival, start, end, locked, status) in try await connection.query("""
            SELECT s.run_id, s.public_id, s.position, j.public_id, j.state, s.action, s.address, s.planned_arrival, s.window_start,
                   s.window_end, s.locked, s.status
            FROM run_stops s JOIN jobs j ON j.id = s.job_id WHERE s.run_id = ANY(\(Array(index.keys))) ORDER BY s.run_id, s.position
            """, logger: logger).decode((Int64, String, Int, String, String, String, String, Date?, Date?, Date?, Bool, String).self) {
            guard let i = index[runID] else { continue }
            runs[i].stops.append(.init(id: id, position: position, jobID: job, jobState: state, action: action, address: address,
                                       plannedArrival: arrival, windowStart: start, windowEnd: end, locked: locked, status: status))
        }
        return runs
    }

    /// Jobs of the office that still need a run, with the reason from the last plan of `date`.
    public func unplanned(officeID: Int64, date: LocalDate, logger: Logger) async throws -> [UnplannedJobView] {
        let waiting = PlanningRepository.awaitingResult(on: date.description)
        var result: [UnplannedJobView] = []
        for try await row in try await database.query("""
            WITH last_plan AS (
                SELECT unserved FROM plans WHERE office_id = \(officeID) AND service_date = \(date.description)::date ORDER BY id DESC LIMIT 1
            ), reasons AS (
                SELECT e->>'job_id' AS job, e->>'reason' AS reason, e->>'message_vi' AS vi, e->>'message_en' AS en
                FROM last_plan, jsonb_array_elements(last_plan.unserved) e
            )
            SELECT j.public_id, j.kind, j.state, j.commune_code, j.requested_date::text,
                   CASE WHEN \(unescaped: waiting) THEN 'awaiting_result' ELSE r.reason END,
                   CASE WHEN \(unescaped: waiting) THEN 'Chờ kết quả: hồ sơ chưa nộp cho cơ quan hoặc chưa đến ngày hẹn trả.' ELSE r.vi END,
                   CASE WHEN \(unescaped: waiting) THEN 'Waiting for the result: the dossier is not at the agency yet or its appointment date has not come.' ELSE r.en END
            FROM jobs j LEFT JOIN reasons r ON r.job = j.public_id
            WHERE j.office_id = \(officeID) AND j.state IN ('accepted', 'scheduled', 'rescheduled', 'result_collected')
              AND NOT EXISTS (SELECT 1 FROM run_stops s WHERE s.job_id = j.id AND s.status IN ('pending', 'arrived'))
            ORDER BY j.requested_date, j.id LIMIT 500
            """, logger: logger).decode((String, String, String, String, String, String?, String?, String?).self) {
            result.append(UnplannedJobView(jobID: row.0, kind: row.1, state: row.2, communeCode: row.3, requestedDate: row.4, reason: row.5,
                                           messageVi: row.6, messageEn: row.7))
        }
        return result
    }

    // MARK: Change

    struct LockedRun {
        var id: Int64
        var publicID: String
        var courierID: Int64
        var courierPublicID: String
        var date: LocalDate
        var status: String
        var version: Int
        var timeline: RunTimeline
    }

    struct EditableStop {
        var id: Int64
        var publicID: String
        var jobID: Int64
        var jobPublicID: String
        var action: StopAction
        var status: String
        var locked: Bool
        var stop: TimelineStop
    }

    /// Row-locks the run (after the office lock); 404 when it is not the office's, stale version → ``PlanningFailure/staleVersion``.
    func lockRun(_ publicID: String, officeID: Int64, expectedVersion: Int, on connection: PostgresConnection, logger: Logger) async throws -> LockedRun {
        typealias Row = (Int64, Int64, String, String, String, Int, Double?, Double?, Int, Int, Int, Int)
        for try await row in try await connection.query("""
            SELECT r.id, r.courier_id, c.public_id, r.service_date::text, r.status, r.version, o.lat, o.lon,
                   extract(epoch FROM c.shift_start)::integer, extract(epoch FROM c.shift_end)::integer, c.capacity_dossiers, c.capacity_grams
            FROM runs r JOIN couriers c ON c.id = r.courier_id JOIN post_offices o ON o.id = r.office_id
            WHERE r.public_id = \(publicID) AND r.office_id = \(officeID) FOR UPDATE OF r
            """, logger: logger).decode(Row.self) {
            if row.5 != expectedVersion { throw PlanningFailure.staleVersion(current: row.5) }
            let date = LocalDate(iso: row.3)!
            let office = GeoPoint(latitude: row.6 ?? 0, longitude: row.7 ?? 0)
            let timeline = RunTimeline(office: office, region: office.longitude < 108.8 ? .highland : .coastal, shift: row.8...row.9,
                                       capacityDossiers: row.10, capacityGrams: row.11, model: travelModel, month: date.month)
            return LockedRun(id: row.0, publicID: publicID, courierID: row.1, courierPublicID: row.2, date: date, status: row.4,
                             version: row.5, timeline: timeline)
        }
        throw PlanningFailure.notFound("run")
    }

    func stops(of runID: Int64, on connection: PostgresConnection, logger: Logger) async throws -> [EditableStop] {
        var result: [EditableStop] = []
        typealias Row = (Int64, String, Int64, String, String, String, Bool, Double?, Double?, String, String, Int, Int)
        for try await row in try await connection.query("""
            SELECT s.id, s.public_id, s.job_id, j.public_id, s.action, s.status, s.locked, s.lat, s.lon, s.area_class, s.windows::text,
                   s.service_seconds, s.grams
            FROM run_stops s JOIN jobs j ON j.id = s.job_id WHERE s.run_id = \(runID) ORDER BY s.position
            """, logger: logger).decode(Row.self) {
            let windows = ((try? JSONDecoder().decode([[Int]].self, from: Data(row.10.utf8))) ?? []).compactMap { pair in
                pair.count == 2 && pair[0] <= pair[1] ? pair[0]...pair[1] : nil
            }
            let stop = TimelineStop(location: GeoPoint(latitude: row.7 ?? 0, longitude: row.8 ?? 0), area: Routing.AreaClass(rawValue: row.9) ?? .urban,
                                    action: StopAction(rawValue: row.4) ?? .deliverResult, windows: windows, serviceSeconds: row.11, grams: row.12)
            result.append(EditableStop(id: row.0, publicID: row.1, jobID: row.2, jobPublicID: row.3, action: stop.action, status: row.5,
                                       locked: row.6, stop: stop))
        }
        return result
    }

    /// Rewrites positions and times of `stops` on the run and bumps its version.
    func retime(_ run: LockedRun, stops: [EditableStop], on connection: PostgresConnection, logger: Logger) async throws {
        let timeline = run.timeline.compute(stops.map(\.stop))
        let base = VietnamTime.instant(run.date)
        func stamp(_ seconds: Int?) -> String { seconds.map { VietnamTime.iso8601(base.addingTimeInterval(Double($0))) } ?? "" }
        let windows = stops.indices.map { Timeline.window(of: stops[$0].stop, at: timeline.arrivals[$0]) }
        if !stops.isEmpty {
            try await connection.query("""
                UPDATE run_stops s SET run_id = \(run.id), position = t.pos, planned_arrival = t.arr::timestamptz,
                    window_start = NULLIF(t.ws, '')::timestamptz, window_end = NULLIF(t.we, '')::timestamptz
                FROM unnest(\(stops.map(\.id)), \(Array(1...stops.count)), \(timeline.arrivals.map { stamp($0) }),
                            \(windows.map { stamp($0?.lowerBound) }), \(windows.map { stamp($0?.upperBound) })) AS t(id, pos, arr, ws, we)
                WHERE s.id = t.id
                """, logger: logger)
        }
        let load = #"{"dossiers": \#(timeline.peakDossiers), "grams": \#(timeline.peakGrams)}"#
        try await connection.query("""
            UPDATE runs SET version = version + 1, distance_m = \(timeline.distanceMetres), duration_s = \(timeline.durationSeconds),
                load = \(load)::jsonb, updated_at = now()
            WHERE id = \(run.id)
            """, logger: logger)
    }

    func event(_ type: String, jobID: Int64, actor: String, data: [String: String], on connection: PostgresConnection, logger: Logger) async throws {
        let json = String(decoding: try JSONEncoder().encode(data), as: UTF8.self)
        try await connection.query("""
            INSERT INTO job_events (job_id, type, from_state, to_state, actor, data)
            SELECT id, \(type), state, state, \(actor), \(json)::jsonb FROM jobs WHERE id = \(jobID)
            """, logger: logger)
    }

    /// Moves a stop to `position` (1-based) on its run or on `targetRun`. The other stop of the same job on the run
    /// goes along, keeping pickup before drop; visited stops stay where they are.
    public func moveStop(officeID: Int64, runID: String, version: Int, stopID: String, targetRunID: String?, targetVersion: Int?, position: Int,
                         actor: String, logger: Logger) async throws -> [RunView] {
        try await database.transaction(logger: logger) { connection in
            try await PlanningRepository.lockOffice(officeID, on: connection, logger: logger)
            let source = try await lockRun(runID, officeID: officeID, expectedVersion: version, on: connection, logger: logger)
            var sourceStops = try await stops(of: source.id, on: connection, logger: logger)
            guard let moving = sourceStops.first(where: { $0.publicID == stopID }) else { throw PlanningFailure.notFound("stop") }
            let group = sourceStops.filter { $0.jobID == moving.jobID && $0.status == "pending" }
            guard moving.status == "pending" else {
                throw PlanningFailure.conflict("stop-visited", vi: "Điểm dừng đã được bưu tá xử lý, không thể chuyển.",
                                               en: "The courier has already visited this stop; it cannot be moved.")
            }
            let sameRun = targetRunID == nil || targetRunID == runID
            let target: LockedRun
            if sameRun { target = source } else {
                guard let targetVersion else { throw PlanningFailure.validation([FieldError(field: "target_version", .required)]) }
                target = try await lockRun(targetRunID!, officeID: officeID, expectedVersion: targetVersion, on: connection, logger: logger)
                guard target.date == source.date else {
                    throw PlanningFailure.validation([FieldError(field: "target_run", code: "other_day", vi: "Lộ trình đích thuộc ngày khác.",
                                                                 en: "The target run is for another day.")])
                }
            }
            sourceStops.removeAll { stop in group.contains { $0.id == stop.id } }
            var targetStops = sameRun ? sourceStops : try await stops(of: target.id, on: connection, logger: logger)
            let visited = (targetStops.lastIndex { $0.status != "pending" } ?? -1) + 1
            guard position >= 1, position - 1 <= targetStops.count else {
                throw PlanningFailure.validation([FieldError(field: "position", code: "out_of_range", vi: "Vị trí phải từ 1 đến \(targetStops.count + 1).",
                                                             en: "Position must be 1 to \(targetStops.count + 1).")])
            }
            let at = max(position - 1, visited)
            // The moved stop lands at `position`; its partner keeps pickup-before-drop next to it.
            let partner = group.filter { $0.id != moving.id }
            let isFirst = moving.action == .pickupDossier || moving.action == .collectResult
            let insertion = isFirst ? [moving] + partner : partner + [moving]
            targetStops.insert(contentsOf: insertion, at: at)
            if !sameRun { try await retime(source, stops: sourceStops, on: connection, logger: logger) }
            try await retime(target, stops: targetStops, on: connection, logger: logger)
            for stop in group {
                try await event("run_changed", jobID: stop.jobID, actor: actor, data: [
                    "change": "moved", "stop": stop.publicID, "from_run": source.publicID, "to_run": target.publicID,
                    "courier": target.courierPublicID, "position": String((targetStops.firstIndex { $0.id == stop.id } ?? 0) + 1),
                ], on: connection, logger: logger)
            }
            return try await runs(officeID: officeID, date: source.date, runPublicID: nil, on: connection, logger: logger)
                .filter { $0.id == source.publicID || $0.id == target.publicID }
        }
    }

    /// Locks or unlocks a stop: a locked stop keeps its courier and time on re-planning.
    public func setLocked(officeID: Int64, runID: String, version: Int, stopID: String, locked: Bool, actor: String, logger: Logger) async throws -> RunView {
        try await database.transaction(logger: logger) { connection in
            try await PlanningRepository.lockOffice(officeID, on: connection, logger: logger)
            let run = try await lockRun(runID, officeID: officeID, expectedVersion: version, on: connection, logger: logger)
            let all = try await stops(of: run.id, on: connection, logger: logger)
            guard let stop = all.first(where: { $0.publicID == stopID }) else { throw PlanningFailure.notFound("stop") }
            try await connection.query("UPDATE run_stops SET locked = \(locked) WHERE id = \(stop.id)", logger: logger)
            try await connection.query("UPDATE runs SET version = version + 1, updated_at = now() WHERE id = \(run.id)", logger: logger)
            try await event(locked ? "stop_locked" : "stop_unlocked", jobID: stop.jobID, actor: actor,
                            data: ["run": run.publicID, "stop": stop.publicID, "courier": run.courierPublicID], on: connection, logger: logger)
            return try await runs(officeID: officeID, date: run.date, runPublicID: run.publicID, on: connection, logger: logger)[0]
        }
    }

    /// Publishes the office's draft runs of `date`: couriers see them from now on. With `versions`, each named run
    /// must be at that version.
    public func publish(officeID: Int64, date: LocalDate, versions: [String: Int], actor: String, logger: Logger) async throws -> [RunView] {
        try await database.transaction(logger: logger) { connection in
            try await PlanningRepository.lockOffice(officeID, on: connection, logger: logger)
            for try await (publicID, version) in try await connection.query("""
                SELECT public_id, version FROM runs WHERE office_id = \(officeID) AND service_date = \(date.description)::date FOR UPDATE
                """, logger: logger).decode((String, Int).self) {
                if let expected = versions[publicID], expected != version { throw PlanningFailure.staleVersion(current: version) }
            }
            let published = try await connection.query("""
                UPDATE runs SET status = 'published', published_at = now(), published_by = \(actor), version = version + 1, updated_at = now()
                WHERE office_id = \(officeID) AND service_date = \(date.description)::date AND status = 'draft'
                RETURNING id
                """, logger: logger)
            var ids: [Int64] = []
            for try await id in published.decode(Int64.self) { ids.append(id) }
            try await connection.query("""
                INSERT INTO job_events (job_id, type, from_state, to_state, actor, data)
                SELECT j.id, 'run_published', j.state, j.state, \(actor), jsonb_build_object('run', r.public_id, 'stop', s.public_id)
                FROM run_stops s JOIN runs r ON r.id = s.run_id JOIN jobs j ON j.id = s.job_id WHERE s.run_id = ANY(\(ids))
                """, logger: logger)
            return try await runs(officeID: officeID, date: date, runPublicID: nil, on: connection, logger: logger)
        }
    }

    /// Puts an urgent job on a run at its cheapest feasible position without reordering the other stops.
    public func insertUrgent(officeID: Int64, runID: String, version: Int, jobID: String, actor: String, logger: Logger) async throws -> RunView {
        try await database.transaction(logger: logger) { connection in
            try await PlanningRepository.lockOffice(officeID, on: connection, logger: logger)
            let run = try await lockRun(runID, officeID: officeID, expectedVersion: version, on: connection, logger: logger)
            var current = try await stops(of: run.id, on: connection, logger: logger)
            let job = try await urgentJob(jobID, officeID: officeID, date: run.date, on: connection, logger: logger)
            let visited = (current.lastIndex { $0.status != "pending" } ?? -1) + 1
            guard let best = run.timeline.cheapestInsertion(of: job.stops.map(\.stop), into: current.map(\.stop), firstMovable: visited) else {
                throw PlanningFailure.conflict("no-feasible-position", vi: "Không chèn được công việc vào lộ trình mà vẫn đúng giờ hẹn và sức chở.",
                                               en: "The job fits nowhere on this run within its windows, the shift and the capacity.")
            }
            let position = (current.count) + 1
            var inserted: [EditableStop] = []
            try await PlanningRepository.insertStops(job.stops, runID: run.id, date: run.date, firstPosition: position + 1000,
                                                     on: connection, logger: logger)
            for stop in try await stops(of: run.id, on: connection, logger: logger) where stop.jobID == job.id && stop.status == "pending" {
                inserted.append(stop)
            }
            let takesOnBoard: (EditableStop) -> Bool = { $0.action == .pickupDossier || $0.action == .collectResult }
            inserted.sort { takesOnBoard($0) && !takesOnBoard($1) }
            for (offset, index) in best.positions.enumerated() { current.insert(inserted[offset], at: index) }
            try await retime(run, stops: current, on: connection, logger: logger)
            let data = try JSONEncoder().encode(["run": run.publicID, "courier": run.courierPublicID, "change": "urgent_insert"])
            let jobActor = JobActor(label: actor, clientID: nil, provinceCode: nil)
            if case .success = JobLifecycle.apply(.schedule, to: job.state, kind: job.kind) {
                _ = try await jobs.apply(.schedule, to: jobID, expectedVersion: nil, by: jobActor, reason: nil, data: data, now: Date(),
                                         on: connection, logger: logger)
            } else {
                try await event("run_changed", jobID: job.id, actor: actor, data: ["run": run.publicID, "courier": run.courierPublicID,
                                                                                    "change": "urgent_insert"], on: connection, logger: logger)
            }
            return try await runs(officeID: officeID, date: run.date, runPublicID: run.publicID, on: connection, logger: logger)[0]
        }
    }

    struct UrgentJob {
        var id: Int64
        var kind: JobKind
        var state: JobState
        var stops: [PlanningRepository.StoredStop]
    }

    func urgentJob(_ publicID: String, officeID: Int64, date: LocalDate, on connection: PostgresConnection, logger: Logger) async throws -> UrgentJob {
        typealias Row = (Int64, String, String, String, Int?, Double?, Double?, String, String, String?, Double?, Double?, [String]?,
                         Double?, Double?, String?, Bool)
        for try await row in try await connection.query("""
            SELECT j.id, j.kind, j.state, j.requested_slot, j.weight_grams, (j.request->'address'->>'lat')::float8,
                   (j.request->'address'->>'lon')::float8, coalesce(j.request->'address'->>'line', ''), coalesce(j.request->'agency'->>'code', ''),
                   j.request->'agency'->>'name', u.lat, u.lon, u.area_classes, coalesce(a.lat, au.lat), coalesce(a.lon, au.lon),
                   a.opening_hours::text,
                   EXISTS (SELECT 1 FROM run_stops s WHERE s.job_id = j.id AND s.status IN ('pending', 'arrived'))
            FROM jobs j
            LEFT JOIN administrative_units u ON u.code = j.commune_code AND u.valid_to IS NULL
            LEFT JOIN administrative_units au ON au.code = j.request->'agency'->>'commune_code' AND au.valid_to IS NULL
            LEFT JOIN agencies a ON a.code = j.request->'agency'->>'code'
            WHERE j.public_id = \(publicID) AND j.office_id = \(officeID) FOR UPDATE OF j
            """, logger: logger).decode(Row.self) {
            guard let kind = JobKind(rawValue: row.1), let state = JobState(rawValue: row.2),
                  ["accepted", "scheduled", "rescheduled", "result_collected"].contains(row.2) else {
                throw PlanningFailure.conflict("job-not-plannable", vi: "Công việc không ở trạng thái có thể lên lộ trình.",
                                               en: "The job is not in a state that can be put on a run.")
            }
            if row.16 {
                throw PlanningFailure.conflict("job-on-run", vi: "Công việc đã có trên một lộ trình.", en: "The job is already on a run.")
            }
            let planningJob = PlanningJob(id: publicID, kind: kind, state: state, requestedDate: date, slot: TimeSlot(rawValue: row.3) ?? .any,
                                          location: GeoPoint(latitude: row.5 ?? row.10 ?? 0, longitude: row.6 ?? row.11 ?? 0), communeCode: "",
                                          areaClasses: Set((row.12 ?? []).compactMap(PostRunCore.AreaClass.init(rawValue:))), agencyCode: row.8)
            let parameters = PlanningParameters()
            let agencyPoint = GeoPoint(latitude: row.13 ?? 0, longitude: row.14 ?? 0)
            let hours = row.15.map(PlanningRepository.windows(fromClockPairs:)) ?? PlanningAgency.defaultHours
            let stops = planningJob.actions.map { action in
                let atAgency = action.isAtAgency
                let windows = atAgency ? hours : (parameters.window(for: planningJob.slot).map { [$0] } ?? [])
                return PlanningRepository.StoredStop(
                    jobID: row.0, action: action, arrival: 0, windowStart: nil, windowEnd: nil, locked: false,
                    address: atAgency ? (row.9 ?? row.8) : row.7, location: atAgency ? agencyPoint : planningJob.location,
                    area: planningJob.dominantArea, serviceSeconds: Int(parameters.serviceSeconds[action] ?? 300), windows: windows,
                    grams: row.4 ?? 200)
            }
            return UrgentJob(id: row.0, kind: kind == .pickupDossier ? .pickupDossier : .deliverResult, state: state, stops: stops)
        }
        throw PlanningFailure.notFound("job")
    }
}

extension PlanningRepository.StoredStop {
    var stop: TimelineStop {
        TimelineStop(location: location, area: area, action: action, windows: windows, serviceSeconds: serviceSeconds, grams: grams)
    }
}
