/// Why a quote could not be made. Plain data; the API maps it to problem+json.
public enum PricingError: Error, Sendable, Hashable {
    /// The tariff given (or none of the versions given) is valid on that date.
    case noTariffValid(on: LocalDate)
    /// The tariff has no price for this component in this zone (nor in a broader fallback zone, nor an any-zone price).
    case componentNotPriced(component: PriceComponent, zone: PricingZone, tariff: String)
    /// The tariff fails ``Pricing/validate(tariff:existing:)``.
    case invalidTariff(id: String, errors: [PricingFieldError])
    /// A campaign fails ``Pricing/validate(campaign:)``, or two campaigns share an id.
    case invalidCampaign(id: String, errors: [PricingFieldError])
    /// The request itself is out of range (negative weight, online level 7, …).
    case invalidRequest(errors: [PricingFieldError])
    /// A line's base (unit price × trips) would exceed ``Pricing/maximumLineAmount``: absurd weight for the tariff's steps.
    case lineTooLarge(component: PriceComponent, tariff: String)
}

/// A field-level validation error for admin input or a request: the field path (e.g. `components[0].prices[2].first`),
/// a stable code, and Vietnamese and English text.
public struct PricingFieldError: Error, Sendable, Hashable, Codable {
    /// Stable machine-readable codes.
    public enum Code: String, Sendable, Hashable, Codable, CaseIterable {
        case required
        case duplicate
        case invertedWindow = "inverted_window"
        case negativeAmount = "negative_amount"
        case percentOutOfRange = "percent_out_of_range"
        case negativeCap = "negative_cap"
        case funderSplitNot100 = "funder_split_not_100"
        case overlappingVersion = "overlapping_version"
        case invalidWeightStep = "invalid_weight_step"
        case invalidRoundingUnit = "invalid_rounding_unit"
        case ambiguousAreaGroup = "ambiguous_area_group"
        case outOfRange = "out_of_range"
    }

    public var field: String
    public var code: Code
    public var messageVi: String
    public var messageEn: String

    public init(field: String, code: Code, messageVi: String, messageEn: String) {
        self.field = field
        self.code = code
        self.messageVi = messageVi
        self.messageEn = messageEn
    }

    enum CodingKeys: String, CodingKey {
        case field, code
        case messageVi = "message_vi"
        case messageEn = "message_en"
    }
}
