import Foundation
import Logging
import PostRunStore

/// Everything `postrun` needs to start, from flags and `POSTRUN_*` variables, validated before anything runs.
public struct AppConfiguration: Sendable {
    public enum DatabaseSource: Sendable, Equatable {
        case url(DatabaseEndpoint)
        /// The private cluster in `dataDirectory`; `port` names its socket, and is also a TCP port on loopback when `listen`.
        case embedded(dataDirectory: String, port: Int, listen: Bool)
    }

    public enum LogFormat: String, Sendable, CaseIterable { case text, json }

    public var host = "127.0.0.1"
    public var port = 8080
    public var database: DatabaseSource = .embedded(dataDirectory: ".postrun/pg", port: 5432, listen: false)
    public var poolSize = 20
    public var logLevel: Logger.Level = .info
    public var logFormat: LogFormat = .text
    public var timeZone = "Asia/Ho_Chi_Minh"
    public var sqlDirectory: String?
    /// An OSRM-compatible server for travel matrices (`/table/v1/driving`); nil uses the travel model.
    public var osrmURL: String?
    /// PBKDF2 rounds for new staff passwords (existing hashes keep the rounds they were made with).
    public var passwordRounds = PasswordHasher.recommendedRounds
    /// Threads of the event-loop group that carries HTTP and database I/O; nil: one per core (SwiftNIO's default).
    public var eventLoops: Int?
    /// Whether this replica plans each office's next day at its cutoff (`POSTRUN_CUTOFF_PLANNER`, default on). Replicas
    /// that all run it still plan each office once; turning it off is for replicas that should only serve requests.
    public var cutoffPlanner = true
    /// Where signature and photo files go (`POSTRUN_ATTACHMENTS_DIR`); nil keeps them in PostgreSQL.
    public var attachmentsDirectory: String?

    public init() {}

    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    /// Flags win over environment variables, which win over defaults.
    public static func resolve(
        host: String? = nil, port: Int? = nil, databaseURL: String? = nil, dataDirectory: String? = nil,
        embeddedPort: Int? = nil, poolSize: Int? = nil, logLevel: String? = nil, logFormat: String? = nil,
        timeZone: String? = nil, sqlDirectory: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(Invalid) -> AppConfiguration {
        func value(_ flag: String?, _ variable: String) -> String? {
            if let flag, !flag.isEmpty { return flag }
            if let fromEnvironment = environment[variable], !fromEnvironment.isEmpty { return fromEnvironment }
            return nil
        }
        func integer(_ flag: Int?, _ variable: String, _ range: ClosedRange<Int>, _ what: String) throws(Invalid) -> Int? {
            let raw: Int?
            if let flag { raw = flag } else if let text = environment[variable], !text.isEmpty {
                guard let parsed = Int(text) else { throw Invalid(description: "\(variable)='\(text)' is not a number") }
                raw = parsed
            } else { raw = nil }
            if let raw, !range.contains(raw) { throw Invalid(description: "\(what) \(raw) is outside \(range.lowerBound)…\(range.upperBound)") }
            return raw
        }

        var configuration = AppConfiguration()
        if let host = value(host, "POSTRUN_HOST") { configuration.host = host }
        if let port = try integer(port, "POSTRUN_PORT", 0...65535, "port") { configuration.port = port }
        if let size = try integer(poolSize, "POSTRUN_POOL_SIZE", 1...500, "pool size") { configuration.poolSize = size }

        if let url = value(databaseURL, "POSTRUN_DATABASE_URL") {
            do {
                configuration.database = .url(try DatabaseEndpoint(url: url))
            } catch {
                throw Invalid(description: "POSTRUN_DATABASE_URL: \(error.description)")
            }
        } else {
            let directory = value(dataDirectory, "POSTRUN_DATA_DIR").map { $0.hasSuffix("/pg") ? $0 : $0 + "/pg" } ?? ".postrun/pg"
            let listenPort = try integer(embeddedPort, "POSTRUN_EMBEDDED_PORT", 1...65535, "embedded PostgreSQL port")
            configuration.database = .embedded(dataDirectory: directory, port: listenPort ?? 5432, listen: listenPort != nil)
        }

        if let level = value(logLevel, "POSTRUN_LOG_LEVEL") {
            guard let parsed = Logger.Level(rawValue: level.lowercased()) else {
                throw Invalid(description: "log level '\(level)' is not one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            configuration.logLevel = parsed
        }
        if let format = value(logFormat, "POSTRUN_LOG_FORMAT") {
            guard let parsed = LogFormat(rawValue: format.lowercased()) else {
                throw Invalid(description: "log format '\(format)' is not text or json")
            }
            configuration.logFormat = parsed
        }
        if let zone = value(timeZone, "POSTRUN_TIME_ZONE") {
            guard TimeZone(identifier: zone) != nil else { throw Invalid(description: "time zone '\(zone)' is not a known IANA zone") }
            configuration.timeZone = zone
        }
        configuration.sqlDirectory = value(sqlDirectory, "POSTRUN_SQL_DIR")
        if let osrm = value(nil, "POSTRUN_OSRM_URL") {
            guard let url = URL(string: osrm), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
                throw Invalid(description: "POSTRUN_OSRM_URL='\(osrm)' is not an http(s) URL such as http://osrm.internal:5000")
            }
            configuration.osrmURL = osrm
        }
        if let folder = value(nil, "POSTRUN_ATTACHMENTS_DIR") {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), !isDirectory.boolValue {
                throw Invalid(description: "POSTRUN_ATTACHMENTS_DIR='\(folder)' is a file, not a folder")
            }
            configuration.attachmentsDirectory = folder
        }
        if let rounds = value(nil, "POSTRUN_PASSWORD_ROUNDS") {
            guard let parsed = Int(rounds), parsed >= 1000 else {
                throw Invalid(description: "POSTRUN_PASSWORD_ROUNDS='\(rounds)' must be a whole number of at least 1000")
            }
            configuration.passwordRounds = parsed
        }
        if let planner = value(nil, "POSTRUN_CUTOFF_PLANNER") {
            switch planner.lowercased() {
            case "on", "true", "1": configuration.cutoffPlanner = true
            case "off", "false", "0": configuration.cutoffPlanner = false
            default: throw Invalid(description: "POSTRUN_CUTOFF_PLANNER='\(planner)' must be on or off")
            }
        }
        if let loops = value(nil, "POSTRUN_EVENT_LOOPS") {
            guard let parsed = Int(loops), (1...64).contains(parsed) else {
                throw Invalid(description: "POSTRUN_EVENT_LOOPS='\(loops)' must be a whole number from 1 to 64")
            }
            configuration.eventLoops = parsed
        }
        return configuration
    }
}
