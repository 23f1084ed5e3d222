/// The pure pricing engine: tariffs, dated discount campaigns and quotes.
///
/// Everything here is a value or a pure function: no clock, no storage. The entry points are
/// ``Pricing/quote(tariff:campaigns:request:on:)``, ``Pricing/resolveZone(origin:destination:rules:)``,
/// ``Pricing/validate(tariff:existing:)`` and ``Pricing/validate(campaign:)``. See `docs/pricing.md`.
public enum Pricing {
    /// ISO 4217 code of every amount the engine produces.
    public static let currency = "VND"
    /// 100% in basis points.
    public static let fullBasisPoints = 10_000
}
