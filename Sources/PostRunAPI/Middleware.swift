import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Metrics

/// Takes the caller's `X-Request-Id` (or makes one), puts it on every log line of the request,
/// echoes it back, and reads `Accept-Language` for problem texts.
public struct RequestIDMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let id = request.headers[.requestID].flatMap(Self.sanitised) ?? Self.generate()
        context.requestID = id
        context.language = Language(acceptLanguage: request.headers[.acceptLanguage])
        context.logger[metadataKey: "request_id"] = .string(id)
        context.logger[metadataKey: "hb.request.id"] = nil
        let start = ContinuousClock.now
        var response = try await next(request, context)
        response.headers[.requestID] = id
        context.logger.info("request", metadata: [
            "method": .string(request.method.rawValue), "path": .string(request.uri.path),
            "status": .stringConvertible(response.status.code),
            "ms": .stringConvertible(Self.milliseconds(ContinuousClock.now - start)),
        ])
        return response
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    }

    static func sanitised(_ value: String) -> String? {
        let allowed = value.utf8.count <= 128 && !value.isEmpty
            && value.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.:".unicodeScalars.contains($0)) }
        return allowed ? value : nil
    }

    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in String(UInt8.random(in: 0...255, using: &generator), radix: 16).leftPadded(to: 2) }.joined()
    }
}

/// Turns every error into problem+json, logs unexpected ones, and never leaks internals.
public struct ProblemMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            return problem.response(language: context.language, requestID: context.requestID)
        } catch let convertible as any ProblemConvertible {
            return convertible.problem.response(language: context.language, requestID: context.requestID)
        } catch let error as any HTTPResponseError {
            return Problem.from(error).response(language: context.language, requestID: context.requestID)
        } catch {
            context.logger.error("unhandled error", metadata: ["error": .string(String(reflecting: error))])
            return Problem.internalError().response(language: context.language, requestID: context.requestID)
        }
    }
}

/// Request count and latency by route and status, into an injected metrics factory
/// (so each application, and each test, has its own registry).
public struct HTTPMetricsMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    let factory: any MetricsFactory

    public init(factory: any MetricsFactory) { self.factory = factory }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        let dimensions = [
            ("route", context.endpointPath ?? "unmatched"),
            ("method", request.method.rawValue),
            ("status", String(response.status.code)),
        ]
        Counter(label: "postrun_http_requests_total", dimensions: dimensions, factory: factory).increment()
        Timer(label: "postrun_http_request_duration_seconds", dimensions: dimensions, factory: factory)
            .recordNanoseconds(elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
        return response
    }
}

extension HTTPField.Name {
    public static let requestID = Self("X-Request-Id")!
    public static let idempotencyKey = Self("Idempotency-Key")!
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
