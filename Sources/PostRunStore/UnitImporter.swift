import Foundation
import Logging
import PostgresNIO
import PostRunCore

/// Loads a newer list of administrative units. Codes were reused after the 2025 merger, so a unit whose name,
/// kind or province changed is closed (`valid_to`) and a new version opened from `validFrom`, with no area classes
/// or serving office carried over (it may be another place); units missing from the list are closed.
public struct UnitImporter: Sendable {
    let database: Database
    public init(database: Database) { self.database = database }

    public struct Summary: Sendable, Equatable, CustomStringConvertible {
        public var unchanged = 0, changed = 0, added = 0, retired = 0, centroids = 0
        public var description: String {
            "\(added) added, \(changed) changed (new version), \(retired) retired, \(unchanged) unchanged, \(centroids) centroids updated"
        }
    }

    public func importUnits(_ units: [AdministrativeUnit], geometry: [UnitGeometry], validFrom: LocalDate, logger: Logger) async throws -> Summary {
        let centroids = Dictionary(geometry.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        return try await database.referenceDataTransaction(logger: logger) { connection in
            var current: [String: (name: String, fullName: String, kind: String, province: String)] = [:]
            let rows = try await connection.query(
                "SELECT code, name, full_name, kind, province_code FROM administrative_units WHERE valid_to IS NULL FOR UPDATE", logger: logger)
            for try await (code, name, fullName, kind, province) in rows.decode((String, String, String, String, String).self) {
                current[code] = (name, fullName, kind, province)
            }
            var summary = Summary()
            let start = validFrom.description
            var seen = Set<String>()
            for unit in units {
                seen.insert(unit.code)
                let geo = centroids[unit.code]
                let lat = geo?.centroid.lat ?? unit.centroid?.lat
                let lon = geo?.centroid.lon ?? unit.centroid?.lon
                let area = geo?.areaKm2 ?? unit.areaKm2
                let classes = unit.kind == .ward ? ["urban"] : unit.kind == .commune ? ["rural"] : unit.kind == .specialZone ? ["remote"] : []
                if let existing = current[unit.code] {
                    let same = existing.name == unit.name && existing.fullName == unit.fullName && existing.kind == unit.kind.rawValue
                        && existing.province == unit.provinceCode
                    if same {
                        summary.unchanged += 1
                        if lat != nil {
                            try await connection.query("""
                                UPDATE administrative_units SET lat = \(lat), lon = \(lon), area_km2 = COALESCE(\(area), area_km2)
                                WHERE code = \(unit.code) AND valid_to IS NULL
                                """, logger: logger)
                            summary.centroids += 1
                        }
                        continue
                    }
                    try await connection.query("""
                        UPDATE administrative_units SET valid_to = \(start)::date WHERE code = \(unit.code) AND valid_to IS NULL
                        """, logger: logger)
                    summary.changed += 1
                } else {
                    summary.added += 1
                }
                try await connection.query("""
                    INSERT INTO administrative_units (code, valid_from, name, full_name, name_en, kind, province_code, lat, lon, area_km2, area_classes)
                    VALUES (\(unit.code), \(start)::date, \(unit.name), \(unit.fullName), \(unit.nameEn), \(unit.kind.rawValue), \(unit.provinceCode),
                            \(lat), \(lon), \(area), \(classes))
                    """, logger: logger)
            }
            for code in current.keys where !seen.contains(code) {
                try await connection.query(
                    "UPDATE administrative_units SET valid_to = \(start)::date WHERE code = \(code) AND valid_to IS NULL", logger: logger)
                summary.retired += 1
            }
            return summary
        }
    }
}
