import ArgumentParser
import Foundation
import Routing

struct Solve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Solve a vehicle-routing instance file and print one JSON object (routes, vehicles, distance, seconds).")

    enum Format: String, ExpressibleByArgument, CaseIterable { case solomon, problem }

    @Argument(help: "The instance file.") var file: String
    @Option(help: "Input format: solomon (Solomon and Gehring & Homberger VRPTW files) or problem (a routing problem as JSON, as `postrun plan --export-problem` writes it).")
    var format: Format = .solomon
    @Option(name: .customLong("time-limit"), help: "Seconds to search.") var timeLimit: Double = 10
    @Option(help: "Random seed; the same seed with one thread and an iteration cap gives the same routes.") var seed: UInt64 = 1
    @Option(help: "Independent searches run in parallel (keeps the best).") var threads: Int = 1
    @Option(help: "Solomon format: a JSON file of routes to start from, as a previous answer's \"routes\" (or that whole answer), for re-planning. A problem file carries its own initialRoutes.")
    var start: String?

    func validate() throws {
        guard timeLimit > 0, timeLimit <= 3600 else { throw ValidationError("--time-limit must be in (0, 3600]") }
        guard (1...64).contains(threads) else { throw ValidationError("--threads must be 1…64") }
        guard FileManager.default.isReadableFile(atPath: file) else { throw ValidationError("cannot read \(file)") }
        if let start {
            guard format == .solomon else { throw ValidationError("--start applies to --format solomon; a problem file carries initialRoutes") }
            guard FileManager.default.isReadableFile(atPath: start) else { throw ValidationError("cannot read \(start)") }
        }
    }

    /// `[[ids]]`, or an object with `"routes": [[ids]]` (what `postrun solve` prints).
    static func startRoutes(_ path: String) throws -> [[Int]] {
        struct Answer: Decodable { var routes: [[Int]] }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        if let routes = try? JSONDecoder().decode([[Int]].self, from: data) { return routes }
        do { return try JSONDecoder().decode(Answer.self, from: data).routes } catch {
            throw ValidationError("--start \(path): expected [[customer ids]] or {\"routes\": [[customer ids]]}")
        }
    }

    func run() async throws {
        do {
            switch format {
            case .solomon:
                let routes = try start.map(Self.startRoutes)
                print(try SolomonRunner.run(path: file, timeLimit: timeLimit, seed: seed, threads: threads, start: routes))
            case .problem: print(try ProblemRunner.run(path: file, timeLimit: timeLimit, seed: seed, threads: threads))
            }
        } catch {
            FileHandle.standardError.write(Data("postrun solve: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
