import Foundation
import HTTPTypes
import Hummingbird
import PostRunCore
import PostRunStore

extension Request {
    /// The JSON body decoded as `T`, with its raw bytes (for idempotency fingerprints).
    /// 415 without a JSON content type, 413 above the size limit, 400 with the field at fault for bad JSON.
    public func decodeJSON<T: Decodable>(_ type: T.Type, context: AppRequestContext) async throws -> (T, Data) {
        let contentType = headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/json") || contentType.contains("+json") else { throw Problem.unsupportedMediaType }
        let buffer = try await body.collect(upTo: context.maxUploadSize)
        let data = Data(buffer: buffer)
        let decoded: T
        do {
            decoded = try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw Problem.from(error)
        }
        if let path = Self.pathOfNUL(in: data) {
            throw Problem.validation([FieldError(field: path, .invalidCharacters)])
        }
        return (decoded, data)
    }

    /// The JSON path of the first string (value or key) holding U+0000, which PostgreSQL cannot store in text; nil when
    /// there is none. A NUL can only appear escaped in JSON, so the bytes are scanned first and parsed only on a hit.
    static func pathOfNUL(in data: Data) -> String? {
        guard data.range(of: Data(#"\u0000"#.utf8)) != nil || data.range(of: Data(#"\U0000"#.utf8)) != nil,
              let root = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return nil }
        func search(_ value: Any, _ path: String) -> String? {
            switch value {
            case let text as String:
                return text.unicodeScalars.contains("\u{0}") ? (path.isEmpty ? "body" : path) : nil
            case let object as [String: Any]:
                for (key, child) in object.sorted(by: { $0.key < $1.key }) {
                    let childPath = path.isEmpty ? key : "\(path).\(key)"
                    if key.unicodeScalars.contains("\u{0}") { return path.isEmpty ? "body" : path }
                    if let found = search(child, childPath) { return found }
                }
                return nil
            case let array as [Any]:
                for (index, child) in array.enumerated() {
                    if let found = search(child, path.isEmpty ? "\(index)" : "\(path).\(index)") { return found }
                }
                return nil
            default:
                return nil
            }
        }
        return search(root, "") ?? "body"
    }

    /// The `Idempotency-Key` header, checked for shape.
    public func idempotencyKey() throws -> String? {
        guard let key = headers[.idempotencyKey] else { return nil }
        guard (1...200).contains(key.utf8.count), key.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 32 && $0.value < 127 }) else {
            throw Problem.validation([FieldError(field: "Idempotency-Key", code: "invalid_idempotency_key",
                                                 vi: "Idempotency-Key phải gồm 1–200 ký tự ASCII in được.",
                                                 en: "Idempotency-Key must be 1–200 printable ASCII characters.")])
        }
        return key
    }

    /// A text query parameter; 422 `invalid_characters` when it holds control characters (PostgreSQL refuses a NUL
    /// in text, which would otherwise surface as a 500).
    public func queryText(_ name: String) throws -> String? {
        guard let value = uri.queryParameters.get(name) else { return nil }
        if VietnameseText.containsControlCharacters(value) { throw Problem.validation([FieldError(field: name, .invalidCharacters)]) }
        return value
    }

    /// `If-Match: 3` or `If-Match: "3"`.
    public func ifMatchVersion(required: Bool) throws -> Int? {
        guard let raw = headers[.ifMatch] else {
            if required {
                throw Problem("precondition-required", status: .preconditionRequired, vi: "Thiếu If-Match", en: "If-Match required",
                              detailVi: "Gửi If-Match với phiên bản hiện tại của bản ghi.", detailEn: "Send If-Match with the record's current version.")
            }
            return nil
        }
        let trimmed = raw.trimmingCharacters(in: CharacterSet(charactersIn: "\" W/"))
        guard let version = Int(trimmed) else {
            throw Problem.validation([FieldError(field: "If-Match", code: "invalid_version", vi: "If-Match phải là số phiên bản.",
                                                 en: "If-Match must be a version number.")])
        }
        return version
    }
}

extension Problem {
    static func from(_ error: DecodingError) -> Problem {
        func path(_ context: DecodingError.Context, _ extra: (any CodingKey)? = nil) -> String {
            (context.codingPath + (extra.map { [$0] } ?? [])).map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case let .typeMismatch(_, context), let .valueNotFound(_, context):
            return .malformedJSON(context.debugDescription, field: path(context))
        case let .keyNotFound(key, context):
            return .malformedJSON("missing \(key.stringValue)", field: path(context, key))
        case let .dataCorrupted(context):
            return context.codingPath.isEmpty ? .malformedJSON("not valid JSON") : .malformedJSON(context.debugDescription, field: path(context))
        @unknown default:
            return .malformedJSON("\(error)")
        }
    }
}

/// Domain errors that know their problem+json form.
public protocol ProblemConvertible: Error {
    var problem: Problem { get }
}

extension JobFailure: ProblemConvertible {
    public var problem: Problem {
        switch self {
        case let .validation(errors):
            return .validation(errors)
        case let .duplicateDossier(existing):
            return Problem("duplicate-dossier", status: .conflict, vi: "Hồ sơ đã có yêu cầu đang xử lý", en: "Duplicate dossier",
                           detailVi: "Đã có một yêu cầu đang hoạt động cho mã hồ sơ và loại dịch vụ này.",
                           detailEn: "An active job already exists for this dossier code and kind.",
                           extensions: existing.map { ["existing_job_id": $0] } ?? [:])
        case .notFound:
            return .notFound("job")
        case let .illegalTransition(transition):
            return Problem("illegal-transition", status: .conflict, vi: "Không thể chuyển trạng thái", en: "Illegal transition",
                           detailVi: transition.messageVi, detailEn: transition.messageEn,
                           extensions: ["current_state": transition.state.rawValue])
        case let .staleVersion(current):
            return Problem("stale-version", status: .preconditionFailed, vi: "Phiên bản đã cũ", en: "Stale version",
                           detailVi: "Bản ghi đã được thay đổi; phiên bản hiện tại là \(current).",
                           detailEn: "The record has changed; its current version is \(current).",
                           extensions: ["current_version": String(current)])
        case .idempotencyKeyReused:
            return Problem("idempotency-key-reused", status: .unprocessableContent, vi: "Idempotency-Key đã dùng cho yêu cầu khác",
                           en: "Idempotency-Key reused", detailVi: "Khoá này đã được dùng với một nội dung khác.",
                           detailEn: "This key was already used with a different request body.")
        }
    }
}

/// A JSON response from bytes already encoded.
public func jsonData(_ status: HTTPResponse.Status, _ data: Data, headers: HTTPFields = [:]) -> Response {
    var headers = headers
    headers[.contentType] = "application/json; charset=utf-8"
    return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
}

