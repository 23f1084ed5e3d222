import Foundation

/// Where the tone mark sits on the open diphthongs `oa`, `oe` and `uy` (the only place Vietnamese
/// spelling conventions disagree).
///
/// - `onSecondVowel`: "hoà", "thuỷ", "khoẻ", "Thanh Hoá" — the spelling of the administrative-unit data
///   (`/shared/data`), often called the "new" style since the 1980 rules.
/// - `onFirstVowel`: "hòa", "thủy", "khỏe", "Thanh Hóa" — the traditional style, common in addresses and
///   in many other datasets.
///
/// Syllables with a final consonant ("hoàng", "khuyến") and `qu` + `y` ("quý") are spelled the same in both
/// styles and are never changed.
public enum TonePlacement: String, Sendable, Hashable, Codable, CaseIterable {
    case onSecondVowel = "on_second_vowel"
    case onFirstVowel = "on_first_vowel"
}

extension VietnameseText {
    /// The five tone marks, as combining scalars: grave, acute, tilde, hook above, dot below.
    static let toneMarks: Set<UInt32> = [0x0300, 0x0301, 0x0303, 0x0309, 0x0323]

    /// Rewrites every syllable ending in the open diphthong `oa`, `oe` or `uy` so that its tone mark sits as
    /// `style` says; everything else is returned unchanged (in NFC). Letter case is kept.
    ///
    /// `normalizeTonePlacement("Khánh Hòa", to: .onSecondVowel) == "Khánh Hoà"`;
    /// `normalizeTonePlacement("Thuỷ", to: .onFirstVowel) == "Thủy"`.
    public static func normalizeTonePlacement(_ text: String, to style: TonePlacement) -> String {
        // Work on NFD grapheme-sized units: a base scalar plus its combining marks.
        var units: [[Unicode.Scalar]] = []
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            if isCombiningMark(scalar), !units.isEmpty {
                units[units.count - 1].append(scalar)
            } else {
                units.append([scalar])
            }
        }
        var index = 0
        while index < units.count {
            guard isLetter(units[index][0]) else { index += 1; continue }
            var end = index
            while end < units.count, isLetter(units[end][0]) { end += 1 }
            retone(&units, word: index..<end, style: style)
            index = end
        }
        var out = String.UnicodeScalarView()
        for unit in units { out.append(contentsOf: unit) }
        return nfc(String(out))
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic
    }

    private static func baseLower(_ unit: [Unicode.Scalar]) -> Character {
        Character(String(unit[0]).lowercased())
    }

    private static func retone(_ units: inout [[Unicode.Scalar]], word: Range<Int>, style: TonePlacement) {
        guard word.count >= 2 else { return }
        let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y"]
        // The word must end in exactly two vowels, both plain apart from a tone mark.
        let second = word.upperBound - 1
        let first = second - 1
        let pair = String([baseLower(units[first]), baseLower(units[second])])
        guard pair == "oa" || pair == "oe" || pair == "uy" else { return }
        if first > word.lowerBound, vowels.contains(baseLower(units[first - 1])) { return }
        if pair == "uy", first > word.lowerBound, baseLower(units[first - 1]) == "q" { return }
        // Only one vowel run per syllable: no other vowel earlier in the word.
        for position in word.lowerBound..<first where vowels.contains(baseLower(units[position])) { return }
        // Both vowels must carry no mark other than a tone mark (no circumflex, breve or horn).
        let marks = { (unit: [Unicode.Scalar]) in unit.dropFirst() }
        guard marks(units[first]).allSatisfy({ toneMarks.contains($0.value) }),
              marks(units[second]).allSatisfy({ toneMarks.contains($0.value) }) else { return }
        let tones = marks(units[first]) + marks(units[second])
        guard tones.count == 1, let tone = tones.first else { return }
        units[first] = [units[first][0]]
        units[second] = [units[second][0]]
        switch style {
        case .onSecondVowel: units[second].append(tone)
        case .onFirstVowel: units[first].append(tone)
        }
    }
}
