import Foundation

/// A category of applicant that a tariff may exempt (đối tượng miễn giảm), as a stable snake_case code. Open set.
public struct ApplicantCategory: RawRepresentable, Sendable, Hashable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    /// Người hoạt động cách mạng trước ngày 01/01/1945 (pre-1945 revolutionary).
    public static let revolutionaryPre1945: ApplicantCategory = "revolutionary_pre_1945"
    /// Bà mẹ Việt Nam anh hùng (Heroic Vietnamese Mother).
    public static let heroicMother: ApplicantCategory = "heroic_mother"

    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// Weight steps (nấc khối lượng): the price covers the first `firstGrams`; each further started step of
/// `additionalGrams` adds the zone's `additional` price. `additionalGrams == nil` means the price is flat.
public struct WeightSteps: Sendable, Hashable, Codable {
    public var firstGrams: Int
    public var additionalGrams: Int?

    public init(firstGrams: Int, additionalGrams: Int? = nil) {
        self.firstGrams = firstGrams
        self.additionalGrams = additionalGrams
    }

    /// Number of steps charged for `grams` (at least 1): 1 up to and including `firstGrams`, then one more per started
    /// `additionalGrams`.
    public func steps(forGrams grams: Int) -> Int {
        guard let additional = additionalGrams, additional > 0, grams > firstGrams else { return 1 }
        let extra = grams - firstGrams
        return 1 + (extra + additional - 1) / additional
    }

    enum CodingKeys: String, CodingKey {
        case firstGrams = "first_grams"
        case additionalGrams = "additional_grams"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        firstGrams = try container.decode(Int.self, forKey: .firstGrams)
        additionalGrams = try container.decodeIfPresent(Int.self, forKey: .additionalGrams)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(firstGrams, forKey: .firstGrams)
        try container.encode(additionalGrams, forKey: .additionalGrams)  // explicit null: flat price
    }
}

/// The price of one component in one zone: `first` for the first weight step, `additional` for each further step.
public struct ZonePrice: Sendable, Hashable, Codable {
    /// The zone priced; `nil` prices every zone alike (e.g. a flat fee-collection charge).
    public var zone: PricingZone?
    public var first: Money
    public var additional: Money

    public init(zone: PricingZone?, first: Money, additional: Money = .zero) {
        self.zone = zone
        self.first = first
        self.additional = additional
    }

    /// Unit price for `steps` weight steps.
    public func unitPrice(steps: Int) -> Money { first + additional * Int64(max(steps - 1, 0)) }

    enum CodingKeys: String, CodingKey { case zone, first, additional }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        zone = try container.decodeIfPresent(PricingZone.self, forKey: .zone)
        first = try container.decode(Money.self, forKey: .first)
        additional = try container.decodeIfPresent(Money.self, forKey: .additional) ?? .zero
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(zone, forKey: .zone)  // explicit null: any zone
        try container.encode(first, forKey: .first)
        try container.encode(additional, forKey: .additional)
    }
}

/// How one component is priced by a tariff.
public struct ComponentTariff: Sendable, Hashable, Codable {
    public var component: PriceComponent
    public var weightSteps: WeightSteps
    public var prices: [ZonePrice]

    public init(component: PriceComponent, weightSteps: WeightSteps = .init(firstGrams: 100), prices: [ZonePrice]) {
        self.component = component
        self.weightSteps = weightSteps
        self.prices = prices
    }

    /// The price row for `zone`: the exact zone, else its broader fallbacks in order, else the any-zone row.
    public func price(for zone: PricingZone) -> ZonePrice? {
        var candidate: PricingZone? = zone
        while let current = candidate {
            if let row = prices.first(where: { $0.zone == current }) { return row }
            candidate = current.fallback
        }
        return prices.first { $0.zone == nil }
    }

    enum CodingKeys: String, CodingKey {
        case component
        case weightSteps = "weight_steps"
        case prices
    }
}

/// Whether a tariff's prices include VAT (thuế GTGT), and at what rate. 0% is allowed.
public struct VATPolicy: Sendable, Hashable, Codable {
    /// True if the listed prices already include VAT (giá đã gồm VAT).
    public var pricesIncludeVAT: Bool
    /// The rate in basis points: 1,000 = 10%.
    public var rateBasisPoints: Int

    public init(pricesIncludeVAT: Bool, rateBasisPoints: Int) {
        self.pricesIncludeVAT = pricesIncludeVAT
        self.rateBasisPoints = rateBasisPoints
    }

    /// VAT-inclusive at 0%: what DOMAIN.md prescribes while the real treatment is unconfirmed.
    public static let none = VATPolicy(pricesIncludeVAT: true, rateBasisPoints: 0)

    enum CodingKeys: String, CodingKey {
        case pricesIncludeVAT = "prices_include_vat"
        case rateBasisPoints = "rate_basis_points"
    }
}

/// How a line's gross amount is rounded, once per line.
public struct PriceRounding: Sendable, Hashable, Codable {
    public enum Mode: String, Sendable, Hashable, Codable, CaseIterable {
        /// To the nearest unit, halves up (the default).
        case halfUp = "half_up"
        /// Down to the unit below.
        case down
        /// Up to the unit above.
        case up
    }

    /// The unit rounded to, in đồng: 1, 100 or 1,000.
    public var unit: Int64
    public var mode: Mode

    public init(unit: Int64 = 1, mode: Mode = .halfUp) {
        self.unit = unit
        self.mode = mode
    }

    /// To the đồng, half up.
    public static let dong = PriceRounding()
    public static let allowedUnits: [Int64] = [1, 100, 1_000]

    /// Rounds the non-negative exact amount `numerator / denominator` đồng to this rule's unit.
    public func round(_ numerator: Int64, over denominator: Int64) -> Money {
        precondition(numerator >= 0 && denominator > 0 && unit > 0)
        let scaledDenominator = denominator * unit
        let quotient = numerator / scaledDenominator
        let remainder = numerator % scaledDenominator
        let units: Int64
        switch mode {
        case .down: units = quotient
        case .up: units = remainder == 0 ? quotient : quotient + 1
        case .halfUp: units = 2 * remainder >= scaledDenominator ? quotient + 1 : quotient
        }
        return Money(units * unit)
    }
}

/// A surcharge or exemption for destinations of an area class (phụ phí / miễn giảm vùng).
public struct AreaClassAdjustment: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case surcharge, exemption
    }

    public var areaClass: AreaClass
    public var kind: Kind
    /// Percent of the line's base, or a fixed amount per trip.
    public var change: PriceChange
    /// Components affected; `nil` means all.
    public var components: [PriceComponent]?

    public init(areaClass: AreaClass, kind: Kind, change: PriceChange, components: [PriceComponent]? = nil) {
        self.areaClass = areaClass
        self.kind = kind
        self.change = change
        self.components = components
    }

    enum CodingKeys: String, CodingKey {
        case areaClass = "area_class"
        case kind, change, components
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        areaClass = try container.decode(AreaClass.self, forKey: .areaClass)
        kind = try container.decode(Kind.self, forKey: .kind)
        change = try container.decode(PriceChange.self, forKey: .change)
        components = try container.decodeIfPresent([PriceComponent].self, forKey: .components)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(areaClass, forKey: .areaClass)
        try container.encode(kind, forKey: .kind)
        try container.encode(change, forKey: .change)
        try container.encode(components, forKey: .components)
    }
}

/// An exemption for an applicant category: 100% (free) unless stated otherwise.
public struct ApplicantExemption: Sendable, Hashable, Codable {
    public var category: ApplicantCategory
    public var change: PriceChange
    /// Components affected; `nil` means all.
    public var components: [PriceComponent]?

    public init(category: ApplicantCategory, change: PriceChange = .percent(basisPoints: Pricing.fullBasisPoints),
                components: [PriceComponent]? = nil) {
        self.category = category
        self.change = change
        self.components = components
    }

    enum CodingKeys: String, CodingKey { case category, change, components }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        category = try container.decode(ApplicantCategory.self, forKey: .category)
        change = try container.decodeIfPresent(PriceChange.self, forKey: .change) ?? .percent(basisPoints: Pricing.fullBasisPoints)
        components = try container.decodeIfPresent([PriceComponent].self, forKey: .components)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(category, forKey: .category)
        try container.encode(change, forKey: .change)
        try container.encode(components, forKey: .components)
    }
}

/// One version of a price list (biểu giá cước), valid over an inclusive range of Vietnamese dates.
public struct Tariff: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var name: String
    /// First day (inclusive) on which the version applies.
    public var validFrom: LocalDate
    /// Last day (inclusive); `nil` while open-ended.
    public var validTo: LocalDate?
    public var vat: VATPolicy
    public var rounding: PriceRounding
    public var zones: ZoneRules
    public var components: [ComponentTariff]
    public var areaClassAdjustments: [AreaClassAdjustment]
    public var applicantExemptions: [ApplicantExemption]

    public init(
        id: String, name: String, validFrom: LocalDate, validTo: LocalDate? = nil, vat: VATPolicy = .none,
        rounding: PriceRounding = .dong, zones: ZoneRules = .init(), components: [ComponentTariff],
        areaClassAdjustments: [AreaClassAdjustment] = [], applicantExemptions: [ApplicantExemption] = []
    ) {
        self.id = id
        self.name = name
        self.validFrom = validFrom
        self.validTo = validTo
        self.vat = vat
        self.rounding = rounding
        self.zones = zones
        self.components = components
        self.areaClassAdjustments = areaClassAdjustments
        self.applicantExemptions = applicantExemptions
    }

    /// True if `date` lies in `valid_from…valid_to` (inclusive).
    public func isValid(on date: LocalDate) -> Bool {
        date >= validFrom && (validTo.map { date <= $0 } ?? true)
    }

    /// The pricing of `component`, if this tariff has one.
    public func pricing(of component: PriceComponent) -> ComponentTariff? {
        components.first { $0.component == component }
    }

    /// The version among `versions` valid on `date`: the latest `valid_from` wins, then the smallest id.
    public static func version(in versions: [Tariff], on date: LocalDate) -> Tariff? {
        versions.filter { $0.isValid(on: date) }.min { a, b in
            a.validFrom != b.validFrom ? a.validFrom > b.validFrom : a.id < b.id
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, name
        case validFrom = "valid_from"
        case validTo = "valid_to"
        case vat, rounding, zones, components
        case areaClassAdjustments = "area_class_adjustments"
        case applicantExemptions = "applicant_exemptions"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decode(String.self, forKey: .name)
        validFrom = try container.decode(LocalDate.self, forKey: .validFrom)
        validTo = try container.decodeIfPresent(LocalDate.self, forKey: .validTo)
        vat = try container.decodeIfPresent(VATPolicy.self, forKey: .vat) ?? .none
        rounding = try container.decodeIfPresent(PriceRounding.self, forKey: .rounding) ?? .dong
        zones = try container.decodeIfPresent(ZoneRules.self, forKey: .zones) ?? .init()
        components = try container.decode([ComponentTariff].self, forKey: .components)
        areaClassAdjustments = try container.decodeIfPresent([AreaClassAdjustment].self, forKey: .areaClassAdjustments) ?? []
        applicantExemptions = try container.decodeIfPresent([ApplicantExemption].self, forKey: .applicantExemptions) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(validFrom, forKey: .validFrom)
        try container.encode(validTo, forKey: .validTo)  // explicit null: open-ended
        try container.encode(vat, forKey: .vat)
        try container.encode(rounding, forKey: .rounding)
        try container.encode(zones, forKey: .zones)
        try container.encode(components, forKey: .components)
        try container.encode(areaClassAdjustments, forKey: .areaClassAdjustments)
        try container.encode(applicantExemptions, forKey: .applicantExemptions)
    }
}
