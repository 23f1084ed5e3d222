import Foundation
import Testing
@testable import PostRunCore

@Suite struct CampaignStackingTests {
    /// Same area, 26,000 đ, accepted mid-2020.
    func resultReturn(_ campaigns: [Campaign], extraAttempts: Int = 0, plannedDelivery: LocalDate? = nil,
                      acceptedAt: Date = Fixtures.ict("2020-08-01")) throws -> Quote {
        try Fixtures.quote(
            Fixtures.delivery(extraAttempts: extraAttempts, acceptedAt: acceptedAt, plannedDelivery: plannedDelivery),
            tariff: Fixtures.testTariff(), campaigns: campaigns)
    }

    struct StackCase: CustomTestStringConvertible, Sendable {
        let label: String
        let campaigns: [Campaign]
        /// (campaign id, amount) in the order applied.
        let applied: [String: Int64]
        let order: [String]
        var testDescription: String { label }
    }

    static let stackCases: [StackCase] = [
        .init(label: "best single of two", campaigns: [Fixtures.campaign("a10", .percent(10)), Fixtures.campaign("b30", .percent(30))],
              applied: ["b30": 7_800], order: ["b30"]),
        .init(label: "tie goes to the smaller id", campaigns: [Fixtures.campaign("z", .percent(20)), Fixtures.campaign("m", .percent(20))],
              applied: ["m": 5_200], order: ["m"]),
        .init(label: "fixed beats a smaller percentage",
              campaigns: [Fixtures.campaign("pct", .percent(30)), Fixtures.campaign("fix", .fixed(Money(10_000)))],
              applied: ["fix": 10_000], order: ["fix"]),
        .init(label: "stackables add to the best single",
              campaigns: [Fixtures.campaign("s1", .percent(10), stackable: true), Fixtures.campaign("best", .percent(30)),
                          Fixtures.campaign("worse", .percent(20)), Fixtures.campaign("s0", .fixed(Money(1_000)), stackable: true)],
              applied: ["best": 7_800, "s0": 1_000, "s1": 2_600], order: ["best", "s0", "s1"]),
        .init(label: "stackables alone, never below zero",
              campaigns: [Fixtures.campaign("a", .percent(60), stackable: true), Fixtures.campaign("b", .percent(60), stackable: true)],
              applied: ["a": 15_600, "b": 10_400], order: ["a", "b"]),
        .init(label: "a cap can make another campaign the best",
              campaigns: [Fixtures.campaign("big", .percent(50), cap: Money(1_000)), Fixtures.campaign("small", .percent(10))],
              applied: ["small": 2_600], order: ["small"]),
        .init(label: "cap limits the discount", campaigns: [Fixtures.campaign("capped", .percent(30), cap: Money(5_000))],
              applied: ["capped": 5_000], order: ["capped"]),
        .init(label: "zero cap gives nothing", campaigns: [Fixtures.campaign("zero", .percent(30), cap: .zero)], applied: [:], order: []),
        .init(label: "a campaign for another component is ignored",
              campaigns: [Fixtures.campaign("pickup-only", .percent(50), components: [.dossierPickup])], applied: [:], order: []),
        .init(label: "out of window is ignored", campaigns: [Fixtures.campaign("old", .percent(50), from: "2019-01-01", to: "2019-12-31")],
              applied: [:], order: []),
        .init(label: "ineligible is ignored", campaigns: [Fixtures.campaign("counter-only", .percent(50), eligibility: .channelIn([.counter]))],
              applied: [:], order: []),
    ]

    @Test(arguments: stackCases)
    func stacking(_ c: StackCase) throws {
        let line = try #require(try resultReturn(c.campaigns).line(.resultReturn))
        #expect(line.discounts.map(\.campaign) == c.order)
        #expect(Dictionary(line.discounts.map { ($0.campaign, $0.amount.dong) }, uniquingKeysWith: +) == c.applied)
        #expect(line.gross == Money(26_000 - c.applied.values.reduce(0, +)))
    }

    @Test func capIsPerJobAcrossLines() throws {
        let campaign = Fixtures.campaign("half", .percent(50), components: [.resultReturn, .extraAttempt], cap: Money(20_000))
        let quote = try resultReturn([campaign], extraAttempts: 1)
        #expect(quote.lines.map(\.discountTotal) == [Money(13_000), Money(7_000)])
        #expect(quote.total == Money(52_000 - 20_000))
    }

    @Test func giaLaiStacksWithAStackableBudgetCampaign() throws {
        let budget = Fixtures.campaign("budget-20", .percent(20), funders: [FunderShare(funder: .provincialBudget)], stackable: true)
        let quote = try Fixtures.quote(
            Fixtures.delivery(onlineLevel: 3, acceptedAt: Fixtures.ict("2020-04-01")), campaigns: [budget, PricingSeed.giaLaiCovid2020])
        let line = try #require(quote.line(.resultReturn))
        #expect(line.discounts.map(\.campaign) == [PricingSeed.giaLaiCovid2020.id, "budget-20"])
        #expect(line.discounts.map(\.amount) == [Money(7_800), Money(5_200)])
        #expect(line.discounts.last?.funders == [.init(funder: .provincialBudget, amount: Money(5_200))])
        #expect(quote.total == Money(13_000))
    }

    // MARK: Funders

    @Test func fiftyFiftySplitLikeThuaThienHue() throws {
        let hue = Fixtures.campaign(
            "hue-2020", .percent(100),
            funders: [FunderShare(funder: .postOffice, basisPoints: 5_000), FunderShare(funder: .provincialBudget, basisPoints: 5_000)])
        let quote = try Fixtures.quote(Fixtures.delivery(to: Fixtures.applicantKonTum, acceptedAt: Fixtures.ict("2020-08-01")),
                                       tariff: Fixtures.testTariff(), campaigns: [hue])
        let discount = try #require(quote.line(.resultReturn)?.discounts.first)
        // 30,500 split in two.
        #expect(discount.amount == Money(30_500))
        #expect(discount.funders == [.init(funder: .postOffice, amount: Money(15_250)), .init(funder: .provincialBudget, amount: Money(15_250))])
        #expect(quote.total == .zero)
    }

    @Test(arguments: [
        (7_801, [5_000, 5_000], [3_901, 3_900]),
        (7_801, [5_000, 5_000].reversed(), [3_901, 3_900]),
        (100, [3_334, 3_333, 3_333], [34, 33, 33]),
        (2, [3_334, 3_333, 3_333], [1, 1, 0]),
        (1, [2_500, 7_500], [0, 1]),
        (0, [5_000, 5_000], [0, 0]),
        (26_000, [10_000], [26_000]),
        (999_999_937, [1_111, 2_222, 3_333, 3_334], [111_099_993, 222_199_986, 333_299_979, 333_399_979]),
    ] as [(Int64, [Int], [Int64])])
    func splitSumsExactly(_ amount: Int64, _ basisPoints: [Int], _ expected: [Int64]) {
        let funders: [DiscountFunder] = ["a", "b", "c", "d"]
        let shares = zip(funders, basisPoints).map { FunderShare(funder: $0, basisPoints: $1) }
        let parts = Pricing.split(Money(amount), among: shares)
        #expect(parts.map(\.amount.dong) == expected)
        #expect(parts.map(\.funder) == Array(funders.prefix(basisPoints.count)))
        #expect(parts.reduce(Money.zero) { $0 + $1.amount } == Money(amount))
    }

    // MARK: Deciding date

    @Test func deliveryDateCampaignsUseThePlannedDeliveryDate() throws {
        let june = Fixtures.campaign("june", .percent(10), decidedBy: .deliveryDate, from: "2020-06-01", to: "2020-06-30")
        let accepted = Fixtures.ict("2020-05-30", 15)

        let inside = try resultReturn([june], plannedDelivery: Fixtures.day("2020-06-01"), acceptedAt: accepted)
        let discount = try #require(inside.line(.resultReturn)?.discounts.first)
        #expect(discount.decidedByDate == .deliveryDate)
        #expect(discount.date == Fixtures.day("2020-06-01"))
        #expect(inside.pricedOn.deliveryDate == Fixtures.day("2020-06-01"))
        #expect(inside.pricedOn.acceptedDate == Fixtures.day("2020-05-30"))

        let after = try resultReturn([june], plannedDelivery: Fixtures.day("2020-07-01"), acceptedAt: Fixtures.ict("2020-06-15"))
        #expect(after.line(.resultReturn)?.discounts.isEmpty == true)

        // No planned delivery date: the accepted date stands in, and the quote says so.
        let fallback = try resultReturn([june], acceptedAt: Fixtures.ict("2020-06-10"))
        let used = try #require(fallback.line(.resultReturn)?.discounts.first)
        #expect(used.decidedByDate == .acceptedDate)
        #expect(used.date == Fixtures.day("2020-06-10"))
        #expect(try resultReturn([june], acceptedAt: accepted).line(.resultReturn)?.discounts.isEmpty == true)
    }

    @Test func acceptedDateCampaignsIgnoreTheDeliveryDate() throws {
        // Gia Lai: accepted 30/5 and delivered 2/6 is discounted; accepted 31/5 and delivered 29/5 (impossible but explicit) is not.
        let campaigns = [PricingSeed.giaLaiCovid2020]
        let late = try Fixtures.quote(Fixtures.delivery(acceptedAt: Fixtures.ict("2020-05-30", 20), plannedDelivery: Fixtures.day("2020-06-02")),
                                      campaigns: campaigns)
        #expect(late.total == Money(18_200))
        #expect(late.lines.first?.discounts.first?.date == Fixtures.day("2020-05-30"))
        let after = try Fixtures.quote(Fixtures.delivery(acceptedAt: Fixtures.ict("2020-05-31"), plannedDelivery: Fixtures.day("2020-05-29")),
                                       campaigns: campaigns)
        #expect(after.total == Money(26_000))
    }

    // MARK: Eligibility rule tree

    @Test func eligibilityLeavesAndCombinators() {
        let remoteHeroicMother = PricingRequest(
            kind: .deliverResult, channel: .hotline, applicantCategory: .heroicMother, origin: Fixtures.agencyPleiku,
            destination: Fixtures.applicantChuSe)
        let cases: [(Eligibility, Bool)] = [
            (.everyone, true),
            (.any([]), false),
            (.not(.everyone), false),
            (.kindIn([.deliverResult]), true),
            (.kindIn([.pickupDossier]), false),
            (.areaClassIn([.remote]), true),
            (.areaClassIn([.urban, .ethnicMinority]), false),
            (.applicantCategoryIn([.heroicMother]), true),
            (.applicantCategoryIn([.revolutionaryPre1945]), false),
            (.provinceIn(["64"]), true),
            (.provinceIn(["52"]), false),
            (.channelIn([.hotline, .postal]), true),
            (.onlineLevelIn([1, 2, 3, 4]), false),
            (.fieldIn([.securedTransactionRegistration]), false),
            (.all([.kindIn([.deliverResult]), .not(.channelIn([.online]))]), true),
            (.any([.onlineLevelIn([4]), .all([.areaClassIn([.remote]), .provinceIn(["64"])])]), true),
            (.not(.any([.onlineLevelIn([4]), .areaClassIn([.remote])])), false),
        ]
        for (rule, expected) in cases {
            #expect(rule.isSatisfied(by: remoteHeroicMother) == expected, "\(rule)")
        }
        // For a pickup the applicant is at the origin.
        var pickup = remoteHeroicMother
        pickup.kind = .pickupDossier
        pickup.origin = Fixtures.applicantChuSe
        pickup.destination = Fixtures.agencyPleiku
        #expect(Eligibility.areaClassIn([.remote]).isSatisfied(by: pickup))
    }
}
