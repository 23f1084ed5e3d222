import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PostgresNIO
import PostRunCore
import PostRunStore
import Testing

/// Keys and request bodies shared by the pricing tests.
struct PricingFixture {
    let database: Database
    /// Scope `admin`.
    let admin: APIClientRepository.Created
    /// Scope `jobs:read` only.
    let reader: APIClientRepository.Created
    /// Scope `webhooks:manage` only: no business with prices.
    let outsider: APIClientRepository.Created

    static func make(_ database: Database) async throws -> PricingFixture {
        let clients = APIClientRepository(database: database)
        return PricingFixture(
            database: database,
            admin: try await clients.create(name: "Quản trị", scopes: [.admin], provinceCode: nil, logger: TestDatabase.logger),
            reader: try await clients.create(name: "Cổng DVC Gia Lai", scopes: [.jobsRead], provinceCode: "52", logger: TestDatabase.logger),
            outsider: try await clients.create(name: "Webhooks", scopes: [.webhooksManage], provinceCode: "52", logger: TestDatabase.logger))
    }

    static let covidCampaign = PricingSeed.giaLaiCovid2020.id
    static let exampleTariff = PricingSeed.exampleTariff.id

    /// A `POST /v1/jobs` body (plus `as_of` when given). Agency in Pleiku (23575), applicant in Quy Nhơn (21583) by default:
    /// same province, different offices, so `within_province` (30,000 đ in the example tariff).
    static func jobBody(kind: String = "deliver_result", channel: String = "online", level: Int? = 3,
                        field: String = "civil_status", agencyCommune: String = "23575", applicantCommune: String = "21583",
                        requested: String = "2020-04-10", asOf: String? = "2020-04-10", fee: Int? = nil,
                        category: String? = nil) -> String {
        var dossier: [String: Any] = [
            "code": "H21.22.10-200325-0001", "procedure_code": "1.012784.000.00.00.H21",
            "procedure_name": "Đăng ký khai sinh", "field": field, "channel": channel,
        ]
        if let level { dossier["online_level"] = level }
        var applicant: [String: Any] = ["name": "Nguyễn Văn A", "phone": "0905123456"]
        if let category { applicant["category"] = category }
        var body: [String: Any] = [
            "kind": kind,
            "dossier": dossier,
            "agency": ["code": "H21.22.10", "name": "UBND phường Pleiku", "address": "1 Trần Hưng Đạo", "commune_code": agencyCommune],
            "applicant": applicant,
            "address": ["line": "12 Lê Lợi", "commune_code": applicantCommune],
            "requested": ["date": requested, "slot": "morning"],
        ]
        if let fee { body["fee_to_collect"] = ["amount": fee, "name": "Lệ phí hộ tịch"] }
        if let asOf { body["as_of"] = asOf }
        let data = try! JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}

extension PricingFixture {
    /// Sends a request with an optional bearer key and JSON body (English problems unless told otherwise).
    static func send(_ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, key: String?, json: String? = nil,
                     headers extra: HTTPFields = [:]) async throws -> TestResponse {
        var headers = extra
        if let key { headers[.authorization] = "Bearer \(key)" }
        if json != nil, headers[.contentType] == nil { headers[.contentType] = "application/json" }
        if headers[.acceptLanguage] == nil { headers[.acceptLanguage] = "en" }
        return try await client.execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }

    static func text(_ response: TestResponse) -> String { String(buffer: response.body) }

    static func object(_ response: TestResponse) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(text(response).utf8))
        return try #require(value as? [String: Any], "not a JSON object: \(text(response))")
    }

    static func decoded<T: Decodable>(_ type: T.Type, _ response: TestResponse) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(text(response).utf8))
    }

    /// `field:code` of each problem error.
    static func problemErrors(_ response: TestResponse) throws -> [String] {
        let errors = try object(response)["errors"] as? [[String: Any]] ?? []
        return errors.map { "\($0["field"] as? String ?? "?"):\($0["code"] as? String ?? "?")" }
    }

    /// Inserts a job row directly (the jobs API belongs to another branch), with a price snapshot.
    @discardableResult
    static func insertJob(_ database: Database, kind: String = "deliver_result", requestJSON: String, quoteJSON: String?,
                          acceptedAt: String = "2020-04-10T09:00:00+07:00", channel: String = "online", onlineLevel: Int? = 3,
                          communeCode: String = "21583", fee: Int64? = nil) async throws -> (id: Int64, publicID: String) {
        let publicID = PublicIDs.make("job")
        let rows = try await database.query("""
            INSERT INTO jobs (public_id, kind, state, office_id, channel, field, online_level, commune_code, requested_date,
                              requested_slot, fee_amount, request, quote, accepted_at, created_by)
            VALUES (\(publicID), \(kind), 'accepted', (SELECT id FROM post_offices WHERE code = 'BC-QUYNHON'), \(channel), 'civil_status',
                    \(onlineLevel.map(Int16.init)), \(communeCode), '2020-04-10', 'morning', \(fee), \(requestJSON)::jsonb,
                    \(quoteJSON)::jsonb, \(acceptedAt)::timestamptz, 'test')
            RETURNING id
            """, logger: TestDatabase.logger)
        var id: Int64 = 0
        for try await value in rows.decode(Int64.self) { id = value }
        return (id, publicID)
    }
}
