import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PostRunStore

/// Who is calling: a portal integration (API key) or a staff member (token from `POST /v1/auth/token`).
public enum Principal: Sendable, Equatable {
    case apiClient(APIClient)
    case staff(StaffUser)

    public var clientID: Int64? {
        switch self {
        case let .apiClient(client): client.id
        case .staff: nil
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
        case let .staff(user):
            guard user.role == .admin else { throw Problem.forbidden(scope: scope.rawValue) }
        }
        return principal
    }

    /// The API client calling, holding `scope`.
    public func requireClient(_ scope: Scope) throws -> APIClient {
        guard case let .apiClient(client) = try require(scope) else { throw Problem.forbidden(scope: scope.rawValue) }
        return client
    }

    /// The staff member calling, in one of `roles` (an admin may do anything a dispatcher or courier may):
    /// 401 without a staff token, 403 with the wrong role.
    public func requireStaff(_ roles: StaffRole...) throws -> StaffUser {
        guard let principal else { throw Problem.unauthorized }
        guard case let .staff(user) = principal else { throw Problem.forbiddenRole(roles) }
        guard user.role == .admin || roles.contains(user.role) else { throw Problem.forbiddenRole(roles) }
        return user
    }

    /// The staff member calling, in one of `roles`, allowed to act for `officeID` (404 otherwise: another
    /// office's things are not shown to exist).
    public func requireStaff(_ roles: StaffRole..., office officeID: Int64) throws -> StaffUser {
        guard let principal else { throw Problem.unauthorized }
        guard case let .staff(user) = principal else { throw Problem.forbiddenRole(roles) }
        guard user.role == .admin || roles.contains(user.role) else { throw Problem.forbiddenRole(roles) }
        guard user.canAct(forOffice: officeID) else { throw Problem.notFound() }
        return user
    }
}

extension Problem {
    static func forbiddenRole(_ roles: [StaffRole]) -> Problem {
        let names = roles.map(\.rawValue).joined(separator: ", ")
        return Problem("forbidden", status: .forbidden, vi: "Không có quyền", en: "Forbidden",
                       detailVi: "Thao tác này cần vai trò: \(names).", detailEn: "This needs one of the roles: \(names).")
    }
}

/// Reads `Authorization: Bearer <key>` and attaches the principal; leaves anonymous requests anonymous
/// (routes that need a principal ask for it with `context.require(_:)`).
public struct AuthenticationMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    let clients: APIClientRepository
    let staff: StaffRepository

    public init(clients: APIClientRepository, staff: StaffRepository) {
        self.clients = clients
        self.staff = staff
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else { return try await next(request, context) }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw Problem.unauthorized }
        let token = String(parts[1]).trimmingCharacters(in: .whitespaces)
        var context = context
        if token.hasPrefix("pst_") {
            guard let user = try await staff.authenticate(token: token, logger: context.logger) else { throw Problem.unauthorized }
            context.principal = .staff(user)
            context.logger[metadataKey: "staff"] = .string(user.username)
        } else {
            guard token.hasPrefix("prk_"), let client = try await clients.authenticate(key: token, logger: context.logger) else {
                throw Problem.unauthorized
            }
            context.principal = .apiClient(client)
            context.logger[metadataKey: "client"] = .string(client.publicID)
        }
        return try await next(request, context)
    }
}
