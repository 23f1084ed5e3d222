import Foundation
import Hummingbird
import HummingbirdTesting
import PostRunStore
import Testing

@Suite(.enabled(if: TestDatabase.enabled)) struct HealthTests {
    @Test func readyWhenTheDatabaseIsUpAndCurrent() async throws {
        try await TestApp.withApp { app, _ in
            try await app.test(.router) { client in
                try await client.execute(uri: "/healthz", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.init("X-Request-Id")!]?.count == 32)
                }
                try await client.execute(uri: "/readyz", method: .get, headers: [.init("X-Request-Id")!: "req-42"]) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.init("X-Request-Id")!] == "req-42")
                    #expect(String(buffer: response.body).contains(#""status":"ready""#))
                }
                try await client.execute(uri: "/metrics", method: .get) { response in
                    #expect(response.status == .ok)
                    let text = String(buffer: response.body)
                    #expect(text.contains(#"postrun_http_requests_total{route="/readyz",method="GET",status="200"} 1"#))
                    #expect(text.contains("postrun_http_request_duration_seconds_bucket"))
                    #expect(text.contains("postrun_db_connections_in_use"))
                }
            }
        }
    }

    @Test func notReadyWithAPendingMigration() async throws {
        try await TestApp.withApp(migrated: false) { app, _ in
            try await app.test(.router) { client in
                try await client.execute(uri: "/readyz", method: .get) { response in
                    #expect(response.status == .serviceUnavailable)
                    let body = String(buffer: response.body)
                    #expect(body.contains("pending_migrations"))
                    #expect(body.contains("0001_foundation.sql"))
                }
            }
        }
    }

    @Test func notReadyWhenTheDatabaseIsDown() async throws {
        // A database that does not exist behaves like a server that refuses us.
        let gone = try TestDatabase.requireBase().with(database: "no_such_database_\(UInt32.random(in: 0...UInt32.max))")
        let (app, _) = try TestApp.make(endpoint: gone)
        let began = ContinuousClock.now
        try await app.test(.router) { client in
            let started = ContinuousClock.now
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(String(buffer: response.body).contains(#""database":"down""#))
            }
            #expect(ContinuousClock.now - started < .seconds(5), "readiness must answer within its 3 s budget when the database is down")
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
        // Every background loop is stuck waiting for a connection; they get their grace together, not one after another.
        #expect(ContinuousClock.now - began < .seconds(25), "the daemon stops within its shutdown grace when the database is down")
    }

    @Test func unknownRoutesAreProblemsInTheAskedLanguage() async throws {
        try await TestApp.withApp { app, _ in
            try await app.test(.router) { client in
                try await client.execute(uri: "/nope", method: .get, headers: [.acceptLanguage: "en-US,en;q=0.9"]) { response in
                    #expect(response.status == .notFound)
                    #expect(response.headers[.contentType]?.hasPrefix("application/problem+json") == true)
                    #expect(String(buffer: response.body).contains(#""title":"Not found""#))
                }
                try await client.execute(uri: "/nope", method: .get) { response in
                    #expect(String(buffer: response.body).contains(#""title":"Không tìm thấy""#))
                }
            }
        }
    }
}
