import Foundation
import HTTPTypes
import Hummingbird
import PostRunCore

/// An RFC 9457 problem: the one shape every error response takes, in Vietnamese or English.
public struct Problem: Error, Sendable {
    /// The field at fault; the one definition lives in Core.
    public typealias FieldError = PostRunCore.FieldError

    /// A stable slug; the `type` URI is built from it.
    public var slug: String
    public var status: HTTPResponse.Status
    public var titleVi: String
    public var titleEn: String
    public var detailVi: String?
    public var detailEn: String?
    public var errors: [FieldError]
    /// Extra members, e.g. the current state on a conflict or an existing job's id.
    public var extensions: [String: String]
    public var headers: HTTPFields

    public init(_ slug: String, status: HTTPResponse.Status, vi: String, en: String, detailVi: String? = nil, detailEn: String? = nil,
                errors: [FieldError] = [], extensions: [String: String] = [:], headers: HTTPFields = [:]) {
        self.slug = slug
        self.status = status
        self.titleVi = vi
        self.titleEn = en
        self.detailVi = detailVi
        self.detailEn = detailEn
        self.errors = errors
        self.extensions = extensions
        self.headers = headers
    }

    public static let typeBase = "https://postrun.vn/problems/"

    func body(language: Language, instance: String?) -> [String: JSONValue] {
        var body: [String: JSONValue] = [
            "type": .string(Self.typeBase + slug),
            "title": .string(language == .en ? titleEn : titleVi),
            "status": .int(Int(status.code)),
        ]
        if let detail = language == .en ? (detailEn ?? detailVi) : (detailVi ?? detailEn) { body["detail"] = .string(detail) }
        if let instance { body["instance"] = .string(instance) }
        if !errors.isEmpty {
            body["errors"] = .array(errors.map {
                .object(["field": .string($0.field), "code": .string($0.code),
                         "message": .string(language == .en ? $0.messageEn : $0.messageVi)])
            })
        }
        for (key, value) in extensions where body[key] == nil { body[key] = .string(value) }
        return body
    }

    public func response(language: Language, requestID: String?) -> Response {
        var headers = self.headers
        headers[.contentType] = "application/problem+json; charset=utf-8"
        headers[.contentLanguage] = language.rawValue
        let data = (try? JSONValue.object(body(language: language, instance: requestID.map { "urn:request:\($0)" })).encoded()) ?? Data("{}".utf8)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension Problem {
    public static func validation(_ errors: [FieldError]) -> Problem {
        Problem("validation", status: .unprocessableContent, vi: "Dữ liệu không hợp lệ", en: "Invalid request",
                detailVi: "Yêu cầu có \(errors.count) trường không hợp lệ.", detailEn: "The request has \(errors.count) invalid field(s).",
                errors: errors)
    }

    public static func malformedJSON(_ detail: String, field: String? = nil) -> Problem {
        Problem("malformed-json", status: .badRequest, vi: "JSON không đọc được", en: "Malformed JSON",
                detailVi: "Không đọc được nội dung JSON: \(detail)", detailEn: "The body is not valid JSON: \(detail)",
                errors: field.map { [FieldError(field: $0, code: "malformed", vi: "Giá trị sai kiểu hoặc thiếu", en: "Wrong type or missing")] } ?? [])
    }

    public static func notFound(_ what: String = "resource") -> Problem {
        Problem("not-found", status: .notFound, vi: "Không tìm thấy", en: "Not found",
                detailVi: "Không tìm thấy \(what).", detailEn: "No such \(what).")
    }

    public static let unsupportedMediaType = Problem(
        "unsupported-media-type", status: .unsupportedMediaType, vi: "Kiểu nội dung không được hỗ trợ", en: "Unsupported media type",
        detailVi: "Gửi nội dung với Content-Type: application/json.", detailEn: "Send the body with Content-Type: application/json.")

    public static let payloadTooLarge = Problem(
        "payload-too-large", status: .contentTooLarge, vi: "Nội dung quá lớn", en: "Payload too large",
        detailVi: "Nội dung yêu cầu vượt quá giới hạn cho phép.", detailEn: "The request body is larger than allowed.")

    public static let unauthorized = Problem(
        "unauthorized", status: .unauthorized, vi: "Chưa xác thực", en: "Unauthorized",
        detailVi: "Thiếu hoặc sai khoá truy cập (Authorization: Bearer …).", detailEn: "Missing or invalid credentials (Authorization: Bearer …).",
        headers: [.wwwAuthenticate: "Bearer"])

    public static func forbidden(scope: String) -> Problem {
        Problem("forbidden", status: .forbidden, vi: "Không có quyền", en: "Forbidden",
                detailVi: "Khoá truy cập thiếu quyền \(scope).", detailEn: "The credentials lack the \(scope) scope.")
    }

    public static func internalError() -> Problem {
        Problem("internal", status: .internalServerError, vi: "Lỗi hệ thống", en: "Internal error",
                detailVi: "Đã có lỗi phía máy chủ; vui lòng thử lại sau.", detailEn: "Something went wrong on our side; please retry later.")
    }

    /// Hummingbird's own errors (unknown route, body too large, …) in our shape.
    static func from(_ error: any HTTPResponseError) -> Problem {
        switch error.status {
        case .notFound: return .notFound("route")
        case .contentTooLarge: return .payloadTooLarge
        case .unsupportedMediaType: return .unsupportedMediaType
        case .methodNotAllowed:
            return Problem("method-not-allowed", status: .methodNotAllowed, vi: "Phương thức không được phép", en: "Method not allowed")
        case .badRequest:
            return Problem("bad-request", status: .badRequest, vi: "Yêu cầu không hợp lệ", en: "Bad request",
                           detailVi: (error as? HTTPError)?.body, detailEn: (error as? HTTPError)?.body)
        default:
            let reason = error.status.reasonPhrase
            return Problem(reason.lowercased().replacingOccurrences(of: " ", with: "-"), status: error.status, vi: reason, en: reason)
        }
    }
}

/// A JSON value for bodies whose shape is built at run time.
public indirect enum JSONValue: Sendable, Equatable, Encodable {
    case string(String), int(Int), double(Double), bool(Bool), null
    case array([JSONValue]), object([String: JSONValue])

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case let .string(v): try container.encode(v)
        case let .int(v): try container.encode(v)
        case let .double(v): try container.encode(v)
        case let .bool(v): try container.encode(v)
        case .null: try container.encodeNil()
        case let .array(v): try container.encode(v)
        case let .object(v): try container.encode(v)
        }
    }

    public func encoded() throws -> Data {
        try JSONEncoder.sortedCompact.encode(self)
    }
}
