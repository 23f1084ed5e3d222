import Foundation
import HummingbirdTesting
import Planning
import PostRunCore
import PostRunStore
import Routing
import Testing

/// `scripts/bench-planner`: a believable BC-PLEIKU day of 150 due portal jobs and 8 couriers planned end to end (load,
/// solve with the configured `planning.time_budget_seconds`, store). Runs only with POSTRUN_BENCH_PLANNER=1.
@Suite struct PlannerBenchmarkTests {
    /// Agencies of the office's area with their own hours (sql/0008 `agencies`).
    struct Agency {
        var code: String
        var name: String
        var commune: String
        var lat: Double
        var lon: Double
        var hours: String
    }

    static let agencies = [
        Agency(code: "H21.22.10", name: "Chi nhánh Văn phòng đăng ký đất đai Pleiku", commune: "23575", lat: 13.9805, lon: 108.0047,
               hours: #"[["07:30","11:30"],["13:30","17:00"]]"#),
        Agency(code: "H21.1", name: "Trung tâm Phục vụ hành chính công tỉnh Gia Lai", commune: "23584", lat: 14.0089, lon: 108.0023,
               hours: #"[["07:00","11:30"],["13:00","17:00"]]"#),
        Agency(code: "H21.22.23", name: "Bộ phận một cửa xã Đak Đoa", commune: "23677", lat: 14.0108, lon: 108.1191,
               hours: #"[["07:00","11:00"],["13:30","16:30"]]"#),
    ]

    /// The communes east of Pleiku whose one-stop office is Đak Đoa's.
    static let dakDoaArea: Set<String> = ["23677", "23683", "23701", "23710", "23714"]

    /// A deterministic generator, so every run of the benchmark plans the same day.
    struct SplitMix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    }

    struct Commune {
        var code: String
        var lat: Double
        var lon: Double
        var areaKm2: Double
        var urban: Bool
    }

    static func communes(_ database: Database) async throws -> [Commune] {
        var result: [Commune] = []
        for try await (code, lat, lon, area, classes) in try await database.query("""
            SELECT u.code, u.lat, u.lon, coalesce(u.area_km2, 20), u.area_classes FROM administrative_units u
            JOIN post_offices o ON o.id = u.office_id WHERE o.code = 'BC-PLEIKU' AND u.valid_to IS NULL ORDER BY u.code
            """, logger: TestDatabase.logger).decode((String, Double, Double, Double, [String]).self) {
            result.append(Commune(code: code, lat: lat, lon: lon, areaKm2: area, urban: classes.contains("urban")))
        }
        return result
    }

    /// One portal request: kind, slot, fee, the applicant's point scattered around the commune's centroid, and the
    /// agency that handles the dossier.
    static func requestBody(number: Int, kind: String, commune: Commune, agency: Agency, slot: String, fee: Int?,
                            date: LocalDate, random: inout SplitMix) -> String {
        // Within ~60 % of the radius of a disc of the commune's area.
        let radiusKm = (commune.areaKm2 / Double.pi).squareRoot() * 0.6 * random.unit().squareRoot()
        let angle = random.unit() * 2 * Double.pi
        let lat = commune.lat + radiusKm * cos(angle) / 111.0
        let lon = commune.lon + radiusKm * sin(angle) / (111.0 * cos(commune.lat * Double.pi / 180))
        let feeJSON = fee.map { #", "fee_to_collect": {"amount": \#($0), "name": "Lệ phí giải quyết thủ tục"}"# } ?? ""
        return """
            {"kind": "\(kind)",
             "dossier": {"code": "\(agency.code)-261128-\(String(format: "%04d", number))", "procedure_code": "1.012784.000.00.00.H21",
                         "procedure_name": "Đăng ký biến động đất đai", "field": "land", "channel": "online", "online_level": 3,
                         "appointment_date": "\(date.adding(days: 3))"},
             "agency": {"code": "\(agency.code)", "name": "\(agency.name)", "address": "Gia Lai", "commune_code": "\(agency.commune)"},
             "applicant": {"name": "Nguyễn Thị Hoà", "phone": "0905 123 456"},
             "address": {"line": "\(number) đường số \(number % 17 + 1)", "commune_code": "\(commune.code)", "lat": \(lat), "lon": \(lon)},
             "requested": {"date": "\(date)", "slot": "\(slot)"}\(feeJSON)}
            """
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["POSTRUN_BENCH_PLANNER"] == "1"))
    func planABelievableOfficeDayOf150JobsAnd8Couriers() async throws {
        try await TestApp.withApp { app, database in
            for agency in Self.agencies {
                try await database.query("""
                    INSERT INTO agencies (code, name, commune_code, lat, lon, opening_hours)
                    VALUES (\(agency.code), \(agency.name), \(agency.commune), \(agency.lat), \(agency.lon), \(agency.hours)::jsonb)
                    """, logger: TestDatabase.logger)
            }
            let communes = try await Self.communes(database)
            let urban = communes.filter(\.urban), rural = communes.filter { !$0.urban }
            try await app.test(.router) { client in
                let portal = try await TestPortal.make(database)
                // Default shifts (07:30–17:00, Monday–Friday); five of eight may collect cash.
                for index in 1...8 {
                    let skills: Set<String> = index <= 5 ? [CourierProfile.cashCollection] : []
                    _ = try await TestStaff.courier(database, client: client, profile: CourierProfile(name: "Bưu tá \(index)", skills: skills))
                }
                var random = SplitMix(state: 20_261_128)
                let date = DispatchAPITests.day
                // 84 pickups, 56 deliveries and 10 pickup-and-return requests (two jobs each): 160 jobs, of which 150 are due
                // today — the result half of a pickup-and-return waits for its dossier to reach the agency.
                let kinds = Array(repeating: "pickup_dossier", count: 84) + Array(repeating: "deliver_result", count: 56)
                    + Array(repeating: "pickup_and_return", count: 10)
                var slots: [String: Int] = [:], fees = 0, jobs = 0
                for (offset, kind) in kinds.shuffledDeterministically(&random).enumerated() {
                    // Six in ten jobs in the five city wards, the rest across the 22 rural communes.
                    let commune = random.unit() < 0.6 ? urban[random.below(urban.count)] : rural[random.below(rural.count)]
                    let agency: Agency
                    if Self.dakDoaArea.contains(commune.code), random.unit() < 0.7 { agency = Self.agencies[2] }
                    else { agency = Self.agencies[random.unit() < 0.55 ? 0 : 1] }
                    let roll = random.unit()
                    let slot = roll < 0.4 ? "morning" : roll < 0.75 ? "afternoon" : "any"
                    let fee: Int? = random.unit() < 0.12 ? [15_000, 30_000, 50_000, 100_000][random.below(4)] : nil
                    let body = Self.requestBody(number: offset + 1, kind: kind, commune: commune, agency: agency, slot: slot, fee: fee,
                                                date: date, random: &random)
                    let response = try await client.call(.post, "/v1/jobs", headers: portal.headers(), body: body)
                    #expect(response.status == .created, "\(response.text)")
                    let made = kind == "pickup_and_return" ? 2 : 1
                    jobs += made
                    slots[slot, default: 0] += made
                    if fee != nil { fees += 1 }
                }
                #expect(jobs == 160)

                let officeID = try await DispatchRepository(database: database).officeID(code: "BC-PLEIKU", logger: TestDatabase.logger)!
                let budget = try await PlanningRepository(database: database).timeBudget(logger: TestDatabase.logger)
                if let path = ProcessInfo.processInfo.environment["POSTRUN_BENCH_PLANNER_PROBLEM"] {
                    // the day's routing problem, to compare budgets and solvers on it offline (scripts/peers-day)
                    let problem = try await PlanningRepository(database: database).problem(officeID: officeID, date: date, logger: TestDatabase.logger)
                    try JSONEncoder().encode(problem).write(to: URL(fileURLWithPath: path))
                }
                let clock = ContinuousClock()
                let start = clock.now
                let summary = try await PlanningRepository(database: database).plan(officeID: officeID, date: date, trigger: .dispatcher,
                                                                                    requestedBy: "bench", logger: TestDatabase.logger)
                let wall = clock.now - start
                let seconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) * 1e-18
                let runs = try await DispatchRepository(database: database).runs(officeID: officeID, date: date, logger: TestDatabase.logger)
                let reasons = Dictionary(grouping: summary.unplanned, by: \.reason.rawValue).mapValues(\.count)
                    .sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
                let slotText = ["morning", "afternoon", "any"].map { "\($0)=\(slots[$0] ?? 0)" }.joined(separator: ",")
                print(String(format: "bench-planner: jobs=%d, due today %d (%@; fee requests=%d; agencies=3; communes=%d) couriers=8 budget=%.0fs",
                             jobs, summary.plannedJobs + summary.unplanned.count, slotText, fees,
                             communes.count, budget))
                print(String(format: "bench-planner: load=%.3fs solve=%.3fs store=%.3fs wall=%.3fs", summary.loadSeconds, summary.solveSeconds,
                             summary.storeSeconds, seconds))
                print(String(format: "bench-planner: runs=%d stops=%d planned=%d unplanned=%d (%@) distance=%.1fkm duration=%.1fh",
                             summary.runs, summary.stops, summary.plannedJobs, summary.unplanned.count, reasons.isEmpty ? "none" : reasons,
                             Double(runs.reduce(0) { $0 + $1.distanceMetres }) / 1000, Double(runs.reduce(0) { $0 + $1.durationSeconds }) / 3600))
                #expect(summary.plannedJobs + summary.unplanned.count == 150)
                #expect(runs.allSatisfy { $0.stops.allSatisfy { $0.lateSeconds == 0 } })
                #expect(seconds <= 10)
            }
        }
    }
}

extension Array {
    /// Fisher–Yates with the benchmark's generator.
    func shuffledDeterministically(_ random: inout PlannerBenchmarkTests.SplitMix) -> [Element] {
        var result = self
        for index in result.indices.reversed() where index > 0 { result.swapAt(index, random.below(index + 1)) }
        return result
    }
}
