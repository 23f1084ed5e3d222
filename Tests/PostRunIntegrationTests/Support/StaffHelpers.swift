import Foundation
import HTTPTypes
import HummingbirdTesting
import PostRunCore
import PostRunStore

/// A staff member made for a test (cheap password hash), with a token from the real login route.
struct TestStaff: Sendable {
    let user: StaffUser
    let token: String
    static let password = "mật-khẩu-thử-nghiệm"

    /// Creates the user directly in the database, then logs in through `client` (the app under test).
    static func make(_ database: Database, client: some TestClientProtocol, role: StaffRole, office: String? = "BC-PLEIKU",
                     username: String? = nil) async throws -> TestStaff {
        let name = username ?? "\(role.rawValue)-\(UInt32.random(in: 0...UInt32.max))"
        let repository = StaffRepository(database: database, hasher: PasswordHasher(rounds: 1000))
        _ = try await repository.create(.init(username: name, displayName: "Nhân viên \(name)", role: role, officeCode: office,
                                              password: password), logger: TestDatabase.logger)
        let response = try await client.call(.post, "/v1/auth/token", headers: [.contentType: "application/json"],
                                             body: #"{"username": "\#(name)", "password": "\#(password)"}"#)
        guard response.status == .ok, let token = response.string("access_token") else {
            throw TestStaffError.loginFailed(response.text)
        }
        let user = try await repository.authenticate(token: token, logger: TestDatabase.logger)!
        return TestStaff(user: user, token: token)
    }

    /// A courier login of `office` with its courier record (default profile), logged in.
    static func courier(_ database: Database, client: some TestClientProtocol, office: String = "BC-PLEIKU",
                        profile: CourierProfile = CourierProfile(name: "Bưu tá thử"), username: String? = nil) async throws -> (TestStaff, CourierRecord) {
        let staff = try await make(database, client: client, role: .courier, office: office, username: username)
        let couriers = CourierRepository(database: database)
        let officeID = try await couriers.officeID(code: office, logger: TestDatabase.logger)!
        let record = try await couriers.create(officeID: officeID, profile: profile, username: staff.user.username, logger: TestDatabase.logger)
        // The token names the user, not the courier: the next request sees the link.
        let linked = try await StaffRepository(database: database).authenticate(token: staff.token, logger: TestDatabase.logger)!
        return (TestStaff(user: linked, token: staff.token), record)
    }

    func headers(_ extra: HTTPFields = [:], json: Bool = true) -> HTTPFields {
        var headers = extra
        headers[.authorization] = "Bearer \(token)"
        if json, headers[.contentType] == nil { headers[.contentType] = "application/json" }
        return headers
    }
}

enum TestStaffError: Error { case loginFailed(String) }
