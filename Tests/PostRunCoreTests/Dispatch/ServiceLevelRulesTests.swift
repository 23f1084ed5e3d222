import PostRunCore
import Testing

@Suite struct ServiceLevelRulesTests {
    static let calendar = WorkingCalendar.standard
    /// Thursday 23 April 2020; Thursday 30 April and Friday 1 May are public holidays.
    static let thursday = LocalDate(year: 2020, month: 4, day: 23)!

    @Test func resultsAreAtRiskWithinOneWorkingDayAndLateAfter() {
        let today = Self.thursday
        func flag(_ appointment: LocalDate) -> SLAFlag? {
            ServiceLevelRules.resultFlag(appointmentDate: appointment, today: today, calendar: Self.calendar)
        }
        #expect(flag(today) == SLAFlag(kind: .resultDue, status: .atRisk, dueDate: today))
        #expect(flag(today.adding(days: 1))?.status == .atRisk)  // Friday, the next working day
        #expect(flag(today.adding(days: 4)) == nil)  // Monday: two working days away
        #expect(flag(today.adding(days: -1)) == SLAFlag(kind: .resultDue, status: .late, dueDate: today.adding(days: -1)))
        // On a Friday, Monday is the next working day: at risk over the weekend.
        let friday = today.adding(days: 1)
        #expect(ServiceLevelRules.resultFlag(appointmentDate: friday.adding(days: 3), today: friday, calendar: Self.calendar)?.status == .atRisk)
    }

    @Test func dossiersAreDueAfterTheirServiceTimeInWorkingDays() {
        // Accepted on Wednesday 29 April: J+1 same area skips the 30/4 and 1/5 holidays and the weekend → Monday 4 May.
        let accepted = LocalDate(year: 2020, month: 4, day: 29)!
        let monday = LocalDate(year: 2020, month: 5, day: 4)!
        func flag(_ zone: ServiceZone, on day: LocalDate) -> SLAFlag? {
            ServiceLevelRules.dossierFlag(acceptedOn: accepted, zone: zone, today: day, calendar: Self.calendar)
        }
        #expect(flag(.sameArea, on: LocalDate(year: 2020, month: 5, day: 1)!) == nil)
        #expect(flag(.sameArea, on: monday) == SLAFlag(kind: .dossierOverdue, status: .atRisk, dueDate: monday))
        #expect(flag(.sameArea, on: monday.adding(days: 1))?.status == .late)
        #expect(flag(.withinProvince, on: monday.adding(days: 1))?.status == .atRisk)
        #expect(flag(.withinProvince, on: monday) == nil)
        #expect(ServiceLevelRules.dossierFlag(acceptedOn: accepted, zone: .sameArea, extraWorkingDays: 2, today: monday.adding(days: 1),
                                              calendar: Self.calendar) == nil)
    }

    @Test func outcomesAndTallies() {
        let due = Self.thursday
        #expect(ServiceLevelRules.outcome(completedOn: due, due: due, today: due.adding(days: 5)) == .onTime)
        #expect(ServiceLevelRules.outcome(completedOn: due.adding(days: 1), due: due, today: due.adding(days: 5)) == .late)
        #expect(ServiceLevelRules.outcome(completedOn: nil, due: due, today: due) == .pending)
        #expect(ServiceLevelRules.outcome(completedOn: nil, due: due, today: due.adding(days: 1)) == .late)
        var tally = OnTimeTally()
        #expect(tally.rate == nil)
        for outcome: DeadlineOutcome in [.onTime, .onTime, .onTime, .late, .pending] { tally.add(outcome) }
        #expect(tally.decided == 4 && tally.rate == 0.75)
        #expect((tally + OnTimeTally(onTime: 1, late: 3)).rate == 0.5)
    }

    @Test func areaGroups() {
        #expect(SLAAreaGroup.of(areaClasses: ["rural", "ethnic_minority"]) == .remoteEthnicDifficult)
        #expect(SLAAreaGroup.of(areaClasses: ["remote"]) == .remoteEthnicDifficult)
        #expect(SLAAreaGroup.of(areaClasses: ["especially_difficult"]) == .remoteEthnicDifficult)
        #expect(SLAAreaGroup.of(areaClasses: ["urban"]) == .other)
        #expect(SLAAreaGroup.of(areaClasses: []) == .other)
    }
}
