import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import PostRunCore
import PostRunStore
import Routing

/// Where travel times and distances come from: an OSRM-compatible server's `/table` service when one is configured
/// (the engine operators already run), otherwise the travel model. Matrices are cached per office and day; when the
/// server fails, the model answers and a warning is logged, so planning never stops for want of a road engine.
public actor TravelMatrixSource {
    public enum Origin: String, Sendable { case osrm, model }

    struct Key: Hashable {
        var office: String
        var date: LocalDate
        var places: [TravelPlace]
    }

    let osrmURL: String?
    let httpClient: HTTPClient?
    let model: TravelModel
    let timeout: TimeAmount
    private var cache: [Key: (TravelMatrix, Origin)] = [:]
    private var cacheDay: LocalDate?

    /// - Parameters:
    ///   - osrmURL: base URL such as `http://osrm.internal:5000` (`POSTRUN_OSRM_URL`); nil uses the model only.
    ///   - httpClient: the client for OSRM calls, owned by the caller.
    public init(osrmURL: String?, httpClient: HTTPClient?, model: TravelModel = TravelModel(), timeout: TimeAmount = .seconds(10)) {
        self.osrmURL = osrmURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        self.httpClient = httpClient
        self.model = model
        self.timeout = timeout
    }

    /// The matrix for `places` (index order kept) for an office's day.
    public func matrix(office: String, date: LocalDate, places: [TravelPlace], logger: Logger) async -> (matrix: TravelMatrix, origin: Origin) {
        if cacheDay != date {
            cache.removeAll()  // one day's matrices at a time: plans are made a day ahead
            cacheDay = date
        }
        let key = Key(office: office, date: date, places: places)
        if let hit = cache[key] { return hit }
        var fetched: TravelMatrix?
        if let osrmURL, let httpClient, places.count > 1 {
            do {
                fetched = try await Self.fetchTable(base: osrmURL, points: places.map(\.point), client: httpClient, timeout: timeout)
            } catch {
                logger.warning("OSRM table failed; using the travel model", metadata: [
                    "office": .string(office), "places": .stringConvertible(places.count), "error": .string(String(describing: error)),
                ])
            }
        }
        let result = if let fetched { (fetched, Origin.osrm) } else { (await modelled(places, month: date.month), Origin.model) }
        cache[key] = result
        return result
    }

    /// The travel model's matrix: O(places²) legs, computed on the blocking pool rather than on an event loop.
    private func modelled(_ places: [TravelPlace], month: Int) async -> TravelMatrix {
        let model = model
        // The pool refuses work only once the process is shutting down; then compute it here.
        return (try? await CPUBoundWork.run { model.matrix(for: places, month: month) }) ?? model.matrix(for: places, month: month)
    }

    public struct OSRMError: Error, CustomStringConvertible {
        public let description: String
    }

    /// `GET {base}/table/v1/driving/{lon,lat;…}?annotations=duration,distance`.
    static func tableURL(base: String, points: [GeoPoint]) -> String {
        let coordinates = points.map { String(format: "%.6f,%.6f", $0.longitude, $0.latitude) }.joined(separator: ";")
        return "\(base)/table/v1/driving/\(coordinates)?annotations=duration,distance"
    }

    static func fetchTable(base: String, points: [GeoPoint], client: HTTPClient, timeout: TimeAmount) async throws -> TravelMatrix {
        var request = HTTPClientRequest(url: tableURL(base: base, points: points))
        request.method = .GET
        let response = try await client.execute(request, timeout: timeout)
        let body = try await response.body.collect(upTo: 64 << 20)
        guard response.status == .ok else { throw OSRMError(description: "HTTP \(response.status.code)") }
        struct Table: Decodable {
            let code: String
            let durations: [[Double?]]?
            let distances: [[Double?]]?
        }
        let table = try JSONDecoder().decode(Table.self, from: Data(buffer: body))
        guard table.code == "Ok", let durations = table.durations else { throw OSRMError(description: "OSRM answered \(table.code)") }
        // OSRM gives null for unroutable pairs: no route means the stop cannot be reached that way.
        let unreachable = 1e9
        let fill: ([[Double?]]) -> [[Double]] = { $0.map { $0.map { $0 ?? unreachable } } }
        return try TravelMatrix(durations: fill(durations), distances: table.distances.map(fill))
    }
}
