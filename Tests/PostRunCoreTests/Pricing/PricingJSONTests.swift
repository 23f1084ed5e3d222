import Foundation
import Testing
@testable import PostRunCore

@Suite struct PricingJSONTests {
    /// Parses JSON text into Foundation objects so two texts can be compared regardless of whitespace and key order.
    func object(_ text: String) throws -> NSObject {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) as? NSObject)
    }

    func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    // MARK: Seed

    @Test func seedCampaignJSONIsTheSwiftValue() throws {
        #expect(try decode(Campaign.self, PricingSeed.giaLaiCovid2020JSON) == PricingSeed.giaLaiCovid2020)
        let encoded = try PricingSeed.canonicalJSON(PricingSeed.giaLaiCovid2020)
        #expect(try object(encoded) == (try object(PricingSeed.giaLaiCovid2020JSON)))
        #expect(encoded.contains(#""legal_reference" : "Chỉ thị của UBND tỉnh Gia Lai ngày 15/04/2020""#))
        #expect(encoded.contains(#""start_date" : "2020-03-23""#))
        #expect(encoded.contains(#""end_date" : "2020-05-30""#))
    }

    @Test func seedTariffJSONIsTheSwiftValue() throws {
        #expect(try decode(Tariff.self, PricingSeed.exampleTariffJSON) == PricingSeed.exampleTariff)
        let encoded = try PricingSeed.canonicalJSON(PricingSeed.exampleTariff)
        #expect(try object(encoded) == (try object(PricingSeed.exampleTariffJSON)))
        #expect(encoded.contains(#""name" : "Biểu giá mẫu (ví dụ, theo giá công bố của Khánh Hòa)""#))
        #expect(encoded.contains(#""valid_to" : null"#))
    }

    @Test func canonicalJSONIsStable() throws {
        let first = try PricingSeed.canonicalJSON(PricingSeed.tariffs)
        let second = try PricingSeed.canonicalJSON(try decode([Tariff].self, first))
        #expect(first == second)
        #expect(PricingSeed.campaigns == [PricingSeed.giaLaiCovid2020])
        #expect(PricingSeed.tariffs == [PricingSeed.exampleTariff])
    }

    // MARK: Quote shape (what the API returns)

    @Test func quoteEncodesTheAPIShape() throws {
        let request = Fixtures.delivery(
            onlineLevel: 4, fee: CollectedFee(amount: Money(50_000), name: "Lệ phí"), acceptedAt: Fixtures.utc("2020-03-22T17:30:00Z"))
        let quote = try Fixtures.quote(request)
        let expected = """
        {
          "collected_fee": {"amount": 50000, "name": "Lệ phí"},
          "currency": "VND",
          "lines": [
            {
              "adjustments": [], "base": 26000, "component": "result_return",
              "discounts": [
                {
                  "amount": 7800, "campaign": "gia-lai-2020-covid19-result-return-30", "date": "2020-03-23",
                  "decided_by_date": "accepted_date", "funders": [{"amount": 7800, "funder": "post_office"}]
                }
              ],
              "gross": 18200, "net": 18200, "quantity": 1, "tariff_zone": "same_area", "unit_price": 26000, "vat": 0,
              "weight_steps": 1, "zone": "same_area"
            },
            {
              "adjustments": [], "base": 8000, "component": "fee_collection", "discounts": [], "gross": 8000, "net": 8000,
              "quantity": 1, "tariff_zone": null, "unit_price": 8000, "vat": 0, "weight_steps": 1, "zone": "same_area"
            }
          ],
          "priced_on": {"accepted_date": "2020-03-23", "delivery_date": null, "tariff_date": "2020-03-23"},
          "prices_include_vat": true,
          "tariff": "example-khanh-hoa-2020",
          "total": 26200,
          "vat_rate_basis_points": 0
        }
        """
        let encoded = try PricingSeed.canonicalJSON(quote)
        #expect(try object(encoded) == (try object(expected)))
        #expect(try decode(Quote.self, encoded) == quote)
    }

    @Test func quoteWithoutFeeHasAnExplicitNullCollectedFee() throws {
        let quote = try Fixtures.quote(Fixtures.delivery())
        let encoded = try PricingSeed.canonicalJSON(quote)
        #expect(encoded.contains(#""collected_fee" : null"#))
        #expect(try decode(Quote.self, encoded) == quote)
    }

    @Test func adjustmentsEncodeKindReasonCodeAmount() throws {
        let quote = try Fixtures.quote(Fixtures.delivery(category: .heroicMother))
        let encoded = try PricingSeed.canonicalJSON(try #require(quote.lines.first).adjustments)
        #expect(try object(encoded) == (try object("""
        [{"amount": 26000, "code": "heroic_mother", "kind": "exemption", "reason": "applicant_category"}]
        """)))
    }

    // MARK: Admin input

    @Test func percentagesAcceptWholeAndDecimalPercentOnInput() throws {
        #expect(try decode(PriceChange.self, #"{"percent": 30}"#) == .percent(basisPoints: 3_000))
        #expect(try decode(PriceChange.self, #"{"percent": 12.5}"#) == .percent(basisPoints: 1_250))
        #expect(try decode(PriceChange.self, #"{"basis_points": 125}"#) == .percent(basisPoints: 125))
        #expect(try decode(PriceChange.self, #"{"amount": 5000}"#) == .fixed(Money(5_000)))
        #expect(throws: DecodingError.self) { try decode(PriceChange.self, #"{"percent": 30, "amount": 5}"#) }
        #expect(throws: DecodingError.self) { try decode(PriceChange.self, #"{}"#) }
        #expect(try decode(FunderShare.self, #"{"funder": "provincial_budget", "percent": 50}"#)
                == FunderShare(funder: .provincialBudget, basisPoints: 5_000))
    }

    @Test func eligibilityNodesHaveExactlyOneKey() throws {
        let rule = try decode(Eligibility.self, """
        {"any": [{"all": [{"channel_in": ["online"]}, {"online_level_in": [3, 4]}]}, {"not": {"kind_in": ["pickup_dossier"]}}]}
        """)
        #expect(rule == .any([.all([.channelIn([.online]), .onlineLevelIn([3, 4])]), .not(.kindIn([.pickupDossier]))]))
        #expect(throws: DecodingError.self) { try decode(Eligibility.self, #"{"all": [], "any": []}"#) }
        #expect(throws: DecodingError.self) { try decode(Eligibility.self, #"{"weekday_in": [1]}"#) }
        #expect(throws: DecodingError.self) { try decode(Eligibility.self, #"{"channel_in": ["fax"]}"#) }
    }

    @Test func minimalCampaignJSONTakesTheDefaults() throws {
        let campaign = try decode(Campaign.self, """
        {"id": "hn-2026", "name": "Hà Nội 2026", "start_date": "2026-01-01", "end_date": "2026-12-31",
         "components": ["dossier_pickup", "result_return"], "discount": {"percent": 100},
         "funders": [{"funder": "provincial_budget", "percent": 100}], "eligibility": {"channel_in": ["online"]}}
        """)
        #expect(campaign.decidedBy == .acceptedDate)
        #expect(campaign.stackable == false)
        #expect(campaign.capPerJob == nil)
        #expect(campaign.legalReference == "")
        #expect(Pricing.validate(campaign: campaign).isEmpty)
        #expect(throws: DecodingError.self) {
            try decode(Campaign.self, """
            {"id": "x", "name": "x", "start_date": "2026-02-30", "end_date": "2026-12-31", "components": [],
             "discount": {"amount": 1}, "funders": []}
            """)
        }
    }

    @Test func requestDecodesFromSnakeCase() throws {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let request = try decoder.decode(PricingRequest.self, from: Data("""
        {"kind": "deliver_result", "channel": "counter", "field": "secured_transaction_registration",
         "applicant_category": "heroic_mother",
         "origin": {"commune": "23575", "province": "64", "area_group": "622"},
         "destination": {"commune": "24100", "province": "64", "area_classes": ["rural", "remote"]},
         "weight_grams": 120, "collected_fee": {"amount": 80000, "name": "Lệ phí"}, "extra_attempts": 1,
         "accepted_at": "2020-03-22T17:30:00Z", "planned_delivery_date": "2020-03-25"}
        """.utf8))
        #expect(request.kind == .deliverResult)
        #expect(request.field == .securedTransactionRegistration)
        #expect(request.destination.areaClasses == [.rural, .remote])
        #expect(request.origin.areaGroup == "622")
        #expect(request.onlineLevel == nil)
        #expect(request.acceptedAt.map(VietnamTime.localDate(of:)) == Fixtures.day("2020-03-23"))
        #expect(request.plannedDeliveryDate == Fixtures.day("2020-03-25"))
    }
}
