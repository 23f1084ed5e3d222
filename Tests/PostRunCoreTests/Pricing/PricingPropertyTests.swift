import Foundation
import PropertyBased
import Testing
@testable import PostRunCore

/// Generators of valid tariffs, campaigns and requests, built from small integers so failures shrink.
enum PricingGen {
    static let fields: [DossierField?] = [nil, .securedTransactionRegistration, "land"]
    static let categories: [ApplicantCategory?] = [nil, .heroicMother, .revolutionaryPre1945, "war_invalid"]
    static let places: [PricingPlace] = [
        Fixtures.agencyPleiku, Fixtures.applicantPleiku, PricingPlace(commune: "23584", province: "64"), Fixtures.applicantChuSe,
        PricingPlace(commune: "24103", province: "64", areaClasses: [.ethnicMinority, .especiallyDifficult, .rural]),
        Fixtures.applicantKonTum, Fixtures.applicantHanoi, PricingPlace(commune: "7", province: "66", areaClasses: [.urban]),
    ]
    static let roundings: [PriceRounding] = PriceRounding.allowedUnits.flatMap { unit in
        PriceRounding.Mode.allCases.map { PriceRounding(unit: unit, mode: $0) }
    }

    /// A change from one integer: a percentage (0–100%) or a fixed amount (0–19,999 đ).
    static func change(_ code: Int) -> PriceChange {
        code % 2 == 0 ? .percent(basisPoints: (code / 2) % 10_001) : .fixed(Money(Int64((code / 2) % 20_000)))
    }

    static func components(mask: Int) -> [PriceComponent] {
        let chosen = PriceComponent.allCases.enumerated().filter { mask & (1 << $0.offset) != 0 }.map(\.element)
        return chosen.isEmpty ? [.resultReturn] : chosen
    }

    /// Builds an eligibility tree (depth ≤ 3) from a list of integers.
    static func eligibility(_ codes: [Int]) -> Eligibility {
        var iterator = codes.makeIterator()
        return node(&iterator, depth: 0)
    }

    private static func node(_ codes: inout IndexingIterator<[Int]>, depth: Int) -> Eligibility {
        guard let code = codes.next() else { return .everyone }
        let pick = code / 10
        switch code % 10 {
        case 0 where depth < 3: return .all([node(&codes, depth: depth + 1), node(&codes, depth: depth + 1)])
        case 1 where depth < 3: return .any([node(&codes, depth: depth + 1), node(&codes, depth: depth + 1)])
        case 2 where depth < 3: return .not(node(&codes, depth: depth + 1))
        case 3: return .onlineLevelIn([1 + pick % 4, 1 + (pick / 4) % 4])
        case 4: return .channelIn([SubmissionChannel.allCases[pick % SubmissionChannel.allCases.count]])
        case 5: return .fieldIn([fields[1 + pick % 2]!])
        case 6: return .areaClassIn([AreaClass.allCases[pick % AreaClass.allCases.count]])
        case 7: return .kindIn([JobKind.allCases[pick % 2]])
        case 8: return .applicantCategoryIn([categories[1 + pick % 3]!])
        default: return .provinceIn([["64", "62", "01"][pick % 3]])
        }
    }

    static let tariff = zip(
        Gen.int64(in: 0...100_000).array(of: 5),
        Gen.int64(in: 0...10_000).array(of: 5),
        Gen.int(in: 1...500),
        Gen.int(in: 1...500).optional,
        Gen.bool,
        Gen.int(in: 0...3),
        Gen.int(in: 0...(roundings.count - 1)),
        Gen.int(in: 0...100_000).array(of: 0...3),
        Gen.int(in: 0...100_000).array(of: 0...2),
        Gen.int64(in: 0...20_000)
    ).map { firsts, additionals, firstGrams, additionalGrams, included, rateIndex, roundingIndex, adjustmentCodes, exemptionCodes, fee in
        let steps = WeightSteps(firstGrams: firstGrams, additionalGrams: additionalGrams)
        let prices = PricingZone.allCases.enumerated().map { index, zone in
            ZonePrice(zone: zone, first: Money(firsts[index]), additional: Money(additionals[index]))
        }
        let zoned: [ComponentTariff] = [PriceComponent.dossierPickup, .resultReturn, .extraAttempt].map {
            ComponentTariff(component: $0, weightSteps: steps, prices: prices)
        }
        return Tariff(
            id: "gen", name: "Biểu giá sinh ngẫu nhiên", validFrom: Fixtures.day("2019-01-01"),
            vat: VATPolicy(pricesIncludeVAT: included, rateBasisPoints: [0, 500, 800, 1_000][rateIndex]),
            rounding: roundings[roundingIndex],
            zones: Fixtures.testTariff().zones,
            components: zoned + [ComponentTariff(component: .feeCollection, prices: [ZonePrice(zone: nil, first: Money(fee))])],
            areaClassAdjustments: adjustmentCodes.map { code in
                AreaClassAdjustment(
                    areaClass: AreaClass.allCases[code % AreaClass.allCases.count], kind: (code / 5) % 2 == 0 ? .surcharge : .exemption,
                    change: change(code / 10), components: code % 3 == 0 ? nil : components(mask: code % 16))
            },
            applicantExemptions: exemptionCodes.map { code in
                ApplicantExemption(category: categories[1 + code % 3]!, change: change(code / 3), components: code % 2 == 0 ? nil : [.resultReturn])
            })
    }

    static let campaign = zip(
        Gen.int(in: 0...100_000),
        Gen.int64(in: 0...40_000).optional,
        Gen.int(in: 0...10_000).array(of: 1...3),
        Gen.bool,
        Gen.int(in: 1...15),
        Gen.int(in: 0...1_000).array(of: 0...7),
        Gen.int(in: 0...420),
        Gen.int(in: 0...120),
        Gen.bool
    ).map { discountCode, cap, weights, stackable, mask, eligibilityCodes, startOffset, length, byDelivery in
        let start = Fixtures.day("2019-12-01").adding(days: startOffset)
        let funders: [DiscountFunder] = [.postOffice, .provincialBudget, "district_budget"]
        return Campaign(
            id: "", name: "Chiến dịch sinh ngẫu nhiên", legalReference: "gen", startDate: start, endDate: start.adding(days: length),
            decidedBy: byDelivery ? .deliveryDate : .acceptedDate, components: components(mask: mask),
            eligibility: eligibility(eligibilityCodes), discount: change(discountCode), capPerJob: cap.map(Money.init),
            funders: zip(funders, shares(weights)).map { FunderShare(funder: $0, basisPoints: $1) }, stackable: stackable)
    }

    /// Up to four campaigns with distinct ids.
    static let campaigns = campaign.array(of: 0...4).map { list in
        list.enumerated().map { index, campaign in
            var campaign = campaign
            campaign.id = "c\(index)"
            return campaign
        }
    }

    /// Weights turned into basis points summing to exactly 10,000.
    static func shares(_ weights: [Int]) -> [Int] {
        let total = weights.reduce(0, +)
        guard total > 0 else { return [Pricing.fullBasisPoints] + Array(repeating: 0, count: weights.count - 1) }
        var shares = weights.map { $0 * Pricing.fullBasisPoints / total }
        shares[0] += Pricing.fullBasisPoints - shares.reduce(0, +)
        return shares
    }

    static let request = zip(
        Gen.int(in: 0...1).map { JobKind.requestable[$0] },
        Gen<SubmissionChannel>.case,
        Gen.int(in: 1...4).optional,
        Gen.int(in: 0...(fields.count - 1)),
        Gen.int(in: 0...(categories.count - 1)),
        Gen.int(in: 0...(places.count - 1)),
        Gen.int(in: 0...3_000),
        Gen.int64(in: 0...2_000_000).optional,
        Gen.int(in: 0...3),
        zip(Gen.int(in: 0...(400 * 86_400)), Gen.int(in: 0...10).optional)
    ).map { kind, channel, level, fieldIndex, categoryIndex, placeIndex, grams, fee, attempts, timing in
        let accepted = Fixtures.ict("2019-12-15").addingTimeInterval(TimeInterval(timing.0))
        let applicant = places[placeIndex]
        let agency = Fixtures.agencyPleiku
        return PricingRequest(
            kind: kind, channel: channel, onlineLevel: level, field: fields[fieldIndex], applicantCategory: categories[categoryIndex],
            origin: kind == .pickupDossier ? applicant : agency, destination: kind == .pickupDossier ? agency : applicant,
            weightGrams: grams, collectedFee: fee.map { CollectedFee(amount: Money($0), name: "Lệ phí") }, extraAttempts: attempts,
            acceptedAt: accepted, plannedDeliveryDate: timing.1.map { VietnamTime.localDate(of: accepted).adding(days: $0) })
    }
}

@Suite struct PricingPropertyTests {
    func price(_ tariff: Tariff, _ campaigns: [Campaign], _ request: PricingRequest) -> Quote? {
        do {
            return try Pricing.quote(tariff: tariff, campaigns: campaigns, request: request, on: Fixtures.now)
        } catch {
            Issue.record("unexpected \(error)")
            return nil
        }
    }

    @Test func generatedDataIsValid() async {
        await propertyCheck(input: PricingGen.tariff, PricingGen.campaigns) { tariff, campaigns in
            #expect(Pricing.validate(tariff: tariff).isEmpty)
            for campaign in campaigns { #expect(Pricing.validate(campaign: campaign).isEmpty) }
        }
    }

    @Test func totalIsTheSumOfLinesAndNothingIsNegative() async {
        await propertyCheck(count: 300, input: PricingGen.tariff, PricingGen.campaigns, PricingGen.request) { tariff, campaigns, request in
            guard let quote = price(tariff, campaigns, request) else { return }
            #expect(quote.total == quote.lines.reduce(Money.zero) { $0 + $1.gross })
            #expect(quote.currency == "VND")
            for line in quote.lines {
                #expect(line.base >= .zero && line.net >= .zero && line.vat >= .zero && line.gross >= .zero)
                #expect(line.net + line.vat == line.gross)
                #expect(line.base == line.unitPrice * Int64(line.quantity))
                #expect(line.weightSteps >= 1)
                #expect(line.adjustments.allSatisfy { $0.amount > .zero })
                #expect(line.adjustedBase >= .zero)
                if tariff.vat.rateBasisPoints == 0 { #expect(line.vat == .zero) }
            }
        }
    }

    @Test func discountsNeverExceedWhatTheyApplyTo() async {
        await propertyCheck(count: 300, input: PricingGen.tariff, PricingGen.campaigns, PricingGen.request) { tariff, campaigns, request in
            guard let quote = price(tariff, campaigns, request) else { return }
            Self.checkDiscounts(quote, campaigns)
        }
    }

    /// Kept out of the property closure: the Swift 6.3 region analysis crashes on it inline.
    static func checkDiscounts(_ quote: Quote, _ campaigns: [Campaign]) {
        var perCampaign: [String: Money] = [:]
        for line in quote.lines {
            #expect(line.discountTotal <= line.adjustedBase)
            if !line.adjustments.contains(where: { $0.kind == .surcharge }) { #expect(line.discountTotal <= line.base) }
            var nonStackable = 0
            for discount in line.discounts {
                let campaign = campaigns.first { $0.id == discount.campaign }
                if campaign?.stackable == false { nonStackable += 1 }
                #expect(discount.amount > .zero)
                #expect(discount.funders.reduce(Money.zero) { $0 + $1.amount } == discount.amount)
                perCampaign[discount.campaign, default: .zero] += discount.amount
                #expect(campaign?.components.contains(line.component) == true)
                #expect(campaign?.isActive(on: discount.date) == true)
            }
            #expect(nonStackable <= 1)
        }
        for (id, amount) in perCampaign {
            if let cap = campaigns.first(where: { $0.id == id })?.capPerJob { #expect(amount <= cap) }
        }
    }

    @Test func pricingIsDeterministicAndIgnoresCampaignOrder() async {
        await propertyCheck(count: 200, input: PricingGen.tariff, PricingGen.campaigns, PricingGen.request) { tariff, campaigns, request in
            let first = price(tariff, campaigns, request)
            #expect(first == price(tariff, campaigns, request))
            #expect(first == price(tariff, campaigns.reversed(), request))
            if let first, let again = price(tariff, campaigns, request) {
                let firstJSON = try PricingSeed.canonicalJSON(first)
                let againJSON = try PricingSeed.canonicalJSON(again)
                #expect(firstJSON == againJSON)
            }
        }
    }

    @Test func theCollectedFeeAmountNeverReachesPostage() async {
        await propertyCheck(count: 200, input: PricingGen.tariff, PricingGen.campaigns, PricingGen.request, Gen.int64(in: 1...5_000_000)) {
            tariff, campaigns, request, delta in
            var larger = request
            larger.collectedFee = CollectedFee(amount: (request.collectedFee?.amount ?? .zero) + Money(delta), name: "Lệ phí")
            var smaller = larger
            smaller.collectedFee?.amount = .zero
            guard let big = price(tariff, campaigns, larger), let small = price(tariff, campaigns, smaller) else { return }
            #expect(big.lines == small.lines)
            #expect(big.total == small.total)
            #expect(big.collectedFee == larger.collectedFee)
        }
    }

    @Test func withoutAFeeThereIsNoFeeLineAndNothingElseChanges() async {
        // Campaigns that cover fee collection are left out: their cap per job is shared with the other lines, by design.
        await propertyCheck(count: 200, input: PricingGen.tariff, PricingGen.campaigns, PricingGen.request) { tariff, campaigns, request in
            let campaigns = campaigns.filter { !$0.components.contains(.feeCollection) }
            var withoutFee = request
            withoutFee.collectedFee = nil
            guard let with = price(tariff, campaigns, request), let without = price(tariff, campaigns, withoutFee) else { return }
            #expect(with.collectedFee == request.collectedFee)
            #expect(without.collectedFee == nil)
            #expect(without.line(.feeCollection) == nil)
            #expect(with.total - (with.line(.feeCollection)?.gross ?? .zero) == without.total)
            #expect(with.lines.filter { $0.component != .feeCollection } == without.lines)
        }
    }

    @Test func tariffsAndCampaignsRoundTripThroughJSON() async {
        await propertyCheck(input: PricingGen.tariff, PricingGen.campaigns) { tariff, campaigns in
            let decoder = JSONDecoder()
            let tariffJSON = try PricingSeed.canonicalJSON(tariff)
            #expect(try decoder.decode(Tariff.self, from: Data(tariffJSON.utf8)) == tariff)
            let campaignsJSON = try PricingSeed.canonicalJSON(campaigns)
            let decoded = try decoder.decode([Campaign].self, from: Data(campaignsJSON.utf8))
            #expect(decoded == campaigns)
            #expect(try PricingSeed.canonicalJSON(decoded) == campaignsJSON)
        }
    }

    @Test func quotesRoundTripThroughJSON() async {
        await propertyCheck(input: PricingGen.tariff, PricingGen.campaigns, PricingGen.request) { tariff, campaigns, request in
            guard let quote = price(tariff, campaigns, request) else { return }
            let data = try PricingSeed.canonicalEncoder().encode(quote)
            let decoded = try JSONDecoder().decode(Quote.self, from: data)
            #expect(decoded == quote)
        }
    }

    @Test func fundersSplitExactly() async {
        await propertyCheck(count: 500, input: Gen.int64(in: 0...1_000_000_000), Gen.int(in: 0...10_000).array(of: 1...5)) { amount, weights in
            let funders: [DiscountFunder] = ["a", "b", "c", "d", "e"]
            let shares = zip(funders, PricingGen.shares(weights)).map { FunderShare(funder: $0, basisPoints: $1) }
            let parts = Pricing.split(Money(amount), among: shares)
            #expect(parts.count == shares.count)
            #expect(parts.reduce(Int64(0)) { $0 + $1.amount.dong } == amount)
            for (part, share) in zip(parts, shares) {
                // Each part is within one đồng of its exact share.
                let exact = Double(amount) * Double(share.basisPoints) / 10_000
                #expect(abs(Double(part.amount.dong) - exact) < 1.000_001)
                #expect(part.amount >= .zero)
            }
        }
    }
}
