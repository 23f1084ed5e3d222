import Foundation
import PostgresNIO
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
