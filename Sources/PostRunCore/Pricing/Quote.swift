/// A priced job: postage lines and their total, plus the government fee collected apart from postage.
///
/// Encodes exactly the API's JSON (snake_case, explicit `null`s); see `docs/pricing.md`.
public struct Quote: Sendable, Hashable, Codable {
    /// One funder's part of a discount.
    public struct FunderAmount: Sendable, Hashable, Codable {
        public var funder: DiscountFunder
        public var amount: Money
        public init(funder: DiscountFunder, amount: Money) {
            self.funder = funder
            self.amount = amount
        }
    }

    /// A surcharge or exemption applied to a line by the tariff.
    public struct Adjustment: Sendable, Hashable, Codable {
        /// Surcharges add `amount`, exemptions take it off.
        public var kind: AreaClassAdjustment.Kind
        /// `area_class` or `applicant_category`.
        public var reason: Reason
        /// The area class or applicant category code that triggered it.
        public var code: String
        /// Always ≥ 0.
        public var amount: Money

        public enum Reason: String, Sendable, Hashable, Codable {
            case areaClass = "area_class"
            case applicantCategory = "applicant_category"
        }

        public init(kind: AreaClassAdjustment.Kind, reason: Reason, code: String, amount: Money) {
            self.kind = kind
            self.reason = reason
            self.code = code
            self.amount = amount
        }
    }

    /// A campaign discount applied to a line.
    public struct Discount: Sendable, Hashable, Codable {
        /// The campaign id.
        public var campaign: String
        /// Always ≥ 0.
        public var amount: Money
        /// Who pays it; the parts sum to `amount` exactly.
        public var funders: [FunderAmount]
        /// The date that decided eligibility, as actually used (`delivery_date` falls back to `accepted_date` when the
        /// request has no planned delivery date).
        public var decidedByDate: CampaignDateBasis
        public var date: LocalDate

        public init(campaign: String, amount: Money, funders: [FunderAmount], decidedByDate: CampaignDateBasis, date: LocalDate) {
            self.campaign = campaign
            self.amount = amount
            self.funders = funders
            self.decidedByDate = decidedByDate
            self.date = date
        }

        enum CodingKeys: String, CodingKey {
            case campaign, amount, funders
            case decidedByDate = "decided_by_date"
            case date
        }
    }

    /// One priced component.
    public struct Line: Sendable, Hashable, Codable {
        public var component: PriceComponent
        /// The zone of the trip.
        public var zone: PricingZone
        /// The tariff row whose price was used (`zone` or one of its fallbacks); `nil` for an any-zone price.
        public var tariffZone: PricingZone?
        /// Weight steps charged (≥ 1).
        public var weightSteps: Int
        /// Trips charged (1, or the number of extra attempts).
        public var quantity: Int
        /// Price of one trip at these weight steps.
        public var unitPrice: Money
        /// `unit_price × quantity`.
        public var base: Money
        public var adjustments: [Adjustment]
        public var discounts: [Discount]
        /// Gross less VAT.
        public var net: Money
        public var vat: Money
        /// What the applicant pays for this line, rounded once by the tariff's rule.
        public var gross: Money

        public init(
            component: PriceComponent, zone: PricingZone, tariffZone: PricingZone?, weightSteps: Int, quantity: Int,
            unitPrice: Money, base: Money, adjustments: [Adjustment], discounts: [Discount], net: Money, vat: Money, gross: Money
        ) {
            self.component = component
            self.zone = zone
            self.tariffZone = tariffZone
            self.weightSteps = weightSteps
            self.quantity = quantity
            self.unitPrice = unitPrice
            self.base = base
            self.adjustments = adjustments
            self.discounts = discounts
            self.net = net
            self.vat = vat
            self.gross = gross
        }

        /// Base plus surcharges less exemptions: the amount campaigns discount.
        public var adjustedBase: Money {
            adjustments.reduce(base) { $1.kind == .surcharge ? $0 + $1.amount : $0 - $1.amount }
        }

        /// Sum of the line's discounts.
        public var discountTotal: Money { discounts.reduce(.zero) { $0 + $1.amount } }

        enum CodingKeys: String, CodingKey {
            case component, zone
            case tariffZone = "tariff_zone"
            case weightSteps = "weight_steps"
            case quantity
            case unitPrice = "unit_price"
            case base, adjustments, discounts, net, vat, gross
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            component = try container.decode(PriceComponent.self, forKey: .component)
            zone = try container.decode(PricingZone.self, forKey: .zone)
            tariffZone = try container.decodeIfPresent(PricingZone.self, forKey: .tariffZone)
            weightSteps = try container.decode(Int.self, forKey: .weightSteps)
            quantity = try container.decode(Int.self, forKey: .quantity)
            unitPrice = try container.decode(Money.self, forKey: .unitPrice)
            base = try container.decode(Money.self, forKey: .base)
            adjustments = try container.decode([Adjustment].self, forKey: .adjustments)
            discounts = try container.decode([Discount].self, forKey: .discounts)
            net = try container.decode(Money.self, forKey: .net)
            vat = try container.decode(Money.self, forKey: .vat)
            gross = try container.decode(Money.self, forKey: .gross)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(component, forKey: .component)
            try container.encode(zone, forKey: .zone)
            try container.encode(tariffZone, forKey: .tariffZone)
            try container.encode(weightSteps, forKey: .weightSteps)
            try container.encode(quantity, forKey: .quantity)
            try container.encode(unitPrice, forKey: .unitPrice)
            try container.encode(base, forKey: .base)
            try container.encode(adjustments, forKey: .adjustments)
            try container.encode(discounts, forKey: .discounts)
            try container.encode(net, forKey: .net)
            try container.encode(vat, forKey: .vat)
            try container.encode(gross, forKey: .gross)
        }
    }

    /// The dates a quote was priced on.
    public struct PricedOn: Sendable, Hashable, Codable {
        /// The date that chose the tariff version (the accepted date).
        public var tariffDate: LocalDate
        /// The Vietnamese date of acceptance (or of the quote, before acceptance).
        public var acceptedDate: LocalDate
        /// The planned delivery date, if the request had one.
        public var deliveryDate: LocalDate?

        public init(tariffDate: LocalDate, acceptedDate: LocalDate, deliveryDate: LocalDate?) {
            self.tariffDate = tariffDate
            self.acceptedDate = acceptedDate
            self.deliveryDate = deliveryDate
        }

        enum CodingKeys: String, CodingKey {
            case tariffDate = "tariff_date"
            case acceptedDate = "accepted_date"
            case deliveryDate = "delivery_date"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            tariffDate = try container.decode(LocalDate.self, forKey: .tariffDate)
            acceptedDate = try container.decode(LocalDate.self, forKey: .acceptedDate)
            deliveryDate = try container.decodeIfPresent(LocalDate.self, forKey: .deliveryDate)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(tariffDate, forKey: .tariffDate)
            try container.encode(acceptedDate, forKey: .acceptedDate)
            try container.encode(deliveryDate, forKey: .deliveryDate)
        }
    }

    public var lines: [Line]
    /// Sum of the lines' `gross`, exactly.
    public var total: Money
    /// Always "VND".
    public var currency: String
    /// The tariff version's id.
    public var tariff: String
    public var pricesIncludeVAT: Bool
    public var vatRateBasisPoints: Int
    public var pricedOn: PricedOn
    /// The government fee collected on the agency's behalf; never part of `total`.
    public var collectedFee: CollectedFee?

    public init(
        lines: [Line], total: Money, currency: String = Pricing.currency, tariff: String, pricesIncludeVAT: Bool,
        vatRateBasisPoints: Int, pricedOn: PricedOn, collectedFee: CollectedFee?
    ) {
        self.lines = lines
        self.total = total
        self.currency = currency
        self.tariff = tariff
        self.pricesIncludeVAT = pricesIncludeVAT
        self.vatRateBasisPoints = vatRateBasisPoints
        self.pricedOn = pricedOn
        self.collectedFee = collectedFee
    }

    enum CodingKeys: String, CodingKey {
        case lines, total, currency, tariff
        case pricesIncludeVAT = "prices_include_vat"
        case vatRateBasisPoints = "vat_rate_basis_points"
        case pricedOn = "priced_on"
        case collectedFee = "collected_fee"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        lines = try container.decode([Line].self, forKey: .lines)
        total = try container.decode(Money.self, forKey: .total)
        currency = try container.decode(String.self, forKey: .currency)
        tariff = try container.decode(String.self, forKey: .tariff)
        pricesIncludeVAT = try container.decode(Bool.self, forKey: .pricesIncludeVAT)
        vatRateBasisPoints = try container.decode(Int.self, forKey: .vatRateBasisPoints)
        pricedOn = try container.decode(PricedOn.self, forKey: .pricedOn)
        collectedFee = try container.decodeIfPresent(CollectedFee.self, forKey: .collectedFee)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(lines, forKey: .lines)
        try container.encode(total, forKey: .total)
        try container.encode(currency, forKey: .currency)
        try container.encode(tariff, forKey: .tariff)
        try container.encode(pricesIncludeVAT, forKey: .pricesIncludeVAT)
        try container.encode(vatRateBasisPoints, forKey: .vatRateBasisPoints)
        try container.encode(pricedOn, forKey: .pricedOn)
        try container.encode(collectedFee, forKey: .collectedFee)  // explicit null when no fee
    }
}
