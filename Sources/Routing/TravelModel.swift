import Foundation

/// Administrative area classes that change road quality and priority (Decision 861/QĐ-TTg lists the communes).
public enum AreaClass: String, Sendable, Codable, CodingKeyRepresentable, Hashable, CaseIterable {
    case urban
    case rural
    case remote
    case ethnicMinority = "ethnic_minority"
    case especiallyDifficult = "especially_difficult"
}

/// The kind of road that mainly serves a place.
public enum RoadClass: String, Sendable, Codable, CodingKeyRepresentable, Hashable, CaseIterable {
    case highway
    case provincial
    case rural
    case track
}

/// Climate region, for seasonal slow-downs (highlands: rainy season; coast: floods).
public enum ClimateRegion: String, Sendable, Codable, CodingKeyRepresentable, Hashable, CaseIterable {
    case highland
    case coastal
    case lowland
}

/// A point on the Earth in degrees.
public struct GeoPoint: Sendable, Codable, Hashable {
    public var latitude: Double
    public var longitude: Double
    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Great-circle distance in metres (haversine, mean Earth radius 6,371,008.8 m).
    public func haversine(to other: GeoPoint) -> Double {
        let r = 6_371_008.8
        let p1 = latitude * .pi / 180
        let p2 = other.latitude * .pi / 180
        let dp = p2 - p1
        let dl = (other.longitude - longitude) * .pi / 180
        let a = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2)
        return 2 * r * asin(min(1, sqrt(a)))
    }
}

/// A location as the travel model sees it.
public struct TravelPlace: Sendable, Codable, Hashable {
    public var point: GeoPoint
    public var area: AreaClass
    public var road: RoadClass
    public var region: ClimateRegion
    public init(point: GeoPoint, area: AreaClass = .urban, road: RoadClass = .provincial, region: ClimateRegion = .lowland) {
        self.point = point
        self.area = area
        self.road = road
        self.region = region
    }
}

/// A seasonal slow-down: in `months` (1–12), speeds in `region` are multiplied by `speedFactor`.
public struct SeasonRule: Sendable, Codable, Hashable {
    public var name: String
    public var region: ClimateRegion
    public var months: Set<Int>
    public var speedFactor: Double
    public init(name: String, region: ClimateRegion, months: Set<Int>, speedFactor: Double) {
        self.name = name
        self.region = region
        self.months = months
        self.speedFactor = speedFactor
    }
}

/// All travel-model factors, as data. Defaults are rough motorbike figures for Gia Lai; the post office can edit them.
public struct TravelModelParameters: Sendable, Codable, Hashable {
    /// Road distance ÷ straight-line distance, by area class.
    public var circuity: [AreaClass: Double]
    /// Motorbike speed in km/h by road class.
    public var roadSpeedKmh: [RoadClass: Double]
    /// Speed multiplier by area class (dirt roads, fords, slopes).
    public var areaSpeedFactor: [AreaClass: Double]
    public var seasons: [SeasonRule]

    public init(
        circuity: [AreaClass: Double] = [
            .urban: 1.3, .rural: 1.4, .remote: 1.6, .ethnicMinority: 1.7, .especiallyDifficult: 1.9,
        ],
        roadSpeedKmh: [RoadClass: Double] = [.highway: 50, .provincial: 40, .rural: 28, .track: 15],
        areaSpeedFactor: [AreaClass: Double] = [
            .urban: 0.8, .rural: 1.0, .remote: 0.85, .ethnicMinority: 0.8, .especiallyDifficult: 0.7,
        ],
        seasons: [SeasonRule] = [
            SeasonRule(name: "highland rainy season", region: .highland, months: Set(5...10), speedFactor: 0.75),
            SeasonRule(name: "coastal flood season", region: .coastal, months: Set(10...12), speedFactor: 0.8),
        ]
    ) {
        self.circuity = circuity
        self.roadSpeedKmh = roadSpeedKmh
        self.areaSpeedFactor = areaSpeedFactor
        self.seasons = seasons
    }
}

/// Pure travel model: geodesic distance × circuity, speed by road and area, slowed by season.
public struct TravelModel: Sendable, Codable, Hashable {
    public var parameters: TravelModelParameters

    public init(parameters: TravelModelParameters = TravelModelParameters()) {
        self.parameters = parameters
    }

    /// Speed in metres per second at a place in a month (1–12).
    public func speed(at place: TravelPlace, month: Int) -> Double {
        let p = parameters
        var kmh = (p.roadSpeedKmh[place.road] ?? 30) * (p.areaSpeedFactor[place.area] ?? 1)
        for s in p.seasons where s.region == place.region && s.months.contains(month) { kmh *= s.speedFactor }
        return max(kmh, 1) / 3.6
    }

    /// Road distance (m) and travel time (s) from `a` to `b`: half the way at each end's circuity and speed.
    public func leg(from a: TravelPlace, to b: TravelPlace, month: Int) -> (seconds: Double, metres: Double) {
        let straight = a.point.haversine(to: b.point)
        if straight == 0 { return (0, 0) }
        let ca = parameters.circuity[a.area] ?? 1.4
        let cb = parameters.circuity[b.area] ?? 1.4
        let half = straight / 2
        let metres = half * ca + half * cb
        let seconds = half * ca / speed(at: a, month: month) + half * cb / speed(at: b, month: month)
        return (seconds, metres)
    }

    /// The full matrix (seconds, metres) for the given places.
    public func matrix(for places: [TravelPlace], month: Int) -> TravelMatrix {
        var m = TravelMatrix(size: places.count)
        for (i, a) in places.enumerated() {
            for (j, b) in places.enumerated() where i != j {
                let l = leg(from: a, to: b, month: month)
                m.set(from: i, to: j, duration: l.seconds, distance: l.metres)
            }
        }
        return m
    }
}

/// Remote-area priority: optional stops in remote, ethnic-minority and especially difficult communes get a higher
/// unserved penalty, so they are the last to be dropped. Factors are data.
public struct RemoteAreaPolicy: Sendable, Codable, Hashable {
    public var penaltyFactor: [AreaClass: Double]

    public init(penaltyFactor: [AreaClass: Double] = [.urban: 1, .rural: 1, .remote: 2, .ethnicMinority: 3, .especiallyDifficult: 4]) {
        self.penaltyFactor = penaltyFactor
    }

    /// Multiplies each optional stop's penalty by its area's factor; mandatory stops stay mandatory.
    /// `areas[i]` is the area class of `problem.stops[i]`.
    public func apply(to problem: inout RoutingProblem, areas: [AreaClass]) {
        for i in problem.stops.indices where i < areas.count {
            if let p = problem.stops[i].unservedPenalty { problem.stops[i].unservedPenalty = p * (penaltyFactor[areas[i]] ?? 1) }
        }
    }
}
