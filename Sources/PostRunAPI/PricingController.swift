import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PostRunCore
import PostRunStore

/// Every pricing route: quotes, re-pricing, tariff and campaign administration, the discount report.
public enum PricingRoutes {
    /// - Parameter now: the clock (today's date for request validation, the quoting instant).
    public static func add(to router: Router<AppRequestContext>, database: Database, now: @escaping @Sendable () -> Date = { Date() }) {
        PricingController(repository: PricingRepository(database: database)).addRoutes(to: router)
        QuoteController(database: database, service: QuoteService(database: database), now: now).addRoutes(to: router)
        ReportController(repository: PricingRepository(database: database)).addRoutes(to: router)
    }
}

/// Tariff versions and discount campaigns (scope `admin`):
/// `POST /v1/tariffs`, `GET /v1/tariffs[?valid_on=&include_retired=true]`, `GET /v1/tariffs/{id}`, `PUT /v1/tariffs/{id}`
/// or `PATCH` (JSON merge patch) — only a version that never priced a job —, `POST /v1/tariffs/{id}/retire`,
/// `POST /v1/tariffs/{id}/close` (end the window of a version, used or not); the same under `/v1/campaigns`
/// (`?active_on=` for lists; no close: a campaign's window is its legal basis).
public struct PricingController: Sendable {
    let repository: PricingRepository

    public init(repository: PricingRepository) { self.repository = repository }

    public func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/v1/tariffs") { request, context in try await createTariff(request, context) }
        router.get("/v1/tariffs") { request, context in try await listTariffs(request, context) }
        router.get("/v1/tariffs/:id") { _, context in try await getTariff(context) }
        router.put("/v1/tariffs/:id") { request, context in try await replaceTariff(request, context) }
        router.patch("/v1/tariffs/:id") { request, context in try await patchTariff(request, context) }
        router.post("/v1/tariffs/:id/retire") { _, context in try await retireTariff(context) }
        router.post("/v1/tariffs/:id/close") { request, context in try await closeTariff(request, context) }

        router.post("/v1/campaigns") { request, context in try await createCampaign(request, context) }
        router.get("/v1/campaigns") { request, context in try await listCampaigns(request, context) }
        router.get("/v1/campaigns/:id") { _, context in try await getCampaign(context) }
        router.put("/v1/campaigns/:id") { request, context in try await replaceCampaign(request, context) }
        router.patch("/v1/campaigns/:id") { request, context in try await patchCampaign(request, context) }
        router.post("/v1/campaigns/:id/retire") { _, context in try await retireCampaign(context) }
    }

    // MARK: Tariffs

    func createTariff(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let client = try context.requireClient(.admin)
        let tariff = try PricingHTTP.decode(Tariff.self, from: try await PricingHTTP.jsonBody(request, context))
        let stored = try await PricingHTTP.mapping { try await repository.createTariff(tariff, by: client.publicID, logger: context.logger) }
        return try PricingHTTP.json(TariffVersionBody(stored, pricedJobs: 0), status: .created,
                                    headers: [.location: "/v1/tariffs/\(PricingHTTP.pathEscaped(tariff.id))"])
    }

    func listTariffs(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        _ = try context.requireClient(.admin)
        let date = try PricingHTTP.dateParameter(request, "valid_on")
        let includeRetired = request.uri.queryParameters.get("include_retired") == "true"
        let list = try await repository.tariffs(validOn: date, includeRetired: includeRetired, logger: context.logger)
        return try PricingHTTP.json(["tariffs": list.map { TariffVersionBody($0, pricedJobs: nil) }])
    }

    func getTariff(_ context: AppRequestContext) async throws -> Response {
        _ = try context.requireClient(.admin)
        let id = try context.parameters.require("id")
        guard let stored = try await repository.tariff(id: id, logger: context.logger) else { throw Problem.notFound("tariff \(id)") }
        let used = try await repository.jobsPriced(byTariff: id, logger: context.logger)
        return try PricingHTTP.json(TariffVersionBody(stored, pricedJobs: used))
    }

    func replaceTariff(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        _ = try context.requireClient(.admin)
        let id = try context.parameters.require("id")
        let tariff = try PricingHTTP.decode(Tariff.self, from: try await PricingHTTP.jsonBody(request, context))
        try PricingHTTP.requireSameID(tariff.id, path: id)
        let stored = try await PricingHTTP.mapping { try await repository.replaceTariff(id: id, with: tariff, logger: context.logger) }
        return try PricingHTTP.json(TariffVersionBody(stored, pricedJobs: 0))
    }

    /// JSON merge patch (RFC 7396) of the stored document; then exactly as `PUT`.
    func patchTariff(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        _ = try context.requireClient(.admin)
        let id = try context.parameters.require("id")
        guard let current = try await repository.tariff(id: id, logger: context.logger) else { throw Problem.notFound("tariff \(id)") }
        let patched = try PricingHTTP.mergePatch(current.document, with: try await PricingHTTP.jsonBody(request, context))
        let tariff = try PricingHTTP.decode(Tariff.self, from: patched)
        try PricingHTTP.requireSameID(tariff.id, path: id)
        let stored = try await PricingHTTP.mapping { try await repository.replaceTariff(id: id, with: tariff, logger: context.logger) }
        return try PricingHTTP.json(TariffVersionBody(stored, pricedJobs: 0))
    }

    struct CloseBody: Decodable {
        var validTo: String?
        enum CodingKeys: String, CodingKey { case validTo = "valid_to" }
    }

    /// `POST /v1/tariffs/{id}/close {"valid_to": "YYYY-MM-DD"}`: ends the window of a version, even one that priced jobs,
    /// so a new version can follow it; never before the last date it priced a job.
    func closeTariff(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        _ = try context.requireClient(.admin)
        let id = try context.parameters.require("id")
        let body = try PricingHTTP.decode(CloseBody.self, from: try await PricingHTTP.jsonBody(request, context))
        guard let text = body.validTo else { throw Problem.validation([PricingHTTP.fieldError(FieldError(field: "valid_to", .required))]) }
        guard let validTo = LocalDate(iso: text) else {
            throw Problem.validation([PricingHTTP.fieldError(FieldError(field: "valid_to", .invalidDate))])
        }
        let stored = try await PricingHTTP.mapping { try await repository.closeTariff(id: id, validTo: validTo, logger: context.logger) }
        return try PricingHTTP.json(TariffVersionBody(stored, pricedJobs: nil))
    }

    func retireTariff(_ context: AppRequestContext) async throws -> Response {
        let client = try context.requireClient(.admin)
        let id = try context.parameters.require("id")
        let stored = try await PricingHTTP.mapping { try await repository.retireTariff(id: id, by: client.publicID, logger: context.logger) }
        return try PricingHTTP.json(TariffVersionBody(stored, pricedJobs: nil))
    }

    // MARK: Campaigns

    /// A campaign body is the engine's document plus an optional `provinces` list (absent: every province).
    struct CampaignScope: Decodable {
        var provinces: [String]?
    }

    func createCampaign(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let client = try context.requireClient(.admin)
        let body = try await PricingHTTP.jsonBody(request, context)
        let campaign = try PricingHTTP.decode(Campaign.self, from: body)
        let scope = try PricingHTTP.decode(CampaignScope.self, from: body)
        let stored = try await PricingHTTP.mapping {
            try await repository.createCampaign(campaign, provinces: scope.provinces, by: client.publicID, logger: context.logger)
        }
        return try PricingHTTP.json(CampaignVersionBody(stored, discountedJobs: 0), status: .created,
                                    headers: [.location: "/v1/campaigns/\(PricingHTTP.pathEscaped(campaign.id))"])
    }

    func listCampaigns(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        _ = try context.requireClient(.admin)
        let date = try PricingHTTP.dateParameter(request, "active_on") ?? PricingHTTP.dateParameter(request, "valid_on")
        let includeRetired = request.uri.queryParameters.get("include_retired") == "true"
        let list = try await repository.campaigns(activeOn: date, includeRetired: includeRetired, logger: context.logger)
        return try PricingHTTP.json(["campaigns": list.map { CampaignVersionBody($0, discountedJobs: nil) }])
    }

    func getCampaign(_ context: AppRequestContext) async throws -> Response {
        _ = try context.requireClient(.admin)
        let id = try context.parameters.require("id")
        guard let stored = try await repository.campaign(id: id, logger: context.logger) else { throw Problem.notFound("campaign \(id)") }
        let used = try await repository.jobsDiscounted(byCampaign: id, logger: context.logger)
        return try PricingHTTP.json(CampaignVersionBody(stored, discountedJobs: used))
    }

    func replaceCampaign(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        _ = try context.requireClient(.admin)
        let id = try context.parameters.require("id")
        let body = try await PricingHTTP.jsonBody(request, context)
        let campaign = try PricingHTTP.decode(Campaign.self, from: body)
        let scope = try PricingHTTP.decode(CampaignScope.self, from: body)
        try PricingHTTP.requireSameID(campaign.id, path: id)
        let stored = try await PricingHTTP.mapping {
            try await repository.replaceCampaign(id: id, with: campaign, provinces: scope.provinces, logger: context.logger)
        }
        return try PricingHTTP.json(CampaignVersionBody(stored, discountedJobs: 0))
    }

    /// JSON merge patch (RFC 7396) of the stored document (and `provinces`); then exactly as `PUT`.
    func patchCampaign(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        _ = try context.requireClient(.admin)
        let id = try context.parameters.require("id")
        guard let current = try await repository.campaign(id: id, logger: context.logger) else { throw Problem.notFound("campaign \(id)") }
        let patch = try await PricingHTTP.jsonBody(request, context)
        var scope = CampaignScope(provinces: current.provinces)
        if let object = try? JSONSerialization.jsonObject(with: patch) as? [String: Any], object.keys.contains("provinces") {
            scope = try PricingHTTP.decode(CampaignScope.self, from: patch)
        }
        let campaign = try PricingHTTP.decode(Campaign.self, from: try PricingHTTP.mergePatch(current.document, with: patch))
        try PricingHTTP.requireSameID(campaign.id, path: id)
        let stored = try await PricingHTTP.mapping {
            try await repository.replaceCampaign(id: id, with: campaign, provinces: scope.provinces, logger: context.logger)
        }
        return try PricingHTTP.json(CampaignVersionBody(stored, discountedJobs: 0))
    }

    func retireCampaign(_ context: AppRequestContext) async throws -> Response {
        let client = try context.requireClient(.admin)
        let id = try context.parameters.require("id")
        let stored = try await PricingHTTP.mapping { try await repository.retireCampaign(id: id, by: client.publicID, logger: context.logger) }
        return try PricingHTTP.json(CampaignVersionBody(stored, discountedJobs: nil))
    }
}

/// `{"id", "status": "active"|"retired", "tariff": {…engine document…}, "created_at", "created_by", "updated_at",
/// "retired_at", "retired_by", "priced_jobs"?}`
struct TariffVersionBody: Encodable {
    let stored: StoredTariff
    let pricedJobs: Int?

    init(_ stored: StoredTariff, pricedJobs: Int?) {
        self.stored = stored
        self.pricedJobs = pricedJobs
    }

    enum CodingKeys: String, CodingKey {
        case id, status, tariff
        case createdAt = "created_at", createdBy = "created_by", updatedAt = "updated_at"
        case retiredAt = "retired_at", retiredBy = "retired_by", pricedJobs = "priced_jobs"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(stored.document.id, forKey: .id)
        try c.encode(stored.isRetired ? "retired" : "active", forKey: .status)
        try c.encode(stored.document, forKey: .tariff)
        try c.encode(PricingHTTP.timestamp(stored.createdAt), forKey: .createdAt)
        try c.encode(stored.createdBy, forKey: .createdBy)
        try c.encode(PricingHTTP.timestamp(stored.updatedAt), forKey: .updatedAt)
        try c.encode(stored.retiredAt.map(PricingHTTP.timestamp), forKey: .retiredAt)
        try c.encode(stored.retiredBy, forKey: .retiredBy)
        try c.encodeIfPresent(pricedJobs, forKey: .pricedJobs)
    }
}

/// `{"id", "status", "campaign": {…engine document…}, "provinces": ["52"] | null, "created_at", …, "discounted_jobs"?}`
struct CampaignVersionBody: Encodable {
    let stored: StoredCampaign
    let discountedJobs: Int?

    init(_ stored: StoredCampaign, discountedJobs: Int?) {
        self.stored = stored
        self.discountedJobs = discountedJobs
    }

    enum CodingKeys: String, CodingKey {
        case id, status, campaign, provinces
        case createdAt = "created_at", createdBy = "created_by", updatedAt = "updated_at"
        case retiredAt = "retired_at", retiredBy = "retired_by", discountedJobs = "discounted_jobs"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(stored.document.id, forKey: .id)
        try c.encode(stored.isRetired ? "retired" : "active", forKey: .status)
        try c.encode(stored.document, forKey: .campaign)
        try c.encode(stored.provinces, forKey: .provinces)
        try c.encode(PricingHTTP.timestamp(stored.createdAt), forKey: .createdAt)
        try c.encode(stored.createdBy, forKey: .createdBy)
        try c.encode(PricingHTTP.timestamp(stored.updatedAt), forKey: .updatedAt)
        try c.encode(stored.retiredAt.map(PricingHTTP.timestamp), forKey: .retiredAt)
        try c.encode(stored.retiredBy, forKey: .retiredBy)
        try c.encodeIfPresent(discountedJobs, forKey: .discountedJobs)
    }
}

extension Problem {
    /// A pricing failure as problem+json: 422 `no-tariff` / `component-not-priced`, 422 `validation` for an unknown
    /// commune, 404 for an unknown job. For job creation: `catch let error as QuoteError { throw Problem.quote(error) }`.
    public static func quote(_ error: QuoteError) -> Problem { PricingHTTP.problem(error) }

    /// An admin change refused by `PricingRepository`, as problem+json (422 with field paths, 409, 404).
    public static func pricingStore(_ error: PricingStoreError) -> Problem { PricingHTTP.problem(error) }
}

/// Request reading, response writing and error mapping shared by the pricing controllers.
enum PricingHTTP {
    /// The body of a JSON request: 415 without a JSON content type, 413 above the upload limit.
    static func jsonBody(_ request: Request, _ context: AppRequestContext) async throws -> Data {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        let mediaType = type.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard mediaType == "application/json" || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+json")) else {
            throw Problem.unsupportedMediaType
        }
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        return Data(buffer.readableBytesView)
    }

    /// Decodes, turning a decoding failure into 400 with the JSON path at fault.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            let (path, detail) = describe(error)
            throw Problem.malformedJSON(detail, field: path)
        }
    }

    static func describe(_ error: DecodingError) -> (String?, String) {
        switch error {
        case let .keyNotFound(key, context):
            return (jsonPath(context.codingPath + [key]), "missing key \(key.stringValue)")
        case let .typeMismatch(type, context):
            return (jsonPath(context.codingPath), "expected \(type)")
        case let .valueNotFound(type, context):
            return (jsonPath(context.codingPath), "expected \(type), found null")
        case let .dataCorrupted(context):
            return (context.codingPath.isEmpty ? nil : jsonPath(context.codingPath), context.debugDescription)
        @unknown default:
            return (nil, "undecodable")
        }
    }

    /// `components[1].prices[0].first`
    static func jsonPath(_ path: [any CodingKey]) -> String? {
        guard !path.isEmpty else { return nil }
        var text = ""
        for key in path {
            if let index = key.intValue, key.stringValue.hasPrefix("Index") || key.stringValue == String(index) {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }

    /// Members whose value is one of several shapes (`{"basis_points"}` / `{"percent"}` / `{"amount"}`, an eligibility
    /// node): a patch replaces them whole instead of merging, so `{"discount": {"percent": 20}}` just works.
    static let unionMembers: Set<String> = ["discount", "change", "eligibility"]

    /// RFC 7396: `patch` merged into `document`'s JSON (null removes a member, objects merge, anything else replaces;
    /// ``unionMembers`` are replaced whole).
    static func mergePatch(_ document: some Encodable, with patch: Data) throws -> Data {
        let original = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(document))
        let change: Any
        do {
            change = try JSONSerialization.jsonObject(with: patch, options: [.fragmentsAllowed])
        } catch {
            throw Problem.malformedJSON("not JSON")
        }
        func merge(_ target: Any, _ patch: Any) -> Any {
            guard let patchObject = patch as? [String: Any] else { return patch }
            var result = target as? [String: Any] ?? [:]
            for (key, value) in patchObject {
                if value is NSNull {
                    result[key] = nil
                } else if unionMembers.contains(key) {
                    result[key] = value
                } else {
                    result[key] = merge(result[key] as Any, value)
                }
            }
            return result
        }
        return try JSONSerialization.data(withJSONObject: merge(original, change), options: [.fragmentsAllowed])
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try JSONEncoder.sortedCompact.encode(value))))
    }

    static func timestamp(_ date: Date) -> String { date.ISO8601Format() }

    static func pathEscaped(_ id: String) -> String {
        id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? id
    }

    /// An optional `YYYY-MM-DD` query parameter; 422 when malformed.
    static func dateParameter(_ request: Request, _ name: String) throws -> LocalDate? {
        guard let text = request.uri.queryParameters.get(name) else { return nil }
        guard let date = LocalDate(iso: text) else {
            throw Problem.validation([fieldError(FieldError(field: name, .invalidDate))])
        }
        return date
    }

    static func requireSameID(_ bodyID: String, path: String) throws {
        guard bodyID == path else {
            throw Problem.validation([Problem.FieldError(
                field: "id", code: "id_mismatch", vi: "Mã trong nội dung phải trùng mã trên đường dẫn (\(path)).",
                en: "The id in the body must equal the id in the path (\(path)).")])
        }
    }

    static func fieldError(_ error: FieldError) -> Problem.FieldError {
        Problem.FieldError(field: error.field, code: error.code, vi: error.messageVi, en: error.messageEn)
    }

    static func fieldError(_ error: PricingFieldError) -> Problem.FieldError {
        Problem.FieldError(field: error.field, code: error.code.rawValue, vi: error.messageVi, en: error.messageEn)
    }

    /// Runs `body`, turning pricing store and quote errors into problems.
    static func mapping<R: Sendable>(_ body: () async throws -> R) async throws -> R {
        do {
            return try await body()
        } catch let error as PricingStoreError {
            throw problem(error)
        } catch let error as QuoteError {
            throw problem(error)
        }
    }

    static func problem(_ error: PricingStoreError) -> Problem {
        switch error {
        case let .invalid(errors):
            return .validation(errors.map(fieldError))
        case let .alreadyExists(id):
            return Problem("version-exists", status: .conflict, vi: "Phiên bản đã tồn tại", en: "Version exists",
                           detailVi: "Đã có phiên bản mã \(id); mã phiên bản không được dùng lại, kể cả khi đã ngừng áp dụng.",
                           detailEn: "A version with id \(id) exists; version ids are never reused, even once retired.",
                           extensions: ["id": id])
        case let .notFound(id):
            return .notFound("version \(id)")
        case let .usedByJobs(id, jobs):
            return Problem("version-in-use", status: .conflict, vi: "Phiên bản đã được dùng để tính cước", en: "Version already used",
                           detailVi: "Phiên bản \(id) đã được dùng để tính cước cho \(jobs) bưu gửi nên không thể sửa; hãy tạo phiên bản mới.",
                           detailEn: "Version \(id) has priced \(jobs) job(s) and cannot be edited: create a new version.",
                           extensions: ["id": id, "jobs": String(jobs)])
        case let .pricedAfter(id, date):
            return Problem("version-in-use", status: .conflict, vi: "Phiên bản đã được dùng để tính cước", en: "Version already used",
                           detailVi: "Phiên bản \(id) đã tính cước cho bưu gửi nhận ngày \(date); không thể kết thúc trước ngày đó.",
                           detailEn: "Version \(id) priced a job accepted on \(date); its window cannot end before that day.",
                           extensions: ["id": id, "last_priced_on": date.description])
        case let .retired(id):
            return Problem("version-retired", status: .conflict, vi: "Phiên bản đã ngừng áp dụng", en: "Version retired",
                           detailVi: "Phiên bản \(id) đã ngừng áp dụng nên không thể sửa; hãy tạo phiên bản mới.",
                           detailEn: "Version \(id) is retired and cannot be edited: create a new version.", extensions: ["id": id])
        }
    }

    static func problem(_ error: QuoteError) -> Problem {
        switch error {
        case let .noTariffValid(on):
            return Problem("no-tariff", status: .unprocessableContent, vi: "Không có biểu giá áp dụng", en: "No tariff in force",
                           detailVi: "Không có biểu giá cước nào có hiệu lực vào ngày \(on); quản trị viên cần tạo biểu giá (POST /v1/tariffs).",
                           detailEn: "No tariff version is in force on \(on); an administrator must create one (POST /v1/tariffs).",
                           extensions: ["date": on.description])
        case let .componentNotPriced(component, zone, tariff):
            return Problem("component-not-priced", status: .unprocessableContent, vi: "Biểu giá không có giá cho dịch vụ này",
                           en: "Service not priced",
                           detailVi: "Biểu giá \(tariff) không có giá cho \(component.rawValue) ở vùng \(zone.rawValue).",
                           detailEn: "Tariff \(tariff) has no price for \(component.rawValue) in zone \(zone.rawValue).",
                           extensions: ["tariff": tariff, "component": component.rawValue, "zone": zone.rawValue])
        case let .unknownCommune(field, _):
            return .validation([fieldError(FieldError(field: field, .unknownCommune))])
        case let .engine(.invalidRequest(errors)):
            return .validation(errors.map(fieldError))
        case .engine:
            return .internalError()
        case let .jobNotFound(id):
            return .notFound("job \(id)")
        }
    }
}

extension QuoteError: ProblemConvertible {
    public var problem: Problem { PricingHTTP.problem(self) }
}

extension PricingStoreError: ProblemConvertible {
    public var problem: Problem { PricingHTTP.problem(self) }
}
