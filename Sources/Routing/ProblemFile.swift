import Foundation

/// `postrun solve FILE --format problem`: a ``RoutingProblem`` as JSON (what `postrun plan --export-problem` writes),
/// solved and answered as one JSON line.
public enum ProblemRunner {
    struct Answer: Encodable {
        struct Route: Encodable {
            var vehicle: String
            var stops: [String]
            var travelTime: Double
            var distance: Double
        }
        struct Unserved: Encodable {
            var stop: String
            var reason: UnservedReason
        }
        var routes: [Route]
        var unserved: [Unserved]
        var vehicles: Int
        var travelTime: Double
        var distance: Double
        var iterations: Int
        var seconds: Double
    }

    /// Solves the problem in the JSON file at `path`. Routes name their vehicle and stops by id, in visit order.
    public static func run(path: String, timeLimit: Double, seed: UInt64, threads: Int) throws -> String {
        let problem = try JSONDecoder().decode(RoutingProblem.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        let solution = try RoutingSolver.solve(problem, options: SolverOptions(timeLimit: timeLimit, seed: seed, threads: threads))
        let answer = Answer(
            routes: solution.routes.map { route in
                Answer.Route(vehicle: problem.vehicles[route.vehicle].id, stops: route.stops.map { problem.stops[$0].id },
                             travelTime: route.travelTime, distance: route.distance)
            },
            unserved: solution.unserved.map { Answer.Unserved(stop: problem.stops[$0.stop].id, reason: $0.reason) },
            vehicles: solution.vehiclesUsed, travelTime: solution.travelTime, distance: solution.distance,
            iterations: solution.iterations, seconds: solution.seconds)
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(answer), as: UTF8.self)
    }
}
