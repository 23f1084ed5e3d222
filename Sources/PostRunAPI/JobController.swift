import Foundation
import HTTPTypes
import Hummingbird
import PostRunCore
import PostRunStore

/// `/v1/jobs`: the portal's contract for pickup and result-delivery requests.
public struct JobController: Sendable {
    let jobs: JobService

    public init(jobs: JobService) { self.jobs = jobs }

    public func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("/jobs", use: create)
        group.get("/jobs", use: list)
        group.get("/jobs/{id}", use: show)
        group.get("/jobs/{id}/events", use: events)
        group.post("/jobs/{id}/cancel", use: cancel)
        group.patch("/jobs/{id}", use: patch)
    }

    static func actor(_ client: APIClient) -> JobActor {
        JobActor(label: "client:\(client.publicID)", clientID: client.id, provinceCode: client.provinceCode)
    }

    static func actor(_ user: StaffUser) -> JobActor {
        JobActor(label: user.actorLabel, clientID: nil, provinceCode: nil, staffUserID: user.id, officeID: user.officeID)
    }

    /// A portal client holding `scope`, or a dispatcher (their office's jobs) or admin: the actor and what they may see.
    static func caller(_ context: AppRequestContext, _ scope: Scope) throws -> JobActor {
        if case .staff? = context.principal {
            return actor(try context.requireStaff(.dispatcher))
        }
        return actor(try context.requireClient(scope))
    }

    /// Channels a dispatcher may enter a request on: a hotline call or a walk-in at the counter.
    static let staffChannels: Set<String> = [SubmissionChannel.hotline.rawValue, SubmissionChannel.counter.rawValue]

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try Self.caller(context, .jobsWrite)
        let key = try request.idempotencyKey()
        let (body, raw) = try await request.decodeJSON(JobRequest.self, context: context)
        if actor.staffUserID != nil, !Self.staffChannels.contains(body.dossier.channel) {
            throw Problem.validation([FieldError(field: "dossier.channel", code: "staff_channel",
                                                 vi: "Nhân viên bưu cục nhập yêu cầu qua kênh hotline hoặc counter.",
                                                 en: "Staff enter requests on the hotline or counter channel.")])
        }
        let stored = try await jobs.create(body, rawBody: raw, idempotencyKey: key, path: request.uri.path, by: actor,
                                           logger: context.logger)
        var headers: HTTPFields = [:]
        if stored.replayed { headers[.idempotentReplayed] = "true" }
        return jsonData(HTTPResponse.Status(code: stored.status), stored.body, headers: headers)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try Self.caller(context, .jobsRead)
        let view = try await jobs.job(try context.parameters.require("id"), visibleTo: actor.clientID, office: actor.officeID, logger: context.logger)
        return jsonData(.ok, view.jsonData, headers: [.eTag: "\"\(view.version)\""])
    }

    /// `{"data": [jobs], "next_cursor": …}`.
    static func page(_ jobs: [JobView], nextCursor: String?) -> Data {
        var json = JSONWriter(capacity: 2048 * max(jobs.count, 1))
        json.object { json in
            json.key("data")
            json.array(jobs) { json, job in job.write(to: &json) }
            json.key("next_cursor"); json.string(nextCursor)
        }
        return Data(json.bytes)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try Self.caller(context, .jobsRead)
        let query = request.uri.queryParameters
        var errors: [FieldError] = []
        var filter = JobListFilter()
        filter.dossierCode = try request.queryText("dossier_code")
        filter.officeCode = try request.queryText("office")
        if let state = query["state"] {
            if let parsed = JobState(rawValue: String(state)) { filter.state = parsed } else {
                errors.append(FieldError(field: "state", code: "invalid_state", vi: "Trạng thái không tồn tại.", en: "Unknown state."))
            }
        }
        if let since = query["updated_since"] {
            if let date = ISO8601DateFormatter().date(from: String(since)) { filter.updatedSince = date } else {
                errors.append(FieldError(field: "updated_since", code: "invalid_datetime", vi: "Thời điểm phải theo ISO 8601, ví dụ 2026-11-28T08:00:00+07:00.",
                                         en: "Use an ISO 8601 date-time, e.g. 2026-11-28T08:00:00+07:00."))
            }
        }
        if let limit = query["limit"] {
            if let value = Int(String(limit)), (1...200).contains(value) { filter.limit = value } else {
                errors.append(FieldError(field: "limit", code: "out_of_range", vi: "limit phải từ 1 đến 200.", en: "limit must be 1 to 200."))
            }
        }
        if let cursor = query["cursor"] {
            if let id = Cursor.decode(String(cursor)) { filter.afterID = id } else {
                errors.append(FieldError(field: "cursor", code: "invalid_cursor", vi: "Con trỏ trang không hợp lệ.", en: "Invalid cursor."))
            }
        }
        if !errors.isEmpty { throw Problem.validation(errors) }
        let page = try await jobs.list(filter, visibleTo: actor.clientID, office: actor.officeID, logger: context.logger)
        let next = page.more ? page.lastID.map(Cursor.encode) : nil
        return jsonData(.ok, Self.page(page.jobs, nextCursor: next))
    }

    @Sendable func events(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try Self.caller(context, .jobsRead)
        let events = try await jobs.events(try context.parameters.require("id"), visibleTo: actor.clientID, office: actor.officeID,
                                           logger: context.logger)
        return jsonData(.ok, try JSONEncoder.sortedCompact.encode(["data": events]))
    }

    struct CancelBody: Decodable {
        let reason: String
        let note: String?
    }

    @Sendable func cancel(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try Self.caller(context, .jobsWrite)
        let id: String = try context.parameters.require("id")
        let key = try request.idempotencyKey()
        let expected = try request.ifMatchVersion(required: false)
        let (body, raw) = try await request.decodeJSON(CancelBody.self, context: context)
        guard let reason = CancellationReason(rawValue: body.reason) else {
            throw Problem.validation([FieldError(field: "reason", code: "invalid_reason",
                                                 vi: "Lý do huỷ phải là một trong: \(CancellationReason.allCases.map(\.rawValue).joined(separator: ", ")).",
                                                 en: "reason must be one of: \(CancellationReason.allCases.map(\.rawValue).joined(separator: ", ")).")])
        }
        let note = body.note.map(VietnameseText.normalizedBlock)
        if let note, note.count > 1000 {
            throw Problem.validation([FieldError(field: "note", .tooLong, limit: "1000")])
        }
        if let note, VietnameseText.containsControlCharacters(note, allowingLineBreaks: true) {
            throw Problem.validation([FieldError(field: "note", .invalidCharacters)])
        }
        let jobs = self.jobs
        let stored = try await IdempotencyStore.run(jobs.database, owner: actor.idempotencyOwner, key: key, method: "POST", path: request.uri.path,
                                                    body: raw, logger: context.logger) { connection in
            let view = try await jobs.apply(.cancel(reason), to: id, expectedVersion: expected, by: actor, reason: reason.rawValue,
                                            data: try JSONEncoder.sortedCompact.encode(["note": note]), now: Date(), on: connection, logger: context.logger)
            return StoredResponse(status: 200, body: view.jsonData, replayed: false)
        }
        return jsonData(HTTPResponse.Status(code: stored.status), stored.body,
                        headers: stored.replayed ? [.idempotentReplayed: "true"] : [:])
    }

    @Sendable func patch(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try Self.caller(context, .jobsWrite)
        let expected = try request.ifMatchVersion(required: true)!
        let (body, _) = try await request.decodeJSON(JobPatch.self, context: context)
        let view = try await jobs.patch(try context.parameters.require("id"), with: body, expectedVersion: expected,
                                        by: actor, logger: context.logger)
        return jsonData(.ok, view.jsonData, headers: [.eTag: "\"\(view.version)\""])
    }
}

/// Opaque page cursors.
enum Cursor {
    static func encode(_ id: Int64) -> String { Data("j:\(id)".utf8).base64EncodedString() }
    static func decode(_ text: String) -> Int64? {
        guard let data = Data(base64Encoded: text), let raw = String(data: data, encoding: .utf8), raw.hasPrefix("j:") else { return nil }
        return Int64(raw.dropFirst(2))
    }
}

extension HTTPField.Name {
    public static let idempotentReplayed = Self("Idempotent-Replayed")!
}
