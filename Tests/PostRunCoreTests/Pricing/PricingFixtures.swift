import Foundation
@testable import PostRunCore

/// Shared builders for the pricing tests.
enum Fixtures {
    /// A date from `YYYY-MM-DD`; crashes on a typo, which is what a fixture should do.
    static func day(_ text: String) -> LocalDate {
        guard let date = LocalDate(iso: text) else { fatalError("bad fixture date \(text)") }
        return date
    }

    /// The instant of a wall-clock time in Vietnam (ICT, UTC+7): `ict("2020-03-22", 23, 59)`.
    static func ict(_ date: String, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0) -> Date {
        VietnamTime.instant(day(date), secondsOfDay: hour * 3600 + minute * 60 + second)
    }

    /// An instant given in UTC: `utc("2020-03-22T17:30:00Z")`.
    static func utc(_ text: String) -> Date {
        guard let date = ISO8601DateFormatter().date(from: text) else { fatalError("bad fixture instant \(text)") }
        return date
    }

    /// A fixed "now" far from any boundary, used when the request carries its own acceptance instant.
    static let now = ict("2020-04-20", 10)

    // Gia Lai (pre-2025 code 64), Pleiku area: two communes of one former district, one of another.
    static let agencyPleiku = PricingPlace(commune: "23575", province: "64", areaGroup: "622")
    static let applicantPleiku = PricingPlace(commune: "23584", province: "64", areaGroup: "622")
    static let applicantChuSe = PricingPlace(commune: "24100", province: "64", areaGroup: "633", areaClasses: [.rural, .remote])
    static let applicantKonTum = PricingPlace(commune: "23300", province: "62")  // neighbouring province in `testTariff`
    static let applicantHanoi = PricingPlace(commune: "00004", province: "01")

    /// A result delivered in the same former district of Pleiku, accepted at `acceptedAt`.
    static func delivery(
        channel: SubmissionChannel = .online, onlineLevel: Int? = 4, field: DossierField? = nil,
        category: ApplicantCategory? = nil, to destination: PricingPlace = applicantPleiku, weight: Int = 50,
        fee: CollectedFee? = nil, extraAttempts: Int = 0, acceptedAt: Date? = ict("2020-04-20", 9),
        plannedDelivery: LocalDate? = nil
    ) -> PricingRequest {
        PricingRequest(
            kind: .deliverResult, channel: channel, onlineLevel: onlineLevel, field: field, applicantCategory: category,
            origin: agencyPleiku, destination: destination, weightGrams: weight, collectedFee: fee, extraAttempts: extraAttempts,
            acceptedAt: acceptedAt, plannedDeliveryDate: plannedDelivery)
    }

    /// A dossier picked up at the applicant and carried to the Pleiku agency.
    static func pickup(
        channel: SubmissionChannel = .online, onlineLevel: Int? = 4, field: DossierField? = nil,
        from origin: PricingPlace = applicantPleiku, weight: Int = 50, fee: CollectedFee? = nil,
        acceptedAt: Date? = ict("2020-04-20", 9)
    ) -> PricingRequest {
        PricingRequest(
            kind: .pickupDossier, channel: channel, onlineLevel: onlineLevel, field: field, origin: origin,
            destination: agencyPleiku, weightGrams: weight, collectedFee: fee, acceptedAt: acceptedAt)
    }

    /// Flat-priced by zone like the example, with real weight steps (100 g, then per 50 g) and Kon Tum (62) as neighbour.
    static func testTariff(
        id: String = "test-2020", vat: VATPolicy = .none, rounding: PriceRounding = .dong,
        adjustments: [AreaClassAdjustment] = [], exemptions: [ApplicantExemption] = [],
        validFrom: String = "2020-01-01", validTo: String? = nil
    ) -> Tariff {
        func component(_ component: PriceComponent) -> ComponentTariff {
            ComponentTariff(
                component: component, weightSteps: WeightSteps(firstGrams: 100, additionalGrams: 50),
                prices: [
                    ZonePrice(zone: .sameCommune, first: Money(20_000), additional: Money(1_000)),
                    ZonePrice(zone: .sameArea, first: Money(26_000), additional: Money(2_000)),
                    ZonePrice(zone: .withinProvince, first: Money(30_000), additional: Money(3_000)),
                    ZonePrice(zone: .neighbouringRegion, first: Money(30_500), additional: Money(4_000)),
                    ZonePrice(zone: .otherProvince, first: Money(31_500), additional: Money(5_000)),
                ])
        }
        return Tariff(
            id: id, name: "Biểu giá thử nghiệm", validFrom: day(validFrom), validTo: validTo.map(day), vat: vat, rounding: rounding,
            zones: ZoneRules(
                areaGroups: [AreaGroup(id: "622", communes: ["23575", "23584"]), AreaGroup(id: "633", communes: ["24100", "24103"])],
                neighbouringProvinces: ["62", "66"]),
            components: [
                component(.dossierPickup), component(.resultReturn),
                ComponentTariff(component: .feeCollection, prices: [ZonePrice(zone: nil, first: Money(8_000))]),
                component(.extraAttempt),
            ],
            areaClassAdjustments: adjustments, applicantExemptions: exemptions)
    }

    /// A campaign on `result_return` open to everyone for all of 2020, funded by the post office, unless told otherwise.
    static func campaign(
        _ id: String, _ discount: PriceChange, components: [PriceComponent] = [.resultReturn], cap: Money? = nil,
        funders: [FunderShare] = [FunderShare(funder: .postOffice)], stackable: Bool = false,
        eligibility: Eligibility = .everyone, decidedBy: CampaignDateBasis = .acceptedDate,
        from start: String = "2020-01-01", to end: String = "2020-12-31"
    ) -> Campaign {
        Campaign(
            id: id, name: "Chiến dịch \(id)", legalReference: "test", startDate: day(start), endDate: day(end), decidedBy: decidedBy,
            components: components, eligibility: eligibility, discount: discount, capPerJob: cap, funders: funders, stackable: stackable)
    }

    static func quote(
        _ request: PricingRequest, tariff: Tariff = PricingSeed.exampleTariff, campaigns: [Campaign] = PricingSeed.campaigns,
        now: Date = now
    ) throws -> Quote {
        try Pricing.quote(tariff: tariff, campaigns: campaigns, request: request, on: now)
    }
}

extension Quote {
    func line(_ component: PriceComponent) -> Quote.Line? { lines.first { $0.component == component } }
}
