import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PostRunStore

/// Who is calling. Staff roles (dispatcher, courier, admin) join as further cases.
public enum Principal: Sendable, Equatable {
    case apiClient(APIClient)

    public var clientID: Int64? {
        switch self {
        case let .apiClient(client): client.id
        }
    }
}

extension AppRequestContext {
    /// The caller, if it must hold `scope`: 401 without credentials, 403 without the scope.
    public func require(_ scope: Scope) throws -> Principal {
        guard let principal else { throw Problem.unauthorized }
        switch principal {
        case let .apiClient(client):
            guard client.scopes.contains(scope) || client.scopes.contains(.admin) else { throw Problem.forbidden(scope: scope.rawValue) }
        }
        return principal
    }

    /// The API client calling, holding `scope`.
    public func requireClient(_ scope: Scope) throws -> APIClient {
        switch try require(scope) {
        case let .apiClient(client): return client
        }
    }
}

/// Reads `Authorization: Bearer <key>` and attaches the principal; leaves anonymous requests anonymous
/// (routes that need a principal ask for it with `context.require(_:)`).
public struct AuthenticationMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    let clients: APIClientRepository

    public init(clients: APIClientRepository) { self.clients = clients }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else { return try await next(request, context) }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw Problem.unauthorized }
        let token = String(parts[1]).trimmingCharacters(in: .whitespaces)
        guard token.hasPrefix("prk_"), let client = try await clients.authenticate(key: token, logger: context.logger) else {
            throw Problem.unauthorized
        }
        var context = context
        context.principal = .apiClient(client)
        context.logger[metadataKey: "client"] = .string(client.publicID)
        return try await next(request, context)
    }
}
