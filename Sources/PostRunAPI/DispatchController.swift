import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Planning
import PostRunCore
import PostRunStore

/// `/v1/offices/{code}/…`: the dispatcher's day — unplanned jobs (at-risk ones: `GET /v1/sla/flags`), runs, (re-)planning, moving, locking,
/// urgent insertion and publishing. Roles dispatcher and admin, own office only (another office is 404). Every change
/// to a run takes its `version` (body field or `If-Match`) and answers 409 `stale-version` when it is not current.
public struct DispatchController: Sendable {
    let planning: PlanningRepository
    let dispatch: DispatchRepository

    public init(planning: PlanningRepository, dispatch: DispatchRepository) {
        self.planning = planning
        self.dispatch = dispatch
    }

    public func addRoutes(to v1: RouterGroup<AppRequestContext>) {
        let office = v1.group("offices/:code")
        office.get("unplanned", use: unplanned)
        office.get("runs", use: runs)
        office.post("plans", use: plan)
        office.post("publish", use: publish)
        office.post("runs/:run/stops/:stop/move", use: move)
        office.post("runs/:run/stops/:stop/lock", use: lock)
        office.post("runs/:run/stops/:stop/unlock", use: unlock)
        office.post("runs/:run/urgent", use: urgent)
    }

    struct DateBody: Decodable {
        var date: String
        var versions: [String: Int]?
    }

    struct VersionBody: Decodable {
        var version: Int?
    }

    struct MoveBody: Decodable {
        var version: Int?
        var position: Int
        var targetRun: String?
        var targetVersion: Int?

        enum CodingKeys: String, CodingKey {
            case version, position
            case targetRun = "target_run"
            case targetVersion = "target_version"
        }
    }

    struct UrgentBody: Decodable {
        var version: Int?
        var jobID: String

        enum CodingKeys: String, CodingKey {
            case version
            case jobID = "job_id"
        }
    }

    /// The caller (dispatcher or admin of the office) and the office id; 404 for an unknown or another office.
    func office(_ context: AppRequestContext) async throws -> (StaffUser, Int64) {
        let caller = try context.requireStaff(.dispatcher)
        let code = try context.parameters.require("code")
        guard let officeID = try await dispatch.officeID(code: code, logger: context.logger), caller.canAct(forOffice: officeID) else {
            throw Problem.notFound("office")
        }
        return (caller, officeID)
    }

    static func date(_ text: String?, field: String = "date") throws -> LocalDate {
        guard let text else { throw Problem.validation([FieldError(field: field, .required)]) }
        guard let date = LocalDate(iso: text) else { throw Problem.validation([FieldError(field: field, .invalidDate)]) }
        return date
    }

    static func version(_ body: Int?, _ request: Request) throws -> Int {
        if let body { return body }
        return try request.ifMatchVersion(required: true)!
    }

    @Sendable func unplanned(request: Request, context: AppRequestContext) async throws -> Response {
        let (_, officeID) = try await office(context)
        let date = try Self.date(try request.queryText("date"))
        let items = try await dispatch.unplanned(officeID: officeID, date: date, logger: context.logger)
        let en = context.language == .en
        return jsonResponse(.ok, ["date": .string(date.description), "items": .array(items.map { item in
            .object([
                "job_id": .string(item.jobID), "kind": .string(item.kind), "state": .string(item.state),
                "commune_code": .string(item.communeCode), "requested_date": .string(item.requestedDate),
                "reason": item.reason.map(JSONValue.string) ?? .null,
                "message": (en ? item.messageEn : item.messageVi).map(JSONValue.string) ?? .null,
            ])
        })])
    }

    @Sendable func runs(request: Request, context: AppRequestContext) async throws -> Response {
        let (_, officeID) = try await office(context)
        let date = try Self.date(try request.queryText("date"))
        let runs = try await dispatch.runs(officeID: officeID, date: date, logger: context.logger)
        return jsonResponse(.ok, ["date": .string(date.description), "items": .array(runs.map { .object(Self.json($0)) })])
    }

    @Sendable func plan(request: Request, context: AppRequestContext) async throws -> Response {
        let (caller, officeID) = try await office(context)
        let (body, _) = try await request.decodeJSON(DateBody.self, context: context)
        let date = try Self.date(body.date)
        let summary = try await run {
            try await planning.plan(officeID: officeID, date: date, trigger: .dispatcher, requestedBy: caller.actorLabel, logger: context.logger)
        }
        let runs = try await dispatch.runs(officeID: officeID, date: date, logger: context.logger)
        let en = context.language == .en
        return jsonResponse(.created, [
            "plan_id": summary.planID.map(JSONValue.string) ?? .null,
            "date": .string(date.description),
            "trigger": .string(summary.trigger.rawValue),
            "requested_by": .string(summary.requestedBy),
            "planned_jobs": .int(summary.plannedJobs),
            "kept_published_runs": .int(summary.keptPublishedRuns),
            "unplanned": .array(summary.unplanned.map { item in
                var entry: [String: JSONValue] = ["job_id": .string(item.jobID), "reason": .string(item.reason.rawValue),
                                                  "message": .string(en ? item.reason.messageEn : item.reason.messageVi)]
                if let skill = item.skill { entry["skill"] = .string(skill) }
                return .object(entry)
            }),
            "runs": .array(runs.map { .object(Self.json($0)) }),
        ])
    }

    @Sendable func publish(request: Request, context: AppRequestContext) async throws -> Response {
        let (caller, officeID) = try await office(context)
        let (body, _) = try await request.decodeJSON(DateBody.self, context: context)
        let date = try Self.date(body.date)
        let runs = try await run {
            try await dispatch.publish(officeID: officeID, date: date, versions: body.versions ?? [:], actor: caller.actorLabel, logger: context.logger)
        }
        return jsonResponse(.ok, ["date": .string(date.description), "items": .array(runs.map { .object(Self.json($0)) })])
    }

    @Sendable func move(request: Request, context: AppRequestContext) async throws -> Response {
        let (caller, officeID) = try await office(context)
        let (body, _) = try await request.decodeJSON(MoveBody.self, context: context)
        let version = try Self.version(body.version, request)
        let runID = try context.parameters.require("run"), stopID = try context.parameters.require("stop")
        let runs = try await run {
            try await dispatch.moveStop(officeID: officeID, runID: runID, version: version, stopID: stopID, targetRunID: body.targetRun,
                                        targetVersion: body.targetVersion, position: body.position, actor: caller.actorLabel, logger: context.logger)
        }
        return jsonResponse(.ok, ["items": .array(runs.map { .object(Self.json($0)) })])
    }

    @Sendable func lock(request: Request, context: AppRequestContext) async throws -> Response {
        try await setLocked(true, request: request, context: context)
    }

    @Sendable func unlock(request: Request, context: AppRequestContext) async throws -> Response {
        try await setLocked(false, request: request, context: context)
    }

    func setLocked(_ locked: Bool, request: Request, context: AppRequestContext) async throws -> Response {
        let (caller, officeID) = try await office(context)
        let (body, _) = try await request.decodeJSON(VersionBody.self, context: context)
        let version = try Self.version(body.version, request)
        let runID = try context.parameters.require("run"), stopID = try context.parameters.require("stop")
        let view = try await run {
            try await dispatch.setLocked(officeID: officeID, runID: runID, version: version, stopID: stopID, locked: locked,
                                         actor: caller.actorLabel, logger: context.logger)
        }
        return jsonResponse(.ok, Self.json(view), headers: [.eTag: "\"\(view.version)\""])
    }

    @Sendable func urgent(request: Request, context: AppRequestContext) async throws -> Response {
        let (caller, officeID) = try await office(context)
        let (body, _) = try await request.decodeJSON(UrgentBody.self, context: context)
        let version = try Self.version(body.version, request)
        let runID = try context.parameters.require("run")
        let view = try await run {
            try await dispatch.insertUrgent(officeID: officeID, runID: runID, version: version, jobID: body.jobID, actor: caller.actorLabel,
                                            logger: context.logger)
        }
        return jsonResponse(.ok, Self.json(view), headers: [.eTag: "\"\(view.version)\""])
    }

    func run<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let failure as PlanningFailure { throw failure.problem }
    }

    static func json(_ run: RunView) -> [String: JSONValue] {
        func time(_ date: Date?) -> JSONValue { date.map { .string(VietnamTime.iso8601($0)) } ?? .null }
        return [
            "id": .string(run.id), "courier_id": .string(run.courierID), "courier_name": .string(run.courierName),
            "date": .string(run.date.description), "status": .string(run.status), "version": .int(run.version),
            "distance_m": .int(run.distanceMetres), "duration_s": .int(run.durationSeconds),
            "late_stops": .int(run.stops.filter { $0.lateSeconds > 0 }.count),
            "planned_return": time(run.plannedReturn), "overtime_minutes": .int((run.overtimeSeconds + 59) / 60),
            "over_capacity": .bool(run.overCapacity),
            "load": .object(["dossiers": .int(run.peakDossiers), "grams": .int(run.peakGrams)]),
            "published_at": time(run.publishedAt), "published_by": run.publishedBy.map(JSONValue.string) ?? .null,
            "stops": .array(run.stops.map { stop in
                .object([
                    "id": .string(stop.id), "position": .int(stop.position), "job_id": .string(stop.jobID), "job_state": .string(stop.jobState),
                    "action": .string(stop.action), "address": .string(stop.address), "planned_arrival": time(stop.plannedArrival),
                    "window_start": time(stop.windowStart), "window_end": time(stop.windowEnd), "locked": .bool(stop.locked),
                    "status": .string(stop.status), "late": .bool(stop.lateSeconds > 0),
                    "window_violation_minutes": .int((stop.lateSeconds + 59) / 60),
                ])
            }),
        ]
    }
}

extension PlanningFailure: ProblemConvertible {
    public var problem: Problem {
        switch self {
        case .officeNotFound: return .notFound("office")
        case let .notFound(what): return .notFound(what)
        case let .validation(errors): return .validation(errors)
        case let .staleVersion(current):
            return Problem("stale-version", status: .conflict, vi: "Phiên bản đã cũ", en: "Stale version",
                           detailVi: "Lộ trình đã được thay đổi; phiên bản hiện tại là \(current).",
                           detailEn: "The run has changed; its current version is \(current).",
                           extensions: ["current_version": String(current)])
        case let .conflict(slug, vi, en):
            return Problem(slug, status: .conflict, vi: "Không thực hiện được", en: "Conflict", detailVi: vi, detailEn: en)
        }
    }
}
