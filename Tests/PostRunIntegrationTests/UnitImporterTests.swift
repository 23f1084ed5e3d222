import Foundation
import PostgresNIO
import PostRunCore
import PostRunStore
import Testing

@Suite(.enabled(if: TestDatabase.enabled)) struct UnitImporterTests {
    @Test func reusedCodesGetANewVersionAndMissingOnesAreRetired() async throws {
        try await TestDatabase.withMigratedDatabase { endpoint in
            try await DatabaseAdmin.withClient(endpoint, logger: TestDatabase.logger) { database in
                let csv = """
                    code,name,name_en,full_name,kind,province_code,province_name
                    52,Gia Lai,Gia Lai,Tỉnh Gia Lai,province,52,Gia Lai
                    23575,Pleiku,Pleiku,Phường Pleiku,ward,52,Gia Lai
                    23586,Hội Phú Mới,Hoi Phu Moi,Phường Hội Phú Mới,ward,52,Gia Lai
                    99001,Ia Mới,Ia Moi,Xã Ia Mới,commune,52,Gia Lai
                    """
                let start = try #require(LocalDate(iso: "2027-01-01"))
                let units = try AdministrativeUnitCSV.parseUnits(csv, validFrom: start)
                let summary = try await UnitImporter(database: database).importUnits(units, geometry: [], validFrom: start, logger: TestDatabase.logger)
                #expect(summary.unchanged == 2)
                #expect(summary.changed == 1)
                #expect(summary.added == 1)
                #expect(summary.retired == 3355 - 3)

                var versions: [(String, String?)] = []
                let rows = try await database.query(
                    "SELECT name, valid_to::text FROM administrative_units WHERE code = '23586' ORDER BY valid_from", logger: TestDatabase.logger)
                for try await row in rows.decode((String, String?).self) { versions.append(row) }
                #expect(versions.count == 2)
                #expect(versions[0].1 == "2027-01-01")
                #expect(versions[1].0 == "Hội Phú Mới")
                #expect(versions[1].1 == nil)

                let reference = ReferenceRepository(database: database)
                #expect(try await reference.unit(code: "23575", logger: TestDatabase.logger)?.office == "BC-PLEIKU")
                #expect(try await reference.unit(code: "21583", logger: TestDatabase.logger) == nil)
                #expect(try await reference.searchUnits(query: "ia moi", province: "52", limit: 5, logger: TestDatabase.logger).first?.code == "99001")
            }
        }
    }
}
