import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostRunCore
import Testing
@testable import PostRunStore

/// API keys, communes and the pricing catalogue are remembered for `ReferenceCache.lifetime`: a change made through
/// this process's repositories is seen at once, one made elsewhere within the lifetime.
@Suite struct ReferenceCacheTests {
    @Test func aKeyRevokedElsewhereStopsWorkingWithinTheLifetime() async throws {
        try await TestApp.withApp { app, database in
            let portal = try await TestPortal.make(database)
            try await app.test(.router) { client in
                let started = ContinuousClock.now
                #expect(try await client.call(.get, "/v1/jobs", headers: portal.headers()).status == .ok)
                // As `postrun api-key revoke` in another process does it: this process's cache is not told.
                try await database.query("UPDATE api_clients SET revoked_at = now() WHERE public_id = \(portal.client.publicID)",
                                         logger: TestDatabase.logger)
                let soon = try await client.call(.get, "/v1/jobs", headers: portal.headers()).status
                if ContinuousClock.now - started < ReferenceCache.lifetime { #expect(soon == .ok, "remembered for the lifetime") }
                try await Task.sleep(for: ReferenceCache.lifetime + .milliseconds(100))
                #expect(try await client.call(.get, "/v1/jobs", headers: portal.headers()).status == .unauthorized)
            }
        }
    }

    @Test func aServingOfficeRenamedElsewhereIsSeenWithinTheLifetimeAndAtOnceThroughTheAPI() async throws {
        try await TestApp.withApp { app, database in
            let portal = try await TestPortal.make(database)
            try await app.test(.router) { client in
                func officeName(_ number: Int) async throws -> String? {
                    let created = try await client.call(.post, "/v1/jobs", headers: portal.headers(),
                                                        body: Fixtures.jobBody(dossierCode: "H21.22.10-261128-\(1000 + number)"))
                    #expect(created.status == .created)
                    return created.string("office.name")
                }
                // Taken before the first job caches the office: its entry cannot expire before `started + lifetime`.
                let started = ContinuousClock.now
                let before = try #require(try await officeName(1))
                try await database.query("UPDATE post_offices SET name = 'Bưu cục Pleiku (mới)' WHERE code = 'BC-PLEIKU'", logger: TestDatabase.logger)
                let soon = try await officeName(2)
                if ContinuousClock.now - started < ReferenceCache.lifetime { #expect(soon == before) }
                try await Task.sleep(for: ReferenceCache.lifetime + .milliseconds(100))
                #expect(try await officeName(3) == "Bưu cục Pleiku (mới)")

                let admin = try await TestPortal.make(database, name: "Quản trị", scopes: [.admin])
                let office = try await client.call(.get, "/v1/offices/BC-PLEIKU", headers: admin.headers())
                let version = try #require(office.int("version"))
                let renamed = try await client.call(.patch, "/v1/offices/BC-PLEIKU", headers: admin.headers([.ifMatch: "\(version)"]),
                                                    body: #"{"name": "Bưu cục Pleiku 2"}"#)
                #expect(renamed.status == .ok)
                #expect(try await officeName(4) == "Bưu cục Pleiku 2")
            }
        }
    }
}
