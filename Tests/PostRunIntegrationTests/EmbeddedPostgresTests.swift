import Foundation
import Logging
import PostRunDaemon
import PostRunStore
import Testing

/// The embedded cluster for real: initdb, start, restart, and recovery from a stale pid file.
@Suite(.enabled(if: TestDatabase.enabled), .serialized) struct EmbeddedPostgresTests {
    let logger = TestDatabase.logger

    func withScratchDirectory<R>(_ body: (String) async throws -> R) async throws -> R {
        let directory = "/tmp/postrun-embedded-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        return try await body(directory + "/pg")
    }

    func selectOne(_ endpoint: DatabaseEndpoint) async throws -> Int {
        try await DatabaseAdmin.withClient(endpoint, logger: logger) { database in
            var value = 0
            for try await one in try await database.query("SELECT 1", logger: logger).decode(Int.self) { value = one }
            return value
        }
    }

    @Test func firstStartRestartAndStalePidFile() async throws {
        try await withScratchDirectory { directory in
            // A free port number for the socket name, so we never meet another cluster's socket.
            let port = Int.random(in: 20000...40000)
            let cluster = try EmbeddedPostgres(directory: directory, port: port, logger: logger)

            // First start: creates the cluster.
            #expect(try cluster.start())
            #expect(cluster.isRunning())
            #expect(FileManager.default.fileExists(atPath: directory + "/PG_VERSION"))
            try await DatabaseAdmin.createDatabaseIfMissing(cluster.endpoint, logger: logger)
            #expect(try await selectOne(cluster.endpoint) == 1)

            // Starting again while it runs is a no-op that reports it did not start it.
            #expect(try cluster.start() == false)

            // Restart.
            cluster.stop()
            #expect(!cluster.isRunning())
            #expect(try cluster.start())
            #expect(try await selectOne(cluster.endpoint) == 1)

            // Crash: kill the postmaster hard, then leave a pid file naming a live process that is not postgres.
            let pidText = try String(contentsOfFile: directory + "/postmaster.pid", encoding: .utf8)
            let pid = try #require(Int32(pidText.split(separator: "\n")[0]))
            kill(pid, SIGKILL)
            for _ in 0..<100 where kill(pid, 0) == 0 { try await Task.sleep(for: .milliseconds(50)) }
            var lines = pidText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            lines[0] = String(getpid())  // alive, but us, not a postmaster
            try lines.joined(separator: "\n").write(toFile: directory + "/postmaster.pid", atomically: true, encoding: .utf8)
            if geteuid() == 0 { _ = chown(directory + "/postmaster.pid", pwOwner(directory), gwOwner(directory)) }
            // Orphaned backends die with the postmaster, but give them a moment to release shared memory.
            try await Task.sleep(for: .milliseconds(500))
            #expect(!cluster.isRunning())
            #expect(try cluster.start())
            #expect(try await selectOne(cluster.endpoint) == 1)
            cluster.stop()
        }
    }

    @Test func commandsStartAClusterForTheirDurationOnly() async throws {
        try await withScratchDirectory { directory in
            let source = AppConfiguration.DatabaseSource.embedded(dataDirectory: directory, port: Int.random(in: 20000...40000), listen: false)
            let runtime = try await DatabaseRuntime.acquire(source, asDaemon: false, logger: logger)
            #expect(try await selectOne(runtime.endpoint) == 1)
            runtime.release()
            let cluster = try EmbeddedPostgres(directory: directory, port: 5432, logger: logger)
            #expect(!cluster.isRunning())
        }
    }

    @Test func unwritableDataDirectoryIsAClearError() throws {
        #expect(throws: EmbeddedPostgres.Failure.self) {
            try EmbeddedPostgres(directory: "/proc/postrun/pg", logger: logger).start()
        }
        do {
            try EmbeddedPostgres(directory: "/proc/postrun/pg", logger: logger).start()
        } catch {
            #expect(error.description.contains("not writable"))
        }
    }

    func pwOwner(_ path: String) -> uid_t {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.ownerAccountID] as? NSNumber)?.uint32Value ?? 0
    }

    func gwOwner(_ path: String) -> gid_t {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.groupOwnerAccountID] as? NSNumber)?.uint32Value ?? 0
    }
}
