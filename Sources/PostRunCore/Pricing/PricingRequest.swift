import Foundation

/// One end of a job's trip, as pricing sees it.
public struct PricingPlace: Sendable, Hashable, Codable {
    /// Commune or ward code (mã xã).
    public var commune: String
    /// Province code (mã tỉnh).
    public var province: String
    /// Area group (e.g. former district id) if known; otherwise the tariff's area groups decide.
    public var areaGroup: String?
    /// Area classes of the commune.
    public var areaClasses: [AreaClass]

    public init(commune: String, province: String, areaGroup: String? = nil, areaClasses: [AreaClass] = []) {
        self.commune = commune
        self.province = province
        self.areaGroup = areaGroup
        self.areaClasses = areaClasses
    }

    var zoneEndpoint: ZoneEndpoint { ZoneEndpoint(commune: commune, province: province, areaGroup: areaGroup) }

    enum CodingKeys: String, CodingKey {
        case commune, province
        case areaGroup = "area_group"
        case areaClasses = "area_classes"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        commune = try container.decode(String.self, forKey: .commune)
        province = try container.decode(String.self, forKey: .province)
        areaGroup = try container.decodeIfPresent(String.self, forKey: .areaGroup)
        areaClasses = try container.decodeIfPresent([AreaClass].self, forKey: .areaClasses) ?? []
    }
}

/// A government fee (phí, lệ phí) the courier collects on the agency's behalf. Never part of postage.
public struct CollectedFee: Sendable, Hashable, Codable {
    public var amount: Money
    /// What the fee is, as the agency names it (e.g. "Lệ phí đăng ký giao dịch bảo đảm").
    public var name: String

    public init(amount: Money, name: String) {
        self.amount = amount
        self.name = name
    }
}

/// Everything the engine needs to price one job.
public struct PricingRequest: Sendable, Hashable, Codable {
    public var kind: JobKind
    /// How the dossier was submitted to the agency.
    public var channel: SubmissionChannel
    /// Online service level 1…4 (mức độ), if the dossier was submitted online.
    public var onlineLevel: Int?
    /// The procedure's field (lĩnh vực), if known.
    public var field: DossierField?
    /// The applicant's category, for exemptions.
    public var applicantCategory: ApplicantCategory?
    /// Where the trip starts: the applicant for a pickup, the agency for a delivery.
    public var origin: PricingPlace
    /// Where the trip ends: the agency for a pickup, the applicant for a delivery.
    public var destination: PricingPlace
    public var weightGrams: Int
    /// The government fee collected, if any: adds a `fee_collection` line, and is reported apart from postage.
    public var collectedFee: CollectedFee?
    /// Repeat trips charged to the applicant (`extra_attempt` line), 0 if none.
    public var extraAttempts: Int
    /// The instant the job was accepted; `nil` for a quote before acceptance (the quoting instant stands in).
    public var acceptedAt: Date?
    /// The planned delivery date, for campaigns decided by `delivery_date`.
    public var plannedDeliveryDate: LocalDate?

    public init(
        kind: JobKind, channel: SubmissionChannel, onlineLevel: Int? = nil, field: DossierField? = nil,
        applicantCategory: ApplicantCategory? = nil, origin: PricingPlace, destination: PricingPlace, weightGrams: Int = 0,
        collectedFee: CollectedFee? = nil, extraAttempts: Int = 0, acceptedAt: Date? = nil, plannedDeliveryDate: LocalDate? = nil
    ) {
        self.kind = kind
        self.channel = channel
        self.onlineLevel = onlineLevel
        self.field = field
        self.applicantCategory = applicantCategory
        self.origin = origin
        self.destination = destination
        self.weightGrams = weightGrams
        self.collectedFee = collectedFee
        self.extraAttempts = extraAttempts
        self.acceptedAt = acceptedAt
        self.plannedDeliveryDate = plannedDeliveryDate
    }

    /// The applicant's end of the trip: the origin of a pickup, the destination of a delivery.
    /// Area-class adjustments and the `area_class_in` / `province_in` eligibility leaves look here.
    public var applicantPlace: PricingPlace {
        switch kind {
        case .pickupDossier: origin
        case .deliverResult, .returnResult: destination
        }
    }

    enum CodingKeys: String, CodingKey {
        case kind, channel
        case onlineLevel = "online_level"
        case field
        case applicantCategory = "applicant_category"
        case origin, destination
        case weightGrams = "weight_grams"
        case collectedFee = "collected_fee"
        case extraAttempts = "extra_attempts"
        case acceptedAt = "accepted_at"
        case plannedDeliveryDate = "planned_delivery_date"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decode(JobKind.self, forKey: .kind)
        guard JobKind.requestable.contains(kind) else {
            throw DecodingError.dataCorruptedError(forKey: .kind, in: container, debugDescription: "kind must be pickup_dossier or deliver_result")
        }
        channel = try container.decode(SubmissionChannel.self, forKey: .channel)
        onlineLevel = try container.decodeIfPresent(Int.self, forKey: .onlineLevel)
        field = try container.decodeIfPresent(DossierField.self, forKey: .field)
        applicantCategory = try container.decodeIfPresent(ApplicantCategory.self, forKey: .applicantCategory)
        origin = try container.decode(PricingPlace.self, forKey: .origin)
        destination = try container.decode(PricingPlace.self, forKey: .destination)
        weightGrams = try container.decodeIfPresent(Int.self, forKey: .weightGrams) ?? 0
        collectedFee = try container.decodeIfPresent(CollectedFee.self, forKey: .collectedFee)
        extraAttempts = try container.decodeIfPresent(Int.self, forKey: .extraAttempts) ?? 0
        acceptedAt = try container.decodeIfPresent(Date.self, forKey: .acceptedAt)
        plannedDeliveryDate = try container.decodeIfPresent(LocalDate.self, forKey: .plannedDeliveryDate)
    }
}
