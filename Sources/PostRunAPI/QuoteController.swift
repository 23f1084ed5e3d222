import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PostgresNIO
import PostRunCore
import PostRunStore

/// `POST /v1/quotes` (scope `jobs:read` or `jobs:write`): prices the body of a `POST /v1/jobs` without creating anything;
/// `"as_of": "YYYY-MM-DD"` prices as of that date (and is "today" for the requested-date rules).
/// `POST /v1/jobs/{id}/reprice` (scope `admin`): recomputes and stores a job's quote, recording old and new.
public struct QuoteController: Sendable {
    let database: Database
    let service: QuoteService
    let now: @Sendable () -> Date

    public init(database: Database, service: QuoteService, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.service = service
        self.now = now
    }

    public func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/v1/quotes") { request, context in try await quote(request, context) }
        router.post("/v1/jobs/:id/reprice") { request, context in try await reprice(request, context) }
    }

    /// The extra member of a quote request.
    struct AsOf: Decodable {
        var asOf: String?
        enum CodingKeys: String, CodingKey { case asOf = "as_of" }
    }

    func quote(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        try Self.requireQuoteScope(context)
        let body = try await PricingHTTP.jsonBody(request, context)
        let jobRequest = try PricingHTTP.decode(JobRequest.self, from: body)
        let asOfText = try PricingHTTP.decode(AsOf.self, from: body).asOf
        let instant = now()
        var asOf: LocalDate?
        if let asOfText {
            guard let date = LocalDate(iso: asOfText.trimmingCharacters(in: .whitespaces)) else {
                throw Problem.validation([PricingHTTP.fieldError(FieldError(field: "as_of", .invalidDate))])
            }
            asOf = date
        }
        // Communes are checked against the units in force today, whatever `as_of` says: the job would be made today.
        let today = VietnamTime.localDate(of: instant)
        let normalized = JobRequestValidator.normalized(jobRequest)
        let statuses = try await Self.communeStatuses([normalized.agency.communeCode, normalized.address.communeCode], on: today,
                                                      database: database, logger: context.logger)
        let valid: ValidJobRequest
        switch JobRequestValidator.check(jobRequest, today: asOf ?? today, communeExists: { statuses[$0] ?? .unknown }) {
        case let .success(value): valid = value
        case let .failure(failure): throw Problem.validation(failure.errors.map(PricingHTTP.fieldError))
        }
        let quotes = try await PricingHTTP.mapping {
            try await service.quotes(for: valid, acceptedAt: instant, asOf: asOf, logger: context.logger)
        }
        if valid.kind == .pickupAndReturn {
            return try PricingHTTP.json(QuotePair(kinds: valid.jobKinds, quotes: quotes))
        }
        return try PricingHTTP.json(quotes[0])
    }

    /// `{"quotes": [pickup, result], "kinds": ["pickup_dossier", "deliver_result"], "total": Σ, "currency": "VND"}`
    struct QuotePair: Encodable {
        let kinds: [JobKind]
        let quotes: [Quote]
        enum CodingKeys: String, CodingKey { case kinds, quotes, total, currency }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(kinds, forKey: .kinds)
            try c.encode(quotes, forKey: .quotes)
            try c.encode(quotes.reduce(Money.zero) { $0 + $1.total }, forKey: .total)
            try c.encode(Pricing.currency, forKey: .currency)
        }
    }

    static func requireQuoteScope(_ context: AppRequestContext) throws {
        guard let principal = context.principal else { throw Problem.unauthorized }
        switch principal {
        case let .apiClient(client):
            guard !client.scopes.isDisjoint(with: [.jobsRead, .jobsWrite, .admin]) else { throw Problem.forbidden(scope: Scope.jobsRead.rawValue) }
        case .staff:
            break  // dispatchers quote hotline callers; couriers quote at the door
        }
    }

    /// What the validator needs to know of each commune code, from `administrative_units` (one query).
    static func communeStatuses(_ codes: [String], on date: LocalDate, database: Database, logger: Logger) async throws -> [String: CommuneStatus] {
        let wanted = Array(Set(codes.filter { !$0.isEmpty }))
        guard !wanted.isEmpty else { return [:] }
        let rows = try await database.query("""
            SELECT code, bool_or(valid_from <= \(date.description)::date AND (valid_to IS NULL OR valid_to >= \(date.description)::date))
            FROM administrative_units WHERE code = ANY (\(wanted)) AND kind <> 'province' GROUP BY code
            """, logger: logger)
        var statuses: [String: CommuneStatus] = [:]
        for try await (code, current) in rows.decode((String, Bool).self) {
            statuses[code] = current ? .current : .notCurrent
        }
        return statuses
    }

    // MARK: Re-pricing

    struct RepriceBody: Decodable {
        var reason: String?
    }

    /// `{"job", "version", "reason", "old": Quote | null, "new": Quote}`
    struct RepriceResponse: Encodable {
        let result: Repricing
        enum CodingKeys: String, CodingKey { case job, version, reason, old, new }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(result.jobID, forKey: .job)
            try c.encode(result.version, forKey: .version)
            try c.encode(result.reason, forKey: .reason)
            try c.encode(result.old, forKey: .old)
            try c.encode(result.new, forKey: .new)
        }
    }

    func reprice(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let client = try context.requireClient(.admin)
        let id = try context.parameters.require("id")
        let body = try PricingHTTP.decode(RepriceBody.self, from: try await PricingHTTP.jsonBody(request, context))
        let reason = VietnameseText.normalizedLine(body.reason ?? "")
        if reason.isEmpty { throw Problem.validation([PricingHTTP.fieldError(FieldError(field: "reason", .required))]) }
        if reason.count > 500 { throw Problem.validation([PricingHTTP.fieldError(FieldError(field: "reason", .tooLong, limit: "500"))]) }
        let result = try await PricingHTTP.mapping {
            try await service.reprice(jobID: id, reason: reason, actor: client.publicID, logger: context.logger)
        }
        return try PricingHTTP.json(RepriceResponse(result: result))
    }
}
