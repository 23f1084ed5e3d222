import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import PostRunCore
import PostRunStore
import Testing

/// Tariff and campaign administration through the real router.
@Suite(.enabled(if: TestDatabase.enabled)) struct PricingAdminTests {
    typealias F = PricingFixture

    /// A tariff document: one component priced in every zone, valid over the window given.
    static func tariffJSON(id: String, from: String, to: String?, first: Int = 22_000, surchargePercent: Double = 10) -> String {
        """
        {"id": "\(id)", "name": "Biểu giá thử \(id)", "valid_from": "\(from)", "valid_to": \(to.map { "\"\($0)\"" } ?? "null"),
         "vat": {"prices_include_vat": true, "rate_basis_points": 0}, "rounding": {"unit": 1, "mode": "half_up"},
         "zones": {"area_groups": [], "neighbouring_provinces": []},
         "components": [
           {"component": "result_return", "weight_steps": {"first_grams": 100, "additional_grams": null},
            "prices": [{"zone": null, "first": \(first), "additional": 0}]},
           {"component": "dossier_pickup", "weight_steps": {"first_grams": 100, "additional_grams": null},
            "prices": [{"zone": null, "first": \(first), "additional": 0}]}],
         "area_class_adjustments": [{"area_class": "remote", "kind": "surcharge", "change": {"percent": \(surchargePercent)}, "components": null}],
         "applicant_exemptions": []}
        """
    }

    static func campaignJSON(id: String, start: String = "2030-01-01", end: String = "2030-12-31", percent: Int = 50,
                             funders: String = #"[{"funder": "post_office", "basis_points": 5000}, {"funder": "provincial_budget", "basis_points": 5000}]"#,
                             provinces: String? = #"["52"]"#) -> String {
        """
        {"id": "\(id)", "name": "Giảm \(percent)% (thử)", "legal_reference": "Quyết định thử", "start_date": "\(start)", "end_date": "\(end)",
         "decided_by": "accepted_date", "components": ["result_return"], "eligibility": {"all": []},
         "discount": {"percent": \(percent)}, "cap_per_job": null, "funders": \(funders), "stackable": false
         \(provinces.map { #", "provinces": \#($0)"# } ?? "")}
        """
    }

    @Test func createListGetRetireATariff() async throws {
        try await TestApp.withApp { app, database in
            try await app.test(.router) { client in
                let f = try await F.make(database)
                // Only admins.
                var response = try await F.send(client, .post, "/v1/tariffs", key: f.reader.key,
                                                json: Self.tariffJSON(id: "old-2010", from: "2010-01-01", to: "2019-12-31"))
                #expect(response.status == .forbidden)

                // Before the seed tariff: no overlap.
                response = try await F.send(client, .post, "/v1/tariffs", key: f.admin.key,
                                            json: Self.tariffJSON(id: "old-2010", from: "2010-01-01", to: "2019-12-31"))
                #expect(response.status == .created, "\(F.text(response))")
                #expect(response.headers[.location] == "/v1/tariffs/old-2010")
                var body = try F.object(response)
                #expect(body["id"] as? String == "old-2010" && body["status"] as? String == "active")
                #expect(body["created_by"] as? String == f.admin.client.publicID)
                // `{"percent": 10}` is stored in basis points.
                let stored = (body["tariff"] as? [String: Any])?["area_class_adjustments"] as? [[String: Any]]
                #expect((stored?.first?["change"] as? [String: Any])?["basis_points"] as? Int == 1000)

                // Lists, by date.
                response = try await F.send(client, .get, "/v1/tariffs?valid_on=2015-06-01", key: f.admin.key)
                #expect(try (F.object(response)["tariffs"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["old-2010"])
                response = try await F.send(client, .get, "/v1/tariffs", key: f.admin.key)
                #expect(try (F.object(response)["tariffs"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
                    == ["old-2010", F.exampleTariff])
                response = try await F.send(client, .get, "/v1/tariffs?valid_on=2015-13-01", key: f.admin.key)
                #expect(response.status == .unprocessableContent)

                // It prices 2015.
                response = try await F.send(client, .post, "/v1/quotes", key: f.reader.key, json: F.jobBody(requested: "2015-06-01", asOf: "2015-06-01"))
                #expect(response.status == .ok, "\(F.text(response))")
                #expect(try F.decoded(Quote.self, response).tariff == "old-2010")
                #expect(try F.decoded(Quote.self, response).total == Money(22_000))

                // Get, with usage.
                response = try await F.send(client, .get, "/v1/tariffs/old-2010", key: f.admin.key)
                body = try F.object(response)
                #expect(body["priced_jobs"] as? Int == 0)
                response = try await F.send(client, .get, "/v1/tariffs/nope", key: f.admin.key)
                #expect(response.status == .notFound)

                // An id is never reused.
                response = try await F.send(client, .post, "/v1/tariffs", key: f.admin.key,
                                            json: Self.tariffJSON(id: "old-2010", from: "2000-01-01", to: "2000-12-31"))
                #expect(response.status == .conflict)

                // Retire: out of lists and quotes.
                response = try await F.send(client, .post, "/v1/tariffs/old-2010/retire", key: f.admin.key)
                #expect(response.status == .ok)
                body = try F.object(response)
                #expect(body["status"] as? String == "retired" && body["retired_by"] as? String == f.admin.client.publicID)
                response = try await F.send(client, .get, "/v1/tariffs", key: f.admin.key)
                #expect(try (F.object(response)["tariffs"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [F.exampleTariff])
                response = try await F.send(client, .get, "/v1/tariffs?include_retired=true", key: f.admin.key)
                #expect(try (F.object(response)["tariffs"] as? [[String: Any]])?.count == 2)
                response = try await F.send(client, .post, "/v1/quotes", key: f.reader.key, json: F.jobBody(requested: "2015-06-01", asOf: "2015-06-01"))
                #expect(response.status == .unprocessableContent)
                // A retired version cannot be edited.
                response = try await F.send(client, .put, "/v1/tariffs/old-2010", key: f.admin.key,
                                            json: Self.tariffJSON(id: "old-2010", from: "2010-01-01", to: "2019-12-31"))
                #expect(response.status == .conflict)
            }
        }
    }

    @Test func overlappingAndInvalidVersionsAreRefusedWithFieldPaths() async throws {
        try await TestApp.withApp { app, database in
            try await app.test(.router) { client in
                let f = try await F.make(database)
                // Overlaps the open-ended seed tariff for the same components and zones.
                var response = try await F.send(client, .post, "/v1/tariffs", key: f.admin.key,
                                                json: Self.tariffJSON(id: "new-2030", from: "2030-01-01", to: nil))
                #expect(response.status == .unprocessableContent)
                #expect(try F.problemErrors(response) == ["components[0].prices[0].zone:overlapping_version",
                                                          "components[1].prices[0].zone:overlapping_version"])

                // Inverted window, negative price, percentage above 100.
                response = try await F.send(client, .post, "/v1/tariffs", key: f.admin.key,
                                            json: Self.tariffJSON(id: "bad", from: "2015-01-01", to: "2014-01-01", first: -1, surchargePercent: 130))
                #expect(response.status == .unprocessableContent)
                let errors = try F.problemErrors(response)
                #expect(errors.contains("valid_to:inverted_window"))
                #expect(errors.contains("components[0].prices[0].first:negative_amount"))
                #expect(errors.contains("area_class_adjustments[0].change.basis_points:percent_out_of_range"))

                // Campaigns: percent out of range, inverted window, funders not summing to 100%, bad province.
                response = try await F.send(client, .post, "/v1/campaigns", key: f.admin.key,
                                            json: Self.campaignJSON(id: "bad", start: "2030-02-01", end: "2030-01-01", percent: 120,
                                                                    funders: #"[{"funder": "post_office", "basis_points": 6000}]"#,
                                                                    provinces: #"["5"]"#))
                #expect(response.status == .unprocessableContent)
                #expect(try F.problemErrors(response) == ["end_date:inverted_window", "discount.basis_points:percent_out_of_range",
                                                          "funders:funder_split_not_100", "provinces[0]:out_of_range"])

                // A missing member is a 400 naming it.
                response = try await F.send(client, .post, "/v1/tariffs", key: f.admin.key, json: #"{"id": "x", "name": "x"}"#)
                #expect(response.status == .badRequest)
                #expect(try F.problemErrors(response).first?.hasSuffix(":malformed") == true)

                // Nothing was stored.
                let tariffs = try await PricingRepository(database: database).tariffs(validOn: nil, includeRetired: true, logger: TestDatabase.logger)
                #expect(tariffs.map(\.document.id) == [F.exampleTariff])
            }
        }
    }

    @Test func campaignsAreCreatedEditedWhileUnusedAndRetired() async throws {
        try await TestApp.withApp { app, database in
            try await app.test(.router) { client in
                let f = try await F.make(database)
                var response = try await F.send(client, .post, "/v1/campaigns", key: f.admin.key, json: Self.campaignJSON(id: "half-2030"))
                #expect(response.status == .created, "\(F.text(response))")
                var body = try F.object(response)
                #expect(body["provinces"] as? [String] == ["52"])

                response = try await F.send(client, .get, "/v1/campaigns?active_on=2030-06-01", key: f.admin.key)
                #expect(try (F.object(response)["campaigns"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["half-2030"])
                response = try await F.send(client, .get, "/v1/campaigns", key: f.admin.key)
                #expect(try (F.object(response)["campaigns"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
                    == [F.covidCampaign, "half-2030"])

                // Never used: may be edited (here to 40%), but the body's id must match the path.
                response = try await F.send(client, .put, "/v1/campaigns/half-2030", key: f.admin.key,
                                            json: Self.campaignJSON(id: "half-2030", percent: 40))
                #expect(response.status == .ok, "\(F.text(response))")
                body = try F.object(response)
                #expect(((body["campaign"] as? [String: Any])?["discount"] as? [String: Any])?["basis_points"] as? Int == 4000)
                response = try await F.send(client, .put, "/v1/campaigns/half-2030", key: f.admin.key,
                                            json: Self.campaignJSON(id: "other", percent: 40))
                #expect(try F.problemErrors(response) == ["id:id_mismatch"])

                // 40% of 30,000, split 50/50.
                response = try await F.send(client, .post, "/v1/quotes", key: f.reader.key,
                                            json: F.jobBody(requested: "2030-06-03", asOf: "2030-06-03"))
                let quote = try F.decoded(Quote.self, response)
                #expect(quote.total == Money(18_000))
                #expect(quote.lines.first?.discounts.first?.funders == [.init(funder: .postOffice, amount: Money(6_000)),
                                                                        .init(funder: .provincialBudget, amount: Money(6_000))])
                // Not for another province's applicants (Hà Nội, 00004).
                response = try await F.send(client, .post, "/v1/quotes", key: f.reader.key,
                                            json: F.jobBody(applicantCommune: "00004", requested: "2030-06-03", asOf: "2030-06-03"))
                #expect(try F.decoded(Quote.self, response).lines.first?.discounts == [])

                response = try await F.send(client, .post, "/v1/campaigns/half-2030/retire", key: f.admin.key)
                #expect(try F.object(response)["status"] as? String == "retired")
                response = try await F.send(client, .post, "/v1/quotes", key: f.reader.key,
                                            json: F.jobBody(requested: "2030-06-03", asOf: "2030-06-03"))
                #expect(try F.decoded(Quote.self, response).total == Money(30_000))
            }
        }
    }

    @Test func aVersionThatPricedAJobCannotBeEdited() async throws {
        try await TestApp.withApp { app, database in
            try await app.test(.router) { client in
                let f = try await F.make(database)
                // A real quote (tariff + COVID discount) stored on a job.
                var response = try await F.send(client, .post, "/v1/quotes", key: f.reader.key, json: F.jobBody())
                try await F.insertJob(database, requestJSON: F.jobBody(asOf: nil), quoteJSON: F.text(response))

                response = try await F.send(client, .put, "/v1/tariffs/\(F.exampleTariff)", key: f.admin.key,
                                            json: PricingSeed.exampleTariffJSON)
                #expect(response.status == .conflict)
                var body = try F.object(response)
                #expect(body["type"] as? String == "https://postrun.vn/problems/version-in-use")
                #expect((body["detail"] as? String)?.contains("create a new version") == true)
                #expect(body["jobs"] as? String == "1")

                response = try await F.send(client, .put, "/v1/campaigns/\(F.covidCampaign)", key: f.admin.key,
                                            json: PricingSeed.giaLaiCovid2020JSON)
                #expect(response.status == .conflict)
                #expect(try F.object(response)["type"] as? String == "https://postrun.vn/problems/version-in-use")

                response = try await F.send(client, .get, "/v1/tariffs/\(F.exampleTariff)", key: f.admin.key)
                body = try F.object(response)
                #expect(body["priced_jobs"] as? Int == 1)
                response = try await F.send(client, .get, "/v1/campaigns/\(F.covidCampaign)", key: f.admin.key)
                #expect(try F.object(response)["discounted_jobs"] as? Int == 1)
            }
        }
    }

    @Test func anUnusedVersionMayBeEdited() async throws {
        try await TestApp.withApp { app, database in
            try await app.test(.router) { client in
                let f = try await F.make(database)
                // The seed tariff priced nothing yet: raise a price.
                let edited = PricingSeed.exampleTariffJSON.replacingOccurrences(of: "\"first\" : 30000", with: "\"first\" : 32000")
                var response = try await F.send(client, .put, "/v1/tariffs/\(F.exampleTariff)", key: f.admin.key, json: edited)
                #expect(response.status == .ok, "\(F.text(response))")
                response = try await F.send(client, .post, "/v1/quotes", key: f.reader.key, json: F.jobBody(level: 2))
                #expect(try F.decoded(Quote.self, response).total == Money(32_000))
            }
        }
    }

    @Test func aUsedVersionIsClosedAndANewVersionFollowsIt() async throws {
        try await TestApp.withApp { app, database in
            try await app.test(.router) { client in
                let f = try await F.make(database)
                // The seed tariff priced a job accepted on 10/4/2020.
                var response = try await F.send(client, .post, "/v1/quotes", key: f.reader.key, json: F.jobBody())
                try await F.insertJob(database, requestJSON: F.jobBody(asOf: nil), quoteJSON: F.text(response))

                // No edit, whole or partial.
                response = try await F.send(client, .patch, "/v1/tariffs/\(F.exampleTariff)", key: f.admin.key, json: #"{"name": "Đổi tên"}"#)
                #expect(response.status == .conflict)

                // Its window may be ended, but not before a day it priced, not before it starts, and not lengthened.
                let close = "/v1/tariffs/\(F.exampleTariff)/close"
                response = try await F.send(client, .post, close, key: f.admin.key, json: #"{"valid_to": "2020-04-09"}"#)
                #expect(response.status == .conflict)
                #expect(try F.object(response)["last_priced_on"] as? String == "2020-04-10")
                response = try await F.send(client, .post, close, key: f.admin.key, json: #"{"valid_to": "2019-12-01"}"#)
                #expect(try F.problemErrors(response) == ["valid_to:inverted_window"])
                response = try await F.send(client, .post, close, key: f.admin.key, json: #"{"valid_to": "2026-12-31"}"#)
                #expect(response.status == .ok, "\(F.text(response))")
                #expect((try F.object(response)["tariff"] as? [String: Any])?["valid_to"] as? String == "2026-12-31")
                response = try await F.send(client, .post, close, key: f.admin.key, json: #"{"valid_to": "2027-06-01"}"#)
                #expect(try F.problemErrors(response) == ["valid_to:out_of_range"])

                // A new version takes over the next day; the old one still prices its own dates.
                response = try await F.send(client, .post, "/v1/tariffs", key: f.admin.key,
                                            json: Self.tariffJSON(id: "new-2027", from: "2027-01-01", to: nil))
                #expect(response.status == .created, "\(F.text(response))")
                response = try await F.send(client, .post, "/v1/quotes", key: f.reader.key,
                                            json: F.jobBody(level: 2, requested: "2027-01-05", asOf: "2027-01-05"))
                #expect(try F.decoded(Quote.self, response).tariff == "new-2027")
                response = try await F.send(client, .post, "/v1/quotes", key: f.reader.key,
                                            json: F.jobBody(level: 2, requested: "2026-12-31", asOf: "2026-12-31"))
                #expect(try F.decoded(Quote.self, response).tariff == F.exampleTariff)
            }
        }
    }

    @Test func anUnusedCampaignIsPatched() async throws {
        try await TestApp.withApp { app, database in
            try await app.test(.router) { client in
                let f = try await F.make(database)
                var response = try await F.send(client, .post, "/v1/campaigns", key: f.admin.key, json: Self.campaignJSON(id: "half-2030"))
                #expect(response.status == .created)
                response = try await F.send(client, .patch, "/v1/campaigns/half-2030", key: f.admin.key,
                                            json: #"{"discount": {"percent": 20}, "stackable": true}"#,
                                            headers: [.contentType: "application/merge-patch+json"])
                #expect(response.status == .ok, "\(F.text(response))")
                var body = try F.object(response)
                let campaign = body["campaign"] as? [String: Any]
                #expect((campaign?["discount"] as? [String: Any])?["basis_points"] as? Int == 2000)
                #expect(campaign?["stackable"] as? Bool == true && campaign?["end_date"] as? String == "2030-12-31")
                #expect(body["provinces"] as? [String] == ["52"])
                response = try await F.send(client, .patch, "/v1/campaigns/half-2030", key: f.admin.key, json: #"{"provinces": null}"#)
                body = try F.object(response)
                #expect(body["provinces"] is NSNull)
                response = try await F.send(client, .patch, "/v1/campaigns/half-2030", key: f.admin.key, json: #"{"funders": []}"#)
                #expect(try F.problemErrors(response) == ["funders:required"])
            }
        }
    }
}
