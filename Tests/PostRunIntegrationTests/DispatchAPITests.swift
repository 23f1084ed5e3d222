import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Planning
import PostRunCore
import PostRunDaemon
import PostRunStore
import Routing
import Testing

/// Planning and the dispatcher API through the real router on a real PostgreSQL.
@Suite struct DispatchAPITests {
    /// The first working day after today (Vietnam), so the planned day is never a weekend or holiday.
    static let day: LocalDate = WorkingCalendar.standard.workingDay(onOrAfter: LocalDate(iso: Fixtures.vietnamDate(daysFromToday: 1))!)

    /// Pleiku communes served by BC-PLEIKU (sql/0003).
    static let communes = ["23575", "23563", "23584", "23586", "23602", "23590"]

    static func fastPlanner(_ database: Database) async throws {
        try await database.query("UPDATE app_settings SET value = '1' WHERE key = 'planning.time_budget_seconds'", logger: TestDatabase.logger)
    }

    /// Creates a job through the portal API; returns its public id.
    static func createJob(_ client: some TestClientProtocol, _ portal: TestPortal, number: Int, kind: String = "pickup_dossier",
                          commune: String? = nil, fee: Int? = nil, slot: String = "morning", language: String? = nil) async throws -> String {
        let code = String(format: "H21.22.10-261128-%04d", number)
        var body = Fixtures.jobBody(kind: kind, dossierCode: code, commune: commune ?? communes[number % communes.count],
                                    requestedDate: day.description, fee: fee, slot: slot)
        if let language {
            body = body.replacingOccurrences(of: #""email": "hoa@example.vn""#, with: #""email": "hoa@example.vn", "language": "\#(language)""#)
        }
        let response = try await client.call(.post, "/v1/jobs", headers: portal.headers(), body: body)
        guard response.status == .created, let id = response.string("id") else { throw SetupError.jobRefused(response.text) }
        return id
    }

    enum SetupError: Error { case jobRefused(String) }

    static func courier(_ database: Database, _ client: some TestClientProtocol, name: String, skills: Set<String> = ["cash_collection"]) async throws {
        _ = try await TestStaff.courier(database, client: client, profile: CourierProfile(name: name, workingDays: [1, 2, 3, 4, 5, 6, 7], skills: skills))
    }

    static func plan(_ client: some TestClientProtocol, _ dispatcher: TestStaff, office: String = "BC-PLEIKU") async throws -> JSONResponse {
        try await client.call(.post, "/v1/offices/\(office)/plans", headers: dispatcher.headers([.acceptLanguage: "en"]),
                              body: #"{"date": "\#(day)"}"#)
    }

    static func runs(_ client: some TestClientProtocol, _ dispatcher: TestStaff) async throws -> [[String: Any]] {
        let response = try await client.call(.get, "/v1/offices/BC-PLEIKU/runs?date=\(day)", headers: dispatcher.headers())
        return response.object["items"] as? [[String: Any]] ?? []
    }

    static func stops(_ run: [String: Any]) -> [[String: Any]] { run["stops"] as? [[String: Any]] ?? [] }

    /// Job id → reason, from a plan's answer.
    static func unplannedReasons(_ plan: JSONResponse) -> [String: String] {
        (plan.object["unplanned"] as? [[String: Any]] ?? []).reduce(into: [String: String]()) {
            $0[$1["job_id"] as! String] = $1["reason"] as? String
        }
    }

    static func events(_ database: Database, job: String) async throws -> [(type: String, actor: String, to: String)] {
        var result: [(String, String, String)] = []
        for try await row in try await database.query("""
            SELECT e.type, e.actor, e.to_state FROM job_events e JOIN jobs j ON j.id = e.job_id WHERE j.public_id = \(job) ORDER BY e.id
            """, logger: TestDatabase.logger).decode((String, String, String).self) { result.append(row) }
        return result.map { (type: $0.0, actor: $0.1, to: $0.2) }
    }

    @Test func plansAnOfficeDayFromPortalJobsWithReasons() async throws {
        try await TestApp.withApp { app, database in
            try await Self.fastPlanner(database)
            // 23611 (Gào) is served on one weekday only, not the planned one.
            let other = Self.day.isoWeekday == 1 ? 2 : 1
            try await database.query("UPDATE administrative_units SET service_weekdays = \([Int16(other)]) WHERE code = '23611' AND valid_to IS NULL",
                                     logger: TestDatabase.logger)
            try await app.test(.router) { client in
                let portal = try await TestPortal.make(database)
                let dispatcher = try await TestStaff.make(database, client: client, role: .dispatcher)
                try await Self.courier(database, client, name: "Bưu tá không thu tiền", skills: [])
                try await Self.courier(database, client, name: "Bưu tá hai", skills: [])
                var planned: [String] = []
                for number in 1...4 { planned.append(try await Self.createJob(client, portal, number: number)) }
                planned.append(try await Self.createJob(client, portal, number: 5, kind: "deliver_result"))
                let offDay = try await Self.createJob(client, portal, number: 6, commune: "23611")
                let withFee = try await Self.createJob(client, portal, number: 7, fee: 50_000)

                let response = try await Self.plan(client, dispatcher)
                #expect(response.status == .created, "\(response.text)")
                #expect(response.int("planned_jobs") == planned.count)
                let unplanned = Self.unplannedReasons(response)
                #expect(unplanned == [offDay: "calendar", withFee: "no_courier_with_skill"])

                let runs = try await Self.runs(client, dispatcher)
                let stops = runs.flatMap(Self.stops)
                #expect(stops.count == 2 * planned.count)
                #expect(Set(stops.map { $0["job_id"] as! String }) == Set(planned))
                #expect(runs.allSatisfy { $0["status"] as? String == "draft" && ($0["version"] as? Int) == 1 })
                for run in runs {
                    let actions = Self.stops(run).map { "\($0["job_id"]!)/\($0["action"]!)" }
                    for job in planned {
                        if let pickup = actions.firstIndex(of: "\(job)/pickup_dossier") { #expect(pickup < actions.firstIndex(of: "\(job)/hand_over")!) }
                        if let collect = actions.firstIndex(of: "\(job)/collect_result") { #expect(collect < actions.firstIndex(of: "\(job)/deliver_result")!) }
                    }
                    #expect(Self.stops(run).allSatisfy { $0["planned_arrival"] is String && ($0["address"] as? String)?.isEmpty == false })
                }
                for job in planned {
                    let events = try await Self.events(database, job: job)
                    #expect(events.last?.type == "schedule" && events.last?.to == "scheduled" && events.last?.actor == dispatcher.user.actorLabel)
                }
                #expect(try await Self.events(database, job: withFee).map(\.type) == ["accepted"])

                let list = try await client.call(.get, "/v1/offices/BC-PLEIKU/unplanned?date=\(Self.day)", headers: dispatcher.headers([.acceptLanguage: "en"]))
                #expect(list.status == .ok)
                let items = list.object["items"] as? [[String: Any]] ?? []
                #expect(Set(items.map { $0["job_id"] as! String }) == [offDay, withFee])
                #expect(items.first { $0["job_id"] as? String == withFee }?["reason"] as? String == "no_courier_with_skill")
                let atRisk = try await client.call(.get, "/v1/sla/flags", headers: dispatcher.headers())
                #expect(atRisk.status == .ok && (atRisk.object["items"] as? [Any])?.isEmpty == true)

                // The webhook outbox got one `job.scheduled` per planned job.
                let outbox = try await database.query("SELECT count(*) FROM outbox_events WHERE type = 'job.scheduled'", logger: TestDatabase.logger)
                for try await count in outbox.decode(Int.self) { #expect(count == planned.count) }
            }
        }
    }

    /// An applicant who asks for a language gets a courier who speaks it, or stays unplanned with the reason; a code
    /// that is not one is refused.
    @Test func aJobAskingForALanguageGoesToACourierWhoSpeaksIt() async throws {
        try await TestApp.withApp { app, database in
            try await Self.fastPlanner(database)
            try await app.test(.router) { client in
                let portal = try await TestPortal.make(database)
                let dispatcher = try await TestStaff.make(database, client: client, role: .dispatcher)
                try await Self.courier(database, client, name: "Bưu tá một", skills: [])
                try await Self.courier(database, client, name: "Bưu tá nói tiếng Jrai", skills: [CourierProfile.languageSkill("jrai")])
                let jrai = try await Self.createJob(client, portal, number: 1, language: "jrai")
                let bahnar = try await Self.createJob(client, portal, number: 2, language: "bahnar")

                let refused = try await client.call(.post, "/v1/jobs", headers: portal.headers(),
                                                    body: Fixtures.jobBody(dossierCode: "H21.22.10-261128-0003", requestedDate: Self.day.description)
                                                        .replacingOccurrences(of: #""email": "hoa@example.vn""#,
                                                                              with: #""email": "hoa@example.vn", "language": "Jrai!""#))
                #expect(refused.status == .unprocessableContent)
                #expect(refused.errorFields == ["applicant.language"])

                let response = try await Self.plan(client, dispatcher)
                #expect(response.status == .created, "\(response.text)")
                let unplanned = Self.unplannedReasons(response)
                #expect(unplanned == [bahnar: "no_courier_with_skill"])
                let runs = try await Self.runs(client, dispatcher)
                let carrying = runs.filter { Self.stops($0).contains { $0["job_id"] as? String == jrai } }.map { $0["courier_name"] as? String }
                #expect(carrying == ["Bưu tá nói tiếng Jrai"])
                let job = try await client.call(.get, "/v1/jobs/\(jrai)", headers: portal.headers())
                #expect(job.string("applicant.language") == "jrai")
            }
        }
    }

    @Test func twoPlannersRacingPlanTheOfficeOnce() async throws {
        try await TestApp.withApp { app, database in
            try await Self.fastPlanner(database)
            try await app.test(.router) { client in
                let portal = try await TestPortal.make(database)
                try await Self.courier(database, client, name: "Bưu tá một")
                try await Self.courier(database, client, name: "Bưu tá hai")
                for number in 1...6 { _ = try await Self.createJob(client, portal, number: number) }
                let officeID = try await DispatchRepository(database: database).officeID(code: "BC-PLEIKU", logger: TestDatabase.logger)!
                let planning = PlanningRepository(database: database)
                async let first = planning.plan(officeID: officeID, date: Self.day, trigger: .cutoff, requestedBy: "planner", logger: TestDatabase.logger)
                async let second = planning.plan(officeID: officeID, date: Self.day, trigger: .cutoff, requestedBy: "planner", logger: TestDatabase.logger)
                let results = try await [first, second]
                #expect(results.filter(\.skipped).count == 1)
                #expect(results.first { !$0.skipped }?.plannedJobs == 6)
                for try await (plans, runs, stops, distinctStops, events) in try await database.query("""
                    SELECT (SELECT count(*) FROM plans), (SELECT count(*) FROM runs), (SELECT count(*) FROM run_stops),
                           (SELECT count(DISTINCT (job_id, action)) FROM run_stops),
                           (SELECT count(*) FROM job_events WHERE type = 'schedule')
                    """, logger: TestDatabase.logger).decode((Int, Int, Int, Int, Int).self) {
                    #expect(plans == 1)
                    #expect(runs >= 1)
                    #expect(stops == 12 && distinctStops == 12)
                    #expect(events == 6)
                }
                // The service's tick after the cutoff finds the plan of the next working day and does nothing more for it.
                let again = try await planning.plan(officeID: officeID, date: Self.day, trigger: .cutoff, requestedBy: "planner", logger: TestDatabase.logger)
                #expect(again.skipped)
            }
        }
    }

    @Test func plannerServicePlansEachOfficeAtItsCutoffOnce() async throws {
        try await TestApp.withApp { app, database in
            try await Self.fastPlanner(database)
            try await database.query("UPDATE post_offices SET cutoff_at = '16:00'", logger: TestDatabase.logger)
            let planning = PlanningRepository(database: database)
            // Before 16:00 local nothing is due; after it every office's next working day is planned once.
            let today = LocalDate(iso: Fixtures.vietnamDate(daysFromToday: 0))!
            let before = VietnamTime.instant(today, secondsOfDay: 15 * 3600)
            let after = VietnamTime.instant(today, secondsOfDay: 16 * 3600 + 60)
            #expect(try await PlannerService.tick(planning: planning, now: before, logger: TestDatabase.logger).isEmpty)
            let made = try await PlannerService.tick(planning: planning, now: after, logger: TestDatabase.logger)
            #expect(made.count == 7)
            #expect(try await PlannerService.tick(planning: planning, now: after, logger: TestDatabase.logger).isEmpty)
            _ = app
        }
    }

    @Test func dispatchersEditRunsWithVersionsLocksAndPublish() async throws {
        try await TestApp.withApp { app, database in
            try await Self.fastPlanner(database)
            try await app.test(.router) { client in
                let portal = try await TestPortal.make(database)
                let first = try await TestStaff.make(database, client: client, role: .dispatcher)
                let second = try await TestStaff.make(database, client: client, role: .dispatcher)
                try await Self.courier(database, client, name: "Bưu tá A")
                try await Self.courier(database, client, name: "Bưu tá B")
                var jobs: [String] = []
                for number in 1...6 { jobs.append(try await Self.createJob(client, portal, number: number)) }
                #expect(try await Self.plan(client, first).status == .created)
                var runs = try await Self.runs(client, first)
                let run = runs[0]
                let runID = run["id"] as! String
                let stop = Self.stops(run)[0]
                let stopID = stop["id"] as! String, lockedJob = stop["job_id"] as! String, lockedAction = stop["action"] as! String
                let path = "/v1/offices/BC-PLEIKU/runs/\(runID)/stops/\(stopID)"

                // Two dispatchers lock with the same version: one wins, the other gets 409 with the current version.
                let wins = try await client.call(.post, path + "/lock", headers: first.headers(), body: #"{"version": 1}"#)
                let loses = try await client.call(.post, path + "/lock", headers: second.headers(), body: #"{"version": 1}"#)
                #expect(wins.status == .ok && wins.int("version") == 2)
                #expect(loses.status == .conflict)
                #expect(loses.string("type") == "https://postrun.vn/problems/stale-version" && loses.string("current_version") == "2")
                #expect(try await Self.events(database, job: lockedJob).contains { $0.type == "stop_locked" && $0.actor == first.user.actorLabel })
                // No version at all: 428.
                #expect(try await client.call(.post, path + "/unlock", headers: first.headers(), body: "{}").status == .preconditionRequired)

                // Move the last stop of the run to the front (its partner follows, pickup first).
                let last = Self.stops(run).last!
                let moved = try await client.call(.post, "/v1/offices/BC-PLEIKU/runs/\(runID)/stops/\(last["id"]!)/move",
                                                  headers: first.headers([.ifMatch: "\"2\""]), body: #"{"position": 2}"#)
                #expect(moved.status == .ok, "\(moved.text)")
                runs = try await Self.runs(client, first)
                let after = Self.stops(runs.first { $0["id"] as? String == runID }!)
                #expect(after.count == Self.stops(run).count)
                #expect(after.map { $0["position"] as! Int } == Array(1...after.count))
                #expect(try await Self.events(database, job: last["job_id"] as! String).contains { $0.type == "run_changed" })

                // Re-plan: the locked stop stays on its courier, locked.
                let courier = run["courier_id"] as! String
                #expect(try await Self.plan(client, second).status == .created)
                runs = try await Self.runs(client, first)
                let keeper = runs.first { Self.stops($0).contains { $0["job_id"] as? String == lockedJob && $0["action"] as? String == lockedAction } }
                #expect(keeper?["courier_id"] as? String == courier)
                #expect(Self.stops(keeper ?? [:]).first { $0["job_id"] as? String == lockedJob && $0["action"] as? String == lockedAction }?["locked"] as? Bool == true)
                #expect(runs.flatMap(Self.stops).count == 12)

                // Publish the day, then insert an urgent job without reordering the other stops.
                let published = try await client.call(.post, "/v1/offices/BC-PLEIKU/publish", headers: first.headers(), body: #"{"date": "\#(Self.day)"}"#)
                #expect(published.status == .ok)
                runs = try await Self.runs(client, first)
                #expect(runs.allSatisfy { $0["status"] as? String == "published" && $0["published_at"] is String })
                #expect(try await Self.events(database, job: lockedJob).contains { $0.type == "run_published" && $0.actor == first.user.actorLabel })
                let urgentJob = try await Self.createJob(client, portal, number: 40)
                let target = runs[0]
                let before = Self.stops(target).map { $0["id"] as! String }
                let urgent = try await client.call(.post, "/v1/offices/BC-PLEIKU/runs/\(target["id"]!)/urgent", headers: first.headers(),
                                                   body: #"{"version": \#(target["version"]!), "job_id": "\#(urgentJob)"}"#)
                #expect(urgent.status == .ok, "\(urgent.text)")
                let afterUrgent = (urgent.object["stops"] as? [[String: Any]] ?? [])
                #expect(afterUrgent.count == before.count + 2)
                #expect(afterUrgent.map { $0["id"] as! String }.filter { before.contains($0) } == before)
                #expect(afterUrgent.filter { $0["job_id"] as? String == urgentJob }.map { $0["action"] as! String } == ["pickup_dossier", "hand_over"])
                #expect(try await Self.events(database, job: urgentJob).last?.type == "schedule")
                // A stale version on the urgent insert changes nothing.
                let stale = try await client.call(.post, "/v1/offices/BC-PLEIKU/runs/\(target["id"]!)/urgent", headers: first.headers(),
                                                  body: #"{"version": \#(target["version"]!), "job_id": "\#(urgentJob)"}"#)
                #expect(stale.status == .conflict)

                // A re-plan after publishing keeps the published runs as they are.
                let replan = try await Self.plan(client, second)
                #expect(replan.int("kept_published_runs") == runs.count)
                #expect(try await Self.runs(client, first).flatMap(Self.stops).count == 14)
            }
        }
    }

    @Test func aMoveThatMakesAStopLateIsMarkedOnTheStop() async throws {
        try await TestApp.withApp { app, database in
            try await Self.fastPlanner(database)
            try await app.test(.router) { client in
                let portal = try await TestPortal.make(database)
                let dispatcher = try await TestStaff.make(database, client: client, role: .dispatcher)
                try await Self.courier(database, client, name: "Bưu tá một")
                let morning = try await Self.createJob(client, portal, number: 1, commune: "23575", slot: "morning")
                let afternoon = try await Self.createJob(client, portal, number: 2, commune: "23563", slot: "afternoon")
                #expect(try await Self.plan(client, dispatcher).status == .created)
                let run = try #require(try await Self.runs(client, dispatcher).first)
                #expect(run["late_stops"] as? Int == 0)
                #expect(run["overtime_minutes"] as? Int == 0 && run["over_capacity"] as? Bool == false)
                #expect(Self.stops(run).allSatisfy { $0["late"] as? Bool == false && $0["window_violation_minutes"] as? Int == 0 })
                #expect(Set(Self.stops(run).map { $0["job_id"] as! String }) == [morning, afternoon])

                // The morning pickup (with its hand-over) goes to the end, behind the afternoon job: the courier reaches the applicant
                // after 11:30. The move is carried out and the stop is marked late; the hand-over, in the agency's
                // afternoon hours, is not.
                let pickup = try #require(Self.stops(run).first { $0["job_id"] as? String == morning && $0["action"] as? String == "pickup_dossier" })
                let moved = try await client.call(.post, "/v1/offices/BC-PLEIKU/runs/\(run["id"]!)/stops/\(pickup["id"]!)/move",
                                                  headers: dispatcher.headers(), body: #"{"version": 1, "position": 3}"#)
                #expect(moved.status == .ok, "\(moved.text)")
                let answered = try #require((moved.object["items"] as? [[String: Any]])?.first)
                for view in [answered, try #require(try await Self.runs(client, dispatcher).first)] {
                    let stops = Self.stops(view)
                    #expect(stops.map { "\($0["job_id"]!)/\($0["action"]!)" } == ["\(afternoon)/pickup_dossier", "\(afternoon)/hand_over",
                                                                                   "\(morning)/pickup_dossier", "\(morning)/hand_over"])
                    #expect(view["late_stops"] as? Int == 1)
                    #expect(stops.map { $0["late"] as? Bool } == [false, false, true, false])
                    let minutes = stops[2]["window_violation_minutes"] as? Int ?? 0
                    // Late by at least the lunch break: the afternoon visit starts at 13:30 at the earliest, the window closed at 11:30.
                    #expect(minutes >= 120)
                    let arrival = try #require((stops[2]["planned_arrival"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) })
                    let end = try #require((stops[2]["window_end"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) })
                    #expect(minutes == Int((arrival.timeIntervalSince(end) / 60).rounded(.up)))
                    #expect(view["overtime_minutes"] as? Int == 0)
                }

                // The courier's shift is cut to end at noon: the run, back in the afternoon, shows the overtime.
                try await database.query("UPDATE couriers SET shift_end = '12:00'", logger: TestDatabase.logger)
                let shortened = try #require(try await Self.runs(client, dispatcher).first)
                let back = try #require((shortened["planned_return"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) })
                let noon = try #require(ISO8601DateFormatter().date(from: "\(shortened["date"]!)T12:00:00+07:00"))
                #expect(back > noon)
                #expect(shortened["overtime_minutes"] as? Int == Int((back.timeIntervalSince(noon) / 60).rounded(.up)))
            }
        }
    }

    @Test func twoDispatchersReplanningTheSameDayAtOnceAreSerialised() async throws {
        try await TestApp.withApp { app, database in
            try await Self.fastPlanner(database)
            try await app.test(.router) { client in
                let portal = try await TestPortal.make(database)
                let first = try await TestStaff.make(database, client: client, role: .dispatcher)
                let second = try await TestStaff.make(database, client: client, role: .dispatcher)
                try await Self.courier(database, client, name: "Bưu tá một")
                try await Self.courier(database, client, name: "Bưu tá hai")
                var jobs: [String] = []
                for number in 1...8 { jobs.append(try await Self.createJob(client, portal, number: number, slot: number % 2 == 0 ? "afternoon" : "any")) }

                // Both solve at the same time; the second to take the office's lock sees the day changed, plans again
                // from what the first wrote, and replaces its draft runs. Both answer 201 and nothing is doubled.
                async let one = Self.plan(client, first)
                async let two = Self.plan(client, second)
                let answers = try await [one, two]
                #expect(answers.map(\.status) == [.created, .created], "\(answers.map(\.text))")
                #expect(answers.allSatisfy { $0.int("planned_jobs") == jobs.count })

                let runs = try await Self.runs(client, first)
                let stops = runs.flatMap(Self.stops)
                #expect(runs.count <= 2 && Set(runs.map { $0["courier_id"] as! String }).count == runs.count)
                #expect(stops.count == 2 * jobs.count)
                #expect(Set(stops.map { "\($0["job_id"]!)/\($0["action"]!)" }).count == stops.count)
                #expect(Set(stops.map { $0["job_id"] as! String }) == Set(jobs))
                // The later answer shows the runs that stand.
                let standing = Set(stops.map { $0["id"] as! String })
                #expect(answers.contains { answer in
                    Set(((answer.object["runs"] as? [[String: Any]]) ?? []).flatMap(Self.stops).map { $0["id"] as! String }) == standing
                })
                for try await (plans, storedRuns, storedStops, scheduled, outbox) in try await database.query("""
                    SELECT (SELECT count(*) FROM plans WHERE trigger = 'dispatcher'), (SELECT count(*) FROM runs), (SELECT count(*) FROM run_stops),
                           (SELECT count(*) FROM job_events WHERE type = 'schedule'),
                           (SELECT count(*) FROM outbox_events WHERE type = 'job.scheduled')
                    """, logger: TestDatabase.logger).decode((Int, Int, Int, Int, Int).self) {
                    #expect(plans == 2)
                    #expect(storedRuns == runs.count && storedStops == stops.count)
                    // Each job is scheduled (and told to the portal) once, not once per re-plan.
                    #expect(scheduled == jobs.count && outbox == jobs.count)
                }
            }
        }
    }

    /// What `postrun plan --office BC-PLEIKU --date D [--export-problem FILE]` does and prints (the command adds only argument
    /// checks and the file).
    @Test func theCommandLinePlanIsADispatcherPlanWithASummary() async throws {
        try await TestApp.withApp { app, database in
            try await Self.fastPlanner(database)
            try await app.test(.router) { client in
                let portal = try await TestPortal.make(database)
                try await Self.courier(database, client, name: "Bưu tá Hạnh", skills: [])
                let planned = try await Self.createJob(client, portal, number: 1)
                let withFee = try await Self.createJob(client, portal, number: 2, fee: 50_000)
                let dispatch = DispatchRepository(database: database)
                #expect(try await dispatch.officeID(code: "BC-KHONGCO", logger: TestDatabase.logger) == nil)
                let officeID = try #require(try await dispatch.officeID(code: "BC-PLEIKU", logger: TestDatabase.logger))

                // --export-problem: the routing problem the plan would solve, as JSON, and nothing planned
                let problem = try await PlanningRepository(database: database).problem(officeID: officeID, date: Self.day,
                                                                                       logger: TestDatabase.logger)
                #expect(problem.vehicles.count == 1 && problem.pairs.count == 1 && problem.stops.count == 2, "\(problem.stops.map(\.id))")
                #expect(problem.stops.allSatisfy { $0.id.hasPrefix(planned + "/") }, "the fee job needs a courier who may take cash")
                #expect(try JSONDecoder().decode(RoutingProblem.self, from: JSONEncoder().encode(problem)) == problem)
                for try await count in try await database.query("SELECT count(*)::int FROM plans", logger: TestDatabase.logger).decode(Int.self) {
                    #expect(count == 0)
                }

                let summary = try await PlanningRepository(database: database).plan(officeID: officeID, date: Self.day, trigger: .dispatcher,
                                                                                    requestedBy: "cli", logger: TestDatabase.logger)
                let report = summary.report(runs: try await dispatch.runs(officeID: officeID, date: Self.day, logger: TestDatabase.logger))
                let lines = report.split(separator: "\n").map(String.init)
                #expect(lines.first?.hasPrefix("BC-PLEIKU \(Self.day): plan \(summary.planID ?? "?"), 1 jobs planned, 1 unplanned") == true, "\(report)")
                #expect(lines.contains { $0.hasPrefix("  Bưu tá Hạnh (") && $0.contains(": 2 stops, ") && $0.contains(" km, ") } , "\(report)")
                #expect(lines.contains("unplanned: no_courier_with_skill 1"), "\(report)")
                #expect(lines.contains { $0.hasPrefix("  \(withFee): no_courier_with_skill (cash_collection) — ") }, "\(report)")
                #expect(!report.contains(planned))
                #expect(try await Self.events(database, job: planned).last.map { [$0.type, $0.actor] } == ["schedule", "cli"])
                for try await (trigger, by) in try await database.query("SELECT trigger, requested_by FROM plans", logger: TestDatabase.logger)
                    .decode((String, String).self) {
                    #expect(trigger == "dispatcher" && by == "cli")
                }
            }
        }
    }

    @Test func theResultOfAPickupAndReturnWaitsForTheDossierAndItsAppointment() async throws {
        try await TestApp.withApp { app, database in
            try await Self.fastPlanner(database)
            try await app.test(.router) { client in
                let portal = try await TestPortal.make(database)
                let dispatcher = try await TestStaff.make(database, client: client, role: .dispatcher)
                try await Self.courier(database, client, name: "Bưu tá A")
                let body = Fixtures.jobBody(kind: "pickup_and_return", dossierCode: "H21.22.10-261128-0700", commune: "23575",
                                            requestedDate: Self.day.description)
                let created = try await client.call(.post, "/v1/jobs", headers: portal.headers(), body: body)
                #expect(created.status == .created, "\(created.text)")
                let jobs = (created["jobs"] as? [[String: Any]]) ?? []
                let pickup = try #require(jobs.first { $0["kind"] as? String == "pickup_dossier" }?["id"] as? String)
                let result = try #require(jobs.first { $0["kind"] as? String == "deliver_result" }?["id"] as? String)

                #expect(try await Self.plan(client, dispatcher).status == .created)
                let planned = Set(try await Self.runs(client, dispatcher).flatMap(Self.stops).compactMap { $0["job_id"] as? String })
                #expect(planned == [pickup], "only the pickup: the result does not exist yet")
                let unplanned = try await client.call(.get, "/v1/offices/BC-PLEIKU/unplanned?date=\(Self.day)", headers: dispatcher.headers())
                let waiting = ((unplanned["items"] as? [[String: Any]]) ?? []).filter { $0["job_id"] as? String == result }
                #expect(waiting.count == 1 && waiting.first?["reason"] as? String == "awaiting_result", "\(unplanned.text)")

                // Once the dossier is at the agency and the appointment date it brought back (the handover record writes it
                // on both jobs) has come, the result is due.
                try await database.query("""
                    UPDATE jobs SET state = CASE WHEN kind = 'pickup_dossier' THEN 'handed_to_agency' ELSE state END,
                        appointment_date = \(Self.day.description)::date
                    WHERE public_id IN (\(pickup), \(result))
                    """, logger: TestDatabase.logger)
                let replanned = try await Self.plan(client, dispatcher)
                #expect(replanned.status == .created)
                let later = Set(try await Self.runs(client, dispatcher).flatMap(Self.stops).compactMap { $0["job_id"] as? String })
                #expect(later.contains(result))
            }
        }
    }

    @Test func otherOfficesAndCouriersAreKeptOut() async throws {
        try await TestApp.withApp { app, database in
            try await app.test(.router) { client in
                let ankhe = try await TestStaff.make(database, client: client, role: .dispatcher, office: "BC-ANKHE")
                let (courier, _) = try await TestStaff.courier(database, client: client)
                for path in ["runs?date=\(Self.day)", "unplanned?date=\(Self.day)"] {
                    #expect(try await client.call(.get, "/v1/offices/BC-PLEIKU/\(path)", headers: ankhe.headers()).status == .notFound)
                    #expect(try await client.call(.get, "/v1/offices/BC-PLEIKU/\(path)", headers: courier.headers()).status == .forbidden)
                }
                #expect(try await Self.plan(client, ankhe).status == .notFound)
                #expect(try await Self.plan(client, courier).status == .forbidden)
                #expect(try await client.call(.get, "/v1/offices/BC-PLEIKU/runs?date=\(Self.day)").status == .unauthorized)
                let bad = try await client.call(.get, "/v1/offices/BC-ANKHE/runs?date=mai", headers: ankhe.headers())
                #expect(bad.status == .unprocessableContent && bad.errorFields == ["date"])
            }
        }
    }
}
