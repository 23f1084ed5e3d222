import Foundation
import Logging
import PostRunStore

#if canImport(Glibc)
import Glibc
#endif

/// Resolves the configured database to an endpoint, starting the embedded cluster when that is the source.
/// `release()` stops the cluster if this process is the one responsible for it.
public struct DatabaseRuntime: Sendable {
    public let endpoint: DatabaseEndpoint
    let cluster: EmbeddedPostgres?
    let owns: Bool

    /// - Parameter asDaemon: a daemon takes ownership of the cluster (and adopts one left by a crashed daemon);
    ///   a one-off command only stops what it started itself.
    public static func acquire(_ source: AppConfiguration.DatabaseSource, asDaemon: Bool, logger: Logger) async throws -> DatabaseRuntime {
        switch source {
        case let .url(endpoint):
            return DatabaseRuntime(endpoint: endpoint, cluster: nil, owns: false)
        case let .embedded(directory, port, listen):
            let cluster = try EmbeddedPostgres(directory: directory, port: port, listenOnLoopback: listen, logger: logger)
            let started = try cluster.start()
            let ownerFile = cluster.directory + "/postrun.owner"
            var owns = started
            if asDaemon {
                if !started, let owner = Self.pid(in: ownerFile), owner != getpid(), Self.isAlive(owner) {
                    logger.notice("embedded PostgreSQL is owned by another postrun process", metadata: ["pid": "\(owner)"])
                } else {
                    if !started { logger.notice("adopting embedded PostgreSQL left running by an earlier daemon") }
                    owns = true
                    try? "\(getpid())\n".write(toFile: ownerFile, atomically: true, encoding: .utf8)
                }
            }
            try await DatabaseAdmin.createDatabaseIfMissing(cluster.endpoint, logger: logger)
            return DatabaseRuntime(endpoint: cluster.endpoint, cluster: cluster, owns: owns)
        }
    }

    public func release() {
        guard owns, let cluster else { return }
        try? FileManager.default.removeItem(atPath: cluster.directory + "/postrun.owner")
        cluster.stop()
    }

    static func pid(in file: String) -> Int32? {
        (try? String(contentsOfFile: file, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    static func isAlive(_ pid: Int32) -> Bool { kill(pid, 0) == 0 || errno == EPERM }
}
