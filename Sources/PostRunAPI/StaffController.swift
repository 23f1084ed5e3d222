import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PostRunCore
import PostRunStore

/// Staff login (`/v1/auth/…`) and user administration (`/v1/staff`, admins only).
public struct StaffController: Sendable {
    let staff: StaffRepository

    public init(staff: StaffRepository) { self.staff = staff }

    public func addRoutes(to v1: RouterGroup<AppRequestContext>) {
        v1.post("auth/token", use: login)
        v1.get("auth/me", use: me)
        v1.post("staff", use: create)
        v1.get("staff", use: list)
        v1.post("staff/:id/disable", use: disable)
        v1.put("staff/:id/password", use: setPassword)
    }

    struct LoginBody: Decodable {
        var username: String
        var password: String
    }

    struct CreateBody: Decodable {
        var username: String
        var displayName: String
        var role: StaffRole
        var office: String?
        var password: String

        enum CodingKeys: String, CodingKey {
            case username, role, office, password
            case displayName = "display_name"
        }
    }

    struct PasswordBody: Decodable {
        var password: String
    }

    @Sendable func login(request: Request, context: AppRequestContext) async throws -> Response {
        let (body, _) = try await request.decodeJSON(LoginBody.self, context: context)
        guard let login = try await staff.login(username: body.username, password: body.password, logger: context.logger) else {
            context.logger.notice("staff login refused", metadata: ["username": .string(body.username.prefix(64).description)])
            throw Problem("invalid-credentials", status: .unauthorized, vi: "Sai tên đăng nhập hoặc mật khẩu",
                          en: "Invalid username or password", headers: [.wwwAuthenticate: "Bearer"])
        }
        return jsonResponse(.ok, [
            "access_token": .string(login.token),
            "token_type": .string("Bearer"),
            "expires_at": .string(VietnamTime.iso8601(login.expiresAt)),
            "user": .object(Self.json(login.user)),
        ], headers: [.cacheControl: "no-store"])
    }

    @Sendable func me(request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireStaff(.admin, .dispatcher, .courier)
        return jsonResponse(.ok, Self.json(user))
    }

    @Sendable func create(request: Request, context: AppRequestContext) async throws -> Response {
        let admin = try context.requireStaff(.admin)
        let (body, _) = try await request.decodeJSON(CreateBody.self, context: context)
        if let adminOffice = admin.officeCode, body.office != adminOffice || body.role == .admin {
            throw Problem("forbidden", status: .forbidden, vi: "Không có quyền", en: "Forbidden",
                          detailVi: "Quản trị viên của một bưu cục chỉ tạo được người dùng cho bưu cục đó.",
                          detailEn: "An office admin may only create dispatchers and couriers of that office.")
        }
        let created: StaffUser
        do {
            created = try await staff.create(.init(username: body.username, displayName: body.displayName, role: body.role,
                                                   officeCode: body.office, password: body.password), logger: context.logger)
        } catch let failure as StaffFailure {
            throw failure.problem
        }
        context.logger.info("staff user created", metadata: ["user": .string(created.username), "role": .string(created.role.rawValue)])
        return jsonResponse(.created, Self.json(created), headers: [.location: "/v1/staff/\(created.publicID)"])
    }

    @Sendable func list(request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireStaff(.admin, .dispatcher)
        let users = try await staff.list(officeID: user.officeID, logger: context.logger)
        return jsonResponse(.ok, ["items": .array(users.map { .object(Self.json($0)) })])
    }

    @Sendable func disable(request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireStaff(.admin)
        let id = try context.parameters.require("id")
        guard try await staff.disable(publicID: id, logger: context.logger) else { throw Problem.notFound("user") }
        return Response(status: .noContent)
    }

    @Sendable func setPassword(request: Request, context: AppRequestContext) async throws -> Response {
        let caller = try context.requireStaff(.admin, .dispatcher, .courier)
        let id = try context.parameters.require("id")
        guard caller.role == .admin || caller.publicID == id else { throw Problem.notFound("user") }
        let (body, _) = try await request.decodeJSON(PasswordBody.self, context: context)
        do {
            try await staff.setPassword(publicID: id, password: body.password, logger: context.logger)
        } catch let failure as StaffFailure {
            throw failure.problem
        }
        return Response(status: .noContent)
    }

    static func json(_ user: StaffUser) -> [String: JSONValue] {
        var json: [String: JSONValue] = [
            "id": .string(user.publicID),
            "username": .string(user.username),
            "display_name": .string(user.displayName),
            "role": .string(user.role.rawValue),
            "office": user.officeCode.map(JSONValue.string) ?? .null,
        ]
        if let courier = user.courierPublicID { json["courier_id"] = .string(courier) }
        return json
    }
}

extension StaffFailure: ProblemConvertible {
    public var problem: Problem {
        switch self {
        case let .validation(errors):
            return .validation(errors)
        case .usernameTaken:
            return .validation([FieldError(field: "username", code: "taken", vi: "Tên đăng nhập đã có người dùng.",
                                           en: "This username is taken.")])
        case .unknownOffice:
            return .validation([FieldError(field: "office", code: "unknown_office", vi: "Không có bưu cục với mã này.",
                                           en: "No post office has this code.")])
        case .notFound:
            return .notFound("user")
        case .signingKeyUnavailable:
            return .internalError()
        }
    }
}
