import Foundation
import HummingbirdTesting
import PostRunCore
import PostRunStore

/// Published runs for courier tests, written straight into the 0008 tables (the planner's branch makes real ones).
enum RunFixtures {
    /// Inserts a run of `courierID` on `date` (published unless told otherwise) with one stop per `(job public id, action)`,
    /// in order, planned an hour apart from 08:00; returns the stops' public ids.
    static func run(_ database: Database, courierID: Int64, date: String, stops: [(job: String, action: String)],
                    status: String = "published") async throws -> [String] {
        let logger = TestDatabase.logger
        let runID = try await database.query("""
            INSERT INTO runs (public_id, office_id, courier_id, service_date, status, published_at, published_by)
            SELECT \(PublicIDs.make("run")), office_id, id, \(date)::date, \(status),
                   CASE WHEN \(status) = 'draft' THEN NULL ELSE now() END, CASE WHEN \(status) = 'draft' THEN NULL ELSE 'staff:test' END
            FROM couriers WHERE id = \(courierID) RETURNING id
            """, logger: logger).collect().first!.decode(Int64.self)
        var ids: [String] = []
        for (position, stop) in stops.enumerated() {
            let publicID = PublicIDs.make("stp")
            let hour = 8 + position
            try await database.query("""
                INSERT INTO run_stops (public_id, run_id, position, job_id, action, planned_arrival, window_start, window_end)
                SELECT \(publicID), \(runID), \(position + 1), id, \(stop.action),
                       (\(date)::date + \(hour) * interval '1 hour') AT TIME ZONE 'Asia/Ho_Chi_Minh',
                       (\(date)::date + \(hour) * interval '1 hour') AT TIME ZONE 'Asia/Ho_Chi_Minh',
                       (\(date)::date + \(hour + 2) * interval '1 hour') AT TIME ZONE 'Asia/Ho_Chi_Minh'
                FROM jobs WHERE public_id = \(stop.job)
                """, logger: logger)
            ids.append(publicID)
        }
        return ids
    }

    /// A portal job (through the API), moved on by `events` as staff would (`schedule`, `collect_result`, …).
    static func job(_ client: some TestClientProtocol, portal: TestPortal, database: Database, kind: String, sequence: Int, fee: Int? = nil,
                    events: [JobEvent]) async throws -> String {
        let body = Fixtures.jobBody(kind: kind, dossierCode: String(format: "H21.22.10-261128-%04d", sequence), fee: fee)
        let created = try await client.call(.post, "/v1/jobs", headers: portal.headers(), body: body)
        guard let id = created.string("id") else { throw RunFixtureError.jobNotCreated(created.text) }
        let service = JobService(database: database)
        for event in events {
            _ = try await service.apply(event, to: id, expectedVersion: nil, by: JobActor(label: "staff:test", clientID: nil, provinceCode: nil),
                                        logger: TestDatabase.logger)
        }
        return id
    }

    /// Counts of the rows an event may write, to show a replay wrote none.
    static func footprint(_ database: Database) async throws -> [Int] {
        let row = try await database.query("""
            SELECT (SELECT count(*) FROM job_events)::int, (SELECT count(*) FROM outbox_events)::int, (SELECT count(*) FROM cash_entries)::int,
                   (SELECT count(*) FROM courier_events)::int, (SELECT count(*) FROM jobs)::int
            """, logger: TestDatabase.logger).collect().first!
        let (a, b, c, d, e) = try row.decode((Int, Int, Int, Int, Int).self)
        return [a, b, c, d, e]
    }
}

enum RunFixtureError: Error { case jobNotCreated(String) }
