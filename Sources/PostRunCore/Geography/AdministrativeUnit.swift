/// A province or commune-level unit (đơn vị hành chính) of Vietnam's two-tier structure, versioned by the
/// dates it is in force: since 1 July 2025 old codes were reused for different places, so a code alone does not
/// name a place — a code and a date do.
public struct AdministrativeUnit: Sendable, Hashable, Codable, Identifiable {
    /// What sort of unit.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Tỉnh or centrally-governed Thành phố.
        case province
        /// Phường.
        case ward
        /// Xã.
        case commune
        /// Đặc khu: an island special zone.
        case specialZone = "special_zone"

        /// Wards, communes and special zones: the units a courier serves.
        public var isCommuneLevel: Bool { self != .province }
    }

    /// Official code: 2 digits for provinces (`01`–`96`), 5 for commune-level units (`00004`–`32248`).
    /// A string: leading zeros matter.
    public var code: String
    /// Short Vietnamese name without the unit type: `Pleiku`.
    public var name: String
    /// ASCII/English short name, when known: `Pleiku`.
    public var nameEn: String?
    /// Name with the unit type: `Phường Pleiku`.
    public var fullName: String
    public var kind: Kind
    /// The parent province's code; a province's own code on province rows.
    public var provinceCode: String
    /// The parent province's short name, when known.
    public var provinceName: String?
    /// First day in force.
    public var validFrom: LocalDate
    /// Last day in force, or nil while current.
    public var validTo: LocalDate?
    /// Polygon centroid (not the centre town): for coarse zoning only, never as a delivery address.
    public var centroid: Coordinate?
    /// Polygon area in km², when known.
    public var areaKm2: Double?
    /// Area classes set by the post office (remote, ethnic-minority…); none from the official list.
    public var areaClasses: Set<AreaClass>
    /// The post office serving this unit, when assigned.
    public var servingOfficeCode: String?

    public var id: String { code }

    public init(code: String, name: String, nameEn: String? = nil, fullName: String, kind: Kind, provinceCode: String,
                provinceName: String? = nil, validFrom: LocalDate = AdministrativeUnit.twoTierStructureEffective,
                validTo: LocalDate? = nil, centroid: Coordinate? = nil, areaKm2: Double? = nil,
                areaClasses: Set<AreaClass> = [], servingOfficeCode: String? = nil) {
        self.code = code
        self.name = name
        self.nameEn = nameEn
        self.fullName = fullName
        self.kind = kind
        self.provinceCode = provinceCode
        self.provinceName = provinceName
        self.validFrom = validFrom
        self.validTo = validTo
        self.centroid = centroid
        self.areaKm2 = areaKm2
        self.areaClasses = areaClasses
        self.servingOfficeCode = servingOfficeCode
    }

    /// 1 July 2025: Decision 19/2025/QĐ-TTg, the two-tier structure (34 provinces, 3,321 communes).
    public static let twoTierStructureEffective = LocalDate(year: 2025, month: 7, day: 1)!

    /// Whether the unit is in force on `date` (`validFrom ≤ date ≤ validTo`).
    public func isInForce(on date: LocalDate) -> Bool {
        validFrom <= date && (validTo.map { date <= $0 } ?? true)
    }

    /// Key for diacritic-insensitive search over name and full name (see ``VietnameseText/searchKey(_:)``).
    public var searchKey: String { VietnameseText.searchKey(fullName) }

    enum CodingKeys: String, CodingKey {
        case code, name
        case nameEn = "name_en"
        case fullName = "full_name"
        case kind
        case provinceCode = "province_code"
        case provinceName = "province_name"
        case validFrom = "valid_from"
        case validTo = "valid_to"
        case centroid
        case areaKm2 = "area_km2"
        case areaClasses = "area_classes"
        case servingOfficeCode = "serving_office_code"
    }
}

/// A WGS 84 point in decimal degrees.
public struct Coordinate: Sendable, Hashable, Codable {
    public var lat: Double
    public var lon: Double

    public init(lat: Double, lon: Double) {
        self.lat = lat
        self.lon = lon
    }

    /// Great-circle distance to `other`, in metres.
    public func distance(to other: Coordinate) -> Double {
        Geodesy.haversineMetres(lat, lon, other.lat, other.lon)
    }
}

/// Distances on the Earth.
public enum Geodesy {
    /// Mean Earth radius (IUGG), metres.
    public static let earthRadiusMetres = 6_371_008.8

    /// Great-circle distance between two points given in decimal degrees, in metres (haversine formula on a
    /// sphere of ``earthRadiusMetres``; within ~0.5 % of the ellipsoidal distance).
    public static func haversineMetres(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let radians = Double.pi / 180
        let dLat = (lat2 - lat1) * radians
        let dLon = (lon2 - lon1) * radians
        let a = sinSquared(dLat / 2) + cosine(lat1 * radians) * cosine(lat2 * radians) * sinSquared(dLon / 2)
        return 2 * earthRadiusMetres * arcsine(min(1, a.squareRoot()))
    }

    private static func sinSquared(_ x: Double) -> Double { let s = sine(x); return s * s }
}

/// Free function form of ``Geodesy/haversineMetres(_:_:_:_:)``.
public func haversineMetres(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
    Geodesy.haversineMetres(lat1, lon1, lat2, lon2)
}
