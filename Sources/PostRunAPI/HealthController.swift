import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PostRunStore

/// `/healthz` (the process answers), `/readyz` (the database answers and its schema is current)
/// and `/metrics` (Prometheus text).
public struct HealthController: Sendable {
    let database: Database
    let migrator: Migrator
    let renderMetrics: @Sendable () async -> String

    public init(database: Database, migrator: Migrator, renderMetrics: @escaping @Sendable () async -> String) {
        self.database = database
        self.migrator = migrator
        self.renderMetrics = renderMetrics
    }

    public func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/healthz") { _, _ in
            jsonResponse(.ok, ["status": .string("ok")])
        }
        router.get("/readyz") { _, context in
            await readiness(logger: context.logger)
        }
        router.get("/metrics") { _, _ in
            let text = await renderMetrics()
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: text)))
        }
    }

    func readiness(logger: Logger) async -> Response {
        do {
            let status = try await withTimeout(.seconds(3)) { try await migrator.status(database, logger: logger) }
            guard status.isCurrent else {
                var reasons: [String: JSONValue] = ["status": .string("not_ready"), "database": .string("up")]
                if !status.pending.isEmpty { reasons["pending_migrations"] = .array(status.pending.map(JSONValue.string)) }
                if !status.changed.isEmpty { reasons["changed_migrations"] = .array(status.changed.map(JSONValue.string)) }
                if !status.missing.isEmpty { reasons["missing_migrations"] = .array(status.missing.map(JSONValue.string)) }
                reasons["reason"] = .string("database schema is not current")
                return jsonResponse(.serviceUnavailable, reasons)
            }
            return jsonResponse(.ok, ["status": .string("ready"), "database": .string("up"),
                                      "migrations": .int(status.applied.count)])
        } catch {
            logger.warning("readiness check failed", metadata: ["error": .string(String(reflecting: error))])
            return jsonResponse(.serviceUnavailable, ["status": .string("not_ready"), "database": .string("down"),
                                                      "reason": .string("database unreachable")])
        }
    }
}

struct TimeoutError: Error {}

/// Answers within `duration` even when `body` is stuck somewhere that ignores cancellation
/// (a pool waiting for a server that is down): the late result is dropped.
func withTimeout<R: Sendable>(_ duration: Duration, _ body: @escaping @Sendable () async throws -> R) async throws -> R {
    let gate = FirstResult()
    return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<R, any Error>) in
        let work = Task {
            let result: Result<R, any Error>
            do { result = .success(try await body()) } catch { result = .failure(error) }
            if await gate.claim() { continuation.resume(with: result) }
        }
        Task {
            try? await Task.sleep(for: duration)
            if await gate.claim() {
                work.cancel()
                continuation.resume(throwing: TimeoutError())
            }
        }
    }
}

private actor FirstResult {
    private var claimed = false
    func claim() -> Bool {
        defer { claimed = true }
        return !claimed
    }
}

public func jsonResponse(_ status: HTTPResponse.Status, _ body: [String: JSONValue], headers: HTTPFields = [:]) -> Response {
    var headers = headers
    headers[.contentType] = "application/json; charset=utf-8"
    let data = (try? JSONValue.object(body).encoded()) ?? Data("{}".utf8)
    return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
}
