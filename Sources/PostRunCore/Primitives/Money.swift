/// An amount of Vietnamese đồng. Always integral: the đồng has no minor unit in use.
public struct Money: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var dong: Int64

    public init(_ dong: Int64) { self.dong = dong }
    public static let zero = Money(0)

    public static func + (a: Money, b: Money) -> Money { Money(a.dong + b.dong) }
    public static func - (a: Money, b: Money) -> Money { Money(a.dong - b.dong) }
    public static func += (a: inout Money, b: Money) { a.dong += b.dong }
    public static func -= (a: inout Money, b: Money) { a.dong -= b.dong }
    public static func * (a: Money, n: Int64) -> Money { Money(a.dong * n) }
    public static func < (a: Money, b: Money) -> Bool { a.dong < b.dong }
    public static prefix func - (a: Money) -> Money { Money(-a.dong) }

    /// `self × numerator / denominator`, rounded half away from zero, in integer arithmetic.
    public func scaled(by numerator: Int64, over denominator: Int64) -> Money {
        precondition(denominator > 0)
        let product = dong * numerator
        let quotient = product / denominator
        let remainder = product % denominator
        if 2 * abs(remainder) >= denominator { return Money(quotient + (product < 0 ? -1 : 1)) }
        return Money(quotient)
    }

    /// "26.000 đ": Vietnamese grouping with dots.
    public var description: String {
        let digits = String(abs(dong))
        var grouped = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(".") }
            grouped.append(character)
        }
        return (dong < 0 ? "-" : "") + grouped + " đ"
    }

    public init(from decoder: any Decoder) throws { dong = try decoder.singleValueContainer().decode(Int64.self) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(dong)
    }
}
