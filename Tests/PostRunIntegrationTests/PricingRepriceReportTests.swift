import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import PostRunCore
import PostRunStore
import Testing

/// Re-pricing a job and the discount report, through the real router.
@Suite(.enabled(if: TestDatabase.enabled)) struct PricingRepriceReportTests {
    typealias F = PricingFixture

    @Test func repricingStoresTheNewSnapshotAndRecordsOldAndNew() async throws {
        try await TestApp.withApp { app, database in
            try await app.test(.router) { client in
                let f = try await F.make(database)
                // The job (online level 3) was priced as if level 2: 30,000 đ without the COVID discount.
                var response = try await F.send(client, .post, "/v1/quotes", key: f.reader.key, json: F.jobBody(level: 2))
                let wrong = F.text(response)
                #expect(try F.decoded(Quote.self, response).total == Money(30_000))
                let job = try await F.insertJob(database, requestJSON: F.jobBody(asOf: nil), quoteJSON: wrong)

                response = try await F.send(client, .post, "/v1/jobs/\(job.publicID)/reprice", key: f.reader.key, json: #"{"reason": "x"}"#)
                #expect(response.status == .forbidden)
                response = try await F.send(client, .post, "/v1/jobs/\(job.publicID)/reprice", key: f.admin.key, json: #"{"reason": "  "}"#)
                #expect(try F.problemErrors(response) == ["reason:required"])
                response = try await F.send(client, .post, "/v1/jobs/job_NOPE/reprice", key: f.admin.key, json: #"{"reason": "x"}"#)
                #expect(response.status == .notFound)

                response = try await F.send(client, .post, "/v1/jobs/\(job.publicID)/reprice", key: f.admin.key,
                                            json: #"{"reason": "Hồ sơ mức độ 3: áp dụng giảm 30%"}"#)
                #expect(response.status == .ok, "\(F.text(response))")
                struct Result: Decodable { let job: String; let version: Int; let reason: String; let old: Quote?; let new: Quote }
                let result = try F.decoded(Result.self, response)
                #expect(result.job == job.publicID && result.version == 2)
                #expect(result.old?.total == Money(30_000) && result.new.total == Money(21_000))
                #expect(result.new.lines.first?.discounts.first?.campaign == F.covidCampaign)
                // Priced for the job's own acceptance date, not today.
                #expect(result.new.pricedOn.acceptedDate == LocalDate(year: 2020, month: 4, day: 10))

                let rows = try await database.query("""
                    SELECT j.version, (j.quote->>'total')::bigint, e.type, e.actor, e.reason, e.from_state, e.to_state,
                           (e.data->'old'->>'total')::bigint, (e.data->'new'->>'total')::bigint, e.data->>'reason'
                    FROM jobs j JOIN job_events e ON e.job_id = j.id WHERE j.id = \(job.id)
                    """, logger: TestDatabase.logger)
                var seen = 0
                for try await (version, total, type, actor, reason, from, to, oldTotal, newTotal, dataReason)
                    in rows.decode((Int, Int64, String, String, String?, String?, String, Int64, Int64, String).self) {
                    seen += 1
                    #expect(version == 2 && total == 21_000)
                    #expect(type == "repriced" && actor == f.admin.client.publicID && from == "accepted" && to == "accepted")
                    #expect(reason == "Hồ sơ mức độ 3: áp dụng giảm 30%" && dataReason == reason)
                    #expect(oldTotal == 30_000 && newTotal == 21_000)
                }
                #expect(seen == 1)
                let outbox = try await database.query(
                    "SELECT count(*) FROM outbox_events WHERE job_id = \(job.id) AND type = 'job.repriced'", logger: TestDatabase.logger)
                for try await count in outbox.decode(Int.self) { #expect(count == 1) }
            }
        }
    }

    @Test func repricingAPickupAndReturnChargesTheFeeOnThePickupOnly() async throws {
        try await TestApp.withApp { app, database in
            try await app.test(.router) { client in
                let f = try await F.make(database)
                let request = F.jobBody(kind: "pickup_and_return", asOf: nil, fee: 50_000)
                // Both rows carry fee_amount, as job creation stores it; only the pickup collects it.
                let pickup = try await F.insertJob(database, kind: "pickup_dossier", requestJSON: request, quoteJSON: nil, fee: 50_000)
                let result = try await F.insertJob(database, kind: "deliver_result", requestJSON: request, quoteJSON: nil, fee: 50_000)
                struct Result: Decodable { let old: Quote?; let new: Quote }

                var response = try await F.send(client, .post, "/v1/jobs/\(pickup.publicID)/reprice", key: f.admin.key, json: #"{"reason": "Tính lại"}"#)
                var repriced = try F.decoded(Result.self, response)
                #expect(repriced.old == nil)
                #expect(repriced.new.lines.map(\.component) == [.dossierPickup, .feeCollection] && repriced.new.total == Money(38_000))
                #expect(repriced.new.collectedFee?.amount == Money(50_000))

                response = try await F.send(client, .post, "/v1/jobs/\(result.publicID)/reprice", key: f.admin.key, json: #"{"reason": "Tính lại"}"#)
                repriced = try F.decoded(Result.self, response)
                #expect(repriced.new.lines.map(\.component) == [.resultReturn] && repriced.new.total == Money(21_000))
                #expect(repriced.new.collectedFee == nil)

                // The snapshot job creation stores (QuoteService.jobPricer) is the engine's Quote JSON.
                let snapshot = try await database.withConnection { connection in
                    let valid = try JobRequestValidator.check(JSONDecoder().decode(JobRequest.self, from: Data(request.utf8)),
                                                              today: LocalDate(year: 2020, month: 4, day: 10)!, communeExists: { _ in .current }).get()
                    return try await QuoteService(database: database).jobPricer(valid, .deliverResult,
                                                                                VietnamTime.instant(LocalDate(year: 2020, month: 4, day: 10)!),
                                                                                [:], connection, TestDatabase.logger)
                }
                let quote = try #require(snapshot)
                #expect(quote.total == Money(21_000))
                #expect(try JSONDecoder().decode(Quote.self, from: Data(QuoteService.snapshotJSON(quote).utf8)) == quote)
            }
        }
    }

    /// The contract with job creation: `JobService`'s `pricer` hook wired to `QuoteService.jobPricer` stores the snapshot
    /// that re-pricing and the report read.
    @Test func jobCreationWithTheQuotePricerStoresTheSnapshot() async throws {
        try await TestApp.withApp { app, database in
            try await app.test(.router) { client in
                let f = try await F.make(database)
                let jobs = JobService(database: database, pricer: QuoteService(database: database).jobPricer)
                let body = F.jobBody(kind: "pickup_and_return", asOf: nil, fee: 50_000)
                let request = try JSONDecoder().decode(JobRequest.self, from: Data(body.utf8))
                let accepted = VietnamTime.instant(LocalDate(year: 2020, month: 4, day: 10)!, secondsOfDay: 9 * 3600)
                _ = try await jobs.create(request, rawBody: Data(body.utf8), idempotencyKey: nil, path: "/v1/jobs",
                                          by: JobActor(label: "client:test", clientID: f.reader.client.id, provinceCode: "52"),
                                          now: accepted, logger: TestDatabase.logger)
                let rows = try await database.query(
                    "SELECT public_id, kind, (quote->>'total')::bigint FROM jobs ORDER BY id", logger: TestDatabase.logger)
                var stored: [(String, String, Int64)] = []
                for try await row in rows.decode((String, String, Int64).self) { stored.append(row) }
                #expect(stored.map(\.1) == ["pickup_dossier", "deliver_result"])
                #expect(stored.map(\.2) == [38_000, 21_000])

                let response = try await F.send(client, .post, "/v1/jobs/\(stored[1].0)/reprice", key: f.admin.key, json: #"{"reason": "Kiểm tra"}"#)
                struct Result: Decodable { let old: Quote?; let new: Quote }
                let repriced = try F.decoded(Result.self, response)
                #expect(repriced.old == repriced.new)

                let report = try await F.send(client, .get, "/v1/reports/discounts?from=2020-04-10&to=2020-04-10", key: f.admin.key)
                let totals = try F.object(report)["totals"] as? [String: Any]
                #expect(totals?["jobs"] as? Int == 1 && totals?["discount"] as? Int == 9_000 && totals?["collected_fees"] as? Int == 0)
            }
        }
    }

    @Test func discountReportAsCSVWithBOMAndAsJSON() async throws {
        try await TestApp.withApp { app, database in
            try await app.test(.router) { client in
                let f = try await F.make(database)
                let withFee = F.text(try await F.send(client, .post, "/v1/quotes", key: f.reader.key, json: F.jobBody(fee: 50_000)))
                let plain = F.text(try await F.send(client, .post, "/v1/quotes", key: f.reader.key, json: F.jobBody()))
                let level2 = F.text(try await F.send(client, .post, "/v1/quotes", key: f.reader.key, json: F.jobBody(level: 2)))
                let request = F.jobBody(asOf: nil)
                // In the period (April 2020, Vietnamese dates): 29,000 (with an 8,000 fee-collection line, 50,000 fee apart)
                // and 21,000, each with 9,000 off; a level-2 job without discount.
                try await F.insertJob(database, requestJSON: request, quoteJSON: withFee, acceptedAt: "2020-04-10T09:00:00+07:00", fee: 50_000)
                try await F.insertJob(database, requestJSON: request, quoteJSON: plain, acceptedAt: "2020-04-30T23:30:00+07:00")
                try await F.insertJob(database, requestJSON: request, quoteJSON: level2, acceptedAt: "2020-04-15T09:00:00+07:00")
                // Outside: just after and just before, in Vietnamese time.
                try await F.insertJob(database, requestJSON: request, quoteJSON: plain, acceptedAt: "2020-05-01T00:10:00+07:00")
                try await F.insertJob(database, requestJSON: request, quoteJSON: plain, acceptedAt: "2020-03-31T23:59:00+07:00")

                var response = try await F.send(client, .get, "/v1/reports/discounts?from=2020-04-01&to=2020-04-30", key: f.admin.key,
                                                headers: [.accept: "text/csv"])
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/csv; charset=utf-8") == true)
                let bytes = Array(response.body.readableBytesView)
                #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
                let csv = String(decoding: bytes.dropFirst(3), as: UTF8.self)
                let lines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
                #expect(lines.count == 3, "\(csv)")
                #expect(lines.first == "campaign,campaign_name,funder,jobs,gross_postage,discount,net_postage,collected_fees")
                #expect(lines.dropFirst().first == "\(F.covidCampaign),\"\(PricingSeed.giaLaiCovid2020.name)\",post_office,2,68000,18000,50000,50000")
                #expect(lines.last == ",Tổng cộng / Total,,2,68000,18000,50000,50000")

                response = try await F.send(client, .get, "/v1/reports/discounts?from=2020-04-01&to=2020-04-30&format=csv&labels=vi",
                                            key: f.admin.key)
                #expect(String(decoding: Array(response.body.readableBytesView).dropFirst(3), as: UTF8.self)
                    .hasPrefix("Mã chương trình,Tên chương trình,Đơn vị chi trả,"))

                response = try await F.send(client, .get, "/v1/reports/discounts?from=2020-04-01&to=2020-04-30", key: f.admin.key)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                let body = try F.object(response)
                let rows = body["rows"] as? [[String: Any]] ?? []
                #expect(rows.count == 1)
                #expect(rows.first?["funder"] as? String == "post_office" && rows.first?["discount"] as? Int == 18_000)
                let totals = body["totals"] as? [String: Any]
                #expect(totals?["jobs"] as? Int == 2 && totals?["gross_postage"] as? Int == 68_000 && totals?["net_postage"] as? Int == 50_000)
                #expect(totals?["collected_fees"] as? Int == 50_000 && totals?["discount"] as? Int == 18_000)

                // One day: only the job of 10/4.
                response = try await F.send(client, .get, "/v1/reports/discounts?from=2020-04-10&to=2020-04-10", key: f.admin.key)
                #expect((try F.object(response)["totals"] as? [String: Any])?["jobs"] as? Int == 1)

                response = try await F.send(client, .get, "/v1/reports/discounts?from=2020-04-30&to=2020-04-01", key: f.admin.key)
                #expect(try F.problemErrors(response) == ["to:inverted_window"])
                response = try await F.send(client, .get, "/v1/reports/discounts?to=2020-04-01", key: f.admin.key)
                #expect(try F.problemErrors(response) == ["from:required"])
                response = try await F.send(client, .get, "/v1/reports/discounts?from=2020-04-01&to=2020-04-30", key: f.reader.key)
                #expect(response.status == .forbidden)
            }
        }
    }
}
