import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PostRunStore

/// A portal client made for a test, with helpers to call the API through the real router.
struct TestPortal: Sendable {
    let key: String
    let client: APIClient

    static func make(_ database: Database, name: String = "Cổng DVC", scopes: Set<Scope> = [.jobsRead, .jobsWrite],
                     province: String? = "52") async throws -> TestPortal {
        let created = try await APIClientRepository(database: database).create(name: name, scopes: scopes, provinceCode: province,
                                                                               logger: TestDatabase.logger)
        return TestPortal(key: created.key, client: created.client)
    }

    func headers(_ extra: HTTPFields = [:], json: Bool = true) -> HTTPFields {
        var headers = extra
        headers[.authorization] = "Bearer \(key)"
        if json, headers[.contentType] == nil { headers[.contentType] = "application/json" }
        return headers
    }
}

struct JSONResponse: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let text: String

    var object: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:] }
    subscript(_ key: String) -> Any? { object[key] }
    func string(_ path: String) -> String? { value(at: path) as? String }
    func int(_ path: String) -> Int? { value(at: path) as? Int }

    func value(at path: String) -> Any? {
        var current: Any? = object
        for part in path.split(separator: ".") {
            if let index = Int(part), let array = current as? [Any] { current = index < array.count ? array[index] : nil }
            else { current = (current as? [String: Any])?[String(part)] }
        }
        return current
    }

    /// Field paths named in a problem's `errors`.
    var errorFields: [String] { ((object["errors"] as? [[String: Any]]) ?? []).compactMap { $0["field"] as? String } }
    var errorCodes: [String] { ((object["errors"] as? [[String: Any]]) ?? []).compactMap { $0["code"] as? String } }
}

extension TestClientProtocol {
    func call(_ method: HTTPRequest.Method, _ uri: String, headers: HTTPFields = [:], body: String? = nil) async throws -> JSONResponse {
        try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
            JSONResponse(status: response.status, headers: response.headers, text: String(buffer: response.body))
        }
    }
}

/// A valid job request body (Gia Lai), with the dates relative to today in Vietnam.
enum Fixtures {
    static func vietnamDate(daysFromToday days: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        let date = calendar.date(byAdding: .day, value: days, to: Date())!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    static func jobBody(kind: String = "deliver_result", dossierCode: String = "H21.22.10-261128-0001", channel: String = "online",
                        onlineLevel: Int? = 3, field: String = "land", phone: String = "0905 123 456", commune: String = "23575",
                        requestedDate: String? = nil, fee: Int? = nil, slot: String = "morning", extra: String = "") -> String {
        let date = requestedDate ?? vietnamDate(daysFromToday: 1)
        let appointment = vietnamDate(daysFromToday: 2)
        let level = onlineLevel.map(String.init) ?? "null"
        let feeJSON = fee.map { #", "fee_to_collect": {"amount": \#($0), "name": "Lệ phí cấp giấy chứng nhận"}"# } ?? ""
        return """
            {"kind": "\(kind)",
             "dossier": {"code": "\(dossierCode)", "procedure_code": "1.012784.000.00.00.H21", "procedure_name": "Đăng ký biến động đất đai",
                         "field": "\(field)", "channel": "\(channel)", "online_level": \(level), "appointment_date": "\(appointment)"},
             "agency": {"code": "H21.22.10", "name": "Chi nhánh Văn phòng đăng ký đất đai Pleiku", "address": "Pleiku", "commune_code": "23575"},
             "applicant": {"name": "Nguyễn Thị Hoà", "phone": "\(phone)", "email": "hoa@example.vn"},
             "address": {"line": "12 Lê Lợi", "commune_code": "\(commune)"},
             "requested": {"date": "\(date)", "slot": "\(slot)"}\(feeJSON)\(extra)}
            """
    }
}
