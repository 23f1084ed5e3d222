import Foundation
import Logging
import PostgresNIO
import PostRunCore

/// Why a job could not be priced. Plain data; the API maps it to problem+json (422, or 404 for an unknown job).
public enum QuoteError: Error, Sendable, Hashable {
    /// No tariff version (not retired) is valid on the accepted date: never a made-up price.
    case noTariffValid(on: LocalDate)
    /// The tariff in force has no price for this component in this zone.
    case componentNotPriced(component: PriceComponent, zone: PricingZone, tariff: String)
    /// A commune of the request is not in `administrative_units` (`field` is the request's JSON path).
    case unknownCommune(field: String, code: String)
    /// The engine refused the request or a stored document (should not happen: both are validated before).
    case engine(PricingError)
    /// Re-pricing: no job with this public id.
    case jobNotFound(String)
}

/// What the engine needs of one job, whatever it comes from (a new request, or a stored job being re-priced).
struct QuoteInput: Sendable {
    var kind: JobKind
    var channel: SubmissionChannel
    var onlineLevel: Int?
    var field: DossierField?
    var applicantCategory: ApplicantCategory?
    var agencyCommune: String
    var applicantCommune: String
    var weightGrams: Int
    var collectedFee: CollectedFee?
    var extraAttempts: Int
    var plannedDeliveryDate: LocalDate?
}

/// Prices jobs: builds the engine's `PricingRequest` from a job request and the reference data
/// (`administrative_units`: province, area classes, serving office as the area group), loads the tariff versions and
/// campaigns in force from `PricingRepository`, and runs `Pricing.quote`. Nothing is cached across calls.
///
/// Job creation calls ``quote(for:kind:acceptedAt:asOf:on:logger:)`` (or ``quotes(for:acceptedAt:asOf:on:logger:)``)
/// on the connection of its own transaction and stores the result in `jobs.quote`.
public struct QuoteService: Sendable {
    let database: Database
    let repository: PricingRepository

    public init(database: Database) {
        self.database = database
        self.repository = PricingRepository(database: database)
    }

    /// Whether the job of `kind` created from a request of `requestKind` collects the request's `fee_to_collect`
    /// (and so is charged the `fee_collection` line). For `pickup_and_return` the fee is collected once, at pickup.
    public static func collectsFee(kind: JobKind, in requestKind: RequestKind) -> Bool {
        requestKind != .pickupAndReturn || kind == .pickupDossier
    }

    /// Prices one job of a validated request.
    ///
    /// - Parameters:
    ///   - request: The validated request (`JobRequestValidator.check`).
    ///   - kind: Which job of the request (`request.jobKinds`).
    ///   - acceptedAt: The acceptance instant (its Vietnamese date picks the tariff version and campaign windows).
    ///   - asOf: Price as of this Vietnamese date instead (quotes only: local midnight of `asOf` stands for `acceptedAt`).
    ///   - connection: A connection, inside the caller's transaction if it has one.
    /// - Throws: ``QuoteError`` (no tariff valid, component not priced, unknown commune), or a database error.
    public func quote(for request: ValidJobRequest, kind: JobKind, acceptedAt: Date, asOf: LocalDate? = nil,
                      on connection: PostgresConnection, logger: Logger) async throws -> Quote {
        try await quote(Self.input(for: request, kind: kind), acceptedAt: asOf.map { VietnamTime.instant($0) } ?? acceptedAt,
                        on: connection, logger: logger)
    }

    /// Prices every job of a request, in `request.jobKinds` order (two for `pickup_and_return`: pickup, then result).
    public func quotes(for request: ValidJobRequest, acceptedAt: Date, asOf: LocalDate? = nil,
                       on connection: PostgresConnection, logger: Logger) async throws -> [Quote] {
        var quotes: [Quote] = []
        for kind in request.jobKinds {
            quotes.append(try await quote(for: request, kind: kind, acceptedAt: acceptedAt, asOf: asOf, on: connection, logger: logger))
        }
        return quotes
    }

    /// ``quotes(for:acceptedAt:asOf:on:logger:)`` on a connection of the pool (for `POST /v1/quotes`).
    public func quotes(for request: ValidJobRequest, acceptedAt: Date, asOf: LocalDate? = nil, logger: Logger) async throws -> [Quote] {
        try await database.withConnection { connection in
            try await quotes(for: request, acceptedAt: acceptedAt, asOf: asOf, on: connection, logger: logger)
        }
    }

    /// The shape of `JobService.pricer`: prices one job of a request; its snapshot (``snapshotJSON(_:)``) is stored in
    /// `jobs.quote`. Wire it with
    /// `JobService(database: database, pricer: QuoteService(database: database).jobPricer)`. Throws ``QuoteError``
    /// (map it with `Problem.quote(_:)` in PostRunAPI): a job is never stored with a made-up price.
    public var jobPricer: JobPricer {
        let service = self
        return { valid, kind, acceptedAt, places, connection, logger in
            try await service.quote(Self.input(for: valid, kind: kind), acceptedAt: acceptedAt, places: places,
                                    on: connection, logger: logger)
        }
    }

    static func input(for valid: ValidJobRequest, kind: JobKind) -> QuoteInput {
        let r = valid.request
        let fee = r.feeToCollect.flatMap { QuoteService.collectsFee(kind: kind, in: valid.kind) ? CollectedFee(amount: $0.amount, name: $0.name) : nil }
        let planned: LocalDate? = kind == .deliverResult ? (valid.kind == .deliverResult ? valid.requestedDate : valid.appointmentDate) : nil
        return QuoteInput(
            kind: kind, channel: valid.channel, onlineLevel: valid.onlineLevel, field: valid.field,
            applicantCategory: r.applicant.category.map(ApplicantCategory.init(rawValue:)),
            agencyCommune: r.agency.communeCode, applicantCommune: r.address.communeCode,
            weightGrams: r.weightGrams ?? 0, collectedFee: fee, extraAttempts: 0, plannedDeliveryDate: planned)
    }

    /// - Parameter places: The pricing view of the input's communes when the caller has it already; loaded otherwise.
    func quote(_ input: QuoteInput, acceptedAt: Date, places known: [String: PricingPlace]? = nil, on connection: PostgresConnection,
               logger: Logger) async throws -> Quote {
        let codes = [input.agencyCommune, input.applicantCommune]
        let places = if let known, codes.allSatisfy({ known[$0] != nil }) { known } else {
            try await Self.places(codes, on: connection, logger: logger)
        }
        guard let agency = places[input.agencyCommune] else {
            throw QuoteError.unknownCommune(field: "agency.commune_code", code: input.agencyCommune)
        }
        guard let applicant = places[input.applicantCommune] else {
            throw QuoteError.unknownCommune(field: "address.commune_code", code: input.applicantCommune)
        }
        let acceptedDate = VietnamTime.localDate(of: acceptedAt)
        let (tariffs, campaigns) = try await repository.catalog(forAcceptedDate: acceptedDate, province: applicant.province,
                                                                on: connection, logger: logger)
        let request = PricingRequest(
            kind: input.kind, channel: input.channel, onlineLevel: input.onlineLevel, field: input.field,
            applicantCategory: input.applicantCategory,
            origin: input.kind == .pickupDossier ? applicant : agency,
            destination: input.kind == .pickupDossier ? agency : applicant,
            weightGrams: input.weightGrams, collectedFee: input.collectedFee, extraAttempts: input.extraAttempts,
            acceptedAt: acceptedAt, plannedDeliveryDate: input.plannedDeliveryDate)
        do {
            return try Pricing.quote(tariffs: tariffs, campaigns: campaigns, request: request, on: acceptedAt)
        } catch {
            switch error {
            case let .noTariffValid(on): throw QuoteError.noTariffValid(on: on)
            case let .componentNotPriced(component, zone, tariff): throw QuoteError.componentNotPriced(component: component, zone: zone, tariff: tariff)
            default:
                logger.error("pricing engine refused a job", metadata: ["error": .string(String(reflecting: error))])
                throw QuoteError.engine(error)
            }
        }
    }

    /// The pricing view of communes: the unit in force today, else the latest one with that code.
    static func places(_ codes: [String], on connection: PostgresConnection, logger: Logger) async throws -> [String: PricingPlace] {
        let rows = try await connection.query("""
            SELECT DISTINCT ON (code) code, province_code, area_classes, office_id FROM administrative_units
            WHERE code = ANY (\(Array(Set(codes))))
            ORDER BY code, (valid_to IS NULL) DESC, valid_from DESC
            """, logger: logger)
        var places: [String: PricingPlace] = [:]
        for try await (code, province, classes, office) in rows.decode((String, String, [String], Int64?).self) {
            places[code] = PricingPlace(commune: code, province: province, areaGroup: office.map { String($0) },
                                        areaClasses: classes.compactMap(AreaClass.init(rawValue:)))
        }
        return places
    }
}
