import Foundation
import PostgresNIO
import PostRunStore

#if canImport(Glibc)
import Glibc
#endif

/// Turns anything that stops `postrun` from starting into one actionable line.
public enum StartupFailure {
    public static func describe(_ error: any Error, endpoint: DatabaseEndpoint? = nil) -> String {
        let target = endpoint.map { " at \($0.url())" } ?? ""
        switch error {
        case let error as AppConfiguration.Invalid: return "invalid configuration: \(error.description)"
        case let error as DatabaseEndpoint.ParseError: return "invalid database URL: \(error.description)"
        case let error as EmbeddedPostgres.Failure: return error.description
        case let error as MigrationError: return error.description
        case let error as PortInUse: return error.description
        case let error as PSQLError:
            switch SQLState.of(error) {
            case SQLState.invalidPassword?, SQLState.invalidAuthorization?:
                return "PostgreSQL refused the login\(target): \(error.serverInfo?[.message] ?? "authentication failed"); check the user and password"
            case SQLState.invalidCatalogName?:
                return "PostgreSQL\(target) has no such database: \(error.serverInfo?[.message] ?? ""); create it first"
            case let state?:
                return "PostgreSQL error \(state)\(target): \(error.serverInfo?[.message] ?? "")"
            case nil:
                let underlying = error.underlying.map { String(describing: $0) } ?? "\(error.code)"
                return "cannot reach PostgreSQL\(target): \(underlying); is the server running and the URL right?"
            }
        default:
            if "\(error)".contains("connectionCreationCircuitBreakerTripped") || "\(error)".contains("ConnectionPoolError") {
                return "cannot reach PostgreSQL\(target): connections keep failing; is the server running and the URL right?"
            }
            if "\(error)".contains("TimeoutError") { return "timed out talking to PostgreSQL\(target)" }
            return "\(error)"
        }
    }

    public struct PortInUse: Error, CustomStringConvertible {
        public let host: String
        public let port: Int
        public var description: String {
            "\(host):\(port) is already in use; stop the other process or choose another port with --port or POSTRUN_PORT"
        }
    }

    /// Binding fails late and noisily inside the server; check first so the message is clear.
    public static func checkPortFree(host: String, port: Int) throws(PortInUse) {
        guard port != 0 else { return }
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &result) == 0, let info = result else { return }
        defer { freeaddrinfo(result) }
        let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        if bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) != 0 && errno == EADDRINUSE {
            throw PortInUse(host: host, port: port)
        }
    }
}
