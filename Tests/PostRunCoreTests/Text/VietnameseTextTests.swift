import Foundation
import PropertyBased
import Testing
@testable import PostRunCore

@Suite struct VietnameseTextTests {
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
