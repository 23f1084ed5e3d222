import Testing
@testable import PostRunCore

@Suite struct PricingValidationTests {
    func codes(_ errors: [PricingFieldError]) -> [String] { errors.map { "\($0.field):\($0.code.rawValue)" } }

    @Test func seedDataIsValid() {
        #expect(Pricing.validate(tariff: PricingSeed.exampleTariff).isEmpty)
        #expect(Pricing.validate(campaign: PricingSeed.giaLaiCovid2020).isEmpty)
        #expect(Pricing.validate(tariff: Fixtures.testTariff()).isEmpty)
    }

    struct TariffCase: CustomTestStringConvertible, Sendable {
        let label: String
        let edit: @Sendable (inout Tariff) -> Void
        let expected: [String]
        var testDescription: String { label }
    }

    static let tariffCases: [TariffCase] = [
        .init(label: "missing id and name", edit: { $0.id = ""; $0.name = "" }, expected: ["id:required", "name:required"]),
        .init(label: "inverted window", edit: { $0.validTo = Fixtures.day("2019-12-31") }, expected: ["valid_to:inverted_window"]),
        .init(label: "one-day window is fine", edit: { $0.validTo = $0.validFrom }, expected: []),
        .init(label: "negative price", edit: { $0.components[1].prices[2].first = Money(-1) },
              expected: ["components[1].prices[2].first:negative_amount"]),
        .init(label: "negative additional price", edit: { $0.components[0].prices[0].additional = Money(-100) },
              expected: ["components[0].prices[0].additional:negative_amount"]),
        .init(label: "absurd price", edit: { $0.components[0].prices[0].first = Money(1_000_000_001) },
              expected: ["components[0].prices[0].first:out_of_range"]),
        .init(label: "VAT over 100%", edit: { $0.vat.rateBasisPoints = 10_001 }, expected: ["vat.rate_basis_points:percent_out_of_range"]),
        .init(label: "negative VAT", edit: { $0.vat.rateBasisPoints = -1 }, expected: ["vat.rate_basis_points:percent_out_of_range"]),
        .init(label: "rounding to 500", edit: { $0.rounding.unit = 500 }, expected: ["rounding.unit:invalid_rounding_unit"]),
        .init(label: "zero weight step", edit: { $0.components[0].weightSteps = WeightSteps(firstGrams: 0, additionalGrams: 0) },
              expected: ["components[0].weight_steps.first_grams:invalid_weight_step",
                         "components[0].weight_steps.additional_grams:invalid_weight_step"]),
        .init(label: "duplicate component", edit: { $0.components.append($0.components[0]) }, expected: ["components[4].component:duplicate"]),
        .init(label: "duplicate zone", edit: { $0.components[0].prices.append(ZonePrice(zone: .sameArea, first: Money(1))) },
              expected: ["components[0].prices[5].zone:duplicate"]),
        .init(label: "no prices", edit: { $0.components[2].prices = [] }, expected: ["components[2].prices:required"]),
        .init(label: "surcharge over 100%", edit: {
            $0.areaClassAdjustments = [AreaClassAdjustment(areaClass: .remote, kind: .surcharge, change: .percent(basisPoints: 10_500))]
        }, expected: ["area_class_adjustments[0].change.basis_points:percent_out_of_range"]),
        .init(label: "negative fixed exemption", edit: {
            $0.applicantExemptions = [ApplicantExemption(category: .heroicMother, change: .fixed(Money(-1)))]
        }, expected: ["applicant_exemptions[0].change.amount:negative_amount"]),
        .init(label: "commune in two area groups", edit: { $0.zones.areaGroups[1].communes.append("23575") },
              expected: ["zones.area_groups[1].communes[2]:ambiguous_area_group"]),
    ]

    @Test(arguments: tariffCases)
    func tariffErrors(_ c: TariffCase) {
        var tariff = Fixtures.testTariff()
        c.edit(&tariff)
        #expect(codes(Pricing.validate(tariff: tariff)) == c.expected)
    }

    @Test func overlappingVersionsForTheSameComponentAndZoneAreRefused() {
        let existing = [
            Fixtures.testTariff(id: "2020", validFrom: "2020-01-01", validTo: "2020-12-31"),
            Fixtures.testTariff(id: "2022", validFrom: "2022-01-01"),
        ]
        // Starts inside 2020's window: every row overlaps.
        let overlapping = Fixtures.testTariff(id: "new", validFrom: "2020-12-31", validTo: "2021-06-30")
        let errors = Pricing.validate(tariff: overlapping, existing: existing)
        #expect(errors.count == 16)  // 3 zone-priced components × 5 rows + the any-zone fee row
        #expect(errors.allSatisfy { $0.code == .overlappingVersion && $0.messageEn.contains("2020") })
        #expect(errors.first?.field == "components[0].prices[0].zone")

        // Fills the gap exactly: fine.
        let gap = Fixtures.testTariff(id: "new", validFrom: "2021-01-01", validTo: "2021-12-31")
        #expect(Pricing.validate(tariff: gap, existing: existing).isEmpty)
        // Open-ended overlaps the open-ended 2022 version.
        let open = Fixtures.testTariff(id: "new", validFrom: "2021-01-01")
        #expect(Pricing.validate(tariff: open, existing: existing).allSatisfy { $0.messageEn.contains("2022") })
        #expect(!Pricing.validate(tariff: open, existing: existing).isEmpty)
        // Editing a version is not an overlap with itself.
        #expect(Pricing.validate(tariff: existing[0], existing: existing).isEmpty)

        // Same window, different component: fine. Same component, different zone: fine. Any-zone row: overlaps all.
        var pickupOnly = Fixtures.testTariff(id: "pickup", validFrom: "2020-06-01", validTo: "2020-06-30")
        pickupOnly.components = [ComponentTariff(component: .dossierPickup, prices: [ZonePrice(zone: .sameCommune, first: Money(1))])]
        var returnOnly = pickupOnly
        returnOnly.id = "return"
        returnOnly.components = [ComponentTariff(component: .resultReturn, prices: [ZonePrice(zone: .sameCommune, first: Money(1))])]
        #expect(Pricing.validate(tariff: returnOnly, existing: [pickupOnly]).isEmpty)
        var otherZone = pickupOnly
        otherZone.id = "other-zone"
        otherZone.components[0].prices[0].zone = .sameArea
        #expect(Pricing.validate(tariff: otherZone, existing: [pickupOnly]).isEmpty)
        var anyZone = pickupOnly
        anyZone.id = "any-zone"
        anyZone.components[0].prices[0].zone = nil
        #expect(codes(Pricing.validate(tariff: anyZone, existing: [pickupOnly])) == ["components[0].prices[0].zone:overlapping_version"])
    }

    struct CampaignCase: CustomTestStringConvertible, Sendable {
        let label: String
        let edit: @Sendable (inout Campaign) -> Void
        let expected: [String]
        var testDescription: String { label }
    }

    static let campaignCases: [CampaignCase] = [
        .init(label: "inverted window", edit: { $0.endDate = Fixtures.day("2020-03-22") }, expected: ["end_date:inverted_window"]),
        .init(label: "one-day window is fine", edit: { $0.endDate = $0.startDate }, expected: []),
        .init(label: "over 100%", edit: { $0.discount = .percent(basisPoints: 10_001) }, expected: ["discount.basis_points:percent_out_of_range"]),
        .init(label: "negative percent", edit: { $0.discount = .percent(basisPoints: -1) }, expected: ["discount.basis_points:percent_out_of_range"]),
        .init(label: "100% is fine", edit: { $0.discount = .percent(100) }, expected: []),
        .init(label: "negative fixed", edit: { $0.discount = .fixed(Money(-1)) }, expected: ["discount.amount:negative_amount"]),
        .init(label: "negative cap", edit: { $0.capPerJob = Money(-1) }, expected: ["cap_per_job:negative_cap"]),
        .init(label: "zero cap is fine", edit: { $0.capPerJob = .zero }, expected: []),
        .init(label: "split sums to 90%", edit: {
            $0.funders = [FunderShare(funder: .postOffice, basisPoints: 4_000), FunderShare(funder: .provincialBudget, basisPoints: 5_000)]
        }, expected: ["funders:funder_split_not_100"]),
        .init(label: "split sums to 110%", edit: {
            $0.funders = [FunderShare(funder: .postOffice, basisPoints: 6_000), FunderShare(funder: .provincialBudget, basisPoints: 5_000)]
        }, expected: ["funders:funder_split_not_100"]),
        .init(label: "50/50 is fine", edit: {
            $0.funders = [FunderShare(funder: .postOffice, basisPoints: 5_000), FunderShare(funder: .provincialBudget, basisPoints: 5_000)]
        }, expected: []),
        .init(label: "share out of range", edit: {
            $0.funders = [FunderShare(funder: .postOffice, basisPoints: 15_000), FunderShare(funder: .provincialBudget, basisPoints: -5_000)]
        }, expected: ["funders[0].basis_points:percent_out_of_range", "funders[1].basis_points:percent_out_of_range"]),
        .init(label: "duplicate funder", edit: {
            $0.funders = [FunderShare(funder: .postOffice, basisPoints: 5_000), FunderShare(funder: .postOffice, basisPoints: 5_000)]
        }, expected: ["funders[1].funder:duplicate"]),
        .init(label: "no funders", edit: { $0.funders = [] }, expected: ["funders:required"]),
        .init(label: "no components", edit: { $0.components = [] }, expected: ["components:required"]),
        .init(label: "online level 5", edit: { $0.eligibility = .any([.all([.onlineLevelIn([3, 5])])]) },
              expected: ["eligibility.any[0].all[0].online_level_in[1]:out_of_range"]),
        .init(label: "missing id", edit: { $0.id = "" }, expected: ["id:required"]),
    ]

    @Test(arguments: campaignCases)
    func campaignErrors(_ c: CampaignCase) {
        var campaign = PricingSeed.giaLaiCovid2020
        c.edit(&campaign)
        #expect(codes(Pricing.validate(campaign: campaign)) == c.expected)
    }

    @Test func errorsCarryBothLanguages() throws {
        var campaign = PricingSeed.giaLaiCovid2020
        campaign.funders = [FunderShare(funder: .postOffice, basisPoints: 5_000)]
        let error = try #require(Pricing.validate(campaign: campaign).first)
        #expect(error.messageVi == "Tỷ lệ chi trả của các đơn vị phải cộng lại đúng 100%.")
        #expect(error.messageEn == "The funders' shares must add up to exactly 100%.")
        let json = String(decoding: try PricingSeed.canonicalEncoder().encode(error), as: UTF8.self)
        #expect(json.contains(#""message_vi" : "Tỷ lệ chi trả"#))
        #expect(json.contains(#""code" : "funder_split_not_100""#))
    }
}
