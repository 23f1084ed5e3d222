import Foundation
import Logging
import PostgresNIO
import PostRunCore

/// A tariff or campaign version as stored: the engine's document plus who made it and whether it is retired.
public struct StoredPricingVersion<Document: Sendable & Hashable>: Sendable, Hashable {
    public let document: Document
    /// Provinces a campaign is limited to (`nil`: every province). Always `nil` for tariffs, which are global.
    public let provinces: [String]?
    public let createdAt: Date
    /// `seed`, or the public id of the API client that created it.
    public let createdBy: String
    public let updatedAt: Date
    public let retiredAt: Date?
    public let retiredBy: String?

    public var isRetired: Bool { retiredAt != nil }
}

public typealias StoredTariff = StoredPricingVersion<Tariff>
public typealias StoredCampaign = StoredPricingVersion<Campaign>

/// Why an admin change to tariffs or campaigns was refused. Plain data; the API maps it to problem+json.
public enum PricingStoreError: Error, Sendable, Hashable {
    /// The document fails `Pricing.validate…` (overlapping versions included).
    case invalid([PricingFieldError])
    /// A version with this id exists already (ids are never reused, even once retired).
    case alreadyExists(id: String)
    case notFound(id: String)
    /// The version priced at least one job: it is frozen; create a new version instead.
    case usedByJobs(id: String, jobs: Int)
    /// A retired version cannot be edited.
    case retired(id: String)
    /// Closing a version's window before a date on which it already priced a job.
    case pricedAfter(id: String, date: LocalDate)
}

/// Tariff versions and discount campaigns (`tariff_versions`, `campaign_versions`).
///
/// Quoting reads the versions in force on a date with one small indexed query, remembered for a second in
/// ``ReferenceCache`` (cleared by every write here, so this replica sees an admin change at once and the others within
/// that second); the decoding of a document already seen, byte for byte, is remembered longer (``PricingDocuments``). Admin writes take a transaction-scoped advisory lock so two concurrent creations cannot both
/// pass the overlap check.
public struct PricingRepository: Sendable {
    let database: Database
    let documents = PricingDocuments()
    public init(database: Database) { self.database = database }

    static let tariffLock: Int64 = 0x5052_5443_5441_5249  // "PRTCTARI"
    static let campaignLock: Int64 = 0x5052_5443_4341_4D50  // "PRTCCAMP"

    // MARK: Reading for quotes

    /// What pricing a job accepted on `date` for `province` needs, in one round trip: the tariff versions in force that
    /// day (not retired), and every campaign not retired whose window reaches `date` or later (campaigns decided by the
    /// delivery date may start after acceptance) and that is open to the province. The engine picks what applies.
    public func catalog(forAcceptedDate date: LocalDate, province: String?, on connection: PostgresConnection,
                        logger: Logger) async throws -> (tariffs: [Tariff], campaigns: [Campaign]) {
        try await database.referenceCache.value(.pricingCatalog(date, province: province)) {
            let rows = try await connection.execute(PricingCatalogStatement(date: date, province: province), logger: logger)
            var documents: [(isTariff: Bool, json: String)] = []
            for try await row in rows { documents.append(row) }
            return try await self.documents.decode(documents)
        }
    }

    // MARK: Tariffs (admin)

    /// Tariff versions, oldest first; `validOn` keeps those in force that day; retired ones only when asked.
    public func tariffs(validOn date: LocalDate?, includeRetired: Bool, logger: Logger) async throws -> [StoredTariff] {
        try await database.withConnection { connection in
            try await loadTariffs(Selection(includeRetired: includeRetired, validOn: date), on: connection, logger: logger)
        }
    }

    public func tariff(id: String, logger: Logger) async throws -> StoredTariff? {
        try await database.withConnection { connection in
            try await loadTariffs(Selection(id: id), on: connection, logger: logger).first
        }
    }

    /// Stores a new version after `Pricing.validate(tariff:existing:)` against every version not retired.
    @discardableResult
    public func createTariff(_ tariff: Tariff, by actor: String, logger: Logger) async throws -> StoredTariff {
        try await database.referenceDataTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.tariffLock))", logger: logger)
            if try await loadTariffs(Selection(id: tariff.id), on: connection, logger: logger).isEmpty == false {
                throw PricingStoreError.alreadyExists(id: tariff.id)
            }
            let others = try await loadTariffs(Selection(includeRetired: false), on: connection, logger: logger).map(\.document)
            let errors = Pricing.validate(tariff: tariff, existing: others)
            guard errors.isEmpty else { throw PricingStoreError.invalid(errors) }
            let json = try Self.json(tariff)
            try await connection.query("""
                INSERT INTO tariff_versions (public_id, name, valid_from, valid_to, document, created_by)
                VALUES (\(tariff.id), \(tariff.name), \(tariff.validFrom.description)::date, \(tariff.validTo?.description)::date,
                        \(json)::jsonb, \(actor))
                """, logger: logger)
            return try await loadTariffs(Selection(id: tariff.id), on: connection, logger: logger)[0]
        }
    }

    /// Replaces a version that never priced a job (and is not retired).
    @discardableResult
    public func replaceTariff(id: String, with tariff: Tariff, logger: Logger) async throws -> StoredTariff {
        try await database.referenceDataTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.tariffLock))", logger: logger)
            guard let current = try await loadTariffs(Selection(id: id), on: connection, logger: logger).first else {
                throw PricingStoreError.notFound(id: id)
            }
            if current.isRetired { throw PricingStoreError.retired(id: id) }
            let used = try await Self.jobsPriced(byTariff: id, on: connection, logger: logger)
            if used > 0 { throw PricingStoreError.usedByJobs(id: id, jobs: used) }
            let others = try await loadTariffs(Selection(excluding: id, includeRetired: false), on: connection, logger: logger)
                .map(\.document)
            let errors = Pricing.validate(tariff: tariff, existing: others)
            guard errors.isEmpty else { throw PricingStoreError.invalid(errors) }
            let json = try Self.json(tariff)
            try await connection.query("""
                UPDATE tariff_versions SET name = \(tariff.name), valid_from = \(tariff.validFrom.description)::date,
                    valid_to = \(tariff.validTo?.description)::date, document = \(json)::jsonb, updated_at = now()
                WHERE public_id = \(id)
                """, logger: logger)
            return try await loadTariffs(Selection(id: id), on: connection, logger: logger)[0]
        }
    }

    /// Ends a version's window on `validTo` (inclusive), so that a new version can take over from the next day.
    /// Allowed even for a version that priced jobs, because no price changes: only shortening is accepted, and never
    /// before the latest date on which it priced a job (`priced_on.tariff_date` of the snapshots naming it).
    @discardableResult
    public func closeTariff(id: String, validTo: LocalDate, logger: Logger) async throws -> StoredTariff {
        try await database.referenceDataTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.tariffLock))", logger: logger)
            guard let current = try await loadTariffs(Selection(id: id), on: connection, logger: logger).first else {
                throw PricingStoreError.notFound(id: id)
            }
            if current.isRetired { throw PricingStoreError.retired(id: id) }
            var tariff = current.document
            if validTo < tariff.validFrom { throw PricingStoreError.invalid([Self.closeError(.invertedWindow, tariff)]) }
            if let end = tariff.validTo, end < validTo { throw PricingStoreError.invalid([Self.closeError(.outOfRange, tariff)]) }
            let rows = try await connection.query("""
                SELECT max((quote->'priced_on'->>'tariff_date')::date)::text FROM jobs WHERE quote->>'tariff' = \(id)
                """, logger: logger)
            var lastPriced: String?
            for try await value in rows.decode(String?.self) { lastPriced = value }
            if let lastPriced, let last = LocalDate(iso: lastPriced), validTo < last {
                throw PricingStoreError.pricedAfter(id: id, date: last)
            }
            tariff.validTo = validTo
            let json = try Self.json(tariff)
            try await connection.query("""
                UPDATE tariff_versions SET valid_to = \(validTo.description)::date, document = \(json)::jsonb, updated_at = now()
                WHERE public_id = \(id)
                """, logger: logger)
            return try await loadTariffs(Selection(id: id), on: connection, logger: logger)[0]
        }
    }

    static func closeError(_ code: PricingFieldError.Code, _ tariff: Tariff) -> PricingFieldError {
        code == .invertedWindow
            ? .init(field: "valid_to", code: code, messageVi: "Ngày kết thúc phải không sớm hơn ngày bắt đầu (\(tariff.validFrom)).",
                    messageEn: "The end date must not be before the start date (\(tariff.validFrom)).")
            : .init(field: "valid_to", code: code, messageVi: "Chỉ được rút ngắn thời gian hiệu lực (đang đến \(tariff.validTo?.description ?? "")).",
                    messageEn: "The window may only be shortened (it ends on \(tariff.validTo?.description ?? "")).")
    }

    /// Takes a version out of quoting (jobs already priced keep their snapshots). Retiring twice changes nothing.
    public func retireTariff(id: String, by actor: String, logger: Logger) async throws -> StoredTariff {
        try await database.referenceDataTransaction(logger: logger) { connection in
            try await connection.query("""
                UPDATE tariff_versions SET retired_at = now(), retired_by = \(actor), updated_at = now()
                WHERE public_id = \(id) AND retired_at IS NULL
                """, logger: logger)
            guard let stored = try await loadTariffs(Selection(id: id), on: connection, logger: logger).first else {
                throw PricingStoreError.notFound(id: id)
            }
            return stored
        }
    }

    /// Jobs whose current snapshot, or a snapshot replaced by re-pricing, names the tariff.
    public func jobsPriced(byTariff id: String, logger: Logger) async throws -> Int {
        try await database.withConnection { try await Self.jobsPriced(byTariff: id, on: $0, logger: logger) }
    }

    static func jobsPriced(byTariff id: String, on connection: PostgresConnection, logger: Logger) async throws -> Int {
        let rows = try await connection.query("""
            SELECT (SELECT count(*) FROM jobs WHERE quote->>'tariff' = \(id))
                 + (SELECT count(*) FROM job_events WHERE type = 'repriced' AND data->'old'->>'tariff' = \(id))
            """, logger: logger)
        var count = 0
        for try await value in rows.decode(Int.self) { count = value }
        return count
    }

    // MARK: Campaigns (admin)

    public func campaigns(activeOn date: LocalDate?, includeRetired: Bool, logger: Logger) async throws -> [StoredCampaign] {
        try await database.withConnection { connection in
            try await loadCampaigns(Selection(includeRetired: includeRetired, validOn: date), on: connection, logger: logger)
        }
    }

    public func campaign(id: String, logger: Logger) async throws -> StoredCampaign? {
        try await database.withConnection { connection in
            try await loadCampaigns(Selection(id: id), on: connection, logger: logger).first
        }
    }

    /// Stores a new campaign after `Pricing.validate(campaign:)`; `provinces` limits it (nil: everywhere).
    @discardableResult
    public func createCampaign(_ campaign: Campaign, provinces: [String]?, by actor: String, logger: Logger) async throws -> StoredCampaign {
        let errors = Pricing.validate(campaign: campaign) + Self.provinceErrors(provinces)
        guard errors.isEmpty else { throw PricingStoreError.invalid(errors) }
        let json = try Self.json(campaign)
        return try await database.referenceDataTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.campaignLock))", logger: logger)
            if try await loadCampaigns(Selection(id: campaign.id), on: connection, logger: logger).isEmpty == false {
                throw PricingStoreError.alreadyExists(id: campaign.id)
            }
            try await connection.query("""
                INSERT INTO campaign_versions (public_id, name, start_date, end_date, provinces, document, created_by)
                VALUES (\(campaign.id), \(campaign.name), \(campaign.startDate.description)::date, \(campaign.endDate.description)::date,
                        \(provinces), \(json)::jsonb, \(actor))
                """, logger: logger)
            return try await loadCampaigns(Selection(id: campaign.id), on: connection, logger: logger)[0]
        }
    }

    /// Replaces a campaign that never discounted a job (and is not retired).
    @discardableResult
    public func replaceCampaign(id: String, with campaign: Campaign, provinces: [String]?, logger: Logger) async throws -> StoredCampaign {
        let errors = Pricing.validate(campaign: campaign) + Self.provinceErrors(provinces)
        guard errors.isEmpty else { throw PricingStoreError.invalid(errors) }
        let json = try Self.json(campaign)
        return try await database.referenceDataTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.campaignLock))", logger: logger)
            guard let current = try await loadCampaigns(Selection(id: id), on: connection, logger: logger).first else {
                throw PricingStoreError.notFound(id: id)
            }
            if current.isRetired { throw PricingStoreError.retired(id: id) }
            let used = try await Self.jobsDiscounted(byCampaign: id, on: connection, logger: logger)
            if used > 0 { throw PricingStoreError.usedByJobs(id: id, jobs: used) }
            try await connection.query("""
                UPDATE campaign_versions SET name = \(campaign.name), start_date = \(campaign.startDate.description)::date,
                    end_date = \(campaign.endDate.description)::date, provinces = \(provinces), document = \(json)::jsonb,
                    updated_at = now()
                WHERE public_id = \(id)
                """, logger: logger)
            return try await loadCampaigns(Selection(id: id), on: connection, logger: logger)[0]
        }
    }

    public func retireCampaign(id: String, by actor: String, logger: Logger) async throws -> StoredCampaign {
        try await database.referenceDataTransaction(logger: logger) { connection in
            try await connection.query("""
                UPDATE campaign_versions SET retired_at = now(), retired_by = \(actor), updated_at = now()
                WHERE public_id = \(id) AND retired_at IS NULL
                """, logger: logger)
            guard let stored = try await loadCampaigns(Selection(id: id), on: connection, logger: logger).first else {
                throw PricingStoreError.notFound(id: id)
            }
            return stored
        }
    }

    /// Jobs whose current snapshot, or a snapshot replaced by re-pricing, carries a discount of the campaign.
    public func jobsDiscounted(byCampaign id: String, logger: Logger) async throws -> Int {
        try await database.withConnection { try await Self.jobsDiscounted(byCampaign: id, on: $0, logger: logger) }
    }

    static func jobsDiscounted(byCampaign id: String, on connection: PostgresConnection, logger: Logger) async throws -> Int {
        let rows = try await connection.query("""
            SELECT (SELECT count(*) FROM jobs WHERE quote IS NOT NULL
                      AND jsonb_path_exists(quote, '$.lines[*].discounts[*] ? (@.campaign == $id)', jsonb_build_object('id', \(id)::text)))
                 + (SELECT count(*) FROM job_events WHERE type = 'repriced'
                      AND jsonb_path_exists(data->'old', '$.lines[*].discounts[*] ? (@.campaign == $id)', jsonb_build_object('id', \(id)::text)))
            """, logger: logger)
        var count = 0
        for try await value in rows.decode(Int.self) { count = value }
        return count
    }

    // MARK: Helpers

    /// Which versions to load; every member narrows the selection.
    struct Selection {
        var id: String?
        var excluding: String?
        var includeRetired = true
        var validOn: LocalDate?
    }

    func loadTariffs(_ s: Selection, on connection: PostgresConnection, logger: Logger) async throws -> [StoredTariff] {
        let date = s.validOn?.description
        let rows = try await connection.query("""
            SELECT document::text, created_at, created_by, updated_at, retired_at, retired_by FROM tariff_versions
            WHERE (\(s.id)::text IS NULL OR public_id = \(s.id)::text)
              AND (\(s.excluding)::text IS NULL OR public_id <> \(s.excluding)::text)
              AND (\(s.includeRetired) OR retired_at IS NULL)
              AND (\(date)::date IS NULL OR (valid_from <= \(date)::date AND (valid_to IS NULL OR valid_to >= \(date)::date)))
            ORDER BY valid_from, public_id
            """, logger: logger)
        var result: [StoredTariff] = []
        for try await (json, createdAt, createdBy, updatedAt, retiredAt, retiredBy)
            in rows.decode((String, Date, String, Date, Date?, String?).self) {
            let tariff = try JSONDecoder().decode(Tariff.self, from: Data(json.utf8))
            result.append(.init(document: tariff, provinces: nil, createdAt: createdAt, createdBy: createdBy, updatedAt: updatedAt,
                                retiredAt: retiredAt, retiredBy: retiredBy))
        }
        return result
    }

    func loadCampaigns(_ s: Selection, on connection: PostgresConnection, logger: Logger) async throws -> [StoredCampaign] {
        let date = s.validOn?.description
        let rows = try await connection.query("""
            SELECT document::text, provinces, created_at, created_by, updated_at, retired_at, retired_by FROM campaign_versions
            WHERE (\(s.id)::text IS NULL OR public_id = \(s.id)::text)
              AND (\(s.excluding)::text IS NULL OR public_id <> \(s.excluding)::text)
              AND (\(s.includeRetired) OR retired_at IS NULL)
              AND (\(date)::date IS NULL OR (start_date <= \(date)::date AND end_date >= \(date)::date))
            ORDER BY start_date, public_id
            """, logger: logger)
        return try await Self.decodeCampaigns(rows)
    }

    static func decodeCampaigns(_ rows: PostgresRowSequence) async throws -> [StoredCampaign] {
        var result: [StoredCampaign] = []
        for try await (json, provinces, createdAt, createdBy, updatedAt, retiredAt, retiredBy)
            in rows.decode((String, [String]?, Date, String, Date, Date?, String?).self) {
            let campaign = try JSONDecoder().decode(Campaign.self, from: Data(json.utf8))
            result.append(.init(document: campaign, provinces: provinces, createdAt: createdAt, createdBy: createdBy,
                                updatedAt: updatedAt, retiredAt: retiredAt, retiredBy: retiredBy))
        }
        return result
    }

    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder.sortedCompact.encode(value), as: UTF8.self)
    }

    static func provinceErrors(_ provinces: [String]?) -> [PricingFieldError] {
        guard let provinces else { return [] }
        var errors: [PricingFieldError] = []
        if provinces.isEmpty {
            errors.append(.init(field: "provinces", code: .required, messageVi: "Danh sách tỉnh không được rỗng (bỏ trường để áp dụng mọi tỉnh).",
                                messageEn: "The province list must not be empty (leave it out to apply everywhere)."))
        }
        var seen: Set<String> = []
        for (i, code) in provinces.enumerated() {
            if !(code.utf8.count == 2 && code.allSatisfy { $0.isASCII && $0.isNumber }) {
                errors.append(.init(field: "provinces[\(i)]", code: .outOfRange, messageVi: "Mã tỉnh gồm 2 chữ số.",
                                    messageEn: "A province code has 2 digits."))
            } else if !seen.insert(code).inserted {
                errors.append(.init(field: "provinces[\(i)]", code: .duplicate, messageVi: "Giá trị bị trùng lặp.",
                                    messageEn: "This value is duplicated."))
            }
        }
        return errors
    }
}

/// Decoded tariff and campaign documents by their exact text: decoding one was most of the CPU a quote took, and the
/// same few documents come back on every request. What is in force is still the database's answer each time.
actor PricingDocuments {
    private var tariffs: [String: Tariff] = [:]
    private var campaigns: [String: Campaign] = [:]
    private let decoder = JSONDecoder()
    /// More distinct documents than this (edits over a long uptime) start the memory afresh.
    static let limit = 256

    func decode(_ documents: [(isTariff: Bool, json: String)]) throws -> (tariffs: [Tariff], campaigns: [Campaign]) {
        if tariffs.count + campaigns.count > Self.limit {
            tariffs = [:]
            campaigns = [:]
        }
        var result: (tariffs: [Tariff], campaigns: [Campaign]) = ([], [])
        for (isTariff, json) in documents {
            if isTariff {
                result.tariffs.append(try tariffs[json] ?? remember(try decoder.decode(Tariff.self, from: Data(json.utf8)), as: json))
            } else {
                result.campaigns.append(try campaigns[json] ?? remember(try decoder.decode(Campaign.self, from: Data(json.utf8)), as: json))
            }
        }
        return result
    }

    private func remember(_ tariff: Tariff, as json: String) -> Tariff {
        tariffs[json] = tariff
        return tariff
    }

    private func remember(_ campaign: Campaign, as json: String) -> Campaign {
        campaigns[json] = campaign
        return campaign
    }
}
