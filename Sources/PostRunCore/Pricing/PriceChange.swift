/// A change to a price: a percentage (in basis points, 10,000 = 100%) or a fixed amount per unit.
///
/// JSON: `{"basis_points": 3000}` or `{"amount": 5000}`. On input `{"percent": 30}` (or `30.5`) is also accepted and
/// stored as basis points; output is always canonical.
public enum PriceChange: Sendable, Hashable, Codable {
    /// A share of the amount it applies to, in basis points (0…10,000).
    case percent(basisPoints: Int)
    /// A fixed amount per unit (per trip), in đồng.
    case fixed(Money)

    /// `percent` from a whole percentage: `.percent(30)` is 30%.
    public static func percent(_ whole: Int) -> PriceChange { .percent(basisPoints: whole * 100) }

    /// The amount this change stands for on `amount` charged for `quantity` units.
    /// Percentages are rounded to the đồng, half away from zero.
    public func amount(on amount: Money, quantity: Int64) -> Money {
        switch self {
        case .percent(let basisPoints): amount.scaled(by: Int64(basisPoints), over: Int64(Pricing.fullBasisPoints))
        case .fixed(let fixed): fixed * quantity
        }
    }

    enum CodingKeys: String, CodingKey {
        case basisPoints = "basis_points"
        case amount
        case percent
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let present = container.allKeys
        guard present.count == 1, let key = present.first else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "expected exactly one of basis_points, percent, amount"))
        }
        switch key {
        case .basisPoints: self = .percent(basisPoints: try container.decode(Int.self, forKey: .basisPoints))
        case .amount: self = .fixed(try container.decode(Money.self, forKey: .amount))
        case .percent:
            if let whole = try? container.decode(Int.self, forKey: .percent) {
                self = .percent(basisPoints: whole * 100)
            } else {
                let value = try container.decode(Double.self, forKey: .percent)
                guard value.isFinite, abs(value) < 1e9 else {
                    throw DecodingError.dataCorruptedError(forKey: .percent, in: container, debugDescription: "not a percentage")
                }
                self = .percent(basisPoints: Int((value * 100).rounded()))
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .percent(let basisPoints): try container.encode(basisPoints, forKey: .basisPoints)
        case .fixed(let amount): try container.encode(amount, forKey: .amount)
        }
    }
}
