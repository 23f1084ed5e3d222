/// An in-memory, read-only directory of administrative units with every version of each code: answers
/// "which unit had code X on date D" and feeds the validators' commune check.
public struct AdministrativeUnitDirectory: Sendable {
    /// Every unit version, in the order given.
    public let units: [AdministrativeUnit]
    private let versions: [String: [AdministrativeUnit]]

    /// A directory over `units`; several versions of one code are allowed when their validity periods differ.
    public init(_ units: [AdministrativeUnit]) {
        self.units = units
        versions = Dictionary(grouping: units, by: \.code)
    }

    /// Units from `vn-admin-units-2025.csv`, with centroids and areas from `gialai-communes-2025.csv`-style
    /// geometry merged in by code.
    public init(unitsCSV: String, geometryCSV: String? = nil,
                validFrom: LocalDate = AdministrativeUnit.twoTierStructureEffective) throws(CSVError) {
        var units = try AdministrativeUnitCSV.parseUnits(unitsCSV, validFrom: validFrom)
        if let geometryCSV {
            units = AdministrativeUnitDirectory.merging(try AdministrativeUnitCSV.parseGeometry(geometryCSV), into: units)
        }
        self.init(units)
    }

    /// `units` with centroid and area set from `geometry` where the codes match.
    public static func merging(_ geometry: [UnitGeometry], into units: [AdministrativeUnit]) -> [AdministrativeUnit] {
        let byCode = Dictionary(geometry.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        return units.map { unit in
            guard unit.kind.isCommuneLevel, let g = byCode[unit.code] else { return unit }
            var merged = unit
            merged.centroid = g.centroid
            merged.areaKm2 = g.areaKm2
            return merged
        }
    }

    /// The unit with `code` in force on `date`.
    public func unit(code: String, on date: LocalDate) -> AdministrativeUnit? {
        versions[code]?.first { $0.isInForce(on: date) }
    }

    /// Every version of `code`, oldest first.
    public func history(of code: String) -> [AdministrativeUnit] {
        (versions[code] ?? []).sorted { $0.validFrom < $1.validFrom }
    }

    /// Whether `code` is a commune-level unit in force on `date`; provinces count as unknown here.
    public func communeStatus(_ code: String, on date: LocalDate) -> CommuneStatus {
        let communeVersions = (versions[code] ?? []).filter { $0.kind.isCommuneLevel }
        if communeVersions.isEmpty { return .unknown }
        return communeVersions.contains { $0.isInForce(on: date) } ? .current : .notCurrent
    }

    /// A commune check for the validators, bound to `date`:
    /// `JobRequestValidator.validate(request, today: today, communeExists: directory.communeLookup(on: today))`.
    public func communeLookup(on date: LocalDate) -> @Sendable (String) -> CommuneStatus {
        let directory = self
        return { directory.communeStatus($0, on: date) }
    }

    /// The provinces in force on `date`, by code.
    public func provinces(on date: LocalDate) -> [AdministrativeUnit] {
        units.filter { $0.kind == .province && $0.isInForce(on: date) }.sorted { $0.code < $1.code }
    }

    /// The commune-level units of a province in force on `date`, by code.
    public func communes(inProvince provinceCode: String, on date: LocalDate) -> [AdministrativeUnit] {
        units.filter { $0.kind.isCommuneLevel && $0.provinceCode == provinceCode && $0.isInForce(on: date) }
            .sorted { $0.code < $1.code }
    }

    /// Units in force on `date` whose full name contains `query`, ignoring case, diacritics and tone-mark
    /// placement ("hoa" finds "Hòa" and "Hoà", "pleiku" finds "Phường Pleiku"). Prefix matches come first.
    public func search(_ query: String, on date: LocalDate, limit: Int = 20) -> [AdministrativeUnit] {
        let key = VietnameseText.searchKey(query)
        guard !key.isEmpty else { return [] }
        var prefixMatches: [AdministrativeUnit] = []
        var otherMatches: [AdministrativeUnit] = []
        for unit in units where unit.isInForce(on: date) {
            let nameKey = VietnameseText.searchKey(unit.name)
            if nameKey.hasPrefix(key) { prefixMatches.append(unit) } else if unit.searchKey.contains(key) { otherMatches.append(unit) }
        }
        return Array((prefixMatches + otherMatches).prefix(limit))
    }
}
