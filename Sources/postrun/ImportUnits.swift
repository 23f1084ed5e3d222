import ArgumentParser
import Foundation
import PostRunCore
import PostRunDaemon
import PostRunStore

struct ImportUnits: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-units",
        abstract: "Load a newer list of administrative units (CSV: code,name,name_en,full_name,kind,province_code,province_name).")

    @Argument(help: "The units CSV (UTF-8).") var file: String
    @Option(help: "A CSV of centroids (code,name,kind,lat,lon,area_km2).") var geometry: String?
    @Option(name: .customLong("valid-from"), help: "Date the list takes effect, YYYY-MM-DD (default: today in Vietnam).") var validFrom: String?
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        let start: LocalDate
        if let validFrom {
            guard let parsed = LocalDate(iso: validFrom) else { throw ValidationError("--valid-from must be YYYY-MM-DD") }
            start = parsed
        } else {
            start = VietnamTime.localDate(of: Date())
        }
        let units: [AdministrativeUnit]
        let centroids: [UnitGeometry]
        do {
            units = try AdministrativeUnitCSV.parseUnits(try String(contentsOfFile: file, encoding: .utf8), validFrom: start)
            centroids = try geometry.map { try AdministrativeUnitCSV.parseGeometry(try String(contentsOfFile: $0, encoding: .utf8)) } ?? []
        } catch {
            FileHandle.standardError.write(Data("postrun import-units: \(error)\n".utf8))
            throw ExitCode(1)
        }
        try await withMigratedDatabase(database: database, logging: logging, label: "postrun.import-units") { db, logger in
            let summary = try await UnitImporter(database: db).importUnits(units, geometry: centroids, validFrom: start, logger: logger)
            print("imported \(units.count) units effective \(start): \(summary)")
        }
    }
}
