import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PostRunCore
import PostRunDaemon
import Routing
import Testing

/// An OSRM stand-in on loopback: answers `/table/v1/driving/…` from coordinates, or fails when told to.
actor FakeOSRM {
    var calls: [String] = []
    var failing = false
    func record(_ uri: String) { calls.append(uri) }
    func fail(_ value: Bool) { failing = value }
}

@Suite struct TravelMatrixSourceTests {
    let logger = Logger(label: "test")
    let places = [
        TravelPlace(point: GeoPoint(latitude: 13.997, longitude: 108.031)),  // Pleiku
        TravelPlace(point: GeoPoint(latitude: 13.993, longitude: 108.672), area: .rural),  // An Khê
        TravelPlace(point: GeoPoint(latitude: 13.409, longitude: 108.436), area: .remote),  // Ayun Pa
    ]

    func withFakeOSRM(_ body: @escaping @Sendable (String, FakeOSRM) async throws -> Void) async throws {
        let fake = FakeOSRM()
        let router = Router()
        router.get("/table/v1/driving/{coordinates}") { request, _ -> Response in
            await fake.record(request.uri.description)
            if await fake.failing { return Response(status: .internalServerError) }
            let n = (request.uri.path.split(separator: "/").last ?? "").split(separator: ";").count
            var durations: [[Double]] = []
            var distances: [[Any]] = []
            for i in 0..<n {
                var durationRow: [Double] = []
                var distanceRow: [Any] = []
                for j in 0..<n {
                    durationRow.append(Double(abs(i - j) * 600))
                    distanceRow.append(i == 0 && j == 2 ? NSNull() : Double(abs(i - j) * 9000) as Any)
                }
                durations.append(durationRow)
                distances.append(distanceRow)
            }
            let object: [String: Any] = ["code": "Ok", "durations": durations, "distances": distances]
            let body = try JSONSerialization.data(withJSONObject: object)
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            try await body("http://127.0.0.1:\(client.port!)", fake)
        }
    }

    @Test func usesOSRMCachesPerOfficeAndDayAndFallsBackToTheModel() async throws {
        try await withFakeOSRM { base, fake in
            let http = HTTPClient(eventLoopGroupProvider: .singleton)
            do {
                let source = TravelMatrixSource(osrmURL: base + "/", httpClient: http)
                let day = try #require(LocalDate(iso: "2026-12-01"))
                let (matrix, origin) = await source.matrix(office: "BC-PLEIKU", date: day, places: places, logger: logger)
                #expect(origin == .osrm)
                #expect(matrix.duration(0, 2) == 1200)
                #expect(matrix.distance(1, 2) == 9000)
                #expect(matrix.distance(0, 2) == 1e9)  // OSRM's null: unroutable
                let calls = await fake.calls
                #expect(calls.count == 1)
                #expect(calls.first?.contains("108.031000,13.997000;108.672000,13.993000;108.436000,13.409000") == true)
                #expect(calls.first?.contains("annotations=duration,distance") == true)

                _ = await source.matrix(office: "BC-PLEIKU", date: day, places: places, logger: logger)
                #expect(await fake.calls.count == 1, "the same office and day come from the cache")

                await fake.fail(true)
                let (fallback, fallbackOrigin) = await source.matrix(office: "BC-ANKHE", date: day, places: places, logger: logger)
                #expect(fallbackOrigin == .model)
                #expect(fallback == TravelModel().matrix(for: places, month: 12))
                #expect(await fake.calls.count == 2)
            } catch {
                try await http.shutdown()
                throw error
            }
            try await http.shutdown()
        }
    }

    @Test func withoutAServerTheModelAnswers() async throws {
        let source = TravelMatrixSource(osrmURL: nil, httpClient: nil)
        let day = try #require(LocalDate(iso: "2026-07-15"))
        let (matrix, origin) = await source.matrix(office: "BC-KBANG", date: day, places: places, logger: logger)
        #expect(origin == .model)
        #expect(matrix == TravelModel().matrix(for: places, month: 7))
        #expect(matrix.duration(0, 1) > 0)
    }

    @Test func osrmURLIsValidatedAtStart() throws {
        #expect(throws: AppConfiguration.Invalid.self) {
            try AppConfiguration.resolve(environment: ["POSTRUN_OSRM_URL": "osrm.local"])
        }
        let configured = try AppConfiguration.resolve(environment: ["POSTRUN_OSRM_URL": "http://127.0.0.1:5000"])
        #expect(configured.osrmURL == "http://127.0.0.1:5000")
    }
}
