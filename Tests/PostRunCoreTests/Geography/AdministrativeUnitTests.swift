import Foundation
import Testing
@testable import PostRunCore

/// Reads the shared reference files at `../shared/data` beside the repository root.
enum SharedReferenceData {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Geography
        .deletingLastPathComponent()  // PostRunCoreTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository root
        .deletingLastPathComponent()
        .appendingPathComponent("shared/data")

    static func text(_ name: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: url.path])
        }
        return String(decoding: data, as: UTF8.self)
    }
}

@Suite struct AdministrativeUnitCSVTests {
    static let today = LocalDate(year: 2026, month: 11, day: 28)!

    @Test func readsTheNationalList() throws {
        let units = try AdministrativeUnitCSV.parseUnits(try SharedReferenceData.text("vn-admin-units-2025.csv"))
        #expect(units.count == 3_355)
        let byKind = Dictionary(grouping: units, by: \.kind).mapValues(\.count)
        #expect(byKind == [.province: 34, .ward: 697, .commune: 2_611, .specialZone: 13])
        #expect(units.filter(\.kind.isCommuneLevel).count == 3_321)
        let first = try #require(units.first)
        #expect(first.code == "00004" && first.fullName == "Phường Ba Đình" && first.provinceCode == "01" && first.nameEn == "Ba Dinh")
        #expect(units.contains { $0.code == "01" && $0.kind == .province && $0.fullName == "Thành phố Hà Nội" })
        #expect(units.filter { $0.kind == .province && $0.fullName.hasPrefix("Thành phố") }.map(\.code).sorted()
            == ServiceZone.centrallyGovernedCityCodes.sorted())
        #expect(units.filter { $0.provinceCode == "52" && $0.kind.isCommuneLevel }.count == 135)
        #expect(units.contains { $0.name == "Ea H'Leo" })
        #expect(units.allSatisfy { $0.validFrom == AdministrativeUnit.twoTierStructureEffective && $0.validTo == nil })
    }

    @Test func readsGiaLaiCentroids() throws {
        let geometry = try AdministrativeUnitCSV.parseGeometry(try SharedReferenceData.text("gialai-communes-2025.csv"))
        #expect(geometry.count == 135)
        #expect(geometry.filter { $0.kind == .ward }.count == 25)
        #expect(geometry.filter { $0.kind == .commune }.count == 110)
        for unit in geometry {
            #expect((13.0...15.0).contains(unit.centroid.lat) && (107.3...109.4).contains(unit.centroid.lon), "\(unit.code)")
            #expect(unit.areaKm2 > 0)
        }
        let iaTul = try #require(geometry.first { $0.code == "24028" })
        #expect(iaTul.name == "Ia Tul" && abs(iaTul.areaKm2 - 587.5) < 0.1)
        #expect(abs(geometry.map(\.areaKm2).reduce(0, +) - 21_581.3) < 0.5)
    }

    @Test func directoryMergesAndAnswers() throws {
        let directory = try AdministrativeUnitDirectory(unitsCSV: try SharedReferenceData.text("vn-admin-units-2025.csv"),
                                                        geometryCSV: try SharedReferenceData.text("gialai-communes-2025.csv"))
        let pleiku = try #require(directory.unit(code: "23575", on: Self.today))
        #expect(pleiku.fullName == "Phường Pleiku" && pleiku.centroid != nil && pleiku.provinceCode == "52")
        #expect(directory.unit(code: "00004", on: Self.today)?.centroid == nil)
        #expect(directory.communeStatus("23575", on: Self.today) == .current)
        #expect(directory.communeStatus("23575", on: LocalDate(year: 2020, month: 4, day: 15)!) == .notCurrent)
        #expect(directory.communeStatus("52", on: Self.today) == .unknown)
        #expect(directory.communeStatus("99999", on: Self.today) == .unknown)
        #expect(directory.provinces(on: Self.today).count == 34)
        let lookup = directory.communeLookup(on: Self.today)
        #expect(lookup("24028") == .current && lookup("2402") == .unknown)
        #expect(directory.communes(inProvince: "52", on: Self.today).count == 135)
        #expect(directory.communes(inProvince: "52", on: Self.today).allSatisfy { $0.centroid != nil })
        #expect(directory.search("pleiku", on: Self.today).first?.code == "23575")
        let hoa = directory.search("an hòa", on: Self.today, limit: 100).map(\.code)
        #expect(hoa.contains("21628"), "An Hoà is spelled with the tone on the second vowel in the data")
        #expect(directory.search("dak lak", on: Self.today, limit: 5).contains { $0.kind == .province && $0.code == "66" })
    }

    @Test func theDataUsesTheSecondVowelToneStyle() throws {
        let units = try AdministrativeUnitCSV.parseUnits(try SharedReferenceData.text("vn-admin-units-2025.csv"))
        let changed = units.filter { VietnameseText.normalizeTonePlacement($0.name, to: .onSecondVowel) != $0.name }
        // One name keeps the traditional placement on a vowel-initial "uy" syllable ("Úy", not "Uý").
        #expect(changed.map(\.name) == ["Nguyễn Úy"])
        let traditional = units.filter { VietnameseText.normalizeTonePlacement($0.name, to: .onFirstVowel) != $0.name }
        #expect(traditional.count > 100)
        #expect(traditional.contains { $0.code == "21628" })
    }

    @Test func haversine() {
        #expect(haversineMetres(13.997, 108.031, 13.997, 108.031) == 0)
        // Pleiku to Quy Nhơn hubs: about 131 km as the crow flies.
        let d = haversineMetres(13.997, 108.031, 13.782, 109.237)
        #expect((128_000...134_000).contains(d))
        #expect(abs(d - haversineMetres(13.782, 109.237, 13.997, 108.031)) < 1e-6)
        // One degree of latitude is about 111.2 km.
        #expect(abs(haversineMetres(10, 106, 11, 106) - 111_195) < 50)
        #expect(abs(Coordinate(lat: 0, lon: 0).distance(to: Coordinate(lat: 0, lon: 180)) - .pi * Geodesy.earthRadiusMetres) < 1)
    }
}

@Suite struct CSVReaderTests {
    @Test func rfc4180Quoting() throws {
        let text = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n007,,\"\"\n"
        let records = try CSVReader.parse(text)
        #expect(records.map(\.fields) == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\nlines"], ["007", "", ""]])
        #expect(records.map(\.line) == [1, 2, 4])
        #expect(try CSVReader.parse("\u{FEFF}a,b\n1,2").map(\.fields) == [["a", "b"], ["1", "2"]])
        #expect(try CSVReader.parse("a\n\n1\n").map(\.fields) == [["a"], ["1"]])
        #expect(try CSVReader.parse("a,\n").map(\.fields) == [["a", ""]])
    }

    @Test(arguments: [
        ("a,b\n\"1,2\n", 2, CSVError.Problem.unterminatedQuote),
        ("a,b\n1,x\"y\"\n", 2, .quoteInUnquotedField),
        ("a,b\n\"1\"x,2\n", 2, .textAfterClosingQuote),
        ("a,b\n1,2\n3\n", 3, .wrongFieldCount(expected: 2, found: 1)),
        ("a,b\n1,2\n\"multi\nline\",2,3\n", 3, .wrongFieldCount(expected: 2, found: 3)),
    ])
    func malformed(text: String, line: Int, problem: CSVError.Problem) {
        #expect(throws: CSVError(line: line, problem: problem)) { _ = try CSVTable(text, requiredColumns: []) }
    }

    static let header = "code,name,name_en,full_name,kind,province_code,province_name\n"
    static let province = "52,Gia Lai,Gia Lai,Tỉnh Gia Lai,province,52,Gia Lai\n"

    @Test(arguments: [
        ("", 1, "empty"),
        ("code,name\n", 1, "name_en"),
        (header + province + "2357,Pleiku,Pleiku,Phường Pleiku,ward,52,Gia Lai\n", 3, "5 digits"),
        (header + province + "23575,Pleiku,Pleiku,Phường Pleiku,district,52,Gia Lai\n", 3, "kind"),
        (header + province + "23575,Pleiku,Pleiku,Phường Pleiku,ward,53,Gia Lai\n", 3, "province 53"),
        (header + province + "23575,,Pleiku,Phường Pleiku,ward,52,Gia Lai\n", 3, "empty"),
        (header + province + "23575,Pleiku,Pleiku,Phường Pleiku,ward,52,Gia Lai\n23575,X,X,Xã X,commune,52,Gia Lai\n", 4, "line 3"),
        (header + "52,Gia Lai,Gia Lai,Tỉnh Gia Lai,province,51,Gia Lai\n", 2, "own code"),
        (header + province + "23575,Pleiku,Pleiku,Phường Pleiku,ward,52\n", 3, "expected 7 fields"),
    ])
    func unitFileErrorsNameTheLine(text: String, line: Int, fragment: String) {
        do {
            _ = try AdministrativeUnitCSV.parseUnits(text)
            Issue.record("expected an error")
        } catch {
            #expect(error.line == line, "\(error)")
            #expect(error.description.hasPrefix("line \(line): ") && error.description.contains(fragment), "\(error)")
        }
    }

    @Test func geometryFileErrors() {
        let header = "code,name,kind,lat,lon,area_km2\n"
        #expect(throws: CSVError.self) { try AdministrativeUnitCSV.parseGeometry(header + "24028,Ia Tul,commune,abc,108.1,587.5\n") }
        #expect(throws: CSVError.self) { try AdministrativeUnitCSV.parseGeometry(header + "24028,Ia Tul,province,13.5,108.1,587.5\n") }
        #expect(throws: CSVError.self) { try AdministrativeUnitCSV.parseGeometry(header + "24028,Ia Tul,commune,95,108.1,587.5\n") }
        #expect((try? AdministrativeUnitCSV.parseGeometry(header + "24028,\"Ia Tul\",commune,13.5,108.1,587.5\n"))?.first?.name == "Ia Tul")
    }
}
