import Foundation
import PropertyBased
import Testing
@testable import PostRunCore

@Suite struct VietnameseTextTests {
    /// The fast path of `nfc` returns text unchanged when every scalar is in its stable set: each such scalar must
    /// be NFC on its own and be a starter (combining class 0), so nothing composes across them either.
    @Test func theScalarsNFCSkipsAreStable() {
        var checked = 0
        for value in UInt32(0)...0x1EFF {
            guard let scalar = Unicode.Scalar(value), VietnameseText.isStableUnderNFC(scalar) else { continue }
            let text = String(Character(scalar))
            #expect(text.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(text.unicodeScalars), "U+\(String(value, radix: 16))")
            #expect(scalar.properties.canonicalCombiningClass == .notReordered, "U+\(String(value, radix: 16))")
            checked += 1
        }
        #expect(checked == 0x300 + 0x100)  // U+0000–U+02FF and U+1E00–U+1EFF
        // Mixed text: precomposed passes through; the same words decomposed, or a mark outside the set, are composed.
        #expect(VietnameseText.nfc("Nguyễn Thị Hoà, Đắk Lắk") == "Nguyễn Thị Hoà, Đắk Lắk")
        #expect(VietnameseText.nfc("Nguyễn Thị Hoà".decomposedStringWithCanonicalMapping).unicodeScalars
            .elementsEqual("Nguyễn Thị Hoà".unicodeScalars))
        #expect(VietnameseText.nfc("e\u{0302}\u{0301}").unicodeScalars.elementsEqual("\u{1EBF}".unicodeScalars))
    }

    /// The fast path (nothing to collapse) must agree with splitting on whitespace characters and joining with spaces.
    @Test(arguments: ["", " ", "a", "Nguyễn Thị Hoà", " Nguyễn", "Hoà ", "Lê  Lợi", "Lê\tLợi", "Lê\u{00A0}Lợi", "Lê\u{3000}Lợi",
                      "a\r\nb", "a \u{0301}b", " \u{0301}x", "x\u{85}y", "x\u{7F}y", "12 Lê Lợi, P. Hội Thương"])
    func collapsingWhitespaceAgreesWithSplitting(text: String) {
        #expect(VietnameseText.collapseWhitespace(text) == text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " "))
    }

    @Test func linuxFoundationNormalises() {
        let nfd = "Ho\u{0061}\u{0300}"  // "Hoà" decomposed
        #expect(nfd.unicodeScalars.count == 4)
        #expect(VietnameseText.nfc(nfd).unicodeScalars.count == 3)
        #expect(VietnameseText.nfc(nfd).unicodeScalars.last == "\u{00E0}")
        #expect("Đắk".decomposedStringWithCanonicalMapping.unicodeScalars.count == 5)
    }

    @Test(arguments: [
        ("Hòa", "hoa"), ("Hoà", "hoa"), ("Ho\u{0061}\u{0300}", "hoa"), ("HOÀ", "hoa"), ("Đắk Lắk", "dak lak"), ("Đắk", "dak"),
        ("đường", "duong"), ("Phường Pleiku", "phuong pleiku"), ("  Thủy   Nguyên\t", "thuy nguyen"), ("Ea H'Leo", "ea h'leo"), ("Ea H\u{2019}Leo", "ea h'leo"),
        ("Ngọc Hồi", "ngoc hoi"), ("Ưu Điềm", "uu diem"), ("Chư Sê", "chu se"), ("Krông Pa", "krong pa"), ("Quy Nhơn", "quy nhon"),
        ("", ""), ("   ", ""),
    ])
    func searchKeys(input: String, key: String) {
        #expect(VietnameseText.searchKey(input) == key)
    }

    @Test func matching() {
        #expect(VietnameseText.matches("Phường Pleiku", query: "pleiku"))
        #expect(VietnameseText.matches("Xã An Hoà", query: "an hòa"))
        #expect(VietnameseText.matches("Xã An Hòa", query: "HOA"))
        #expect(!VietnameseText.matches("Xã An Hòa", query: "hoai"))
    }

    @Test(arguments: [
        ("Hòa", "Hoà"), ("Khánh Hòa", "Khánh Hoà"), ("Thủy", "Thuỷ"), ("Thanh Hóa", "Thanh Hoá"), ("khỏe", "khoẻ"), ("HÒA", "HOÀ"),
        ("Hoàng", "Hoàng"), ("khuyến", "khuyến"), ("Quý", "Quý"), ("quỳ", "quỳ"), ("Hoa", "Hoa"), ("Thụy Khuê", "Thuỵ Khuê"),
        ("Hòa Hội, Thủy Nguyên", "Hoà Hội, Thuỷ Nguyên"), ("ngoằn", "ngoằn"), ("Tòa", "Toà"), ("Xoè", "Xoè"),
    ])
    func tonePlacement(traditional: String, onSecondVowel: String) {
        #expect(VietnameseText.normalizeTonePlacement(traditional, to: .onSecondVowel) == onSecondVowel)
        #expect(VietnameseText.normalizeTonePlacement(onSecondVowel, to: .onSecondVowel) == onSecondVowel)
        #expect(VietnameseText.normalizeTonePlacement(onSecondVowel, to: .onFirstVowel)
            == VietnameseText.normalizeTonePlacement(traditional, to: .onFirstVowel))
    }

    @Test func controlCharacters() {
        #expect(VietnameseText.containsControlCharacters("a\u{0000}b"))
        #expect(VietnameseText.containsControlCharacters("a\nb"))
        #expect(!VietnameseText.containsControlCharacters("a\nb", allowingLineBreaks: true))
        #expect(!VietnameseText.containsControlCharacters("Nguyễn Văn A"))
    }

    static let vietnameseLetters: [Character] = Array("aàáảãạăằắẳẵặâầấẩẫậđeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ AĐÊƠƯ\t")

    @Test func searchKeyIsIdempotentAndAsciiForVietnamese() async {
        await propertyCheck(input: Gen.element(of: Self.vietnameseLetters).compactMap { $0 }.string(of: 0...24)) { text in
            let key = VietnameseText.searchKey(text)
            #expect(VietnameseText.searchKey(key) == key)
            #expect(key.unicodeScalars.allSatisfy { $0.isASCII })
            #expect(key == key.lowercased())
            #expect(!key.hasPrefix(" ") && !key.hasSuffix(" ") && !key.contains("  "))
            #expect(VietnameseText.searchKey(VietnameseText.nfc(text)) == key)
            #expect(VietnameseText.searchKey(text.decomposedStringWithCanonicalMapping) == key)
        }
    }

    @Test func tonePlacementKeepsSearchKeyAndIsIdempotent() async {
        await propertyCheck(input: Gen.element(of: Self.vietnameseLetters).compactMap { $0 }.string(of: 0...12)) { text in
            for style in TonePlacement.allCases {
                let once = VietnameseText.normalizeTonePlacement(text, to: style)
                #expect(VietnameseText.normalizeTonePlacement(once, to: style) == once)
                #expect(VietnameseText.searchKey(once) == VietnameseText.searchKey(text))
            }
        }
    }
}
