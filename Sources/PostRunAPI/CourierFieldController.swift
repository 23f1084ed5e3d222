import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import PostRunCore
import PostRunStore

/// `/v1/courier/…`: the phone's API. A courier reads and acts on their own published runs only; dispatchers and
/// admins of the office may read a courier's runs to help them. Answers are small, and the day's runs carry an ETag
/// so a phone on a bad network can ask "anything new?" for the price of a 304.
public struct CourierFieldController: Sendable {
    let field: CourierFieldService
    let couriers: CourierRepository
    let attachments: AttachmentStore

    public init(field: CourierFieldService, couriers: CourierRepository, attachments: AttachmentStore) {
        self.field = field
        self.couriers = couriers
        self.attachments = attachments
    }

    /// Largest offline batch accepted in one request.
    static let maxBatch = 500

    public func addRoutes(to v1: RouterGroup<AppRequestContext>) {
        v1.get("courier/runs/today", use: today)
        v1.get("courier/runs", use: runs)
        v1.get("courier/stops/{id}", use: stop)
        // Google-style custom method; Hummingbird matches the colon literally (only a leading `:` names a parameter).
        v1.post("courier/events:batch", use: batch)
        v1.post("courier/events", use: single)
        v1.post("courier/attachments", use: upload)
        v1.get("jobs/{id}/attachments/{attachment}", use: download)
    }

    // MARK: Runs

    @Sendable func today(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await runsResponse(request, context: context, date: VietnamTime.localDate(of: Date()))
    }

    @Sendable func runs(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let text = try request.queryText("date") else { throw Problem.validation([FieldError(field: "date", .required)]) }
        guard let date = LocalDate(iso: text) else { throw Problem.validation([FieldError(field: "date", .invalidDate)]) }
        return try await runsResponse(request, context: context, date: date)
    }

    func runsResponse(_ request: Request, context: AppRequestContext, date: LocalDate) async throws -> Response {
        let courierID = try await readableCourier(request, context: context)
        guard let body = try await field.runsDocument(courierID: courierID, date: date, logger: context.logger) else {
            throw Problem.notFound("courier")
        }
        return Self.cacheable(body, request: request)
    }

    @Sendable func stop(_ request: Request, context: AppRequestContext) async throws -> Response {
        let courierID = try courierActing(context).courierID
        guard let body = try await field.stopDocument(publicID: try context.parameters.require("id"), courierID: courierID,
                                                      logger: context.logger) else {
            throw Problem.notFound("stop")
        }
        return Self.cacheable(ByteBuffer(string: body), request: request)
    }

    /// 200 with a strong ETag (a digest of the body), or 304 when the phone already holds this body.
    static func cacheable(_ body: ByteBuffer, request: Request) -> Response {
        let tag = etag(of: body)
        let sent = request.headers[.ifNoneMatch]?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } ?? []
        if sent.contains(tag) || sent.contains("W/\(tag)") || sent.contains("*") {
            return Response(status: .notModified, headers: [.eTag: tag, .cacheControl: "private, no-cache"])
        }
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8", .eTag: tag, .cacheControl: "private, no-cache"],
                         body: .init(byteBuffer: body))
    }

    /// `"<24 hex digits>"`: the first 12 bytes of the body's SHA-256.
    static func etag(of body: ByteBuffer) -> String {
        let digest = body.withUnsafeReadableBytes { SHA256.hash(data: $0) }
        let hex = Array("0123456789abcdef".utf8)
        var text: [UInt8] = [UInt8(ascii: "\"")]
        for byte in digest.prefix(12) {
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0f)])
        }
        text.append(UInt8(ascii: "\""))
        return String(decoding: text, as: UTF8.self)
    }

    /// The courier whose runs are read: the caller, or for a dispatcher or admin the `courier` query parameter
    /// (a courier of an office they act for).
    func readableCourier(_ request: Request, context: AppRequestContext) async throws -> Int64 {
        let caller = try context.requireStaff(.courier, .dispatcher)
        let named = try request.queryText("courier")
        if caller.role == .courier {
            guard let own = caller.courierID, named == nil || named == caller.courierPublicID else { throw Problem.notFound("courier") }
            return own
        }
        guard let named else { throw Problem.validation([FieldError(field: "courier", .required)]) }
        let record: CourierRecord
        do { record = try await couriers.courier(publicID: named, logger: context.logger) } catch CourierFailure.notFound {
            throw Problem.notFound("courier")
        }
        guard caller.canAct(forOffice: record.officeID) else { throw Problem.notFound("courier") }
        return record.id
    }

    /// The courier calling, with a courier record: events and uploads are a courier's own.
    func courierActing(_ context: AppRequestContext) throws -> FieldCourier {
        let caller = try context.requireStaff(.courier)
        guard caller.role == .courier, let courierID = caller.courierID else { throw Problem.forbiddenRole([.courier]) }
        return FieldCourier(courierID: courierID, actorLabel: caller.actorLabel)
    }

    // MARK: Events

    struct BatchBody: Decodable {
        var events: [AnyJSON]
    }

    struct Answer: Encodable {
        var clientEventID: String?
        var status: String
        var result: StoredEventResult

        init(_ outcome: CourierEventOutcome) {
            clientEventID = outcome.clientEventID
            status = outcome.status.rawValue
            result = outcome.result
        }

        enum CodingKeys: String, CodingKey {
            case status, result
            case clientEventID = "client_event_id"
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(clientEventID, forKey: .clientEventID)
            try c.encode(status, forKey: .status)
            try c.encode(result, forKey: .result)
        }
    }

    struct BatchAnswer: Encodable {
        var results: [Answer]
        var applied: Int
        var duplicate: Int
        var rejected: Int
    }

    @Sendable func batch(_ request: Request, context: AppRequestContext) async throws -> Response {
        let courier = try courierActing(context)
        let (body, _) = try await request.decodeJSON(BatchBody.self, context: context)
        guard (1...Self.maxBatch).contains(body.events.count) else {
            throw Problem.validation([FieldError(field: "events", code: "invalid_batch_size", vi: "Mỗi lần gửi từ 1 đến \(Self.maxBatch) sự kiện.",
                                                 en: "Send 1 to \(Self.maxBatch) events at a time.")])
        }
        let raw = try body.events.map { try JSONEncoder.sortedCompact.encode($0) }
        let outcomes = try await field.apply(batch: raw, by: courier, logger: context.logger)
        let answer = BatchAnswer(results: outcomes.map(Answer.init), applied: outcomes.count(where: { $0.status == .applied }),
                                 duplicate: outcomes.count(where: { $0.status == .duplicate }),
                                 rejected: outcomes.count(where: { $0.status == .rejected }))
        return jsonData(.ok, try JSONEncoder.sortedCompact.encode(answer))
    }

    /// One event: the same path as a batch of one, answered with HTTP semantics (a rejection is a problem+json).
    @Sendable func single(_ request: Request, context: AppRequestContext) async throws -> Response {
        let courier = try courierActing(context)
        let (event, _) = try await request.decodeJSON(AnyJSON.self, context: context)
        let outcome = try await field.apply(batch: [try JSONEncoder.sortedCompact.encode(event)], by: courier, logger: context.logger)[0]
        if let problem = outcome.result.problem {
            throw Problem(problem.code.replacingOccurrences(of: "_", with: "-"), status: HTTPResponse.Status(code: problem.status),
                          vi: "Sự kiện bị từ chối", en: "Event rejected", detailVi: problem.messageVi, detailEn: problem.messageEn,
                          errors: problem.errors,
                          extensions: ["client_event_id": outcome.clientEventID ?? "", "event_status": outcome.status.rawValue])
        }
        return jsonData(.ok, try JSONEncoder.sortedCompact.encode(Answer(outcome)))
    }

    // MARK: Attachments

    @Sendable func upload(_ request: Request, context: AppRequestContext) async throws -> Response {
        let courier = try courierActing(context)
        let declared = request.headers[.contentType].flatMap {
            AttachmentFormat(rawValue: ($0.split(separator: ";").first.map(String.init) ?? "").trimmingCharacters(in: .whitespaces).lowercased())
        }
        guard let declared else {
            throw Problem("unsupported-media-type", status: .unsupportedMediaType, vi: "Kiểu nội dung không được hỗ trợ",
                          en: "Unsupported media type", detailVi: "Gửi ảnh image/png, image/jpeg hoặc image/webp.",
                          detailEn: "Send an image/png, image/jpeg or image/webp body.")
        }
        var errors: [FieldError] = []
        let stopID = try request.queryText("stop_id")
        if stopID == nil { errors.append(FieldError(field: "stop_id", .required)) }
        let kind = AttachmentKind(rawValue: try request.queryText("kind") ?? AttachmentKind.signature.rawValue)
        if kind == nil {
            errors.append(FieldError(field: "kind", code: "invalid_attachment_kind", vi: "Loại phải là signature hoặc photo.",
                                     en: "Kind must be signature or photo."))
        }
        guard errors.isEmpty, let stopID, let kind else { throw Problem.validation(errors) }
        let limit = try await attachments.maxBytes(logger: context.logger)
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { throw Problem.payloadTooLarge }
        let bytes = try await request.body.collect(upTo: limit)
        do {
            let record = try await attachments.store(bytes, declared: declared, kind: kind, stopPublicID: stopID, courierID: courier.courierID,
                                                     logger: context.logger)
            return jsonResponse(.created, [
                "id": .string(record.publicID), "job_id": .string(record.jobPublicID), "kind": .string(record.kind.rawValue),
                "content_type": .string(record.format.rawValue), "size_bytes": .int(record.sizeBytes), "sha256": .string(record.sha256),
            ], headers: [.location: "/v1/jobs/\(record.jobPublicID)/attachments/\(record.publicID)"])
        } catch let failure as AttachmentFailure {
            throw failure.problem
        }
    }

    @Sendable func download(_ request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireStaff(.dispatcher, .courier)
        let loaded: (format: AttachmentFormat, sha256: String, bytes: ByteBuffer, officeID: Int64, courierID: Int64?)
        do {
            loaded = try await attachments.load(jobPublicID: try context.parameters.require("id"),
                                                attachmentPublicID: try context.parameters.require("attachment"), logger: context.logger)
        } catch let failure as AttachmentFailure {
            throw failure.problem
        }
        let allowed = caller.role == .courier ? caller.courierID != nil && caller.courierID == loaded.courierID : caller.canAct(forOffice: loaded.officeID)
        guard allowed else { throw Problem.notFound("attachment") }
        return Response(status: .ok, headers: [.contentType: loaded.format.rawValue, .eTag: "\"\(loaded.sha256)\"",
                                               .cacheControl: "private, max-age=86400"],
                        body: .init(byteBuffer: loaded.bytes))
    }
}

extension AttachmentFailure: ProblemConvertible {
    public var problem: Problem {
        switch self {
        case .stopNotFound: return .notFound("stop")
        case .notFound: return .notFound("attachment")
        case let .contentMismatch(declared):
            return .validation([FieldError(field: "body", code: "content_mismatch", vi: "Nội dung không phải ảnh \(declared.rawValue).",
                                           en: "The body is not a \(declared.rawValue) image.")])
        case .empty: return .validation([FieldError(field: "body", .required)])
        }
    }
}
