import ArgumentParser
import Foundation
import PostRunCore
import PostRunDaemon
import PostRunStore
import Routing

struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Plan an office's day now, as a dispatcher's re-plan does: draft runs are replaced, published runs and locked stops kept.")

    @Option(help: "Post office code, e.g. BC-PLEIKU.") var office: String
    @Option(help: "Service date, YYYY-MM-DD.") var date: String
    @Option(name: .customLong("export-problem"),
            help: "Write the day's routing problem as JSON to this file instead of planning (nothing changes); solve it with `postrun solve FILE --format problem`.")
    var exportProblem: String?
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions

    /// Bad input is one line on standard error and exit status 64, before anything is changed.
    static func refuse(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("postrun plan: \(message)\n".utf8))
        return ExitCode.validationFailure
    }

    func run() async throws {
        guard let day = LocalDate(iso: date) else { throw Self.refuse("--date '\(date)' is not a date YYYY-MM-DD, e.g. 2026-03-02") }
        let code = office.trimmingCharacters(in: .whitespaces)
        let osrmURL = (try? AppConfiguration.from(database: database, logging: logging))?.osrmURL
        try await withMigratedDatabase(database: database, logging: logging, label: "postrun.plan") { db, logger in
            let dispatch = DispatchRepository(database: db)
            guard let officeID = try await dispatch.officeID(code: code, logger: logger) else {
                throw Self.refuse("no post office has the code '\(code)'")
            }
            let planning = buildPlanning(database: db, travel: .configured(osrmURL: osrmURL))
            if let exportProblem {
                let problem = try await planning.problem(officeID: officeID, date: day, logger: logger)
                try JSONEncoder().encode(problem).write(to: URL(fileURLWithPath: exportProblem))
                print("postrun plan: \(problem.stops.count) stops, \(problem.pairs.count) pickup–delivery pairs, \(problem.vehicles.count) couriers written to \(exportProblem)")
                return
            }
            let summary = try await planning
                .plan(officeID: officeID, date: day, trigger: .dispatcher, requestedBy: "cli", logger: logger)
            print(summary.report(runs: try await dispatch.runs(officeID: officeID, date: day, logger: logger)))
        }
    }
}
