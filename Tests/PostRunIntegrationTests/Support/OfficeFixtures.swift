import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import PostgresNIO
import PostRunAPI
import PostRunCore
import PostRunStore
import Testing

/// Jobs created through the portal API, then moved into field states the courier and planner branches will own:
/// through JobService where the state machine allows it, and minimal schema-based SQL for runs, stops and slips.
struct OfficeFixtures {
    let database: Database
    let portal: TestPortal
    static let actor = JobActor(label: "test:fixture", clientID: nil, provinceCode: nil)
    var logger: Logger { TestDatabase.logger }

    /// Creates a job (or a pickup_and_return pair) through `POST /v1/jobs`; returns the public ids in response order.
    func create(_ client: some TestClientProtocol, kind: String, code: String, commune: String = "23575", fee: Int? = nil) async throws -> [String] {
        let response = try await client.call(.post, "/v1/jobs", headers: portal.headers(),
                                             body: Fixtures.jobBody(kind: kind, dossierCode: code, commune: commune, fee: fee))
        guard response.status == .created else { throw FixtureError.failed(response.text) }
        if let id = response.string("id") { return [id] }
        return ((response["jobs"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
    }

    func apply(_ events: [JobEvent], to publicID: String) async throws {
        let jobs = JobService(database: database)
        for event in events { _ = try await jobs.apply(event, to: publicID, expectedVersion: nil, by: Self.actor, logger: logger) }
    }

    /// accepted → scheduled → out_for_pickup → picked_up, with a slip number.
    func pickUp(_ publicID: String, slip: String) async throws {
        try await apply([.schedule, .startPickup, .pickUp], to: publicID)
        try await database.query("UPDATE jobs SET slip_number = \(slip) WHERE public_id = \(publicID)", logger: logger)
    }

    func id(_ publicID: String) async throws -> Int64 {
        for try await id in try await database.query("SELECT id FROM jobs WHERE public_id = \(publicID)", logger: logger).decode(Int64.self) {
            return id
        }
        throw FixtureError.failed("no job \(publicID)")
    }

    func state(_ publicID: String) async throws -> String {
        for try await state in try await database.query("SELECT state FROM jobs WHERE public_id = \(publicID)", logger: logger).decode(String.self) {
            return state
        }
        throw FixtureError.failed("no job \(publicID)")
    }

    /// The courier's run of `date` (created when missing).
    func run(courier: CourierRecord, date: LocalDate) async throws -> Int64 {
        let rows = try await database.query("""
            INSERT INTO runs (public_id, office_id, courier_id, service_date, status)
            VALUES (\(PublicIDs.make("run")), \(courier.officeID), \(courier.id), \(date.description)::date, 'published')
            ON CONFLICT (courier_id, service_date) DO UPDATE SET updated_at = now() RETURNING id
            """, logger: logger)
        for try await id in rows.decode(Int64.self) { return id }
        throw FixtureError.failed("no run")
    }

    func addStop(run: Int64, job publicID: String, action: String, status: String = "pending") async throws {
        try await database.query("""
            INSERT INTO run_stops (public_id, run_id, position, job_id, action, status)
            SELECT \(PublicIDs.make("stp")), \(run), COALESCE((SELECT max(position) + 1 FROM run_stops WHERE run_id = \(run)), 0), j.id,
                   \(action), \(status)
            FROM jobs j WHERE j.public_id = \(publicID)
            """, logger: logger)
    }

    func stopStatus(job publicID: String, action: String) async throws -> String? {
        for try await status in try await database.query("""
            SELECT s.status FROM run_stops s JOIN jobs j ON j.id = s.job_id WHERE j.public_id = \(publicID) AND s.action = \(action)
            """, logger: logger).decode(String.self) { return status }
        return nil
    }

    /// A pickup the courier picked up today on their run (pickup stop done, hand_over stop pending).
    func pickedUpBy(_ courier: CourierRecord, _ publicID: String, slip: String) async throws {
        try await pickUp(publicID, slip: slip)
        let run = try await run(courier: courier, date: VietnamTime.localDate(of: Date()))
        try await addStop(run: run, job: publicID, action: "pickup_dossier", status: "done")
        try await addStop(run: run, job: publicID, action: "hand_over")
    }

    func cash(_ courier: CourierRecord, job publicID: String, kind: CashKind, amount: Int64, receipt: String, agency: String? = "H21.22.10",
              date: LocalDate = VietnamTime.localDate(of: Date())) async throws {
        let jobID = try await id(publicID)
        _ = try await database.withConnection { connection in
            try await CashLedger.record(courierID: courier.id, officeID: courier.officeID, jobID: jobID, kind: kind, amount: Money(amount),
                                        receiptNumber: receipt, agencyCode: agency, collectedAt: Date(), serviceDate: date, on: connection,
                                        logger: logger)
        }
    }

    func count(_ query: PostgresQuery) async throws -> Int {
        for try await value in try await database.query(query, logger: logger).decode(Int64.self) { return Int(value) }
        return 0
    }
}

enum FixtureError: Error { case failed(String) }

/// Responses checked against the OpenAPI document as they are received.
enum OfficeContract {
    static let contract = try! Contract(text: OpenAPIDocument.json)

    static func checked(_ response: JSONResponse, _ method: String, _ template: String,
                        sourceLocation: SourceLocation = #_sourceLocation) -> JSONResponse {
        let problems = contract.problems(response, method, template)
        #expect(problems.isEmpty, "\(method) \(template) → \(response.status.code): \(problems)\n\(response.text)", sourceLocation: sourceLocation)
        return response
    }
}
