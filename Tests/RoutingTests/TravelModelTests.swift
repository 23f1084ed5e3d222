import Foundation
import Testing

@testable import Routing

@Suite("Travel model")
struct TravelModelTests {
    let pleiku = GeoPoint(latitude: 13.997, longitude: 108.031)
    let quyNhon = GeoPoint(latitude: 13.782, longitude: 109.237)

    @Test("Haversine distance Pleiku–Quy Nhơn is about 132 km")
    func haversine() {
        let d = pleiku.haversine(to: quyNhon)
        #expect(d > 128_000 && d < 136_000)
        #expect(pleiku.haversine(to: pleiku) == 0)
    }

    @Test("Circuity, area and season factors are applied from data")
    func factors() {
        let model = TravelModel()
        let a = TravelPlace(point: pleiku, area: .rural, road: .provincial, region: .highland)
        let b = TravelPlace(point: GeoPoint(latitude: 14.1, longitude: 108.2), area: .especiallyDifficult, road: .track, region: .highland)
        let dry = model.leg(from: a, to: b, month: 2)
        let wet = model.leg(from: a, to: b, month: 8)
        #expect(dry.metres == wet.metres)
        #expect(wet.seconds > dry.seconds * 1.2)
        let straight = a.point.haversine(to: b.point)
        #expect(abs(dry.metres - straight * (1.4 + 1.9) / 2) < 1e-6)
        // coastal floods only in October–December
        let c1 = TravelPlace(point: quyNhon, region: .coastal)
        let c2 = TravelPlace(point: GeoPoint(latitude: 13.9, longitude: 109.1), region: .coastal)
        #expect(model.leg(from: c1, to: c2, month: 11).seconds > model.leg(from: c1, to: c2, month: 7).seconds)
        // parameters round-trip as JSON data
        let data = try! JSONEncoder().encode(model.parameters)
        let back = try! JSONDecoder().decode(TravelModelParameters.self, from: data)
        #expect(back == model.parameters)
    }

    @Test("Matrix from the model and from an OSRM /table response")
    func matrices() throws {
        let places = [pleiku, quyNhon, GeoPoint(latitude: 13.993, longitude: 108.672)].map { TravelPlace(point: $0) }
        let m = TravelModel().matrix(for: places, month: 1)
        #expect(m.size == 3)
        #expect(m.duration(0, 0) == 0)
        #expect(m.distance(0, 1) > 0 && m.duration(0, 1) > 0)
        let osrm = try TravelMatrix(durations: [[0, 10], [12, 0]], distances: [[0, 100], [130, 0]])
        #expect(osrm.duration(1, 0) == 12 && osrm.distance(0, 1) == 100)
    }

    @Test("Remote-area policy raises optional penalties only")
    func remotePolicy() {
        var p = RandomInstance(stops: 3, vehicles: 1).make(seed: 1)
        p.stops[0].unservedPenalty = 100
        p.stops[1].unservedPenalty = 100
        p.stops[2].unservedPenalty = nil
        RemoteAreaPolicy().apply(to: &p, areas: [.urban, .ethnicMinority, .especiallyDifficult])
        #expect(p.stops[0].unservedPenalty == 100)
        #expect(p.stops[1].unservedPenalty == 300)
        #expect(p.stops[2].unservedPenalty == nil)
    }
}
