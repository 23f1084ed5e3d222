/// Mã hồ sơ: a dossier code `AGENCY-YYMMDD-NNNN`, e.g. `H21.22.10-200325-0001`.
///
/// AGENCY is the agency's code under the national agency-code standard (`[A-Z0-9.]+`, no empty dot-separated
/// part), YYMMDD the receipt date (a real date, read as 20YY) and NNNN a sequence of 4 or more digits.
public struct DossierCode: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The code as sent.
    public let rawValue: String
    /// The agency part: `H21.22.10`.
    public let agencyCode: String
    /// The receipt date encoded in the code.
    public let receivedOn: LocalDate
    /// The sequence number part, as written (`0001`).
    public let sequence: String

    /// Parses a dossier code, or nil if it does not have the `AGENCY-YYMMDD-NNNN` shape with a real date.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, text.utf8.count <= 64 else { return nil }
        let agency = String(parts[0]), date = parts[1], sequence = parts[2]
        guard AgencyCode.isValid(agency),
              date.utf8.count == 6, date.allSatisfy({ $0.isASCII && $0.isNumber }),
              sequence.utf8.count >= 4, sequence.utf8.count <= 10, sequence.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let digits = Array(date.utf8).map { Int($0) - 48 }
        guard let received = LocalDate(year: 2000 + digits[0] * 10 + digits[1], month: digits[2] * 10 + digits[3],
                                       day: digits[4] * 10 + digits[5]) else { return nil }
        self.rawValue = text
        self.agencyCode = agency
        self.receivedOn = received
        self.sequence = String(sequence)
    }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = DossierCode(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a dossier code"))
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// Mã định danh cơ quan: an agency code such as `H21.22.10` or `G22`.
public enum AgencyCode {
    /// Whether `text` is `[A-Z0-9]+` parts joined by single dots, 1–40 characters.
    public static func isValid(_ text: String) -> Bool {
        guard (1...40).contains(text.utf8.count) else { return false }
        return text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { part in
            !part.isEmpty && part.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) }
        }
    }
}

/// Mã thủ tục hành chính: a procedure code such as `1.012784.000.00.00.H21`. Checked leniently: ASCII letters,
/// digits and dots, 3–40 characters, starting with a letter or digit.
public enum ProcedureCode {
    /// Whether `text` has the lenient procedure-code shape.
    public static func isValid(_ text: String) -> Bool {
        guard (3...40).contains(text.utf8.count), let first = text.first, first != "." else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == ".") }
    }
}

/// E-mail addresses: a shape check, not RFC 5322. `local@domain.tld`, at most 254 characters, local part
/// 1–64 characters without spaces, domain of letter/digit/hyphen labels with a final label of 2+ letters.
public enum EmailAddress {
    /// Whether `text` has the shape of an e-mail address.
    public static func isValid(_ text: String) -> Bool {
        guard text.utf8.count <= 254 else { return false }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...64).contains(parts[0].utf8.count) else { return false }
        let local = parts[0], domain = parts[1]
        guard local.allSatisfy({ !$0.isWhitespace && $0 != "@" && !($0.asciiValue.map { $0 < 0x20 } ?? false) }),
              local.first != ".", local.last != ".", !local.contains("..") else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for label in labels {
            guard (1...63).contains(label.utf8.count), label.first != "-", label.last != "-",
                  label.allSatisfy({ ($0.isLetter || $0.isNumber || $0 == "-") && ($0.isASCII || $0.isLetter) }) else { return false }
        }
        guard let tld = labels.last, tld.count >= 2, tld.allSatisfy({ $0.isLetter }) else { return false }
        return true
    }
}
