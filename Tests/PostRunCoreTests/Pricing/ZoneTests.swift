import Testing
@testable import PostRunCore

@Suite struct ZoneTests {
    struct ZoneCase: CustomTestStringConvertible, Sendable {
        let label: String
        let origin: ZoneEndpoint
        let destination: ZoneEndpoint
        let zone: PricingZone
        var testDescription: String { label }
    }

    static let rules = Fixtures.testTariff().zones

    static let cases: [ZoneCase] = [
        .init(label: "same commune", origin: .init(commune: "23575", province: "64"), destination: .init(commune: "23575", province: "64"),
              zone: .sameCommune),
        .init(label: "same area from the request's groups", origin: .init(commune: "1", province: "64", areaGroup: "A"),
              destination: .init(commune: "2", province: "64", areaGroup: "A"), zone: .sameArea),
        .init(label: "same area from the tariff's groups", origin: .init(commune: "23575", province: "64"),
              destination: .init(commune: "23584", province: "64"), zone: .sameArea),
        .init(label: "request's group wins over the tariff's", origin: .init(commune: "23575", province: "64", areaGroup: "X"),
              destination: .init(commune: "23584", province: "64"), zone: .withinProvince),
        .init(label: "different groups", origin: .init(commune: "23575", province: "64"), destination: .init(commune: "24100", province: "64"),
              zone: .withinProvince),
        .init(label: "one group unknown", origin: .init(commune: "23575", province: "64"), destination: .init(commune: "99999", province: "64"),
              zone: .withinProvince),
        .init(label: "neighbouring destination", origin: .init(commune: "23575", province: "64"),
              destination: .init(commune: "23300", province: "62"), zone: .neighbouringRegion),
        .init(label: "neighbouring origin", origin: .init(commune: "23300", province: "62"),
              destination: .init(commune: "23575", province: "64"), zone: .neighbouringRegion),
        .init(label: "other province", origin: .init(commune: "23575", province: "64"), destination: .init(commune: "00004", province: "01"),
              zone: .otherProvince),
        .init(label: "same commune code in another province is not the same commune", origin: .init(commune: "00004", province: "64"),
              destination: .init(commune: "00004", province: "01"), zone: .otherProvince),
    ]

    @Test(arguments: cases)
    func resolvesZones(_ c: ZoneCase) {
        #expect(Pricing.resolveZone(origin: c.origin, destination: c.destination, rules: Self.rules) == c.zone)
    }

    @Test func withoutNeighboursEveryOtherProvinceIsOther() {
        let zone = Pricing.resolveZone(
            origin: .init(commune: "1", province: "64"), destination: .init(commune: "2", province: "62"), rules: ZoneRules())
        #expect(zone == .otherProvince)
    }

    @Test(arguments: [
        (Fixtures.PlaceCase.sameCommune, 20_000), (.sameArea, 26_000), (.withinProvince, 30_000), (.neighbouring, 30_500),
        (.other, 31_500),
    ] as [(Fixtures.PlaceCase, Int64)])
    func everyZoneIsPricedFromItsRow(_ place: Fixtures.PlaceCase, _ price: Int64) throws {
        let quote = try Fixtures.quote(Fixtures.delivery(to: place.place, acceptedAt: Fixtures.ict("2020-08-01")), tariff: Fixtures.testTariff())
        let line = try #require(quote.line(.resultReturn))
        #expect(line.zone == place.zone)
        #expect(line.tariffZone == place.zone)
        #expect(line.base == Money(price))
        #expect(quote.total == Money(price))
    }

    @Test func unpricedZonesFallBackToBroaderOnes() throws {
        var tariff = Fixtures.testTariff()
        tariff.components = tariff.components.map { component in
            var component = component
            component.prices.removeAll { $0.zone == .sameCommune || $0.zone == .sameArea || $0.zone == .neighbouringRegion }
            return component
        }
        let cases: [(PricingPlace, PricingZone, PricingZone, Int64)] = [
            (Fixtures.PlaceCase.sameCommune.place, .sameCommune, .withinProvince, 30_000),
            (Fixtures.PlaceCase.sameArea.place, .sameArea, .withinProvince, 30_000),
            (Fixtures.PlaceCase.neighbouring.place, .neighbouringRegion, .otherProvince, 31_500),
        ]
        for (place, zone, priced, price) in cases {
            let line = try #require(try Fixtures.quote(Fixtures.delivery(to: place), tariff: tariff, campaigns: []).line(.resultReturn))
            #expect(line.zone == zone)
            #expect(line.tariffZone == priced)
            #expect(line.base == Money(price))
        }
    }

    @Test func aZoneWithNoPriceAndNoFallbackIsAnError() {
        var tariff = Fixtures.testTariff()
        tariff.components = tariff.components.map { component in
            var component = component
            component.prices.removeAll { $0.zone != nil && $0.zone != .sameCommune }
            return component
        }
        #expect(throws: PricingError.componentNotPriced(component: .resultReturn, zone: .otherProvince, tariff: tariff.id)) {
            try Fixtures.quote(Fixtures.delivery(to: Fixtures.applicantHanoi), tariff: tariff, campaigns: [])
        }
        #expect(throws: PricingError.componentNotPriced(component: .resultReturn, zone: .sameArea, tariff: tariff.id)) {
            try Fixtures.quote(Fixtures.delivery(to: Fixtures.applicantPleiku), tariff: tariff, campaigns: [])
        }
    }

    @Test func exampleTariffPricesItsFourPublishedZones() throws {
        let cases: [(PricingPlace, Int64)] = [
            (Fixtures.agencyPleiku, 26_000), (Fixtures.applicantPleiku, 26_000), (Fixtures.applicantChuSe, 30_000),
            (PricingPlace(commune: "1", province: "66"), 30_500), (Fixtures.applicantKonTum, 31_500), (Fixtures.applicantHanoi, 31_500),
        ]
        for (place, price) in cases {
            let quote = try Fixtures.quote(Fixtures.delivery(to: place, acceptedAt: Fixtures.ict("2021-01-05")))
            #expect(quote.total == Money(price), "\(place)")
        }
    }
}

extension Fixtures {
    /// Destinations (from the Pleiku agency) for each zone of `testTariff`.
    enum PlaceCase: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case sameCommune, sameArea, withinProvince, neighbouring, other
        var testDescription: String { rawValue }

        var place: PricingPlace {
            switch self {
            case .sameCommune: Fixtures.agencyPleiku
            case .sameArea: PricingPlace(commune: "23584", province: "64")
            case .withinProvince: Fixtures.applicantChuSe
            case .neighbouring: Fixtures.applicantKonTum
            case .other: Fixtures.applicantHanoi
            }
        }

        var zone: PricingZone {
            switch self {
            case .sameCommune: .sameCommune
            case .sameArea: .sameArea
            case .withinProvince: .withinProvince
            case .neighbouring: .neighbouringRegion
            case .other: .otherProvince
            }
        }
    }
}
