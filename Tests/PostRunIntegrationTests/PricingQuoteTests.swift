import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import PostRunCore
import PostRunStore
import Testing

/// `POST /v1/quotes` through the real router on a freshly migrated database (seeded tariff and campaign).
@Suite(.enabled(if: TestDatabase.enabled)) struct PricingQuoteTests {
    typealias F = PricingFixture

    @Test func seededRowsAreExactlyThePricingSeed() async throws {
        try await TestApp.withApp { app, database in
            try await app.test(.router) { _ in
                let tariffs = try await PricingRepository(database: database).tariffs(validOn: nil, includeRetired: true, logger: TestDatabase.logger)
                #expect(tariffs.map(\.document) == PricingSeed.tariffs)
                #expect(tariffs.allSatisfy { $0.createdBy == "seed" && !$0.isRetired })
                let campaigns = try await PricingRepository(database: database).campaigns(activeOn: nil, includeRetired: true, logger: TestDatabase.logger)
                #expect(campaigns.map(\.document) == PricingSeed.campaigns)
                #expect(campaigns.first?.provinces == ["52"])
                // The stored JSON is the canonical seed JSON, not merely something that decodes alike.
                let rows = try await database.query("""
                    SELECT (SELECT document FROM tariff_versions WHERE public_id = \(F.exampleTariff)) = \(PricingSeed.exampleTariffJSON)::jsonb,
                           (SELECT document FROM campaign_versions WHERE public_id = \(F.covidCampaign)) = \(PricingSeed.giaLaiCovid2020JSON)::jsonb,
                           (SELECT valid_from::text FROM tariff_versions WHERE public_id = \(F.exampleTariff)),
                           (SELECT end_date::text FROM campaign_versions WHERE public_id = \(F.covidCampaign))
                    """, logger: TestDatabase.logger)
                for try await (tariffSame, campaignSame, validFrom, endDate) in rows.decode((Bool, Bool, String, String).self) {
                    #expect(tariffSame && campaignSame)
                    #expect(validFrom == "2020-01-01" && endDate == "2020-05-30")
                }
            }
        }
    }

    @Test func onlineLevel3ResultReturnGetsTheCovidDiscount() async throws {
        try await TestApp.withApp { app, database in
            try await app.test(.router) { client in
                let f = try await F.make(database)
                let response = try await F.send(client, .post, "/v1/quotes", key: f.reader.key, json: F.jobBody())
                #expect(response.status == .ok, "\(F.text(response))")
                let quote = try F.decoded(Quote.self, response)
                #expect(quote.tariff == F.exampleTariff)
                #expect(quote.lines.count == 1)
                let line = try #require(quote.lines.first)
                #expect(line.component == .resultReturn && line.zone == .withinProvince && line.base == Money(30_000))
                #expect(line.discounts.map(\.campaign) == [F.covidCampaign])
                #expect(line.discounts.first?.amount == Money(9_000))
                #expect(line.discounts.first?.funders == [Quote.FunderAmount(funder: .postOffice, amount: Money(9_000))])
                #expect(line.discounts.first?.date == LocalDate(year: 2020, month: 4, day: 10))
                #expect(quote.total == Money(21_000))
                #expect(quote.pricedOn.acceptedDate == LocalDate(year: 2020, month: 4, day: 10))
            }
        }
    }

    @Test func level2AndPickupsAndOtherDatesAreNotDiscounted() async throws {
        try await TestApp.withApp { app, database in
            try await app.test(.router) { client in
                let f = try await F.make(database)
                // Online level 2: not eligible.
                var response = try await F.send(client, .post, "/v1/quotes", key: f.reader.key, json: F.jobBody(level: 2))
                #expect(response.status == .ok, "\(F.text(response))")
                var quote = try F.decoded(Quote.self, response)
                #expect(quote.total == Money(30_000) && quote.lines.allSatisfy { $0.discounts.isEmpty })

                // A dossier pickup: the campaign covers result return only.
                response = try await F.send(client, .post, "/v1/quotes", key: f.reader.key, json: F.jobBody(kind: "pickup_dossier"))
                #expect(response.status == .ok, "\(F.text(response))")
                quote = try F.decoded(Quote.self, response)
                #expect(quote.lines.map(\.component) == [.dossierPickup])
                #expect(quote.total == Money(30_000) && quote.lines.allSatisfy { $0.discounts.isEmpty })

                // After the campaign window (30/5/2020).
                response = try await F.send(client, .post, "/v1/quotes", key: f.reader.key,
                                            json: F.jobBody(requested: "2020-06-01", asOf: "2020-06-01"))
                quote = try F.decoded(Quote.self, response)
                #expect(quote.total == Money(30_000))

                // Same office (both Pleiku): same area, 26,000 − 30%.
                response = try await F.send(client, .post, "/v1/quotes", key: f.reader.key, json: F.jobBody(applicantCommune: "23584"))
                quote = try F.decoded(Quote.self, response)
                #expect(quote.lines.first?.zone == .sameArea && quote.total == Money(18_200))

                // Secured-transaction registration at the counter is eligible too.
                response = try await F.send(client, .post, "/v1/quotes", key: f.reader.key,
                                            json: F.jobBody(channel: "counter", level: nil, field: "secured_transaction_registration"))
                quote = try F.decoded(Quote.self, response)
                #expect(quote.total == Money(21_000))
            }
        }
    }

    @Test func pickupAndReturnGivesTwoQuotesAndTheFeeOnce() async throws {
        try await TestApp.withApp { app, database in
            try await app.test(.router) { client in
                let f = try await F.make(database)
                let response = try await F.send(client, .post, "/v1/quotes", key: f.reader.key,
                                                json: F.jobBody(kind: "pickup_and_return", fee: 50_000))
                #expect(response.status == .ok, "\(F.text(response))")
                struct Pair: Decodable { let kinds: [JobKind]; let quotes: [Quote]; let total: Money; let currency: String }
                let pair = try F.decoded(Pair.self, response)
                #expect(pair.kinds == [.pickupDossier, .deliverResult])
                #expect(pair.quotes.count == 2)
                // Pickup: 30,000 + 8,000 fee collection, not discounted; the government fee itself is apart.
                #expect(pair.quotes[0].lines.map(\.component) == [.dossierPickup, .feeCollection])
                #expect(pair.quotes[0].total == Money(38_000))
                #expect(pair.quotes[0].collectedFee == CollectedFee(amount: Money(50_000), name: "Lệ phí hộ tịch"))
                // Result: 30,000 − 30%, no second fee.
                #expect(pair.quotes[1].lines.map(\.component) == [.resultReturn])
                #expect(pair.quotes[1].total == Money(21_000) && pair.quotes[1].collectedFee == nil)
                #expect(pair.total == Money(59_000) && pair.currency == "VND")
            }
        }
    }

    @Test func validationErrorsAreProblemsWithFieldPaths() async throws {
        try await TestApp.withApp { app, database in
            try await app.test(.router) { client in
                let f = try await F.make(database)
                // Unknown commune.
                var response = try await F.send(client, .post, "/v1/quotes", key: f.reader.key, json: F.jobBody(applicantCommune: "99998"))
                #expect(response.status == .unprocessableContent)
                #expect(response.headers[.contentType]?.hasPrefix("application/problem+json") == true)
                #expect(try F.problemErrors(response) == ["address.commune_code:unknown_commune"])

                // Malformed as_of.
                response = try await F.send(client, .post, "/v1/quotes", key: f.reader.key, json: F.jobBody(asOf: "2020-02-30"))
                #expect(response.status == .unprocessableContent)
                #expect(try F.problemErrors(response) == ["as_of:invalid_date"])

                // Without as_of, a 2020 visit is in the past.
                response = try await F.send(client, .post, "/v1/quotes", key: f.reader.key, json: F.jobBody(asOf: nil))
                #expect(response.status == .unprocessableContent)
                #expect(try F.problemErrors(response) == ["requested.date:date_in_past"])

                // Vietnamese by default.
                response = try await F.send(client, .post, "/v1/quotes", key: f.reader.key, json: F.jobBody(applicantCommune: "99998"),
                                            headers: [.acceptLanguage: "vi"])
                let errors = try F.object(response)["errors"] as? [[String: Any]]
                #expect(errors?.first?["message"] as? String == "Không tìm thấy xã/phường với mã này.")

                // Malformed JSON, wrong types, wrong content type.
                response = try await F.send(client, .post, "/v1/quotes", key: f.reader.key, json: "{\"kind\": ")
                #expect(response.status == .badRequest)
                response = try await F.send(client, .post, "/v1/quotes", key: f.reader.key, json: #"{"weight_grams": "heavy"}"#)
                #expect(response.status == .badRequest)
                #expect(try F.problemErrors(response) == ["weight_grams:malformed"])
                response = try await F.send(client, .post, "/v1/quotes", key: f.reader.key, json: F.jobBody(),
                                            headers: [.contentType: "text/plain"])
                #expect(response.status == .unsupportedMediaType)

                // Credentials and scopes.
                response = try await F.send(client, .post, "/v1/quotes", key: nil, json: F.jobBody())
                #expect(response.status == .unauthorized)
                response = try await F.send(client, .post, "/v1/quotes", key: f.outsider.key, json: F.jobBody())
                #expect(response.status == .forbidden)
            }
        }
    }

    @Test func noTariffInForceIsA422NeverAMadeUpPrice() async throws {
        try await TestApp.withApp { app, database in
            try await app.test(.router) { client in
                let f = try await F.make(database)
                let response = try await F.send(client, .post, "/v1/quotes", key: f.reader.key,
                                                json: F.jobBody(requested: "2019-06-01", asOf: "2019-06-01"))
                #expect(response.status == .unprocessableContent)
                let body = try F.object(response)
                #expect(body["type"] as? String == "https://postrun.vn/problems/no-tariff")
                #expect((body["detail"] as? String)?.contains("2019-06-01") == true)
                #expect(body["date"] as? String == "2019-06-01")
            }
        }
    }
}
