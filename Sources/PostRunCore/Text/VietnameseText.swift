import Foundation

/// Vietnamese text helpers: Unicode normalisation, diacritic-free search keys and tone-mark placement.
///
/// Works with swift-corelibs-foundation on Linux: only `precomposedStringWithCanonicalMapping` and
/// `decomposedStringWithCanonicalMapping` are used, both verified on Linux by the tests.
public enum VietnameseText {
    /// Unicode NFC (canonical composition). Portals and keyboards send both NFC and NFD Vietnamese;
    /// everything stored by PostRun is NFC.
    public static func nfc(_ text: String) -> String {
        // Foundation's normalisation is costly on Linux and nearly every text already is NFC: precomposed Vietnamese
        // and Latin text (every scalar below U+0300 or in Latin Extended Additional) is, and is returned as it is.
        if text.unicodeScalars.allSatisfy(isStableUnderNFC) { return text }
        return text.precomposedStringWithCanonicalMapping
    }

    /// Scalars that NFC leaves alone and that nothing after them composes with (no combining mark is among them).
    static func isStableUnderNFC(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x300 || (0x1E00...0x1EFF).contains(scalar.value)
    }

    /// NFC, then leading/trailing whitespace trimmed and every internal whitespace run (including
    /// newlines and tabs) collapsed to one space. For single-line fields such as names.
    public static func normalizedLine(_ text: String) -> String {
        collapseWhitespace(nfc(text))
    }

    /// NFC, then leading/trailing whitespace trimmed; internal line breaks kept. For free text such as notes.
    public static func normalizedBlock(_ text: String) -> String {
        nfc(text).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A key for diacritic-insensitive matching: lowercase, every diacritic removed (tone marks, ă â ê ô ơ ư
    /// and đ → d), typographic apostrophes made ASCII, whitespace collapsed to single spaces and trimmed.
    ///
    /// `searchKey("Hòa") == searchKey("Hoà") == "hoa"`, `searchKey("Đắk Lắk") == "dak lak"`,
    /// `searchKey("Phường Pleiku") == "phuong pleiku"`. Idempotent. Suited to `LIKE` prefix/substring search
    /// against a stored key column (the SQL side can use `unaccent` for the same effect).
    public static func searchKey(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            if isCombiningMark(scalar) { continue }
            switch scalar.value {
            case 0x0110, 0x0111: scalars.append("d")  // Đ đ
            case 0x00D0, 0x00F0: scalars.append("d")  // Ð ð (look-alikes typed instead of Đ đ)
            case 0x2019, 0x2018, 0x02BC, 0x0060: scalars.append("'")  // typographic apostrophes, as in "Ea H’Leo"
            default: scalars.append(scalar)
            }
        }
        return collapseWhitespace(String(scalars).lowercased())
    }

    /// Whether `text` contains `query` once both are reduced to search keys.
    public static func matches(_ text: String, query: String) -> Bool {
        let key = searchKey(query)
        return key.isEmpty || searchKey(text).contains(key)
    }

    /// Trims and collapses every whitespace run to one ASCII space.
    public static func collapseWhitespace(_ text: String) -> String {
        if isCollapsed(text) { return text }
        return text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// True when only single ASCII spaces separate the words and none starts or ends the text, as in nearly every
    /// field a portal sends; then there is nothing to collapse. Anything unusual (other whitespace, a mark that
    /// could join a space into one character) says false, and the caller takes the general path.
    static func isCollapsed(_ text: String) -> Bool {
        var previousWasSpace = true
        for scalar in text.unicodeScalars {
            if scalar == " " {
                if previousWasSpace { return false }
                previousWasSpace = true
            } else if scalar.value < 0x80 ? (scalar.value < 0x21 || scalar.value == 0x7F) : scalar.properties.isWhitespace {
                return false
            } else {
                if previousWasSpace && !isStableUnderNFC(scalar) { return false }
                previousWasSpace = false
            }
        }
        return !previousWasSpace || text.isEmpty
    }

    /// Whether the text holds a control character (C0/C1, DEL). Line breaks and tabs count as control
    /// characters unless `allowingLineBreaks` is set, in which case `\n`, `\r` and `\t` are allowed.
    public static func containsControlCharacters(_ text: String, allowingLineBreaks: Bool = false) -> Bool {
        text.unicodeScalars.contains { scalar in
            if allowingLineBreaks, scalar == "\n" || scalar == "\r" || scalar == "\t" { return false }
            return scalar.properties.generalCategory == .control
        }
    }

    static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }
}
