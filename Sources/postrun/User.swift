import ArgumentParser
import Foundation
import Logging
import PostRunCore
import PostRunDaemon
import PostRunStore

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage staff logins (admins, dispatchers, couriers).",
        subcommands: [Create.self, List.self, Disable.self, Password.self])

    /// Reads a password from standard input (one line), so it never shows in the process list or shell history.
    static func readPassword() throws -> String {
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw ValidationError("give the password on standard input, e.g. `printf '%s' \"$PASSWORD\" | postrun user create …`")
        }
        return line
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user; the password is read from standard input.")

        @Option(help: "Login name: lowercase letters, digits, '.', '-', '_'.") var username: String
        @Option(help: "Full name, e.g. 'Nguyễn Văn An'.") var name: String
        @Option(help: "admin, dispatcher or courier.") var role: String
        @Option(help: "Post office code, e.g. BC-PLEIKU (optional for a province-wide admin).") var office: String?
        @Option(help: "PBKDF2 rounds (default \(PasswordHasher.recommendedRounds)).") var rounds = PasswordHasher.recommendedRounds
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        func validate() throws {
            guard StaffRole(rawValue: role) != nil else { throw ValidationError("--role must be admin, dispatcher or courier") }
            guard rounds >= 1000 else { throw ValidationError("--rounds must be at least 1000") }
        }

        func run() async throws {
            let password = try UserCommand.readPassword()
            try await withMigratedDatabase(database: database, logging: logging, label: "postrun.user") { db, logger in
                let repository = StaffRepository(database: db, hasher: PasswordHasher(rounds: rounds))
                do {
                    let user = try await repository.create(.init(username: username, displayName: name, role: StaffRole(rawValue: role)!,
                                                                 officeCode: office, password: password), logger: logger)
                    print("user: \(user.publicID) \(user.username) (\(user.role.rawValue)\(user.officeCode.map { ", \($0)" } ?? ""))")
                } catch let failure as StaffFailure {
                    throw ValidationError(Self.describe(failure))
                }
            }
        }

        static func describe(_ failure: StaffFailure) -> String {
            switch failure {
            case let .validation(errors): return errors.map { "\($0.field): \($0.messageEn)" }.joined(separator: "; ")
            case .usernameTaken: return "username is taken"
            case .unknownOffice: return "no post office has that code"
            case .notFound: return "no such user"
            case .signingKeyUnavailable: return "token signing key unavailable"
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List active users.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        func run() async throws {
            try await withMigratedDatabase(database: database, logging: logging, label: "postrun.user") { db, logger in
                for user in try await StaffRepository(database: db).list(officeID: nil, logger: logger) {
                    print("\(user.publicID)\t\(user.username)\t\(user.role.rawValue)\t\(user.officeCode ?? "-")\t\(user.displayName)")
                }
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a user (by usr_… id); their tokens stop working.")
        @Argument var user: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        func run() async throws {
            try await withMigratedDatabase(database: database, logging: logging, label: "postrun.user") { db, logger in
                guard try await StaffRepository(database: db).disable(publicID: user, logger: logger) else {
                    throw ValidationError("no active user \(user)")
                }
                print("disabled \(user)")
            }
        }
    }

    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a user's password (by usr_… id) from standard input.")
        @Argument var user: String
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        func run() async throws {
            let password = try UserCommand.readPassword()
            try await withMigratedDatabase(database: database, logging: logging, label: "postrun.user") { db, logger in
                do {
                    try await StaffRepository(database: db).setPassword(publicID: user, password: password, logger: logger)
                } catch let failure as StaffFailure {
                    throw ValidationError(Create.describe(failure))
                }
                print("password set for \(user)")
            }
        }
    }
}
