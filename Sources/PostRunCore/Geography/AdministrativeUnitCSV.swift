/// Readers for the shared administrative-unit files (`shared/data`, see its README): UTF-8, header row,
/// RFC 4180 quoting, codes kept as strings.
public enum AdministrativeUnitCSV {
    /// Columns of `vn-admin-units-2025.csv`.
    public static let unitColumns = ["code", "name", "name_en", "full_name", "kind", "province_code", "province_name"]
    /// Columns of `gialai-communes-2025.csv`.
    public static let geometryColumns = ["code", "name", "kind", "lat", "lon", "area_km2"]

    /// Reads `vn-admin-units-2025.csv`: every province and commune-level unit.
    ///
    /// Checks: codes are 2 digits for provinces and 5 for the rest, kinds are known, a province row's
    /// `province_code` is its own code, every commune's province is in the file, no code appears twice, and
    /// names are not empty. Each unit gets `validFrom` (default 1 July 2025) and no `validTo`.
    /// Columns may come in any order; extra columns are ignored.
    public static func parseUnits(_ text: String,
                                  validFrom: LocalDate = AdministrativeUnit.twoTierStructureEffective) throws(CSVError) -> [AdministrativeUnit] {
        let table = try CSVTable(text, requiredColumns: unitColumns)
        var units: [AdministrativeUnit] = []
        var firstLine: [String: Int] = [:]
        var provinceCodes: Set<String> = []
        units.reserveCapacity(table.rows.count)
        for row in table.rows {
            let code = table.value(row, "code")
            let kindText = table.value(row, "kind")
            guard let kind = AdministrativeUnit.Kind(rawValue: kindText) else {
                throw CSVError(line: row.line, problem: .invalidValue(column: "kind", value: kindText,
                                                                      reason: "expected province, ward, commune or special_zone"))
            }
            try checkCode(code, column: "code", digits: kind == .province ? 2 : 5, line: row.line)
            let provinceCode = table.value(row, "province_code")
            try checkCode(provinceCode, column: "province_code", digits: 2, line: row.line)
            if kind == .province, provinceCode != code {
                throw CSVError(line: row.line, problem: .invalidValue(column: "province_code", value: provinceCode,
                                                                      reason: "a province's province_code must be its own code"))
            }
            if let earlier = firstLine[code] { throw CSVError(line: row.line, problem: .duplicateCode(code, firstLine: earlier)) }
            firstLine[code] = row.line
            let name = try nonEmpty(table.value(row, "name"), column: "name", line: row.line)
            let fullName = try nonEmpty(table.value(row, "full_name"), column: "full_name", line: row.line)
            if kind == .province { provinceCodes.insert(code) }
            let nameEn = table.value(row, "name_en")
            let provinceName = table.value(row, "province_name")
            units.append(AdministrativeUnit(
                code: code, name: VietnameseText.nfc(name), nameEn: nameEn.isEmpty ? nil : nameEn,
                fullName: VietnameseText.nfc(fullName), kind: kind, provinceCode: provinceCode,
                provinceName: provinceName.isEmpty ? nil : VietnameseText.nfc(provinceName), validFrom: validFrom))
        }
        for unit in units where !provinceCodes.contains(unit.provinceCode) {
            throw CSVError(line: firstLine[unit.code] ?? 0, problem: .unknownProvince(unit.provinceCode))
        }
        return units
    }

    /// Reads `gialai-communes-2025.csv`: a commune's polygon centroid and area.
    public static func parseGeometry(_ text: String) throws(CSVError) -> [UnitGeometry] {
        let table = try CSVTable(text, requiredColumns: geometryColumns)
        var result: [UnitGeometry] = []
        var firstLine: [String: Int] = [:]
        for row in table.rows {
            let code = table.value(row, "code")
            try checkCode(code, column: "code", digits: 5, line: row.line)
            if let earlier = firstLine[code] { throw CSVError(line: row.line, problem: .duplicateCode(code, firstLine: earlier)) }
            firstLine[code] = row.line
            let kindText = table.value(row, "kind")
            guard let kind = AdministrativeUnit.Kind(rawValue: kindText), kind.isCommuneLevel else {
                throw CSVError(line: row.line, problem: .invalidValue(column: "kind", value: kindText,
                                                                      reason: "expected ward, commune or special_zone"))
            }
            let lat = try number(table.value(row, "lat"), column: "lat", range: -90...90, line: row.line)
            let lon = try number(table.value(row, "lon"), column: "lon", range: -180...180, line: row.line)
            let area = try number(table.value(row, "area_km2"), column: "area_km2", range: 0...1_000_000, line: row.line)
            let name = try nonEmpty(table.value(row, "name"), column: "name", line: row.line)
            result.append(UnitGeometry(code: code, name: VietnameseText.nfc(name), kind: kind,
                                       centroid: Coordinate(lat: lat, lon: lon), areaKm2: area))
        }
        return result
    }

    static func checkCode(_ code: String, column: String, digits: Int, line: Int) throws(CSVError) {
        guard code.utf8.count == digits, code.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw CSVError(line: line, problem: .invalidValue(column: column, value: code, reason: "expected \(digits) digits"))
        }
    }

    static func nonEmpty(_ text: String, column: String, line: Int) throws(CSVError) -> String {
        guard !text.allSatisfy(\.isWhitespace) else {
            throw CSVError(line: line, problem: .invalidValue(column: column, value: text, reason: "must not be empty"))
        }
        return text
    }

    static func number(_ text: String, column: String, range: ClosedRange<Double>, line: Int) throws(CSVError) -> Double {
        guard let value = Double(text), value.isFinite, range.contains(value) else {
            throw CSVError(line: line, problem: .invalidValue(column: column, value: text,
                                                              reason: "expected a number in \(range.lowerBound)…\(range.upperBound)"))
        }
        return value
    }
}

/// A commune's polygon centroid and area, from `gialai-communes-2025.csv`.
public struct UnitGeometry: Sendable, Hashable, Codable {
    public var code: String
    public var name: String
    public var kind: AdministrativeUnit.Kind
    public var centroid: Coordinate
    public var areaKm2: Double

    public init(code: String, name: String, kind: AdministrativeUnit.Kind, centroid: Coordinate, areaKm2: Double) {
        self.code = code
        self.name = name
        self.kind = kind
        self.centroid = centroid
        self.areaKm2 = areaKm2
    }

    enum CodingKeys: String, CodingKey {
        case code, name, kind, centroid
        case areaKm2 = "area_km2"
    }
}
