import Foundation
import Testing
@testable import PostRunCore

@Suite struct TariffPricingTests {
    // MARK: Weight steps

    @Test(arguments: [
        (0, 1, 26_000), (1, 1, 26_000), (99, 1, 26_000), (100, 1, 26_000), (101, 2, 28_000), (150, 2, 28_000), (151, 3, 30_000),
        (200, 3, 30_000), (1_000, 19, 62_000),
    ] as [(Int, Int, Int64)])
    func weightSteps(_ grams: Int, _ steps: Int, _ price: Int64) throws {
        // testTariff, same area: 26,000 đ up to 100 g, then 2,000 đ per started 50 g.
        let quote = try Fixtures.quote(Fixtures.delivery(weight: grams, acceptedAt: Fixtures.ict("2020-08-01")), tariff: Fixtures.testTariff())
        let line = try #require(quote.line(.resultReturn))
        #expect(line.weightSteps == steps)
        #expect(line.unitPrice == Money(price))
        #expect(line.base == Money(price))
    }

    @Test func flatTariffIgnoresWeight() throws {
        for grams in [0, 100, 101, 5_000] {
            let line = try #require(try Fixtures.quote(Fixtures.delivery(weight: grams, acceptedAt: Fixtures.ict("2021-01-01"))).line(.resultReturn))
            #expect(line.weightSteps == 1)
            #expect(line.base == Money(26_000))
        }
    }

    @Test func weightStepArithmetic() {
        let steps = WeightSteps(firstGrams: 100, additionalGrams: 100)
        #expect(steps.steps(forGrams: 100) == 1)
        #expect(steps.steps(forGrams: 101) == 2)
        #expect(steps.steps(forGrams: 200) == 2)
        #expect(steps.steps(forGrams: 201) == 3)
        #expect(WeightSteps(firstGrams: 100).steps(forGrams: 10_000) == 1)
    }

    // MARK: VAT and rounding

    struct VATCase: CustomTestStringConvertible, Sendable {
        let label: String
        let vat: VATPolicy
        let rounding: PriceRounding
        let campaignBasisPoints: Int?
        let net: Int64
        let vatAmount: Int64
        let gross: Int64
        var testDescription: String { label }
    }

    static let vatCases: [VATCase] = [
        .init(label: "inclusive 0%", vat: .none, rounding: .dong, campaignBasisPoints: nil, net: 26_000, vatAmount: 0, gross: 26_000),
        // 26,000 × 1,000 / 11,000 = 2,363.6 → 2,364.
        .init(label: "inclusive 10%", vat: .init(pricesIncludeVAT: true, rateBasisPoints: 1_000), rounding: .dong, campaignBasisPoints: nil,
              net: 23_636, vatAmount: 2_364, gross: 26_000),
        .init(label: "exclusive 10%", vat: .init(pricesIncludeVAT: false, rateBasisPoints: 1_000), rounding: .dong, campaignBasisPoints: nil,
              net: 26_000, vatAmount: 2_600, gross: 28_600),
        .init(label: "exclusive 0%", vat: .init(pricesIncludeVAT: false, rateBasisPoints: 0), rounding: .dong, campaignBasisPoints: nil,
              net: 26_000, vatAmount: 0, gross: 26_000),
        // (26,000 − 7,800) × 1.08 = 19,656; VAT 19,656 × 800 / 10,800 = 1,456.
        .init(label: "exclusive 8% after 30% off", vat: .init(pricesIncludeVAT: false, rateBasisPoints: 800), rounding: .dong,
              campaignBasisPoints: 3_000, net: 18_200, vatAmount: 1_456, gross: 19_656),
        // 28,600 → 29,000 to the thousand; VAT 29,000 / 11 = 2,636.4 → 2,636.
        .init(label: "exclusive 10% rounded to 1,000", vat: .init(pricesIncludeVAT: false, rateBasisPoints: 1_000),
              rounding: .init(unit: 1_000), campaignBasisPoints: nil, net: 26_364, vatAmount: 2_636, gross: 29_000),
        // 26,000 × 67% = 17,420 → 17,400 to the hundred; VAT 17,400 / 11 = 1,581.8 → 1,582.
        .init(label: "inclusive 10%, 33% off, rounded to 100", vat: .init(pricesIncludeVAT: true, rateBasisPoints: 1_000),
              rounding: .init(unit: 100), campaignBasisPoints: 3_300, net: 15_818, vatAmount: 1_582, gross: 17_400),
        // 26,001 × 1.1 = 28,601.1 → 28,601 (one rounding, of the exact amount).
        .init(label: "exclusive 10%, fractional gross", vat: .init(pricesIncludeVAT: false, rateBasisPoints: 1_000), rounding: .dong,
              campaignBasisPoints: -1, net: 26_001, vatAmount: 2_600, gross: 28_601),
    ]

    @Test(arguments: vatCases)
    func netVATAndGross(_ c: VATCase) throws {
        var tariff = Fixtures.testTariff(vat: c.vat, rounding: c.rounding)
        var campaigns: [Campaign] = []
        if let basisPoints = c.campaignBasisPoints {
            if basisPoints < 0 {
                tariff.areaClassAdjustments = [AreaClassAdjustment(areaClass: .urban, kind: .surcharge, change: .fixed(Money(1)))]
            } else {
                campaigns = [Fixtures.campaign("c", .percent(basisPoints: basisPoints))]
            }
        }
        let place = PricingPlace(commune: "23584", province: "64", areaClasses: [.urban])
        let quote = try Fixtures.quote(Fixtures.delivery(to: place, acceptedAt: Fixtures.ict("2020-08-01")), tariff: tariff, campaigns: campaigns)
        let line = try #require(quote.line(.resultReturn))
        #expect(line.net == Money(c.net))
        #expect(line.vat == Money(c.vatAmount))
        #expect(line.gross == Money(c.gross))
        #expect(line.net + line.vat == line.gross)
        #expect(quote.total == line.gross)
        #expect(quote.pricesIncludeVAT == c.vat.pricesIncludeVAT)
        #expect(quote.vatRateBasisPoints == c.vat.rateBasisPoints)
    }

    @Test(arguments: [
        // 26,000 − 25% = 19,500; 26,000 − 33% = 17,420.
        (2_500, PriceRounding(unit: 1), 19_500), (2_500, .init(unit: 100), 19_500), (2_500, .init(unit: 1_000), 20_000),
        (2_500, .init(unit: 1_000, mode: .down), 19_000), (2_500, .init(unit: 1_000, mode: .up), 20_000),
        (3_300, .init(unit: 1), 17_420), (3_300, .init(unit: 100), 17_400), (3_300, .init(unit: 100, mode: .up), 17_500),
        (3_300, .init(unit: 1_000), 17_000), (3_300, .init(unit: 1_000, mode: .up), 18_000), (3_300, .init(unit: 1_000, mode: .down), 17_000),
    ] as [(Int, PriceRounding, Int64)])
    func roundingModes(_ basisPoints: Int, _ rounding: PriceRounding, _ gross: Int64) throws {
        let quote = try Fixtures.quote(
            Fixtures.delivery(acceptedAt: Fixtures.ict("2020-08-01")), tariff: Fixtures.testTariff(rounding: rounding),
            campaigns: [Fixtures.campaign("c", .percent(basisPoints: basisPoints))])
        #expect(quote.total == Money(gross))
    }

    @Test func roundingIsOncePerLineAndTheTotalIsTheSumOfLines() throws {
        // Each line 26,000 × 0.67 = 17,420 → 17,000 when rounded alone; rounding the sum (34,840 → 35,000) would differ.
        let campaign = Fixtures.campaign("c", .percent(basisPoints: 3_300), components: [.resultReturn, .extraAttempt])
        let quote = try Fixtures.quote(
            Fixtures.delivery(extraAttempts: 1, acceptedAt: Fixtures.ict("2020-08-01")),
            tariff: Fixtures.testTariff(rounding: .init(unit: 1_000)), campaigns: [campaign])
        #expect(quote.lines.map(\.gross) == [Money(17_000), Money(17_000)])
        #expect(quote.total == Money(34_000))
    }

    @Test func roundingRuleArithmetic() {
        #expect(PriceRounding(unit: 100).round(1_450, over: 1) == Money(1_500))
        #expect(PriceRounding(unit: 100).round(1_449, over: 1) == Money(1_400))
        #expect(PriceRounding(unit: 1).round(2_865, over: 10) == Money(287))  // 286.5 → 287
        #expect(PriceRounding(unit: 1).round(2_864, over: 10) == Money(286))
        #expect(PriceRounding(unit: 1, mode: .up).round(2_861, over: 10) == Money(287))
        #expect(PriceRounding(unit: 1, mode: .down).round(2_869, over: 10) == Money(286))
        #expect(PriceRounding(unit: 1_000, mode: .up).round(18_000, over: 1) == Money(18_000))
        #expect(PriceRounding(unit: 1_000).round(0, over: 1) == .zero)
    }

    // MARK: Surcharges and exemptions

    static let areaRules: [AreaClassAdjustment] = [
        AreaClassAdjustment(areaClass: .remote, kind: .surcharge, change: .percent(20), components: [.dossierPickup, .resultReturn]),
        AreaClassAdjustment(areaClass: .ethnicMinority, kind: .surcharge, change: .fixed(Money(5_000))),
        AreaClassAdjustment(areaClass: .especiallyDifficult, kind: .exemption, change: .percent(50)),
    ]

    @Test func remoteSurchargeThenCampaignDiscount() throws {
        // Chư Sê (rural, remote), within the province: 30,000 + 20% = 36,000; 30% off that = 10,800.
        let tariff = Fixtures.testTariff(adjustments: Self.areaRules)
        let campaigns = [Fixtures.campaign("c", .percent(30))]
        let quote = try Fixtures.quote(
            Fixtures.delivery(to: Fixtures.applicantChuSe, acceptedAt: Fixtures.ict("2020-08-01")), tariff: tariff, campaigns: campaigns)
        let line = try #require(quote.line(.resultReturn))
        #expect(line.base == Money(30_000))
        #expect(line.adjustments == [.init(kind: .surcharge, reason: .areaClass, code: "remote", amount: Money(6_000))])
        #expect(line.adjustedBase == Money(36_000))
        #expect(line.discountTotal == Money(10_800))
        #expect(line.gross == Money(25_200))
    }

    @Test func fixedSurchargeIsPerTripAndExemptionsApplyAfterSurcharges() throws {
        let tariff = Fixtures.testTariff(adjustments: Self.areaRules)
        let place = PricingPlace(commune: "24103", province: "64", areaClasses: [.ethnicMinority, .especiallyDifficult])
        let quote = try Fixtures.quote(
            Fixtures.delivery(to: place, extraAttempts: 2, acceptedAt: Fixtures.ict("2020-08-01")), tariff: tariff, campaigns: [])
        // Result return, within the province: 30,000 + 5,000 = 35,000, then 50% off → 17,500.
        let main = try #require(quote.line(.resultReturn))
        #expect(main.adjustments == [
            .init(kind: .surcharge, reason: .areaClass, code: "ethnic_minority", amount: Money(5_000)),
            .init(kind: .exemption, reason: .areaClass, code: "especially_difficult", amount: Money(17_500)),
        ])
        #expect(main.gross == Money(17_500))
        // Two extra attempts: 60,000 + 2 × 5,000 = 70,000, then 50% off → 35,000.
        let extra = try #require(quote.line(.extraAttempt))
        #expect(extra.quantity == 2)
        #expect(extra.base == Money(60_000))
        #expect(extra.adjustments.map(\.amount) == [Money(10_000), Money(35_000)])
        #expect(extra.gross == Money(35_000))
        #expect(quote.total == Money(52_500))
    }

    @Test func areaClassesAreThoseOfTheApplicantsCommune() throws {
        let tariff = Fixtures.testTariff(adjustments: Self.areaRules)
        // Pickup from a remote applicant: surcharged.
        let fromRemote = try Fixtures.quote(
            Fixtures.pickup(from: Fixtures.applicantChuSe, acceptedAt: Fixtures.ict("2020-08-01")), tariff: tariff, campaigns: [])
        #expect(fromRemote.total == Money(36_000))
        // Delivery whose origin (the agency) is remote but whose applicant is not: no surcharge.
        var request = Fixtures.delivery(to: Fixtures.applicantPleiku, acceptedAt: Fixtures.ict("2020-08-01"))
        request.origin = PricingPlace(commune: "23575", province: "64", areaGroup: "622", areaClasses: [.remote])
        #expect(try Fixtures.quote(request, tariff: tariff, campaigns: []).total == Money(26_000))
    }

    @Test func exemptionsNeverTakeALineBelowZero() throws {
        let tariff = Fixtures.testTariff(
            adjustments: [AreaClassAdjustment(areaClass: .remote, kind: .exemption, change: .percent(60))],
            exemptions: [ApplicantExemption(category: "war_invalid", change: .percent(60))])
        var request = Fixtures.delivery(to: Fixtures.applicantChuSe, acceptedAt: Fixtures.ict("2020-08-01"))
        request.applicantCategory = "war_invalid"
        let line = try #require(try Fixtures.quote(request, tariff: tariff, campaigns: [Fixtures.campaign("c", .percent(30))]).line(.resultReturn))
        #expect(line.adjustments.map(\.amount) == [Money(18_000), Money(12_000)])
        #expect(line.discounts.isEmpty)
        #expect(line.gross == .zero)
    }

    @Test func applicantExemptionCoversEveryComponentByDefault() throws {
        let quote = try Fixtures.quote(
            Fixtures.delivery(category: .heroicMother, fee: CollectedFee(amount: Money(100_000), name: "Lệ phí"), extraAttempts: 1,
                              acceptedAt: Fixtures.ict("2021-01-01")))
        #expect(quote.lines.count == 3)
        #expect(quote.lines.allSatisfy { $0.gross == .zero })
        #expect(quote.total == .zero)
        #expect(quote.collectedFee?.amount == Money(100_000))  // the government fee itself is still collected
    }

    @Test func otherCategoriesAreNotExempt() throws {
        let quote = try Fixtures.quote(Fixtures.delivery(category: "war_invalid", acceptedAt: Fixtures.ict("2021-01-01")))
        #expect(quote.total == Money(26_000))
        #expect(quote.lines.first?.adjustments.isEmpty == true)
    }

    // MARK: Components, fees, attempts

    @Test func collectedFeeIsNeverPostage() throws {
        let fee = CollectedFee(amount: Money(300_000), name: "Lệ phí cấp giấy chứng nhận")
        let quote = try Fixtures.quote(Fixtures.pickup(from: Fixtures.applicantHanoi, fee: fee, acceptedAt: Fixtures.ict("2021-01-01")))
        #expect(quote.lines.map(\.component) == [.dossierPickup, .feeCollection])
        let feeLine = try #require(quote.line(.feeCollection))
        #expect(feeLine.base == Money(8_000))
        #expect(feeLine.tariffZone == nil)
        #expect(feeLine.zone == .otherProvince)
        #expect(quote.total == Money(31_500 + 8_000))
        #expect(quote.collectedFee == fee)
        #expect(quote.lines.allSatisfy { $0.gross < Money(300_000) })
    }

    @Test func noFeeMeansNoFeeLineAndNullCollectedFee() throws {
        let quote = try Fixtures.quote(Fixtures.delivery(acceptedAt: Fixtures.ict("2021-01-01")))
        #expect(quote.lines.map(\.component) == [.resultReturn])
        #expect(quote.collectedFee == nil)
        #expect(quote.currency == "VND")
        #expect(quote.tariff == PricingSeed.exampleTariff.id)
    }

    @Test func extraAttemptsCostTheOneWayPriceEach() throws {
        let quote = try Fixtures.quote(Fixtures.delivery(to: Fixtures.applicantChuSe, extraAttempts: 2, acceptedAt: Fixtures.ict("2021-01-01")))
        let extra = try #require(quote.line(.extraAttempt))
        #expect(extra.quantity == 2)
        #expect(extra.unitPrice == Money(30_000))
        #expect(extra.base == Money(60_000))
        #expect(quote.total == Money(90_000))
    }

    // MARK: Tariff versions and errors

    @Test func tariffWindowIsInclusive() throws {
        let tariff = Fixtures.testTariff(validFrom: "2020-01-01", validTo: "2020-03-31")
        #expect(try Fixtures.quote(Fixtures.delivery(acceptedAt: Fixtures.ict("2020-03-31", 23, 59)), tariff: tariff).total > .zero)
        #expect(try Fixtures.quote(Fixtures.delivery(acceptedAt: Fixtures.ict("2020-01-01")), tariff: tariff).total > .zero)
        #expect(throws: PricingError.noTariffValid(on: Fixtures.day("2020-04-01"))) {
            try Fixtures.quote(Fixtures.delivery(acceptedAt: Fixtures.ict("2020-04-01")), tariff: tariff)
        }
        #expect(throws: PricingError.noTariffValid(on: Fixtures.day("2019-12-31"))) {
            try Fixtures.quote(Fixtures.delivery(acceptedAt: Fixtures.ict("2019-12-31", 23, 59)), tariff: tariff)
        }
    }

    @Test func theVersionValidOnTheAcceptedDateIsUsed() throws {
        let first = Fixtures.testTariff(id: "v1", validFrom: "2020-01-01", validTo: "2020-06-30")
        var second = Fixtures.testTariff(id: "v2", validFrom: "2020-07-01")
        second.components[1].prices[1].first = Money(27_000)  // result_return, same area
        let versions = [second, first]
        let cases: [(Date, String, Int64)] = [(Fixtures.ict("2020-06-30", 23, 59), "v1", 26_000), (Fixtures.ict("2020-07-01"), "v2", 27_000)]
        for (instant, id, price) in cases {
            let quote = try Pricing.quote(tariffs: versions, campaigns: [], request: Fixtures.delivery(acceptedAt: instant), on: Fixtures.now)
            #expect(quote.tariff == id)
            #expect(quote.total == Money(price))
            #expect(quote.pricedOn.tariffDate == VietnamTime.localDate(of: instant))
        }
        #expect(throws: PricingError.noTariffValid(on: Fixtures.day("2019-05-01"))) {
            try Pricing.quote(tariffs: versions, campaigns: [], request: Fixtures.delivery(acceptedAt: Fixtures.ict("2019-05-01")), on: Fixtures.now)
        }
        #expect(throws: PricingError.noTariffValid(on: Fixtures.day("2020-04-20"))) {
            try Pricing.quote(tariffs: [], campaigns: [], request: Fixtures.delivery(acceptedAt: nil), on: Fixtures.now)
        }
    }

    @Test func unpricedComponentIsAnError() {
        var tariff = Fixtures.testTariff()
        tariff.components.removeAll { $0.component == .feeCollection }
        #expect(throws: PricingError.componentNotPriced(component: .feeCollection, zone: .sameArea, tariff: tariff.id)) {
            try Fixtures.quote(Fixtures.delivery(fee: CollectedFee(amount: Money(1), name: "Phí"), acceptedAt: Fixtures.ict("2020-08-01")),
                               tariff: tariff)
        }
    }

    @Test func absurdLinesAreRefusedNotOverflowed() throws {
        var tariff = Fixtures.testTariff(vat: .init(pricesIncludeVAT: false, rateBasisPoints: 1_000))
        tariff.components = tariff.components.map { component in
            var component = component
            component.weightSteps = WeightSteps(firstGrams: 1, additionalGrams: 1)
            component.prices = component.prices.map { ZonePrice(zone: $0.zone, first: Pricing.maximumAmount, additional: Pricing.maximumAmount) }
            return component
        }
        #expect(Pricing.validate(tariff: tariff).isEmpty)
        let heavy = Fixtures.delivery(
            weight: Pricing.maximumWeightGrams, extraAttempts: Pricing.maximumExtraAttempts, acceptedAt: Fixtures.ict("2020-08-01"))
        #expect(throws: PricingError.lineTooLarge(component: .resultReturn, tariff: tariff.id)) {
            try Fixtures.quote(heavy, tariff: tariff, campaigns: [Fixtures.campaign("c", .percent(30))])
        }
        // Right at the limit: 1,000 steps × 1e9 đ = 1e12 đ is priced exactly.
        let atLimit = try Fixtures.quote(
            Fixtures.delivery(weight: 1_000, acceptedAt: Fixtures.ict("2020-08-01")), tariff: tariff,
            campaigns: [Fixtures.campaign("c", .percent(30))])
        #expect(atLimit.total == Money(770_000_000_000))  // 1e12 × 0.7 × 1.1
    }

    @Test func invalidInputsAreRefusedBeforePricing() throws {
        var badTariff = Fixtures.testTariff()
        badTariff.components[0].prices[0].first = Money(-1)
        #expect(throws: PricingError.invalidTariff(id: badTariff.id, errors: Pricing.validate(tariff: badTariff))) {
            try Fixtures.quote(Fixtures.delivery(), tariff: badTariff)
        }
        let badCampaign = Fixtures.campaign("half-funded", .percent(10), funders: [FunderShare(funder: .postOffice, basisPoints: 9_000)])
        #expect(throws: PricingError.invalidCampaign(id: "half-funded", errors: Pricing.validate(campaign: badCampaign))) {
            try Fixtures.quote(Fixtures.delivery(), campaigns: [badCampaign])
        }
        let twin = Fixtures.campaign("twin", .percent(10))
        #expect(throws: PricingError.invalidCampaign(id: "twin", errors: [.duplicate("id")])) {
            try Fixtures.quote(Fixtures.delivery(), campaigns: [twin, twin])
        }
        for request in [Fixtures.delivery(weight: -1), Fixtures.delivery(onlineLevel: 5), Fixtures.delivery(extraAttempts: -1),
                        Fixtures.delivery(fee: CollectedFee(amount: Money(-5), name: "Phí"))] {
            #expect(throws: PricingError.invalidRequest(errors: Pricing.validate(request: request))) {
                try Fixtures.quote(request)
            }
            #expect(Pricing.validate(request: request).count == 1)
        }
    }
}
