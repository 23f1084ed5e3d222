import Foundation
import Logging
import PostgresNIO
import PostRunCore

/// A courier as stored: their profile, office, login and leave.
public struct CourierRecord: Sendable, Equatable {
    public let id: Int64
    public let publicID: String
    public let officeID: Int64
    public let officeCode: String
    public let username: String?
    public var profile: CourierProfile
    public let active: Bool
    public let version: Int
    public let leave: [Leave]

    public struct Leave: Sendable, Equatable {
        public let id: Int64
        public let firstDay: LocalDate
        public let lastDay: LocalDate
        public let note: String
    }

    /// Whether the courier is on leave on `date`.
    public func onLeave(_ date: LocalDate) -> Bool { leave.contains { $0.firstDay <= date && date <= $0.lastDay } }
}

public enum CourierFailure: Error, Sendable, Equatable {
    case validation([FieldError])
    case notFound
    case staleVersion(current: Int)
}

/// Couriers of the post offices: create, read, edit (versioned), leave.
public struct CourierRepository: Sendable {
    let database: Database
    public init(database: Database) { self.database = database }

    /// Creates a courier of `officeID`, linked to the courier login `username` when given.
    public func create(officeID: Int64, profile: CourierProfile, username: String?, logger: Logger) async throws -> CourierRecord {
        var profile = profile
        let errors = profile.validate()
        guard errors.isEmpty else { throw CourierFailure.validation(errors) }
        let publicID = PublicIDs.make("cou")
        return try await database.transaction(logger: logger) { connection in
            let userID = try await Self.courierUserID(username, officeID: officeID, on: connection, logger: logger)
            let rows = try await connection.query("""
                INSERT INTO couriers (public_id, user_id, office_id, name, phone, vehicle, capacity_dossiers, capacity_grams,
                                      shift_start, shift_end, working_days, skills)
                VALUES (\(publicID), \(userID), \(officeID), \(profile.name), \(profile.phone), \(profile.vehicle.rawValue),
                        \(profile.capacityDossiers), \(profile.capacityGrams), make_interval(secs => \(profile.shiftStart))::time,
                        make_interval(secs => \(profile.shiftEnd))::time, \(profile.workingDays.sorted()),
                        \(profile.skills.sorted()))
                RETURNING id
                """, logger: logger)
            var id: Int64 = 0
            for try await value in rows.decode(Int64.self) { id = value }
            return try await Self.load(ids: [id], on: connection, logger: logger)[0]
        }
    }

    public func courier(publicID: String, logger: Logger) async throws -> CourierRecord {
        try await database.withConnection { connection in
            let rows = try await connection.query("SELECT id FROM couriers WHERE public_id = \(publicID)", logger: logger)
            var id: Int64?
            for try await value in rows.decode(Int64.self) { id = value }
            guard let id, let record = try await Self.load(ids: [id], on: connection, logger: logger).first else { throw CourierFailure.notFound }
            return record
        }
    }

    /// The couriers of an office (active ones unless `includeInactive`), by name.
    public func list(officeID: Int64, includeInactive: Bool = false, logger: Logger) async throws -> [CourierRecord] {
        try await database.withConnection { connection in
            let rows = try await connection.query("""
                SELECT id FROM couriers WHERE office_id = \(officeID) AND (active OR \(includeInactive)) ORDER BY name, id
                """, logger: logger)
            var ids: [Int64] = []
            for try await id in rows.decode(Int64.self) { ids.append(id) }
            return try await Self.load(ids: ids, on: connection, logger: logger)
        }
    }

    /// Replaces the profile (and the active flag) if the stored version is `expectedVersion`.
    public func update(publicID: String, profile: CourierProfile, active: Bool, expectedVersion: Int,
                       logger: Logger) async throws -> CourierRecord {
        var profile = profile
        let errors = profile.validate()
        guard errors.isEmpty else { throw CourierFailure.validation(errors) }
        return try await database.transaction(logger: logger) { connection in
            let (id, version) = try await Self.lock(publicID, on: connection, logger: logger)
            guard version == expectedVersion else { throw CourierFailure.staleVersion(current: version) }
            try await connection.query("""
                UPDATE couriers SET name = \(profile.name), phone = \(profile.phone), vehicle = \(profile.vehicle.rawValue),
                    capacity_dossiers = \(profile.capacityDossiers), capacity_grams = \(profile.capacityGrams),
                    shift_start = make_interval(secs => \(profile.shiftStart))::time,
                    shift_end = make_interval(secs => \(profile.shiftEnd))::time,
                    working_days = \(profile.workingDays.sorted()), skills = \(profile.skills.sorted()), active = \(active),
                    version = version + 1, updated_at = now()
                WHERE id = \(id)
                """, logger: logger)
            return try await Self.load(ids: [id], on: connection, logger: logger)[0]
        }
    }

    public func addLeave(publicID: String, firstDay: LocalDate, lastDay: LocalDate, note: String, logger: Logger) async throws -> CourierRecord {
        guard firstDay <= lastDay else {
            throw CourierFailure.validation([FieldError(field: "last_day", code: "before_first_day", vi: "Ngày cuối phải từ ngày đầu trở đi.",
                                                        en: "The last day must not be before the first day.")])
        }
        return try await database.transaction(logger: logger) { connection in
            let (id, _) = try await Self.lock(publicID, on: connection, logger: logger)
            try await connection.query("""
                INSERT INTO courier_leave (courier_id, first_day, last_day, note)
                VALUES (\(id), \(firstDay.description)::date, \(lastDay.description)::date, \(VietnameseText.normalizedLine(note)));
                """, logger: logger)
            try await connection.query("UPDATE couriers SET version = version + 1, updated_at = now() WHERE id = \(id)", logger: logger)
            return try await Self.load(ids: [id], on: connection, logger: logger)[0]
        }
    }

    public func removeLeave(publicID: String, leaveID: Int64, logger: Logger) async throws -> CourierRecord {
        try await database.transaction(logger: logger) { connection in
            let (id, _) = try await Self.lock(publicID, on: connection, logger: logger)
            let rows = try await connection.query("DELETE FROM courier_leave WHERE id = \(leaveID) AND courier_id = \(id) RETURNING id",
                                                  logger: logger)
            guard try await rows.collect().isEmpty == false else { throw CourierFailure.notFound }
            try await connection.query("UPDATE couriers SET version = version + 1, updated_at = now() WHERE id = \(id)", logger: logger)
            return try await Self.load(ids: [id], on: connection, logger: logger)[0]
        }
    }

    /// The internal id of the office with `code`, or nil.
    public func officeID(code: String, logger: Logger) async throws -> Int64? {
        let rows = try await database.query("SELECT id FROM post_offices WHERE code = \(code)", logger: logger)
        for try await id in rows.decode(Int64.self) { return id }
        return nil
    }

    static func lock(_ publicID: String, on connection: PostgresConnection, logger: Logger) async throws -> (Int64, Int) {
        let rows = try await connection.query("SELECT id, version FROM couriers WHERE public_id = \(publicID) FOR UPDATE", logger: logger)
        for try await row in rows.decode((Int64, Int).self) { return row }
        throw CourierFailure.notFound
    }

    /// The id of the courier login `username` of the same office; a validation error otherwise.
    static func courierUserID(_ username: String?, officeID: Int64, on connection: PostgresConnection, logger: Logger) async throws -> Int64? {
        guard let username, !username.isEmpty else { return nil }
        let rows = try await connection.query("""
            SELECT u.id, u.role, u.office_id, c.id FROM staff_users u LEFT JOIN couriers c ON c.user_id = u.id
            WHERE u.username = \(username) AND u.disabled_at IS NULL
            """, logger: logger)
        for try await (id, role, office, courier) in rows.decode((Int64, String, Int64?, Int64?).self) {
            guard role == StaffRole.courier.rawValue, office == officeID else {
                throw CourierFailure.validation([FieldError(field: "username", code: "not_a_courier_of_office",
                                                            vi: "Người dùng này không phải bưu tá của bưu cục.",
                                                            en: "This user is not a courier of the office.")])
            }
            guard courier == nil else {
                throw CourierFailure.validation([FieldError(field: "username", code: "already_linked",
                                                            vi: "Người dùng này đã gắn với một bưu tá khác.",
                                                            en: "This user is already linked to another courier.")])
            }
            return id
        }
        throw CourierFailure.validation([FieldError(field: "username", code: "unknown_user", vi: "Không có người dùng này.",
                                                    en: "No such user.")])
    }

    /// Full records for `ids`, in that order.
    public static func load(ids: [Int64], on connection: PostgresConnection, logger: Logger) async throws -> [CourierRecord] {
        guard !ids.isEmpty else { return [] }
        let leaveRows = try await connection.query("""
            SELECT courier_id, id, first_day::text, last_day::text, note FROM courier_leave
            WHERE courier_id = ANY (\(ids)) ORDER BY first_day, id
            """, logger: logger)
        var leave: [Int64: [CourierRecord.Leave]] = [:]
        for try await (courier, id, first, last, note) in leaveRows.decode((Int64, Int64, String, String, String).self) {
            guard let firstDay = LocalDate(iso: first), let lastDay = LocalDate(iso: last) else { continue }
            leave[courier, default: []].append(.init(id: id, firstDay: firstDay, lastDay: lastDay, note: note))
        }
        let rows = try await connection.query("""
            SELECT c.id, c.public_id, c.office_id, o.code, u.username, c.name, c.phone, c.vehicle, c.capacity_dossiers,
                   c.capacity_grams, extract(epoch FROM c.shift_start)::integer, extract(epoch FROM c.shift_end)::integer,
                   c.working_days, c.skills, c.active, c.version
            FROM couriers c JOIN post_offices o ON o.id = c.office_id LEFT JOIN staff_users u ON u.id = c.user_id
            WHERE c.id = ANY (\(ids))
            """, logger: logger)
        var byID: [Int64: CourierRecord] = [:]
        for try await row in rows.decode((Int64, String, Int64, String, String?, String, String?, String, Int, Int, Int, Int,
                                          [Int16], [String], Bool, Int).self) {
            let profile = CourierProfile(name: row.5, phone: row.6, vehicle: Vehicle(rawValue: row.7) ?? .motorbike,
                                         capacityDossiers: row.8, capacityGrams: row.9, shiftStart: row.10, shiftEnd: row.11,
                                         workingDays: Set(row.12.map(Int.init)), skills: Set(row.13))
            byID[row.0] = CourierRecord(id: row.0, publicID: row.1, officeID: row.2, officeCode: row.3, username: row.4,
                                        profile: profile, active: row.14, version: row.15, leave: leave[row.0] ?? [])
        }
        return ids.compactMap { byID[$0] }
    }
}
