import Foundation

/// Seed pricing data, as Swift values and as canonical JSON.
///
/// The JSON constants (`…JSON`) are what the lead stores in a migration; a test checks that encoding the Swift values
/// with ``canonicalJSON(_:)`` reproduces them byte for byte, and that decoding them gives the Swift values back.
public enum PricingSeed {
    /// Every seed campaign.
    public static let campaigns: [Campaign] = [giaLaiCovid2020]
    /// Every seed tariff version.
    public static let tariffs: [Tariff] = [exampleTariff]

    /// The canonical JSON encoder: sorted keys, pretty-printed, slashes unescaped. Dates as `YYYY-MM-DD`, money as integer đồng.
    public static func canonicalEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return encoder
    }

    /// `value` as canonical JSON text (UTF-8).
    public static func canonicalJSON(_ value: some Encodable) throws -> String {
        String(decoding: try canonicalEncoder().encode(value), as: UTF8.self)
    }
}
