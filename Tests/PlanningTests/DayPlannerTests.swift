import Foundation
import Planning
import PostRunCore
import Routing
import Testing

/// A Pleiku-like office day on the travel model.
enum Day {
    static let office = PlanningOffice(code: "BC-PLEIKU", location: GeoPoint(latitude: 13.997, longitude: 108.031), region: .highland)
    /// A Wednesday.
    static let date = LocalDate(iso: "2026-03-11")!
    static let agency = PlanningAgency(code: "H21.22.10", location: GeoPoint(latitude: 13.9971, longitude: 108.0307))

    static func courier(_ id: String, skills: Set<String> = [CourierProfile.cashCollection], capacity: Int = 40,
                        workingDays: Set<Int> = [1, 2, 3, 4, 5], onLeave: Bool = false) -> PlanningCourier {
        PlanningCourier(id: id, profile: CourierProfile(name: id, capacityDossiers: capacity, workingDays: workingDays, skills: skills),
                        onLeave: onLeave)
    }

    static func job(_ id: String, kind: JobKind = .pickupDossier, state: JobState = .accepted, slot: TimeSlot = .any,
                    lat: Double = 13.95, lon: Double = 107.98, fee: Bool = false, weekdays: Set<Int> = [], notBefore: LocalDate? = nil,
                    requested: LocalDate = Day.date, areas: Set<PostRunCore.AreaClass> = [.urban], language: String? = nil) -> PlanningJob {
        PlanningJob(id: id, kind: kind, state: state, notBefore: notBefore, requestedDate: requested, slot: slot,
                    location: GeoPoint(latitude: lat, longitude: lon), communeCode: "23575", areaClasses: areas,
                    communeServiceWeekdays: weekdays, agencyCode: agency.code, collectsFee: fee, language: language)
    }

    static func input(_ jobs: [PlanningJob], couriers: [PlanningCourier] = [courier("cou_a"), courier("cou_b")],
                      locked: [LockedStop] = [], calendar: WorkingCalendar = .standard) -> PlanningInput {
        PlanningInput(office: office, date: date, couriers: couriers, jobs: jobs, agencies: [agency], lockedStops: locked, calendar: calendar)
    }

    static let quick = SolverOptions(timeLimit: 0.5, maxIterations: 2000, seed: 7)

    static func plan(_ input: PlanningInput) throws -> DayPlan { try DayPlanner.plan(input, options: quick) }
}

@Suite struct DueJobTests {
    @Test func acceptedJobsAreDueFromTheirRequestedDayAndNotBefore() {
        #expect(Day.job("a", requested: Day.date).isDue(on: Day.date))
        #expect(!Day.job("a", requested: Day.date.adding(days: 1)).isDue(on: Day.date))
        #expect(!Day.job("a", notBefore: Day.date.adding(days: 1), requested: Day.date.adding(days: -3)).isDue(on: Day.date))
        #expect(Day.job("a", notBefore: Day.date, requested: Day.date.adding(days: -3)).isDue(on: Day.date))
    }

    @Test func rescheduledJobsWaitForNotBefore() {
        #expect(!Day.job("r", state: .rescheduled, notBefore: Day.date.adding(days: 2)).isDue(on: Day.date))
        #expect(Day.job("r", state: .rescheduled, notBefore: Day.date).isDue(on: Day.date))
    }

    @Test func scheduledJobsAreDueOnlyWhenTheirDraftIsReplaced() {
        var job = Day.job("s", state: .scheduled)
        #expect(!job.isDue(on: Day.date))
        job.onReplacedDraft = true
        #expect(job.isDue(on: Day.date))
    }

    @Test func stopsFollowTheJobAndWhereTheResultIs() {
        #expect(Day.job("p").actions == [.pickupDossier, .handOver])
        #expect(Day.job("d", kind: .deliverResult).actions == [.collectResult, .deliverResult])
        #expect(Day.job("d", kind: .deliverResult, state: .resultCollected).actions == [.deliverResult])
        #expect(Day.job("d", kind: .deliverResult, state: .rescheduled).actions == [.deliverResult])
        #expect(Day.job("x", kind: .returnResult).actions == [.returnResult])
        #expect(Day.job("x", kind: .returnResult).isDue(on: Day.date))
    }
}

@Suite struct DayPlannerTests {
    @Test func pairsStayOnOneRouteInOrderWithinWindows() throws {
        let jobs = [Day.job("p1", slot: .morning), Day.job("p2", slot: .afternoon, lat: 14.02, lon: 107.99),
                    Day.job("d1", kind: .deliverResult, lat: 13.93, lon: 108.02), Day.job("d2", kind: .deliverResult, state: .resultCollected),
                    Day.job("r1", kind: .returnResult)]
        let plan = try Day.plan(Day.input(jobs))
        #expect(plan.unplanned.isEmpty)
        #expect(Set(plan.plannedJobIDs) == ["p1", "p2", "d1", "d2", "r1"])
        let all = plan.runs.flatMap { run in run.stops.map { (run.courierID, $0) } }
        #expect(all.count == 8)
        for (first, second) in [("p1", StopAction.pickupDossier, StopAction.handOver), ("d1", .collectResult, .deliverResult)].map({ job, a, b in
            (all.firstIndex { $0.1.jobID == job && $0.1.action == a }!, all.firstIndex { $0.1.jobID == job && $0.1.action == b }!)
        }) {
            #expect(first < second)
            #expect(all[first].0 == all[second].0)
        }
        for (_, stop) in all {
            if let start = stop.windowStart, let end = stop.windowEnd { #expect((start...end).contains(stop.arrival)) }
        }
        let morning = all.first { $0.1.jobID == "p1" && $0.1.action == .pickupDossier }!.1
        #expect(morning.arrival <= 41_400)
        let afternoon = all.first { $0.1.jobID == "p2" && $0.1.action == .pickupDossier }!.1
        #expect(afternoon.arrival >= 48_600)
        // The hand-over is inside the agency's opening hours.
        let handOver = all.first { $0.1.action == .handOver }!.1
        #expect(PlanningAgency.defaultHours.contains { $0.contains(handOver.arrival) })
        for run in plan.runs {
            #expect(run.distanceMetres > 0 && run.durationSeconds > 0)
            #expect(run.peakDossiers >= 1)
        }
    }

    @Test func communeNotServedThatWeekdayIsACalendarReason() throws {
        // 2026-03-11 is a Wednesday (3).
        let plan = try Day.plan(Day.input([Day.job("mon-only", weekdays: [1]), Day.job("wed", weekdays: [3])]))
        #expect(plan.unplanned == [UnplannedJob(jobID: "mon-only", reason: .calendar)])
        #expect(plan.plannedJobIDs == ["wed"])
    }

    @Test func holidaysFromTheCalendarLeaveTheWholeDayUnplanned() throws {
        let holiday = PublicHoliday(date: Day.date, nameVi: "Nghỉ thử", nameEn: "Test holiday", kind: .fixed)
        let calendar = WorkingCalendar(holidays: HolidayList(holidays: [holiday]))
        let plan = try Day.plan(Day.input([Day.job("a"), Day.job("b")], calendar: calendar))
        #expect(plan.runs.isEmpty)
        #expect(plan.unplanned.map(\.reason) == [.calendar, .calendar])
    }

    @Test func aFeeNeedsACashCollectingCourier() throws {
        let plan = try Day.plan(Day.input([Day.job("fee", fee: true), Day.job("free")], couriers: [Day.courier("cou_a", skills: [])]))
        #expect(plan.unplanned == [UnplannedJob(jobID: "fee", reason: .noCourierWithSkill, skill: "cash_collection")])
        let withCash = try Day.plan(Day.input([Day.job("fee", fee: true)], couriers: [Day.courier("cou_a", skills: []),
                                                                                     Day.courier("cou_cash")]))
        #expect(withCash.unplanned.isEmpty)
        #expect(withCash.runs.map(\.courierID) == ["cou_cash"])
    }

    @Test func aLanguageTheJobAsksForPicksTheCourier() throws {
        let plan = try Day.plan(Day.input([Day.job("jrai", areas: [.ethnicMinority], language: "lang:jrai")],
                                          couriers: [Day.courier("cou_a"), Day.courier("cou_j", skills: ["cash_collection", "lang:jrai"])]))
        #expect(plan.runs.map(\.courierID) == ["cou_j"])
        let nobody = try Day.plan(Day.input([Day.job("bahnar", language: "lang:bahnar")]))
        #expect(nobody.unplanned == [UnplannedJob(jobID: "bahnar", reason: .noCourierWithSkill, skill: "lang:bahnar")])
    }

    @Test func nobodyOnShiftLeaveAndWeekdaysFiltered() throws {
        let couriers = [Day.courier("weekend", workingDays: [6, 7]), Day.courier("away", onLeave: true)]
        let plan = try Day.plan(Day.input([Day.job("a")], couriers: couriers))
        #expect(plan.unplanned == [UnplannedJob(jobID: "a", reason: .noCourierOnShift)])
    }

    @Test func capacityShortDropsTheCheapestPenaltyAndKeepsRemoteCommunes() throws {
        // Results in hand are loaded at the office: a courier carrying one dossier takes only one of them.
        let jobs = [Day.job("urban", kind: .deliverResult, state: .resultCollected),
                    Day.job("remote", kind: .deliverResult, state: .resultCollected, lat: 13.96, lon: 107.99, areas: [.ethnicMinority])]
        let plan = try Day.plan(Day.input(jobs, couriers: [Day.courier("cou_a", capacity: 1)]))
        #expect(plan.plannedJobIDs == ["remote"])
        #expect(plan.unplanned == [UnplannedJob(jobID: "urban", reason: .capacity)])
    }

    @Test func anImpossibleSlotIsATimeWindowReason() throws {
        var input = Day.input([Day.job("late", slot: .afternoon)], couriers: [Day.courier("cou_a")])
        input.couriers[0].profile.shiftEnd = 12 * 3600
        let plan = try Day.plan(input)
        #expect(plan.unplanned == [UnplannedJob(jobID: "late", reason: .timeWindow)])
    }

    @Test func closedAgencyIsReported() throws {
        var input = Day.input([Day.job("p"), Day.job("home", kind: .deliverResult, state: .resultCollected)])
        input.agencies[0].workingDays = [1, 2]
        let plan = try Day.plan(input)
        #expect(plan.unplanned == [UnplannedJob(jobID: "p", reason: .agencyClosed)])
        #expect(plan.plannedJobIDs == ["home"])
    }

    @Test func lockedStopsStayWithTheirCourierAroundTheirTime() throws {
        let jobs = (0..<6).map { Day.job("j\($0)", lat: 13.95 + Double($0) * 0.01, lon: 107.98) }
        let first = try Day.plan(Day.input(jobs))
        let stop = first.runs[0].stops[0]
        let other = first.runs[0].courierID == "cou_a" ? "cou_b" : "cou_a"
        // Lock the first stop on the courier it did not get, at 14:00.
        let locked = LockedStop(jobID: stop.jobID, action: stop.action, courierID: other, plannedArrival: 14 * 3600)
        let replanned = try Day.plan(Day.input(jobs, locked: [locked]))
        let run = try #require(replanned.runs.first { $0.courierID == other })
        let kept = try #require(run.stops.first { $0.jobID == stop.jobID && $0.action == stop.action })
        #expect(kept.locked)
        #expect(abs(kept.arrival - 14 * 3600) <= 1800)
        #expect(run.stops.contains { $0.jobID == stop.jobID && $0.action != stop.action })
        #expect(replanned.unplanned.isEmpty)
    }

    @Test func aReplanStartsFromTheDraftRunsItReplaces() throws {
        let jobs = (0..<10).map { Day.job("j\($0)", lat: 13.93 + Double($0 % 5) * 0.015, lon: 107.96 + Double($0 / 5) * 0.03) }
        let first = try Day.plan(Day.input(jobs))
        #expect(!first.runs.isEmpty)
        let previous = first.runs.map { run in
            PreviousRun(courierID: run.courierID, stops: run.stops.map { PreviousRun.Stop(jobID: $0.jobID, action: $0.action) })
        }
        // no search at all: what the solver starts from
        let start = SolverOptions(timeLimit: 1e-6, seed: 9, localSearchPasses: 0)
        func runs(_ plan: DayPlan) -> [String: [String]] {
            Dictionary(uniqueKeysWithValues: plan.runs.map { ($0.courierID, $0.stops.map { "\($0.jobID)/\($0.action.rawValue)" }) })
        }
        var unchanged = Day.input(jobs)
        unchanged.previousRuns = previous
        #expect(runs(try DayPlanner.plan(unchanged, options: start)) == runs(first))
        // a new request joins the runs; the planned stops keep their courier and order
        var withNew = Day.input(jobs + [Day.job("new", lat: 13.95, lon: 107.99)])
        withNew.previousRuns = previous
        let replanned = runs(try DayPlanner.plan(withNew, options: start))
        for (courier, stops) in runs(first) { #expect(replanned[courier]?.filter { !$0.hasPrefix("new/") } == stops) }
        #expect(replanned.values.joined().filter { $0.hasPrefix("new/") }.count == 2)
        // a courier now on leave: the other keeps the order of its run, the leaving courier's stops are planned anew
        let leaving = try #require(first.runs.last).courierID
        let staying = leaving == "cou_a" ? "cou_b" : "cou_a"
        var onLeave = Day.input(jobs, couriers: [Day.courier(staying), Day.courier(leaving, onLeave: true)])
        onLeave.previousRuns = previous
        let alone = runs(try DayPlanner.plan(onLeave, options: start))
        #expect(Set(alone.keys) == [staying])
        let kept = runs(first)[staying] ?? []
        #expect(alone[staying]?.filter { kept.contains($0) } == kept)
        #expect(alone[staying, default: []].count > kept.count)
        // and a real search from there is a valid plan of the whole day
        var searched = Day.input(jobs + [Day.job("new", lat: 13.95, lon: 107.99)])
        searched.previousRuns = previous
        let plan = try Day.plan(searched)
        #expect(plan.unplanned.isEmpty)
        #expect(plan.runs.flatMap(\.stops).count == 22)
    }

    @Test func remoteCommunesGetTheHigherPenalty() {
        let model = DayPlanner.model(Day.input([Day.job("u"), Day.job("e", areas: [.rural, .especiallyDifficult])]))
        let problem = model.problem(matrix: TravelModel().matrix(for: model.places, month: 3))
        let penalties = problem.stops.map { $0.unservedPenalty ?? 0 }
        #expect(penalties[0] == 10_000 && penalties[2] == 40_000)
        #expect(problem.pairs.count == 2 && problem.dimensions == 2)
        #expect(problem.stops[0].pickup == [1, 200] && problem.stops[2].pickup == [1, 200])
    }
}

@Suite struct RunTimelineTests {
    static let timeline = RunTimeline(office: Day.office.location, shift: 27_000...61_200, capacityDossiers: 4, capacityGrams: 30_000, month: 3)

    static func stop(_ lat: Double, _ action: StopAction = .deliverResult, window: ClosedRange<Int>? = nil) -> TimelineStop {
        TimelineStop(location: GeoPoint(latitude: lat, longitude: 108.0), area: .urban, action: action, windows: window.map { [$0] } ?? [],
                     serviceSeconds: 300)
    }

    @Test func timesWaitForWindowsAndCountLoad() {
        let t = Self.timeline.compute([Self.stop(13.99), Self.stop(13.98, window: 50_000...52_000)])
        #expect(t.arrivals[0] > 27_000 && t.arrivals[1] == 50_000)
        #expect(t.late.isEmpty && t.peakDossiers == 2 && t.returnTime > 50_300)
        let late = Self.timeline.compute([Self.stop(13.99, window: 27_000...27_001)])
        #expect(late.late == [0])
    }

    @Test func urgentInsertionKeepsTheOthersInOrder() throws {
        let stops = [Self.stop(13.99), Self.stop(13.90), Self.stop(13.80)]
        let result = try #require(Self.timeline.cheapestInsertion(of: [Self.stop(13.91)], into: stops))
        // On one meridian, anywhere between 13.99 and 13.80 adds nothing; before the first or after the last would.
        #expect([1, 2].contains(result.positions[0]))
        let worst = Self.timeline.compute(stops + [Self.stop(13.91)])
        #expect(result.timeline.durationSeconds <= worst.durationSeconds)
        let pair = try #require(Self.timeline.cheapestInsertion(of: [Self.stop(13.95, .pickupDossier), Self.stop(13.85, .handOver)], into: stops))
        #expect(pair.positions[0] < pair.positions[1])
        // Only after the visited prefix.
        let afterVisited = try #require(Self.timeline.cheapestInsertion(of: [Self.stop(13.995)], into: stops, firstMovable: 2))
        #expect(afterVisited.positions[0] >= 2)
    }

    @Test func noInsertionWhenItBreaksCapacityOrWindows() {
        let full = [Self.stop(13.99), Self.stop(13.90), Self.stop(13.80)]
        #expect(Self.timeline.cheapestInsertion(of: [Self.stop(13.91)], into: full + [Self.stop(13.7)]) == nil)
        #expect(Self.timeline.cheapestInsertion(of: [Self.stop(13.91, window: 0...10)], into: []) == nil)
    }
}
