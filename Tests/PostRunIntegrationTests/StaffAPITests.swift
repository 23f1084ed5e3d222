import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostRunCore
import PostRunStore
import Testing

@Suite struct StaffAPITests {
    @Test func passwordHashesAreSaltedAndVerify() throws {
        let hasher = PasswordHasher(rounds: 1000)
        let first = try hasher.hash("Mật khẩu dài")
        let second = try hasher.hash("Mật khẩu dài")
        #expect(first != second)
        #expect(first.hasPrefix("pbkdf2-sha256$1000$"))
        #expect(PasswordHasher.verify("Mật khẩu dài", against: first))
        // NFC and NFD spellings of the same password are the same password.
        #expect(PasswordHasher.verify("Mật khẩu dài".decomposedStringWithCanonicalMapping, against: first))
        #expect(!PasswordHasher.verify("Mật khẩu dai", against: first))
        #expect(!PasswordHasher.verify("x", against: "not-a-hash"))
        #expect(PasswordHasher.recommendedRounds >= 600_000)
    }

    @Test func loginGivesATokenThatIdentifiesTheUser() async throws {
        try await TestApp.withApp { app, database in
            try await app.test(.router) { client in
                let dispatcher = try await TestStaff.make(database, client: client, role: .dispatcher, username: "dieu-phoi.pleiku")
                let me = try await client.call(.get, "/v1/auth/me", headers: dispatcher.headers())
                #expect(me.status == .ok)
                #expect(me.string("username") == "dieu-phoi.pleiku")
                #expect(me.string("role") == "dispatcher")
                #expect(me.string("office") == "BC-PLEIKU")

                let wrong = try await client.call(.post, "/v1/auth/token", headers: [.contentType: "application/json"],
                                                  body: #"{"username": "dieu-phoi.pleiku", "password": "sai-mat-khau-roi"}"#)
                #expect(wrong.status == .unauthorized)
                #expect(wrong.string("type")?.hasSuffix("invalid-credentials") == true)
                let unknown = try await client.call(.post, "/v1/auth/token", headers: [.contentType: "application/json"],
                                                    body: #"{"username": "khong-co", "password": "sai-mat-khau-roi"}"#)
                #expect(unknown.status == .unauthorized)

                // Tampered tokens are refused: a changed signature (any of its characters, including the last one, whose
                // spare bits a lenient decoder would ignore) and a payload naming another user.
                let token = dispatcher.token
                for offset in [token.count - 1, token.count - 5] {
                    let index = token.index(token.startIndex, offsetBy: offset)
                    let replacement: Character = token[index] == "A" ? "B" : "A"
                    let forged = token.replacingCharacters(in: index...index, with: String(replacement))
                    #expect(try await client.call(.get, "/v1/auth/me", headers: [.authorization: "Bearer \(forged)"]).status == .unauthorized)
                }
                let parts = token.dropFirst(4).split(separator: ".")
                let otherPayload = Data(#"{"u":1,"g":1,"e":4102444800}"#.utf8).base64EncodedString()
                    .replacingOccurrences(of: "=", with: "").replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                #expect(try await client.call(.get, "/v1/auth/me", headers: [.authorization: "Bearer pst_\(otherPayload).\(parts[1])"]).status == .unauthorized)
            }
        }
    }

    @Test func passwordChangeAndDisablingEndOlderTokens() async throws {
        try await TestApp.withApp { app, database in
            try await app.test(.router) { client in
                let admin = try await TestStaff.make(database, client: client, role: .admin, office: nil)
                let courier = try await TestStaff.make(database, client: client, role: .courier)
                let change = try await client.call(.put, "/v1/staff/\(courier.user.publicID)/password", headers: courier.headers(),
                                                   body: #"{"password": "mot-mat-khau-moi-dai"}"#)
                #expect(change.status == .noContent)
                #expect(try await client.call(.get, "/v1/auth/me", headers: courier.headers()).status == .unauthorized)

                let login = try await client.call(.post, "/v1/auth/token", headers: [.contentType: "application/json"],
                                                  body: #"{"username": "\#(courier.user.username)", "password": "mot-mat-khau-moi-dai"}"#)
                #expect(login.status == .ok)
                let fresh = try #require(login.string("access_token"))
                #expect(try await client.call(.get, "/v1/auth/me", headers: [.authorization: "Bearer \(fresh)"]).status == .ok)

                // A courier cannot change another's password, nor disable anyone.
                let other = try await TestStaff.make(database, client: client, role: .courier)
                #expect(try await client.call(.put, "/v1/staff/\(other.user.publicID)/password", headers: [.authorization: "Bearer \(fresh)", .contentType: "application/json"],
                                              body: #"{"password": "mot-mat-khau-moi-dai"}"#).status == .notFound)
                #expect(try await client.call(.post, "/v1/staff/\(other.user.publicID)/disable", headers: [.authorization: "Bearer \(fresh)"]).status == .forbidden)

                #expect(try await client.call(.post, "/v1/staff/\(courier.user.publicID)/disable", headers: admin.headers()).status == .noContent)
                #expect(try await client.call(.get, "/v1/auth/me", headers: [.authorization: "Bearer \(fresh)"]).status == .unauthorized)
            }
        }
    }

    @Test func adminsCreateUsersWithValidation() async throws {
        try await TestApp.withApp { app, database in
            try await app.test(.router) { client in
                let admin = try await TestStaff.make(database, client: client, role: .admin, office: nil)
                let created = try await client.call(.post, "/v1/staff", headers: admin.headers(), body: """
                    {"username": "buu-ta.chuse", "display_name": "Rơ Mah Hlim", "role": "courier", "office": "BC-CHUSE",
                     "password": "mat-khau-du-dai"}
                    """)
                #expect(created.status == .created)
                #expect(created.string("office") == "BC-CHUSE")
                #expect(created.string("display_name") == "Rơ Mah Hlim")

                let bad = try await client.call(.post, "/v1/staff", headers: admin.headers(), body: """
                    {"username": "A b", "display_name": "", "role": "courier", "password": "short"}
                    """)
                #expect(bad.status == .unprocessableContent)
                #expect(Set(bad.errorFields) == ["username", "display_name", "password", "office"])

                let taken = try await client.call(.post, "/v1/staff", headers: admin.headers(), body: """
                    {"username": "buu-ta.chuse", "display_name": "Khác", "role": "courier", "office": "BC-CHUSE", "password": "mat-khau-du-dai"}
                    """)
                #expect(taken.status == .unprocessableContent)
                #expect(taken.errorCodes == ["taken"])

                // Dispatchers cannot create users; portal keys are not staff.
                let dispatcher = try await TestStaff.make(database, client: client, role: .dispatcher)
                #expect(try await client.call(.post, "/v1/staff", headers: dispatcher.headers(), body: "{}").status == .forbidden)
                let portal = try await TestPortal.make(database, scopes: [.admin])
                #expect(try await client.call(.get, "/v1/auth/me", headers: portal.headers()).status == .forbidden)
                let listed = try await client.call(.get, "/v1/staff", headers: dispatcher.headers())
                #expect(listed.status == .ok)
                let offices = ((listed["items"] as? [[String: Any]]) ?? []).compactMap { $0["office"] as? String }
                #expect(!offices.isEmpty && offices.allSatisfy { $0 == "BC-PLEIKU" })
            }
        }
    }

    @Test func couriersAreManagedByTheirOffice() async throws {
        try await TestApp.withApp { app, database in
            try await app.test(.router) { client in
                let dispatcher = try await TestStaff.make(database, client: client, role: .dispatcher)
                let login = try await TestStaff.make(database, client: client, role: .courier, username: "ksor.h-bla")
                let created = try await client.call(.post, "/v1/couriers", headers: dispatcher.headers(), body: """
                    {"name": "Ksor H'Bla", "username": "ksor.h-bla", "phone": "0905 111 222", "capacity_dossiers": 25,
                     "shift_start": "07:00", "shift_end": "16:30", "working_days": [1,2,3,4,5,6], "skills": ["cash_collection", "lang:jrai"]}
                    """)
                #expect(created.status == .created, "\(created.text)")
                #expect(created.string("office") == "BC-PLEIKU")
                #expect(created.string("phone") == "0905111222")
                #expect(created.string("shift_end") == "16:30")
                #expect(created.string("username") == "ksor.h-bla")
                let id = try #require(created.string("id"))

                // The courier sees their own record through their login (linked after creation).
                let mine = try await client.call(.get, "/v1/couriers/\(id)", headers: login.headers())
                #expect(mine.status == .ok)
                #expect(try await client.call(.get, "/v1/auth/me", headers: login.headers()).string("courier_id") == id)

                let bad = try await client.call(.post, "/v1/couriers", headers: dispatcher.headers(), body: """
                    {"name": "X", "shift_start": "17:00", "shift_end": "08:00", "working_days": [0], "skills": ["Tiền mặt"], "phone": "123"}
                    """)
                #expect(bad.status == .unprocessableContent)
                #expect(Set(bad.errorFields) == ["shift_end", "working_days", "skills", "phone"])

                let stale = try await client.call(.patch, "/v1/couriers/\(id)", headers: dispatcher.headers([.ifMatch: "\"9\""]),
                                                  body: #"{"capacity_dossiers": 30}"#)
                #expect(stale.status == .preconditionFailed)
                let patched = try await client.call(.patch, "/v1/couriers/\(id)", headers: dispatcher.headers([.ifMatch: "\"1\""]),
                                                    body: #"{"capacity_dossiers": 30}"#)
                #expect(patched.status == .ok)
                #expect(patched.int("capacity_dossiers") == 30)
                #expect(patched.int("version") == 2)

                let leave = try await client.call(.post, "/v1/couriers/\(id)/leave", headers: dispatcher.headers(),
                                                  body: #"{"first_day": "2026-12-24", "last_day": "2026-12-26", "note": "Nghỉ phép"}"#)
                #expect(leave.status == .created)
                #expect((leave["leave"] as? [Any])?.count == 1)

                // Another office's dispatcher does not see it; a courier cannot edit it.
                let other = try await TestStaff.make(database, client: client, role: .dispatcher, office: "BC-ANKHE")
                #expect(try await client.call(.get, "/v1/couriers/\(id)", headers: other.headers()).status == .notFound)
                #expect(try await client.call(.patch, "/v1/couriers/\(id)", headers: login.headers([.ifMatch: "\"3\""]), body: "{}").status == .forbidden)
                let listed = try await client.call(.get, "/v1/couriers", headers: other.headers())
                #expect((listed["items"] as? [Any])?.isEmpty == true)
            }
        }
    }
}
