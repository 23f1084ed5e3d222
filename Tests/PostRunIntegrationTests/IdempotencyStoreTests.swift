import Foundation
import PostgresNIO
import PostRunCore
@testable import PostRunStore
import Testing

/// The key lookups run on every keyed request, so they must be index lookups whatever the owner: a scan of the whole
/// table (48 h of keys) once made every job creation slower than the one before.
@Suite struct IdempotencyStoreTests {
    @Test(arguments: [IdempotencyStore.Owner.client(1), .staff(1)])
    func keyLookupsUseTheOwnersIndex(owner: IdempotencyStore.Owner) async throws {
        try await WebhookFixtures.withDatabase { _, database, _ in
            try await database.withConnection { connection in
                try await connection.query("SET enable_seqscan = off", logger: WebhookFixtures.logger)
                for query in [IdempotencyStore.lookup(owner: owner, key: "k"),
                              IdempotencyStore.completion(owner: owner, key: "k", status: 201, body: Data("{}".utf8))] {
                    var explained = query
                    explained.sql = "EXPLAIN " + query.sql
                    var plan = ""
                    for try await line in try await connection.query(explained, logger: WebhookFixtures.logger).decode(String.self) {
                        plan += line + "\n"
                    }
                    #expect(plan.contains("Index Scan using idempotency_keys_\(owner.column == "client_id" ? "client" : "staff")_key"), "\(plan)")
                    #expect(!plan.contains("Seq Scan"), "\(plan)")
                }
            }
        }
    }
}

@Suite struct JobCreationIdempotencyTests {
    /// A request accepted yesterday for today is refused if sent anew tomorrow (its date has passed), but a repeat
    /// under its key still gets the first answer; another request under that key is refused; the same key of another
    /// client is that client's own.
    @Test func aRepeatGetsTheFirstAnswerEvenWhenTheRequestWouldNowBeRefused() async throws {
        try await WebhookFixtures.withDatabase { _, database, _ in
            let client = try await WebhookFixtures.makeClient(database, scopes: [.jobsWrite])
            let other = try await WebhookFixtures.makeClient(database, name: "Cổng khác", scopes: [.jobsWrite])
            let jobs = JobService(database: database, pricer: QuoteService(database: database).jobPricer)
            let yesterday = Date().addingTimeInterval(-86_400)
            let body = Fixtures.jobBody(requestedDate: Fixtures.vietnamDate(daysFromToday: 0))
            let request = try JSONDecoder().decode(JobRequest.self, from: Data(body.utf8))
            func create(_ request: JobRequest, body: String, at now: Date, by clientID: Int64) async throws -> StoredResponse {
                try await jobs.create(request, rawBody: Data(body.utf8), idempotencyKey: "key-1", path: "/v1/jobs",
                                      by: JobActor(label: "client:\(clientID)", clientID: clientID, provinceCode: "52"),
                                      now: now, logger: WebhookFixtures.logger)
            }
            let first = try await create(request, body: body, at: yesterday, by: client.client.id)
            #expect(first.status == 201 && !first.replayed)

            let tomorrow = Date().addingTimeInterval(86_400)
            let repeated = try await create(request, body: body, at: tomorrow, by: client.client.id)
            #expect(repeated == StoredResponse(status: 201, body: first.body, replayed: true))
            await #expect(throws: JobFailure.idempotencyKeyReused) {
                let changed = body.replacingOccurrences(of: "12 Lê Lợi", with: "14 Lê Lợi")
                _ = try await create(try JSONDecoder().decode(JobRequest.self, from: Data(changed.utf8)), body: changed,
                                     at: yesterday, by: client.client.id)
            }
            // Another client's key-1 is its own: its request is judged as new, and refused.
            await #expect {
                _ = try await create(request, body: body, at: tomorrow, by: other.client.id)
            } throws: { error in
                if case let .validation(errors) = error as? JobFailure { errors.contains { $0.field == "requested.date" } } else { false }
            }
            #expect(try await WebhookFixtures.count(database, "SELECT count(*) FROM jobs") == 1)
            #expect(try await WebhookFixtures.count(database, "SELECT count(*) FROM job_events") == 1)
            #expect(try await WebhookFixtures.count(database, "SELECT count(*) FROM outbox_events") == 1)
            #expect(try await WebhookFixtures.count(database, "SELECT count(*) FROM idempotency_keys") == 1)
        }
    }
}
