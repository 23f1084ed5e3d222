import Foundation
import Logging
import PostgresNIO
import PostRunCore

public struct AdminUnitView: Sendable, Codable, Equatable {
    public var code: String
    public var name: String
    public var fullName: String
    public var kind: String
    public var provinceCode: String
    public var validFrom: String
    public var validTo: String?
    public var lat: Double?
    public var lon: Double?
    public var areaClasses: [String]
    public var office: String?
    public var serviceWeekdays: [Int]

    enum CodingKeys: String, CodingKey {
        case code, name, kind, lat, lon, office
        case fullName = "full_name"
        case provinceCode = "province_code"
        case validFrom = "valid_from"
        case validTo = "valid_to"
        case areaClasses = "area_classes"
        case serviceWeekdays = "service_weekdays"
    }
}

public struct PostOfficeView: Sendable, Codable, Equatable {
    public var code: String
    public var name: String
    public var address: String
    public var provinceCode: String
    public var lat: Double?
    public var lon: Double?
    public var opensAt: String
    public var closesAt: String
    public var cutoffAt: String
    public var workingDays: [Int]
    public var communes: Int
    public var version: Int

    enum CodingKeys: String, CodingKey {
        case code, name, address, lat, lon, communes, version
        case provinceCode = "province_code"
        case opensAt = "opens_at"
        case closesAt = "closes_at"
        case cutoffAt = "cutoff_at"
        case workingDays = "working_days"
    }
}

/// Administrative units and post offices: reference data that jobs are checked and routed against.
public struct ReferenceRepository: Sendable {
    let database: Database
    public init(database: Database) { self.database = database }

    static let unitColumns = """
        u.code, u.name, u.full_name, u.kind, u.province_code, u.valid_from::text, u.valid_to::text, u.lat, u.lon,
        u.area_classes, o.code, u.service_weekdays
        """

    /// Current units whose name matches `query` ignoring diacritics and tone-mark placement, or whose code equals it.
    public func searchUnits(query: String?, province: String?, limit: Int, logger: Logger) async throws -> [AdminUnitView] {
        let text = query.map(VietnameseText.normalizedLine).flatMap { $0.isEmpty ? nil : $0 }
        let rows = try await database.query(PostgresQuery(unsafeSQL: """
            SELECT \(Self.unitColumns) FROM administrative_units u LEFT JOIN post_offices o ON o.id = u.office_id
            WHERE u.valid_to IS NULL
              AND ($1::text IS NULL OR u.code = $1 OR u.search_key LIKE '%' || vn_fold($1) || '%')
              AND ($2::text IS NULL OR u.province_code = $2)
            ORDER BY (u.code = $1) DESC NULLS LAST, (vn_fold(u.name) = vn_fold($1)) DESC NULLS LAST,
                     (u.kind = 'province') DESC, u.code
            LIMIT $3
            """, binds: { var b = PostgresBindings(); b.append(text); b.append(province); b.append(limit); return b }()), logger: logger)
        return try await Self.decodeUnits(rows)
    }

    public func unit(code: String, logger: Logger) async throws -> AdminUnitView? {
        let rows = try await database.query(PostgresQuery(unsafeSQL: """
            SELECT \(Self.unitColumns) FROM administrative_units u LEFT JOIN post_offices o ON o.id = u.office_id
            WHERE u.code = $1 AND u.valid_to IS NULL
            """, binds: { var b = PostgresBindings(); b.append(code); return b }()), logger: logger)
        return try await Self.decodeUnits(rows).first
    }

    static func decodeUnits(_ rows: PostgresRowSequence) async throws -> [AdminUnitView] {
        var units: [AdminUnitView] = []
        for try await row in rows.decode((String, String, String, String, String, String, String?, Double?, Double?, [String], String?, [Int16]).self) {
            units.append(AdminUnitView(code: row.0, name: row.1, fullName: row.2, kind: row.3, provinceCode: row.4, validFrom: row.5,
                                       validTo: row.6, lat: row.7, lon: row.8, areaClasses: row.9, office: row.10,
                                       serviceWeekdays: row.11.map(Int.init)))
        }
        return units
    }

    public enum UnitUpdateError: Error, Equatable { case unknownUnit, unknownOffice }

    /// Admin edits: area classes, serving office, service weekdays.
    public func updateUnit(code: String, areaClasses: [AreaClass]?, officeCode: String??, serviceWeekdays: [Int]?, logger: Logger) async throws -> AdminUnitView {
        try await database.referenceDataTransaction(logger: logger) { connection in
            var officeID: Int64?? = nil
            if let officeCode {
                if let officeCode {
                    var found: Int64?
                    for try await id in try await connection.query("SELECT id FROM post_offices WHERE code = \(officeCode)", logger: logger)
                        .decode(Int64.self) { found = id }
                    guard let found else { throw UnitUpdateError.unknownOffice }
                    officeID = .some(found)
                } else {
                    officeID = .some(nil)
                }
            }
            let classes = areaClasses.map { $0.map(\.rawValue) }
            let weekdays = serviceWeekdays.map { $0.map(Int16.init) }
            let updated = try await connection.query("""
                UPDATE administrative_units SET
                    area_classes = COALESCE(\(classes), area_classes),
                    office_id = CASE WHEN \(officeID != nil) THEN \(officeID ?? nil) ELSE office_id END,
                    service_weekdays = COALESCE(\(weekdays), service_weekdays)
                WHERE code = \(code) AND valid_to IS NULL RETURNING 1
                """, logger: logger).collect()
            guard !updated.isEmpty else { throw UnitUpdateError.unknownUnit }
        }
        // Read after commit: the pool's other connections see only committed rows.
        guard let updated = try await unit(code: code, logger: logger) else { throw UnitUpdateError.unknownUnit }
        return updated
    }

    static let officeSelect = """
        SELECT o.code, o.name, o.address, o.province_code, o.lat, o.lon, to_char(o.opens_at, 'HH24:MI'), to_char(o.closes_at, 'HH24:MI'),
               to_char(o.cutoff_at, 'HH24:MI'), o.working_days,
               (SELECT count(*) FROM administrative_units u WHERE u.office_id = o.id AND u.valid_to IS NULL)::int, o.version
        FROM post_offices o
        """

    public func offices(province: String?, logger: Logger) async throws -> [PostOfficeView] {
        try await decodeOffices(database.query(PostgresQuery(unsafeSQL: Self.officeSelect + " WHERE ($1::text IS NULL OR o.province_code = $1) ORDER BY o.code",
                                                             binds: { var b = PostgresBindings(); b.append(province); return b }()), logger: logger))
    }

    public func office(code: String, logger: Logger) async throws -> PostOfficeView? {
        try await decodeOffices(database.query(PostgresQuery(unsafeSQL: Self.officeSelect + " WHERE o.code = $1",
                                                             binds: { var b = PostgresBindings(); b.append(code); return b }()), logger: logger)).first
    }

    func decodeOffices(_ rows: PostgresRowSequence) async throws -> [PostOfficeView] {
        var offices: [PostOfficeView] = []
        for try await row in rows.decode((String, String, String, String, Double?, Double?, String, String, String, [Int16], Int, Int).self) {
            offices.append(PostOfficeView(code: row.0, name: row.1, address: row.2, provinceCode: row.3, lat: row.4, lon: row.5,
                                          opensAt: row.6, closesAt: row.7, cutoffAt: row.8, workingDays: row.9.map(Int.init),
                                          communes: row.10, version: row.11))
        }
        return offices
    }

    public struct OfficeInput: Sendable, Decodable {
        public var code: String?
        public var name: String?
        public var address: String?
        public var provinceCode: String?
        public var lat: Double?
        public var lon: Double?
        public var opensAt: String?
        public var closesAt: String?
        public var cutoffAt: String?
        public var workingDays: [Int]?

        enum CodingKeys: String, CodingKey {
            case code, name, address, lat, lon
            case provinceCode = "province_code"
            case opensAt = "opens_at"
            case closesAt = "closes_at"
            case cutoffAt = "cutoff_at"
            case workingDays = "working_days"
        }

        /// Field errors for a create (`creating`) or a partial update.
        public func problems(creating: Bool) -> [FieldError] {
            var errors: [FieldError] = []
            func err(_ field: String, _ code: String, _ vi: String, _ en: String) {
                errors.append(FieldError(field: field, code: code, messageVi: vi, messageEn: en))
            }
            if creating || code != nil {
                if code.map({ $0.range(of: "^[A-Z0-9][A-Z0-9-]{1,31}$", options: .regularExpression) == nil }) ?? true {
                    err("code", "invalid_code", "Mã bưu cục gồm 2–32 chữ in hoa, số hoặc '-'.", "Office code is 2–32 capitals, digits or '-'.")
                }
            }
            if creating || name != nil {
                let trimmed = name.map(VietnameseText.normalizedLine) ?? ""
                if trimmed.isEmpty || trimmed.count > 200 { err("name", "invalid_name", "Tên bưu cục 1–200 ký tự.", "Office name is 1–200 characters.") }
            }
            if creating && (provinceCode?.range(of: "^[0-9]{2}$", options: .regularExpression) == nil) {
                err("province_code", "invalid_province", "Mã tỉnh gồm 2 chữ số.", "Province code is 2 digits.")
            }
            for (field, value) in [("opens_at", opensAt), ("closes_at", closesAt), ("cutoff_at", cutoffAt)] {
                if let value, value.range(of: "^([01][0-9]|2[0-3]):[0-5][0-9]$", options: .regularExpression) == nil {
                    err(field, "invalid_time", "Giờ theo dạng HH:MM.", "Time as HH:MM.")
                }
            }
            if let days = workingDays, days.isEmpty || days.contains(where: { !(1...7).contains($0) }) {
                err("working_days", "invalid_weekdays", "Ngày làm việc là các số 1 (thứ Hai) đến 7 (Chủ nhật).", "Working days are 1 (Monday) to 7 (Sunday).")
            }
            if let lat, !(7.5...23.5).contains(lat) { err("lat", "out_of_range", "Vĩ độ ngoài Việt Nam.", "Latitude outside Vietnam.") }
            if let lon, !(102...118).contains(lon) { err("lon", "out_of_range", "Kinh độ ngoài Việt Nam.", "Longitude outside Vietnam.") }
            return errors
        }
    }

    public enum OfficeError: Error, Equatable { case duplicateCode, notFound, stale(current: Int) }

    public func createOffice(_ input: OfficeInput, logger: Logger) async throws -> PostOfficeView {
        do {
            try await database.referenceDataQuery("""
                INSERT INTO post_offices (code, name, address, province_code, lat, lon, opens_at, closes_at, cutoff_at, working_days)
                VALUES (\(input.code!), \(VietnameseText.normalizedLine(input.name!)), \(input.address.map(VietnameseText.normalizedLine) ?? ""),
                        \(input.provinceCode!), \(input.lat), \(input.lon), \(input.opensAt ?? "07:30")::time, \(input.closesAt ?? "17:00")::time,
                        \(input.cutoffAt ?? "16:00")::time, \((input.workingDays ?? [1, 2, 3, 4, 5]).map(Int16.init)))
                """, logger: logger)
        } catch where SQLState.of(error) == SQLState.uniqueViolation {
            throw OfficeError.duplicateCode
        }
        return try await office(code: input.code!, logger: logger)!
    }

    public func updateOffice(code: String, _ input: OfficeInput, expectedVersion: Int, logger: Logger) async throws -> PostOfficeView {
        let rows = try await database.referenceDataQuery("""
            UPDATE post_offices SET
                name = COALESCE(\(input.name.map(VietnameseText.normalizedLine)), name),
                address = COALESCE(\(input.address.map(VietnameseText.normalizedLine)), address),
                lat = COALESCE(\(input.lat), lat), lon = COALESCE(\(input.lon), lon),
                opens_at = COALESCE(\(input.opensAt)::time, opens_at), closes_at = COALESCE(\(input.closesAt)::time, closes_at),
                cutoff_at = COALESCE(\(input.cutoffAt)::time, cutoff_at),
                working_days = COALESCE(\(input.workingDays.map { $0.map(Int16.init) }), working_days),
                version = version + 1, updated_at = now()
            WHERE code = \(code) AND version = \(expectedVersion) RETURNING 1
            """, logger: logger)
        if rows.isEmpty {
            guard let current = try await office(code: code, logger: logger) else { throw OfficeError.notFound }
            throw OfficeError.stale(current: current.version)
        }
        return try await office(code: code, logger: logger)!
    }
}
