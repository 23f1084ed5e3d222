import Foundation

/// A Vietnamese phone number in canonical national form: digits only, starting with `0`.
///
/// Accepted input: mobiles (10 digits, `03`/`05`/`07`/`08`/`09`…) and landlines (11 digits, `02` + area code,
/// e.g. `02693888222`), with `.`, spaces, `-` or parentheses as separators and an optional `+84`, `84` or `0084`
/// country prefix (a trunk `0` after it is tolerated): `0269.3888.222`, `+84 912 345 678`, `(+84) 912-345-678`,
/// `84912345678`, `+84 (0) 912 345 678`.
public struct PhoneNumber: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Mobile (di động) or landline (cố định).
    public enum Kind: String, Sendable, Hashable, Codable {
        case mobile, landline
    }

    /// Digits only, leading `0`: `0912345678`, `02693888222`.
    public let canonical: String
    public let kind: Kind

    /// Parses and canonicalises, or nil if the text is not a Vietnamese mobile or landline number.
    public init?(_ text: String) {
        var digits = ""
        var sawPlus = false
        for (offset, character) in text.trimmingCharacters(in: .whitespaces).enumerated() {
            switch character {
            case "0"..."9": digits.append(character)
            case ".", " ", "-", "(", ")", "\u{00A0}": continue
            case "+" where offset <= 1 && digits.isEmpty && !sawPlus: sawPlus = true
            default: return nil
            }
        }
        // A national number after the country code may keep its trunk 0: "+84 (0) 912 345 678".
        func national(_ rest: Substring) -> String { rest.hasPrefix("0") ? String(rest) : "0" + rest }
        if sawPlus {
            guard digits.hasPrefix("84") else { return nil }
            digits = national(digits.dropFirst(2))
        } else if digits.hasPrefix("0084") {
            digits = national(digits.dropFirst(4))
        } else if digits.hasPrefix("84"), (11...13).contains(digits.count) {
            digits = national(digits.dropFirst(2))
        }
        let second = digits.dropFirst().first
        if digits.count == 10, digits.first == "0", let second, "35789".contains(second) {
            kind = .mobile
        } else if digits.count == 11, digits.hasPrefix("02") {
            kind = .landline
        } else {
            return nil
        }
        canonical = digits
    }

    public var description: String { canonical }

    /// Grouped for people: `0912 345 678`, `0269 3888 222` (landlines with a 3-digit area code such as Hà Nội's
    /// 024 are grouped the same 4-4-3 way; the digits are what matter).
    public var formatted: String {
        let c = Array(canonical)
        switch kind {
        case .mobile: return String(c[0..<4]) + " " + String(c[4..<7]) + " " + String(c[7...])
        case .landline: return String(c[0..<4]) + " " + String(c[4..<8]) + " " + String(c[8...])
        }
    }

    /// E.164 form: `+84912345678`.
    public var e164: String { "+84" + canonical.dropFirst() }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = PhoneNumber(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a Vietnamese phone number"))
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(canonical)
    }
}
