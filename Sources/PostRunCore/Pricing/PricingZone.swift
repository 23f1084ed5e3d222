/// How far a trip goes, as a tariff sees it (vùng tính cước).
///
/// Ordered from nearest to farthest. A tariff need not price every zone: see ``PricingZone/fallback``.
public enum PricingZone: String, Sendable, Hashable, Codable, CaseIterable {
    /// Both ends in the same commune or ward.
    case sameCommune = "same_commune"
    /// Both ends in the same configured area group (e.g. the former district, nội huyện).
    case sameArea = "same_area"
    /// Both ends in the same province (nội tỉnh).
    case withinProvince = "within_province"
    /// The other end is in one of the tariff's neighbouring provinces (liên tỉnh lân cận).
    case neighbouringRegion = "neighbouring_region"
    /// Any other province (liên tỉnh).
    case otherProvince = "other_province"

    /// The next broader zone whose price applies when a tariff does not price this one:
    /// same commune → same area → within the province; neighbouring region → other provinces.
    public var fallback: PricingZone? {
        switch self {
        case .sameCommune: .sameArea
        case .sameArea: .withinProvince
        case .neighbouringRegion: .otherProvince
        case .withinProvince, .otherProvince: nil
        }
    }
}

/// A configured group of communes that counts as one area, e.g. the communes of a former district.
public struct AreaGroup: Sendable, Hashable, Codable {
    /// A stable id, e.g. the former district code "622".
    public var id: String
    /// Commune (xã/phường) codes in the group.
    public var communes: [String]

    public init(id: String, communes: [String]) {
        self.id = id
        self.communes = communes
    }
}

/// How a tariff tells zones apart: its area groups and its neighbouring provinces.
public struct ZoneRules: Sendable, Hashable, Codable {
    /// Groups of communes that count as `same_area`. Used when a request does not carry an area group itself.
    public var areaGroups: [AreaGroup]
    /// Province codes whose trips to or from any other province count as `neighbouring_region`
    /// (normally the neighbours of the tariff's own province).
    public var neighbouringProvinces: [String]

    public init(areaGroups: [AreaGroup] = [], neighbouringProvinces: [String] = []) {
        self.areaGroups = areaGroups
        self.neighbouringProvinces = neighbouringProvinces
    }

    /// The configured group of a commune, if any (the first group listing it).
    public func areaGroup(ofCommune code: String) -> String? {
        areaGroups.first { $0.communes.contains(code) }?.id
    }

    enum CodingKeys: String, CodingKey {
        case areaGroups = "area_groups"
        case neighbouringProvinces = "neighbouring_provinces"
    }
}

/// One end of a trip as zone resolution needs it.
public struct ZoneEndpoint: Sendable, Hashable {
    public var commune: String
    public var province: String
    /// The area group (e.g. former district id) if the caller knows it; otherwise the tariff's groups decide.
    public var areaGroup: String?

    public init(commune: String, province: String, areaGroup: String? = nil) {
        self.commune = commune
        self.province = province
        self.areaGroup = areaGroup
    }
}

extension Pricing {
    /// Resolves the zone of a trip. Pure.
    ///
    /// - same commune code in the same province → `same_commune`;
    /// - same province and the same area group (the endpoint's own group if given, else the rules' group of its commune) → `same_area`;
    /// - same province → `within_province`;
    /// - different provinces, either of which is in `rules.neighbouringProvinces` → `neighbouring_region`;
    /// - otherwise `other_province`.
    public static func resolveZone(origin: ZoneEndpoint, destination: ZoneEndpoint, rules: ZoneRules) -> PricingZone {
        if origin.province == destination.province {
            if origin.commune == destination.commune { return .sameCommune }
            let originGroup = origin.areaGroup ?? rules.areaGroup(ofCommune: origin.commune)
            let destinationGroup = destination.areaGroup ?? rules.areaGroup(ofCommune: destination.commune)
            if let originGroup, let destinationGroup, originGroup == destinationGroup { return .sameArea }
            return .withinProvince
        }
        let neighbours = rules.neighbouringProvinces
        if neighbours.contains(destination.province) || neighbours.contains(origin.province) { return .neighbouringRegion }
        return .otherProvince
    }
}
