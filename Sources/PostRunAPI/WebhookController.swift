import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PostRunCore
import PostRunStore

/// `/v1/webhooks`: a portal client's webhook endpoints and their deliveries (scope `webhooks:manage`).
/// A client sees only its own: anything else is 404.
public struct WebhookController: Sendable {
    let repository: WebhookRepository

    public init(repository: WebhookRepository) { self.repository = repository }

    public func addRoutes(to router: Router<AppRequestContext>) {
        let group = router.group("/v1/webhooks")
        group.post(use: create)
        group.get(use: list)
        group.get("deliveries", use: deliveries)
        group.post("deliveries/:id/replay", use: replay)
        group.get(":id", use: get)
        group.patch(":id", use: update)
        group.delete(":id", use: delete)
        group.post(":id/rotate-secret", use: rotateSecret)
    }

    /// The event types an endpoint may ask for: `job.<state>` for every job state.
    public static let eventTypes: [String] = JobState.allCases.map { "job.\($0.rawValue)" }
    static let maximumURLLength = 2048
    static let maximumDeliveryPage = 200

    // MARK: Endpoints

    struct CreateBody: Decodable {
        var url: String?
        var events: [String]?
    }

    struct UpdateBody: Decodable {
        var url: String?
        var events: [String]?
        var active: Bool?
    }

    @Sendable func create(request: Request, context: AppRequestContext) async throws -> Response {
        let client = try context.requireClient(.webhooksManage)
        let body = try await Self.decodeJSON(CreateBody.self, request: request, context: context)
        let errors = Self.urlErrors(body.url, required: true) + Self.eventErrors(body.events)
        guard errors.isEmpty, let url = body.url else { throw Problem.validation(errors) }
        let created = try await repository.create(clientID: client.id, url: url, eventTypes: body.events ?? [], logger: context.logger)
        context.logger.info("webhook endpoint created", metadata: ["webhook": .string(created.endpoint.publicID)])
        var json = Self.json(created.endpoint)
        json["secret"] = .string(created.secret)
        return jsonResponse(.created, json, headers: [.location: "/v1/webhooks/\(created.endpoint.publicID)", .eTag: Self.eTag(created.endpoint)])
    }

    @Sendable func list(request: Request, context: AppRequestContext) async throws -> Response {
        let client = try context.requireClient(.webhooksManage)
        let endpoints = try await repository.list(clientID: client.id, logger: context.logger)
        return jsonResponse(.ok, ["items": .array(endpoints.map { .object(Self.json($0)) })])
    }

    @Sendable func get(request: Request, context: AppRequestContext) async throws -> Response {
        let client = try context.requireClient(.webhooksManage)
        let id = try context.parameters.require("id")
        guard let endpoint = try await repository.get(clientID: client.id, publicID: id, logger: context.logger) else { throw Self.endpointNotFound }
        return jsonResponse(.ok, Self.json(endpoint), headers: [.eTag: Self.eTag(endpoint)])
    }

    @Sendable func update(request: Request, context: AppRequestContext) async throws -> Response {
        let client = try context.requireClient(.webhooksManage)
        let id = try context.parameters.require("id")
        let expectedVersion = try Self.ifMatchVersion(request.headers[.ifMatch])
        let body = try await Self.decodeJSON(UpdateBody.self, request: request, context: context)
        let errors = Self.urlErrors(body.url, required: false) + Self.eventErrors(body.events)
        guard errors.isEmpty else { throw Problem.validation(errors) }
        let changes = WebhookRepository.Changes(url: body.url, eventTypes: body.events, active: body.active)
        switch try await repository.update(clientID: client.id, publicID: id, changes: changes, expectedVersion: expectedVersion,
                                           logger: context.logger) {
        case let .updated(endpoint):
            return jsonResponse(.ok, Self.json(endpoint), headers: [.eTag: Self.eTag(endpoint)])
        case .notFound:
            throw Self.endpointNotFound
        case let .versionConflict(current):
            throw Problem("version-conflict", status: .conflict, vi: "Xung đột phiên bản", en: "Version conflict",
                          detailVi: "Điểm nhận webhook đã được sửa (phiên bản hiện tại \(current)); hãy đọc lại rồi sửa.",
                          detailEn: "The webhook endpoint has changed (now version \(current)); read it again, then retry.",
                          extensions: ["current_version": String(current)])
        }
    }

    @Sendable func delete(request: Request, context: AppRequestContext) async throws -> Response {
        let client = try context.requireClient(.webhooksManage)
        let id = try context.parameters.require("id")
        guard try await repository.delete(clientID: client.id, publicID: id, logger: context.logger) else { throw Self.endpointNotFound }
        context.logger.info("webhook endpoint deleted", metadata: ["webhook": .string(id)])
        return Response(status: .noContent)
    }

    @Sendable func rotateSecret(request: Request, context: AppRequestContext) async throws -> Response {
        let client = try context.requireClient(.webhooksManage)
        let id = try context.parameters.require("id")
        guard let rotated = try await repository.rotateSecret(clientID: client.id, publicID: id, logger: context.logger) else {
            throw Self.endpointNotFound
        }
        context.logger.info("webhook secret rotated", metadata: ["webhook": .string(id)])
        var json = Self.json(rotated.endpoint)
        json["secret"] = .string(rotated.secret)
        return jsonResponse(.ok, json, headers: [.eTag: Self.eTag(rotated.endpoint)])
    }

    // MARK: Deliveries

    @Sendable func deliveries(request: Request, context: AppRequestContext) async throws -> Response {
        let client = try context.requireClient(.webhooksManage)
        let query = request.uri.queryParameters
        var errors: [Problem.FieldError] = []
        var status: WebhookDelivery.Status?
        if let raw = query["status"] {
            status = WebhookDelivery.Status(rawValue: String(raw))
            if status == nil {
                errors.append(.init(field: "status", code: "invalid_choice", vi: "Trạng thái phải là pending, delivered hoặc dead",
                                    en: "Status must be pending, delivered or dead"))
            }
        }
        var limit = 50
        if let raw = query["limit"] {
            if let value = Int(String(raw)), (1...Self.maximumDeliveryPage).contains(value) {
                limit = value
            } else {
                errors.append(.init(field: "limit", code: "out_of_range", vi: "limit phải từ 1 đến \(Self.maximumDeliveryPage)",
                                    en: "limit must be between 1 and \(Self.maximumDeliveryPage)"))
            }
        }
        var after: WebhookDelivery.Position?
        if let raw = query["cursor"] {
            if let value = Self.decodeCursor(String(raw)) {
                after = value
            } else {
                errors.append(.init(field: "cursor", code: "invalid_cursor", vi: "Con trỏ phân trang không hợp lệ",
                                    en: "Invalid page cursor"))
            }
        }
        guard errors.isEmpty else { throw Problem.validation(errors) }
        let endpoint = query["endpoint"].map(String.init)
        let page = try await repository.deliveries(clientID: client.id, status: status, endpointPublicID: endpoint, after: after,
                                                   limit: limit + 1, logger: context.logger)
        let items = Array(page.prefix(limit))
        var next = JSONValue.null
        if page.count > limit, let last = items.last { next = .string(Self.encodeCursor(last.position)) }
        return jsonResponse(.ok, ["items": .array(items.map { .object(Self.json($0)) }), "next_cursor": next])
    }

    @Sendable func replay(request: Request, context: AppRequestContext) async throws -> Response {
        let client = try context.requireClient(.webhooksManage)
        let id = try context.parameters.require("id")
        switch try await repository.replay(clientID: client.id, deliveryPublicID: id, logger: context.logger) {
        case let .replayed(delivery):
            context.logger.info("webhook delivery replayed", metadata: ["delivery": .string(id)])
            return jsonResponse(.accepted, Self.json(delivery))
        case .notFound:
            throw Problem("not-found", status: .notFound, vi: "Không tìm thấy", en: "Not found",
                          detailVi: "Không tìm thấy lần gửi webhook này.", detailEn: "No such webhook delivery.")
        case let .notDead(status):
            throw Problem("delivery-not-dead", status: .conflict, vi: "Không gửi lại được", en: "Cannot replay",
                          detailVi: "Chỉ gửi lại được lần gửi đã thất bại hẳn (dead); lần gửi này đang ở trạng thái \(status.rawValue).",
                          detailEn: "Only dead deliveries can be replayed; this one is \(status.rawValue).",
                          extensions: ["delivery_status": status.rawValue])
        }
    }

    // MARK: Validation

    static func urlErrors(_ url: String?, required: Bool) -> [Problem.FieldError] {
        guard let url else {
            return required ? [.init(field: "url", code: "required", vi: "Thiếu địa chỉ URL", en: "The URL is required")] : []
        }
        if url.count > maximumURLLength {
            return [.init(field: "url", code: "too_long", vi: "URL dài quá \(maximumURLLength) ký tự",
                          en: "The URL is longer than \(maximumURLLength) characters")]
        }
        let invalid = Problem.FieldError(field: "url", code: "invalid_url",
                                         vi: "URL phải là địa chỉ tuyệt đối dạng http(s)://máy-chủ/đường-dẫn",
                                         en: "The URL must be absolute: http(s)://host/path")
        guard !url.isEmpty, !url.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 }),
              let components = URLComponents(string: url), let scheme = components.scheme?.lowercased() else { return [invalid] }
        guard scheme == "http" || scheme == "https" else {
            return [.init(field: "url", code: "unsupported_scheme", vi: "URL phải dùng http hoặc https", en: "The URL must use http or https")]
        }
        guard let host = components.host, !host.isEmpty else { return [invalid] }
        if components.fragment != nil {
            return [.init(field: "url", code: "fragment_not_allowed", vi: "URL không được có phần #…",
                          en: "The URL must not have a #fragment")]
        }
        return []
    }

    static func eventErrors(_ events: [String]?) -> [Problem.FieldError] {
        guard let events else { return [] }
        if events.count > eventTypes.count {
            return [.init(field: "events", code: "too_many", vi: "Nhiều nhất \(eventTypes.count) loại sự kiện",
                          en: "At most \(eventTypes.count) event types")]
        }
        let known = Set(eventTypes)
        return events.enumerated().compactMap { index, type in
            known.contains(type) ? nil : Problem.FieldError(
                field: "events[\(index)]", code: "unknown_event_type",
                vi: "Loại sự kiện không tồn tại: \(type) (chọn trong \(eventTypes.joined(separator: ", ")))",
                en: "Unknown event type \(type) (one of \(eventTypes.joined(separator: ", ")))")
        }
    }

    /// `If-Match: "3"` (or `3`, or a weak `W/"3"`); `*` or no header means any version.
    static func ifMatchVersion(_ header: String?) throws -> Int? {
        guard var value = header?.trimmingCharacters(in: .whitespaces), value != "*" else { return nil }
        if value.hasPrefix("W/") { value.removeFirst(2) }
        value = value.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        guard let version = Int(value) else {
            throw Problem.validation([.init(field: "If-Match", code: "invalid_version", vi: "If-Match phải là phiên bản (ETag) đã đọc",
                                            en: "If-Match must be the version (ETag) you read")])
        }
        return version
    }

    static let endpointNotFound = Problem("not-found", status: .notFound, vi: "Không tìm thấy", en: "Not found",
                                          detailVi: "Không tìm thấy điểm nhận webhook này.", detailEn: "No such webhook endpoint.")

    // MARK: JSON

    static func eTag(_ endpoint: WebhookEndpoint) -> String { "\"\(endpoint.version)\"" }

    static func timestamp(_ date: Date) -> JSONValue {
        .string(date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
    }

    static func json(_ endpoint: WebhookEndpoint) -> [String: JSONValue] {
        [
            "id": .string(endpoint.publicID),
            "url": .string(endpoint.url),
            "events": .array(endpoint.eventTypes.map(JSONValue.string)),
            "active": .bool(endpoint.active),
            "created_at": timestamp(endpoint.createdAt),
            "updated_at": timestamp(endpoint.updatedAt),
            "version": .int(endpoint.version),
        ]
    }

    static func json(_ delivery: WebhookDelivery) -> [String: JSONValue] {
        [
            "id": .string(delivery.publicID),
            "endpoint_id": .string(delivery.endpointPublicID),
            "event_id": .string(delivery.eventPublicID),
            "event_type": .string(delivery.eventType),
            "job_id": delivery.jobPublicID.map(JSONValue.string) ?? .null,
            "status": .string(delivery.status.rawValue),
            "attempts": .int(delivery.attempts),
            "next_attempt_at": delivery.nextAttemptAt.map(timestamp) ?? .null,
            "last_status_code": delivery.lastStatusCode.map(JSONValue.int) ?? .null,
            "last_error": delivery.lastError.map(JSONValue.string) ?? .null,
            "delivered_at": delivery.deliveredAt.map(timestamp) ?? .null,
            "dead_at": delivery.deadAt.map(timestamp) ?? .null,
            "created_at": timestamp(delivery.createdAt),
        ]
    }

    /// Opaque to clients: base64url of `d<event>.<delivery>`.
    static func encodeCursor(_ position: WebhookDelivery.Position) -> String {
        Data("d\(position.event).\(position.delivery)".utf8).base64EncodedString()
            .replacingOccurrences(of: "=", with: "").replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
    }

    static func decodeCursor(_ cursor: String) -> WebhookDelivery.Position? {
        let base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        let padded = base64 + String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: padded), let text = String(data: data, encoding: .utf8), text.hasPrefix("d") else { return nil }
        let parts = text.dropFirst().split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let event = Int64(parts[0]), let delivery = Int64(parts[1]), event >= 0, delivery >= 0 else { return nil }
        return .init(event: event, delivery: delivery)
    }
}

extension WebhookController {
/// Decodes a JSON body: 415 unless it is sent as JSON, 400 (with the field at fault when known) unless it decodes.
static func decodeJSON<T: Decodable>(_ type: T.Type, request: Request, context: AppRequestContext) async throws -> T {
    let mediaType = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
    guard let mediaType, mediaType == "application/json" || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+json")) else {
        throw Problem.unsupportedMediaType
    }
    let buffer = try await request.body.collect(upTo: context.maxUploadSize)
    func path(_ codingPath: [any CodingKey]) -> String? {
        guard !codingPath.isEmpty else { return nil }
        return codingPath.reduce(into: "") { path, key in
            if let index = key.intValue { path += "[\(index)]" } else { path += path.isEmpty ? key.stringValue : "." + key.stringValue }
        }
    }
    do {
        return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
    } catch let DecodingError.typeMismatch(_, decodingContext), let DecodingError.valueNotFound(_, decodingContext) {
        throw Problem.malformedJSON(decodingContext.debugDescription, field: path(decodingContext.codingPath))
    } catch let DecodingError.keyNotFound(key, decodingContext) {
        throw Problem.malformedJSON(decodingContext.debugDescription, field: path(decodingContext.codingPath + [key]))
    } catch let DecodingError.dataCorrupted(decodingContext) {
        throw Problem.malformedJSON(decodingContext.debugDescription, field: path(decodingContext.codingPath))
    } catch {
        throw Problem.malformedJSON(String(describing: error))
    }
}
}
