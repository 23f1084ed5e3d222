/// Who pays for a discount (đơn vị chi trả), as a stable snake_case code. Open set.
public struct DiscountFunder: RawRepresentable, Sendable, Hashable, Codable, Comparable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (a: DiscountFunder, b: DiscountFunder) -> Bool { a.rawValue < b.rawValue }

    /// The provincial post office (Bưu điện tỉnh) forgoes the revenue.
    public static let postOffice: DiscountFunder = "post_office"
    /// The provincial budget (ngân sách tỉnh) pays it.
    public static let provincialBudget: DiscountFunder = "provincial_budget"

    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// One funder's share of a campaign's discounts, in basis points. Shares of a campaign sum to 10,000.
public struct FunderShare: Sendable, Hashable, Codable {
    public var funder: DiscountFunder
    public var basisPoints: Int

    public init(funder: DiscountFunder, basisPoints: Int = Pricing.fullBasisPoints) {
        self.funder = funder
        self.basisPoints = basisPoints
    }

    enum CodingKeys: String, CodingKey {
        case funder
        case basisPoints = "basis_points"
        case percent
    }

    /// Accepts `basis_points` or a whole `percent`; writes `basis_points`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        funder = try container.decode(DiscountFunder.self, forKey: .funder)
        if let basisPoints = try container.decodeIfPresent(Int.self, forKey: .basisPoints) {
            self.basisPoints = basisPoints
        } else {
            basisPoints = try container.decode(Int.self, forKey: .percent) * 100
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(funder, forKey: .funder)
        try container.encode(basisPoints, forKey: .basisPoints)
    }
}

/// Which date decides whether a job falls in a campaign's window.
public enum CampaignDateBasis: String, Sendable, Hashable, Codable, CaseIterable {
    /// The Vietnamese date on which the job was accepted (the default).
    case acceptedDate = "accepted_date"
    /// The planned delivery date.
    case deliveryDate = "delivery_date"
}

/// A dated discount campaign (chương trình giảm giá cước), e.g. Gia Lai's 30% COVID-19 discount of 2020.
public struct Campaign: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var name: String
    /// The legal basis, e.g. "Chỉ thị của UBND tỉnh Gia Lai ngày 15/04/2020".
    public var legalReference: String
    /// First day of the window, inclusive, a date in Asia/Ho_Chi_Minh.
    public var startDate: LocalDate
    /// Last day of the window, inclusive, a date in Asia/Ho_Chi_Minh.
    public var endDate: LocalDate
    /// Which date must fall in the window.
    public var decidedBy: CampaignDateBasis
    /// Components discounted.
    public var components: [PriceComponent]
    public var eligibility: Eligibility
    /// A percentage (basis points) of the discounted amount, or a fixed amount per trip.
    public var discount: PriceChange
    /// The most this campaign takes off one job's quote; `nil`: no cap.
    public var capPerJob: Money?
    /// Who pays; shares sum to 10,000 basis points.
    public var funders: [FunderShare]
    /// Stackable campaigns add to the best non-stackable one; otherwise only the best single campaign applies.
    public var stackable: Bool

    public init(
        id: String, name: String, legalReference: String, startDate: LocalDate, endDate: LocalDate,
        decidedBy: CampaignDateBasis = .acceptedDate, components: [PriceComponent], eligibility: Eligibility,
        discount: PriceChange, capPerJob: Money? = nil, funders: [FunderShare], stackable: Bool = false
    ) {
        self.id = id
        self.name = name
        self.legalReference = legalReference
        self.startDate = startDate
        self.endDate = endDate
        self.decidedBy = decidedBy
        self.components = components
        self.eligibility = eligibility
        self.discount = discount
        self.capPerJob = capPerJob
        self.funders = funders
        self.stackable = stackable
    }

    /// True if `date` lies in the window (both ends inclusive).
    public func isActive(on date: LocalDate) -> Bool { startDate <= date && date <= endDate }

    enum CodingKeys: String, CodingKey {
        case id, name
        case legalReference = "legal_reference"
        case startDate = "start_date"
        case endDate = "end_date"
        case decidedBy = "decided_by"
        case components, eligibility, discount
        case capPerJob = "cap_per_job"
        case funders, stackable
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decode(String.self, forKey: .name)
        legalReference = try container.decodeIfPresent(String.self, forKey: .legalReference) ?? ""
        startDate = try container.decode(LocalDate.self, forKey: .startDate)
        endDate = try container.decode(LocalDate.self, forKey: .endDate)
        decidedBy = try container.decodeIfPresent(CampaignDateBasis.self, forKey: .decidedBy) ?? .acceptedDate
        components = try container.decode([PriceComponent].self, forKey: .components)
        eligibility = try container.decodeIfPresent(Eligibility.self, forKey: .eligibility) ?? .everyone
        discount = try container.decode(PriceChange.self, forKey: .discount)
        capPerJob = try container.decodeIfPresent(Money.self, forKey: .capPerJob)
        funders = try container.decode([FunderShare].self, forKey: .funders)
        stackable = try container.decodeIfPresent(Bool.self, forKey: .stackable) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(legalReference, forKey: .legalReference)
        try container.encode(startDate, forKey: .startDate)
        try container.encode(endDate, forKey: .endDate)
        try container.encode(decidedBy, forKey: .decidedBy)
        try container.encode(components, forKey: .components)
        try container.encode(eligibility, forKey: .eligibility)
        try container.encode(discount, forKey: .discount)
        try container.encode(capPerJob, forKey: .capPerJob)  // explicit null: no cap
        try container.encode(funders, forKey: .funders)
        try container.encode(stackable, forKey: .stackable)
    }
}

extension Pricing {
    /// Splits `amount` among `shares` exactly: each funder gets the floor of its share, and the đồng left over go one
    /// each to the largest remainders (ties: the order of `shares`). The parts always sum to `amount`.
    /// Shares must be non-negative and sum to a positive number (normally 10,000).
    public static func split(_ amount: Money, among shares: [FunderShare]) -> [Quote.FunderAmount] {
        let total = Int64(shares.reduce(0) { $0 + max($1.basisPoints, 0) })
        guard total > 0 else { return [] }
        var parts = shares.map { share -> (funder: DiscountFunder, amount: Int64, remainder: Int64) in
            let product = amount.dong * Int64(max(share.basisPoints, 0))
            return (share.funder, product / total, product % total)
        }
        var leftover = amount.dong - parts.reduce(0) { $0 + $1.amount }
        let order = parts.indices.sorted { a, b in
            parts[a].remainder != parts[b].remainder ? parts[a].remainder > parts[b].remainder : a < b
        }
        for index in order where leftover > 0 {
            parts[index].amount += 1
            leftover -= 1
        }
        return parts.map { Quote.FunderAmount(funder: $0.funder, amount: Money($0.amount)) }
    }
}
