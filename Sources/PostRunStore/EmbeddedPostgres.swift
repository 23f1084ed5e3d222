import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// A private PostgreSQL cluster in a data folder, run with the machine's PostgreSQL binaries:
/// the default when no database URL is configured. It listens on a Unix socket in its folder
/// (and on a loopback port when asked). PostgreSQL refuses to run as root, so as root the cluster
/// belongs to the `postgres` system user.
public struct EmbeddedPostgres: Sendable {
    public enum Failure: Error, CustomStringConvertible {
        case binariesNotFound
        case dataDirectoryNotWritable(String, String)
        case noPostgresUser
        case commandFailed(String, String)

        public var description: String {
            switch self {
            case .binariesNotFound:
                return "PostgreSQL server binaries not found (looked at `pg_config --bindir`, /usr/lib/postgresql/*/bin and PATH); "
                    + "install them with `apt-get install postgresql`, or set POSTRUN_DATABASE_URL to use an existing server"
            case let .dataDirectoryNotWritable(path, reason):
                return "data folder \(path) is not writable (\(reason)); choose another with --data-dir or POSTRUN_DATA_DIR"
            case .noPostgresUser:
                return "running as root, but there is no `postgres` system user to own the embedded cluster; "
                    + "install PostgreSQL with apt-get (it creates the user) or run postrun as an ordinary user"
            case let .commandFailed(command, output):
                return "\(command) failed: \(output.trimmingWhitespace().split(separator: "\n").suffix(3).joined(separator: " | "))"
            }
        }
    }

    public static let superuser = "postrun"
    public static let databaseName = "postrun"

    public let directory: String
    /// The port number in the socket's name, and the TCP port when `listenOnLoopback`.
    public let port: Int
    public let listenOnLoopback: Bool
    let binaries: String
    let logger: Logger

    public init(directory: String, port: Int = 5432, listenOnLoopback: Bool = false, logger: Logger) throws(Failure) {
        self.directory = URL(fileURLWithPath: directory).standardizedFileURL.path
        self.port = port
        self.listenOnLoopback = listenOnLoopback
        self.logger = logger
        guard let binaries = Self.locateBinaries() else { throw .binariesNotFound }
        self.binaries = binaries
    }

    /// Where the server's socket lives: the data folder, unless its path is too long for a socket name.
    public var socketDirectory: String {
        let socketName = "/.s.PGSQL.\(port)"
        if (directory + socketName).utf8.count < 100 { return directory }
        var hash: UInt64 = 14_695_981_039_346_656_037
        for byte in directory.utf8 { hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211 }
        return "/tmp/postrun-" + String(hash, radix: 36)
    }

    public var endpoint: DatabaseEndpoint {
        DatabaseEndpoint(address: .socket(directory: socketDirectory, port: port), username: Self.superuser, database: Self.databaseName)
    }

    static var isRoot: Bool { geteuid() == 0 }

    static func locateBinaries() -> String? {
        func hasServer(_ dir: String) -> Bool { FileManager.default.isExecutableFile(atPath: dir + "/postgres") && FileManager.default.isExecutableFile(atPath: dir + "/pg_ctl") }
        if let fromPgConfig = try? run(["pg_config", "--bindir"]).trimmingWhitespace(), hasServer(fromPgConfig) { return fromPgConfig }
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        for version in versions.sorted(by: { (Int($0) ?? 0) > (Int($1) ?? 0) }) where hasServer("/usr/lib/postgresql/\(version)/bin") {
            return "/usr/lib/postgresql/\(version)/bin"
        }
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init) where hasServer(dir) {
            return dir
        }
        return nil
    }

    /// Starts the cluster (creating it on first use) unless it already runs.
    /// Returns true when this call started it, so the caller knows to stop it.
    @discardableResult
    public func start() throws(Failure) -> Bool {
        try prepareDirectory()
        if !FileManager.default.fileExists(atPath: directory + "/PG_VERSION") {
            logger.notice("creating embedded PostgreSQL cluster", metadata: ["dir": "\(directory)"])
            try runServerCommand([binaries + "/initdb", "-D", directory, "-U", Self.superuser, "--auth=trust",
                                  "-E", "UTF8", "--no-locale", "--no-instructions"])
        }
        if isRunning() { return false }
        removeStaleLockFiles()
        if socketDirectory != directory {
            try? FileManager.default.createDirectory(atPath: socketDirectory, withIntermediateDirectories: true)
            if Self.isRoot { _ = try? Self.run(["chown", "postgres:postgres", socketDirectory]) }
        }
        let listen = listenOnLoopback ? "127.0.0.1" : "''"
        let options = "-k '\(socketDirectory)' -p \(port) -c listen_addresses=\(listen) -c max_connections=300"
        try runServerCommand([binaries + "/pg_ctl", "-D", directory, "-l", directory + "/server.log", "-w", "-t", "60", "-o", options, "start"])
        logger.info("embedded PostgreSQL started", metadata: ["socket": "\(socketDirectory)", "port": "\(port)"])
        return true
    }

    public func stop() {
        guard isRunning() else { return }
        do {
            try runServerCommand([binaries + "/pg_ctl", "-D", directory, "-m", "fast", "-w", "-t", "60", "stop"])
            logger.info("embedded PostgreSQL stopped")
        } catch {
            logger.error("could not stop embedded PostgreSQL", metadata: ["error": "\(error)"])
        }
    }

    /// A live postmaster owns the folder: its pid file names a running `postgres` process.
    public func isRunning() -> Bool {
        guard let pid = Self.pidFromFile(directory + "/postmaster.pid") else { return false }
        return Self.isPostgresProcess(pid)
    }

    /// After a crash the pid file (and the socket's lock file) stay behind. PostgreSQL refuses
    /// to start when the pid in it belongs to some other live process, which happens when pids are reused.
    func removeStaleLockFiles() {
        for file in [directory + "/postmaster.pid", socketDirectory + "/.s.PGSQL.\(port).lock"] {
            if let pid = Self.pidFromFile(file), !Self.isPostgresProcess(pid) {
                logger.warning("removing stale lock file", metadata: ["file": "\(file)", "pid": "\(pid)"])
                try? FileManager.default.removeItem(atPath: file)
            }
        }
    }

    static func pidFromFile(_ path: String) -> Int32? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              let first = text.split(separator: "\n").first else { return nil }
        return Int32(first.trimmingCharacters(in: .whitespaces))
    }

    static func isPostgresProcess(_ pid: Int32) -> Bool {
        guard pid > 0, kill(pid, 0) == 0 || errno == EPERM else { return false }
        let comm = (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?.trimmingWhitespace()
        return comm == nil || comm == "postgres" || comm == "postmaster"
    }

    func prepareDirectory() throws(Failure) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .dataDirectoryNotWritable(directory, (error as NSError).localizedDescription)
        }
        if Self.isRoot {
            guard (try? Self.run(["id", "-u", "postgres"])) != nil else { throw .noPostgresUser }
            do {
                try Self.run(["chown", "-R", "postgres:postgres", directory])
                try Self.run(["chmod", "700", directory])
                // The postgres user must be able to walk down to the folder; grant search (not read) on the way.
                var parent = URL(fileURLWithPath: directory).deletingLastPathComponent()
                while parent.path != "/" {
                    try Self.run(["chmod", "o+x", parent.path])
                    parent = parent.deletingLastPathComponent()
                }
            } catch {
                throw .dataDirectoryNotWritable(directory, "\(error)")
            }
        } else if access(directory, W_OK) != 0 {
            throw .dataDirectoryNotWritable(directory, String(cString: strerror(errno)))
        }
    }

    func runServerCommand(_ arguments: [String]) throws(Failure) {
        let command = Self.isRoot ? ["runuser", "-u", "postgres", "--"] + arguments : arguments
        do {
            try Self.run(command)
        } catch let error as Failure {
            throw error
        } catch {
            throw .commandFailed(arguments.first ?? "", "\(error)")
        }
    }

    /// Runs a command to completion with posix_spawn and waitpid. Output goes to a file, not a pipe:
    /// the server that pg_ctl starts keeps inherited descriptors open for its whole life.
    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        let outputPath = NSTemporaryDirectory() + "postrun-cmd-\(getpid())-\(UInt64.random(in: 0...UInt64.max)).log"
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        let argv: [UnsafeMutablePointer<CChar>?] = (["/usr/bin/env"] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/usr/bin/env", &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw Failure.commandFailed(arguments[0], String(cString: strerror(spawned)))
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let exitedCleanly = (status & 0x7f) == 0 && ((status >> 8) & 0xff) == 0
        guard exitedCleanly else {
            let name = URL(fileURLWithPath: arguments[0]).lastPathComponent
            let output = text.isEmpty && (status >> 8) & 0xff == 127 ? "command not found" : text
            throw Failure.commandFailed(name, output)
        }
        return text
    }
}
