import PostRunDaemon
import Testing

@Suite struct AppConfigurationTests {
    @Test func eventLoopsAreAWholeNumberFromOneTo64() throws {
        #expect(try AppConfiguration.resolve(environment: [:]).eventLoops == nil)
        #expect(try AppConfiguration.resolve(environment: ["POSTRUN_EVENT_LOOPS": "1"]).eventLoops == 1)
        for bad in ["0", "65", "two", "-1"] {
            #expect(throws: AppConfiguration.Invalid.self) { try AppConfiguration.resolve(environment: ["POSTRUN_EVENT_LOOPS": bad]) }
        }
    }

    @Test func theCutoffPlannerIsOnUnlessTurnedOff() throws {
        #expect(try AppConfiguration.resolve(environment: [:]).cutoffPlanner)
        #expect(try AppConfiguration.resolve(environment: ["POSTRUN_CUTOFF_PLANNER": "off"]).cutoffPlanner == false)
        #expect(try AppConfiguration.resolve(environment: ["POSTRUN_CUTOFF_PLANNER": "ON"]).cutoffPlanner)
        #expect(throws: AppConfiguration.Invalid.self) { try AppConfiguration.resolve(environment: ["POSTRUN_CUTOFF_PLANNER": "sometimes"]) }
    }
}
