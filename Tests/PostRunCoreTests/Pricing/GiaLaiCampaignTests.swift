import Foundation
import Testing
@testable import PostRunCore

/// The seed campaign: 30% off result return, 23/3/2020–30/5/2020 in Vietnam, online level 3/4 or secured-transaction field.
@Suite struct GiaLaiCampaignTests {
    static let campaignId = PricingSeed.giaLaiCovid2020.id

    struct WindowCase: CustomTestStringConvertible, Sendable {
        let label: String
        let acceptedAt: Date
        let discounted: Bool
        let localDate: String
        var testDescription: String { label }
    }

    static let windowCases: [WindowCase] = [
        .init(label: "22/3 23:59 ICT", acceptedAt: Fixtures.ict("2020-03-22", 23, 59), discounted: false, localDate: "2020-03-22"),
        .init(label: "22/3 23:59:59 ICT", acceptedAt: Fixtures.ict("2020-03-22", 23, 59, 59), discounted: false, localDate: "2020-03-22"),
        .init(label: "23/3 00:00 ICT", acceptedAt: Fixtures.ict("2020-03-23"), discounted: true, localDate: "2020-03-23"),
        .init(label: "mid-window", acceptedAt: Fixtures.ict("2020-04-15", 14), discounted: true, localDate: "2020-04-15"),
        .init(label: "30/5 23:59 ICT", acceptedAt: Fixtures.ict("2020-05-30", 23, 59), discounted: true, localDate: "2020-05-30"),
        .init(label: "31/5 00:00 ICT", acceptedAt: Fixtures.ict("2020-05-31"), discounted: false, localDate: "2020-05-31"),
        // The UTC date differs from the Vietnamese date: Vietnam decides.
        .init(label: "2020-03-22T17:30Z is 23/3 in Vietnam", acceptedAt: Fixtures.utc("2020-03-22T17:30:00Z"), discounted: true,
              localDate: "2020-03-23"),
        .init(label: "2020-03-22T16:59:59Z is still 22/3", acceptedAt: Fixtures.utc("2020-03-22T16:59:59Z"), discounted: false,
              localDate: "2020-03-22"),
        .init(label: "2020-05-30T16:59:59Z is 30/5 23:59:59", acceptedAt: Fixtures.utc("2020-05-30T16:59:59Z"), discounted: true,
              localDate: "2020-05-30"),
        .init(label: "2020-05-30T17:00Z is 31/5 in Vietnam", acceptedAt: Fixtures.utc("2020-05-30T17:00:00Z"), discounted: false,
              localDate: "2020-05-31"),
    ]

    @Test(arguments: windowCases)
    func windowIsInclusiveInVietnamTime(_ c: WindowCase) throws {
        let quote = try Fixtures.quote(Fixtures.delivery(acceptedAt: c.acceptedAt))
        let line = try #require(quote.line(.resultReturn))
        #expect(line.base == Money(26_000))
        #expect(quote.pricedOn.acceptedDate == Fixtures.day(c.localDate))
        if c.discounted {
            let discount = try #require(line.discounts.first)
            #expect(line.discounts.count == 1)
            #expect(discount.campaign == Self.campaignId)
            #expect(discount.amount == Money(7_800))
            #expect(discount.decidedByDate == .acceptedDate)
            #expect(discount.date == Fixtures.day(c.localDate))
            #expect(discount.funders == [Quote.FunderAmount(funder: .postOffice, amount: Money(7_800))])
            #expect(line.gross == Money(18_200))
            #expect(quote.total == Money(18_200))
        } else {
            #expect(line.discounts.isEmpty)
            #expect(line.gross == Money(26_000))
            #expect(quote.total == Money(26_000))
        }
    }

    @Test func quoteBeforeAcceptanceUsesTheQuotingInstant() throws {
        let request = Fixtures.delivery(acceptedAt: nil)
        let inside = try Fixtures.quote(request, now: Fixtures.utc("2020-03-22T17:00:00Z"))
        let outside = try Fixtures.quote(request, now: Fixtures.utc("2020-03-22T16:59:00Z"))
        #expect(inside.total == Money(18_200))
        #expect(inside.pricedOn.acceptedDate == Fixtures.day("2020-03-23"))
        #expect(outside.total == Money(26_000))
    }

    struct EligibilityCase: CustomTestStringConvertible, Sendable {
        let channel: SubmissionChannel
        let level: Int?
        let field: DossierField?
        let eligible: Bool
        var testDescription: String { "\(channel) level \(level.map(String.init) ?? "-") field \(field?.rawValue ?? "-")" }
    }

    static let eligibilityCases: [EligibilityCase] = [
        .init(channel: .online, level: 1, field: nil, eligible: false),
        .init(channel: .online, level: 2, field: nil, eligible: false),
        .init(channel: .online, level: 3, field: nil, eligible: true),
        .init(channel: .online, level: 4, field: nil, eligible: true),
        .init(channel: .online, level: nil, field: nil, eligible: false),
        .init(channel: .online, level: 2, field: .securedTransactionRegistration, eligible: true),
        .init(channel: .counter, level: nil, field: .securedTransactionRegistration, eligible: true),
        .init(channel: .postal, level: nil, field: .securedTransactionRegistration, eligible: true),
        .init(channel: .hotline, level: nil, field: .securedTransactionRegistration, eligible: true),
        .init(channel: .counter, level: nil, field: "land", eligible: false),
        .init(channel: .counter, level: nil, field: nil, eligible: false),
        .init(channel: .hotline, level: nil, field: nil, eligible: false),
        // A level without an online channel is not an online submission.
        .init(channel: .counter, level: 4, field: nil, eligible: false),
    ]

    @Test(arguments: eligibilityCases)
    func eligibility(_ c: EligibilityCase) throws {
        let request = Fixtures.delivery(channel: c.channel, onlineLevel: c.level, field: c.field, acceptedAt: Fixtures.ict("2020-04-01", 8))
        #expect(PricingSeed.giaLaiCovid2020.eligibility.isSatisfied(by: request) == c.eligible)
        let line = try #require(try Fixtures.quote(request).line(.resultReturn))
        #expect(line.discounts.map(\.campaign) == (c.eligible ? [Self.campaignId] : []))
        #expect(line.gross == Money(c.eligible ? 18_200 : 26_000))
    }

    @Test(arguments: eligibilityCases.filter(\.eligible))
    func dossierPickupIsNeverDiscounted(_ c: EligibilityCase) throws {
        let request = Fixtures.pickup(
            channel: c.channel, onlineLevel: c.level, field: c.field,
            fee: CollectedFee(amount: Money(80_000), name: "Lệ phí đăng ký giao dịch bảo đảm"),
            acceptedAt: Fixtures.ict("2020-04-01", 8))
        let quote = try Fixtures.quote(request)
        #expect(quote.lines.map(\.component) == [.dossierPickup, .feeCollection])
        #expect(quote.lines.allSatisfy { $0.discounts.isEmpty })
        #expect(quote.total == Money(26_000 + 8_000))
    }

    @Test func onlyTheResultReturnLineOfADeliveryIsDiscounted() throws {
        let request = Fixtures.delivery(
            onlineLevel: 3, fee: CollectedFee(amount: Money(50_000), name: "Phí"), extraAttempts: 1,
            acceptedAt: Fixtures.ict("2020-04-01", 8))
        let quote = try Fixtures.quote(request)
        #expect(quote.lines.map(\.component) == [.resultReturn, .feeCollection, .extraAttempt])
        #expect(quote.line(.resultReturn)?.discounts.count == 1)
        #expect(quote.line(.feeCollection)?.discounts.isEmpty == true)
        #expect(quote.line(.extraAttempt)?.discounts.isEmpty == true)
        #expect(quote.total == Money(18_200 + 8_000 + 26_000))
        #expect(quote.collectedFee == CollectedFee(amount: Money(50_000), name: "Phí"))
    }

    @Test func discountAppliesInEveryZone() throws {
        let cases: [(PricingPlace, Int64)] = [
            (Fixtures.applicantPleiku, 26_000), (Fixtures.applicantChuSe, 30_000), (Fixtures.applicantHanoi, 31_500),
        ]
        for (place, base) in cases {
            let quote = try Fixtures.quote(Fixtures.delivery(to: place, acceptedAt: Fixtures.ict("2020-05-01")))
            let line = try #require(quote.line(.resultReturn))
            #expect(line.base == Money(base))
            #expect(line.discountTotal == Money(base).scaled(by: 30, over: 100))
            #expect(line.gross == Money(base) - Money(base).scaled(by: 30, over: 100))
        }
    }

    @Test func exemptApplicantsPayNothingAndGetNoDiscountOnTop() throws {
        for category in [ApplicantCategory.heroicMother, .revolutionaryPre1945] {
            let quote = try Fixtures.quote(Fixtures.delivery(category: category, acceptedAt: Fixtures.ict("2020-04-01")))
            let line = try #require(quote.line(.resultReturn))
            #expect(line.adjustments == [Quote.Adjustment(kind: .exemption, reason: .applicantCategory, code: category.rawValue,
                                                          amount: Money(26_000))])
            #expect(line.discounts.isEmpty)
            #expect(line.gross == .zero)
            #expect(quote.total == .zero)
        }
    }
}
