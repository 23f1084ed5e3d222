import Foundation

/// Where and how to reach PostgreSQL: parsed from `postgres://user:pass@host:port/db?sslmode=…`
/// (PostgresNIO has no URL initialiser) or pointing at a Unix socket directory.
public struct DatabaseEndpoint: Sendable, Equatable {
    public enum TLSMode: String, Sendable, Equatable, CaseIterable {
        case disable, require
        case verifyFull = "verify-full"
    }

    public enum Address: Sendable, Equatable {
        case tcp(host: String, port: Int)
        /// The directory holding `.s.PGSQL.<port>`.
        case socket(directory: String, port: Int)
    }

    public var address: Address
    public var username: String
    public var password: String?
    public var database: String
    public var tls: TLSMode

    public init(address: Address, username: String, password: String? = nil, database: String, tls: TLSMode = .disable) {
        self.address = address
        self.username = username
        self.password = password
        self.database = database
        self.tls = tls
    }

    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// Parses a libpq-style URL. `sslmode` accepts disable, require and verify-full
    /// (prefer/allow map to disable, verify-ca is refused: we only offer full verification).
    /// A `host` query parameter starting with `/` selects a Unix socket directory, as libpq does.
    public init(url text: String) throws(ParseError) {
        guard let components = URLComponents(string: text), let scheme = components.scheme else {
            throw ParseError(description: "database URL is not a URL; expected postgres://user:password@host:5432/database")
        }
        guard scheme == "postgres" || scheme == "postgresql" else {
            throw ParseError(description: "database URL scheme '\(scheme)' is not postgres:// or postgresql://")
        }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] { query[item.name] = item.value ?? "" }

        guard let user = components.user?.removingPercentEncoding, !user.isEmpty else {
            throw ParseError(description: "database URL has no user name (postgres://USER:password@host/database)")
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        guard !database.isEmpty, !database.contains("/") else {
            throw ParseError(description: "database URL has no database name after the host (…@host:5432/DATABASE)")
        }
        let port: Int
        if let explicit = components.port {
            guard (1...65535).contains(explicit) else { throw ParseError(description: "database URL port \(explicit) is out of range") }
            port = explicit
        } else if text.range(of: #"^[a-z]+://[^/]*:[^/@]*$|^[a-z]+://[^/]*@[^/:]*:[^/]*/"#, options: .regularExpression) != nil {
            throw ParseError(description: "database URL port is not a number")
        } else {
            port = 5432
        }

        let mode = query["sslmode"] ?? "disable"
        switch mode {
        case "disable", "allow", "prefer": tls = .disable
        case "require": tls = .require
        case "verify-full": tls = .verifyFull
        default:
            throw ParseError(description: "database URL sslmode '\(mode)' is not one of disable, require, verify-full")
        }

        if let socketDirectory = query["host"], socketDirectory.hasPrefix("/") {
            address = .socket(directory: socketDirectory, port: port)
        } else {
            guard let host = components.host, !host.isEmpty else {
                throw ParseError(description: "database URL has no host (postgres://user:password@HOST:5432/database)")
            }
            address = .tcp(host: host, port: port)
        }
        username = user
        password = components.password?.removingPercentEncoding
        self.database = database
    }

    /// The URL form, with the password masked unless asked for.
    public func url(revealingPassword: Bool = false) -> String {
        func escape(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) ?? s }
        let credentials = escape(username) + (password.map { ":" + (revealingPassword ? escape($0) : "****") } ?? "")
        switch address {
        case let .tcp(host, port):
            return "postgres://\(credentials)@\(host):\(port)/\(database)?sslmode=\(tls.rawValue)"
        case let .socket(directory, port):
            return "postgres://\(credentials)@:\(port)/\(database)?host=\(directory)"
        }
    }

    public func with(database: String) -> DatabaseEndpoint {
        var copy = self
        copy.database = database
        return copy
    }
}
