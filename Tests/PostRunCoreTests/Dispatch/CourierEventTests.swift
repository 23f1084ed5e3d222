import Foundation
import Testing
@testable import PostRunCore

@Suite struct CourierEventTests {
    static let now = ISO8601Instant.parse("2026-03-02T12:00:00+07:00")!

    func input(_ json: String) throws -> CourierEventInput { try JSONDecoder().decode(CourierEventInput.self, from: Data(json.utf8)) }

    func fields(_ json: String) throws -> [String] {
        guard case let .failure(rejection) = try input(json).validated(now: Self.now) else { return [] }
        return rejection.errors.map(\.field)
    }

    @Test func parsesInstantsWithAnOffsetOnly() {
        #expect(ISO8601Instant.parse("2026-03-02T09:15:00+07:00") == Date(timeIntervalSince1970: 1_772_417_700))
        #expect(ISO8601Instant.parse("2026-03-02T02:15:00Z") == Date(timeIntervalSince1970: 1_772_417_700))
        #expect(ISO8601Instant.parse("2026-03-02T02:15:00.250Z") == Date(timeIntervalSince1970: 1_772_417_700.25))
        #expect(ISO8601Instant.parse("2026-03-02T09:15+07:00") == Date(timeIntervalSince1970: 1_772_417_700))
        for bad in ["2026-03-02T09:15:00", "2026-03-02 09:15:00+07:00", "2026-02-30T09:15:00Z", "2026-03-02T24:00:00Z", "2026-03-02T09:15:00+0700", ""] {
            #expect(ISO8601Instant.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func validEventsOfEachType() throws {
        let picked = try input(#"""
            {"client_event_id": "a1", "device_time": "2026-03-02T09:00:00+07:00", "stop_id": "stp_1", "type": "picked_up",
             "slip_number": " PG-1 ", "document_count": 3, "fee_collected": {"amount": 50000, "receipt_number": "BL-1"}, "lat": 13.9, "lon": 108.0}
            """#).validated(now: Self.now).get()
        #expect(picked.report == .pickedUp(slipNumber: "PG-1", documentCount: 3, fee: CashCollection(amount: Money(50_000), receiptNumber: "BL-1"), postage: nil))
        #expect(picked.lat == 13.9)
        let failed = try input(#"{"client_event_id": "a2", "device_time": "2026-03-02T02:00:00Z", "stop_id": "s", "type": "failed", "reason": "refused"}"#)
            .validated(now: Self.now).get()
        #expect(failed.report == .failed(.refused, note: nil))
    }

    @Test func everyBadFieldIsNamed() throws {
        #expect(try fields(#"{"type": "teleported"}"#) == ["client_event_id", "device_time", "stop_id", "type"])
        #expect(try fields(#"{"client_event_id": "a", "device_time": "2026-03-02T09:00:00+07:00", "stop_id": "s", "type": "picked_up", "fee_collected": {"amount": 0}}"#)
            == ["slip_number", "document_count", "fee_collected.amount", "fee_collected.receipt_number"])
        #expect(try fields(#"{"client_event_id": "a", "device_time": "2026-03-02T09:00:00+07:00", "stop_id": "s", "type": "delivered", "relation": "cousin", "id_last_digits": "12", "attachment_ids": ["x"]}"#)
            == ["receiver_name", "relation", "id_last_digits", "attachment_ids"])
        #expect(try fields(#"{"client_event_id": "a", "device_time": "2026-03-02T09:00:00+07:00", "stop_id": "s", "type": "failed", "reason": "other"}"#) == ["note"])
        // A phone clock far ahead cannot order a batch.
        #expect(try fields(#"{"client_event_id": "a", "device_time": "2026-03-02T15:00:00+07:00", "stop_id": "s", "type": "arrived"}"#) == ["device_time"])
        #expect(try fields(#"{"client_event_id": "a b", "device_time": "2026-03-02T09:00:00+07:00", "stop_id": "s", "type": "arrived", "lat": 13}"#)
            == ["client_event_id", "lon"])
    }

    @Test func batchesOrderByDeviceTimeThenClientID() {
        let t = Self.now
        let events = [
            CourierEvent(clientEventID: "b", deviceTime: t, stopID: "s", report: .arrived),
            CourierEvent(clientEventID: "c", deviceTime: t.addingTimeInterval(-60), stopID: "s", report: .arrived),
            CourierEvent(clientEventID: "a", deviceTime: t, stopID: "s", report: .arrived),
        ]
        #expect(events.sorted(by: CourierEvent.applicationOrder).map(\.clientEventID) == ["c", "a", "b"])
    }

    @Test func stopsAndJobsMoveTogether() throws {
        let deliver = CourierReport.delivered(.init(receiverName: "A", relation: .family, idLastDigits: "123", attachmentIDs: [], fee: nil, postage: nil))
        #expect(try CourierEventPlan.jobEvents(for: .arrived, action: .pickupDossier, stopStatus: .pending, jobState: .scheduled).get() == [.startPickup])
        #expect(try CourierEventPlan.jobEvents(for: deliver, action: .deliverResult, stopStatus: .arrived, jobState: .outForDelivery).get() == [.deliver])
        // A forgotten "arrived" is made up for.
        #expect(try CourierEventPlan.jobEvents(for: deliver, action: .deliverResult, stopStatus: .pending, jobState: .rescheduled).get()
            == [.startDelivery, .deliver])
        #expect(try CourierEventPlan.jobEvents(for: .arrived, action: .handOver, stopStatus: .pending, jobState: .pickedUp).get() == [])
        func code(_ r: Result<[JobEvent], CourierEventRejection>) -> String? { if case let .failure(e) = r { return e.code } else { return nil } }
        #expect(code(CourierEventPlan.jobEvents(for: .failed(.refused, note: nil), action: .collectResult, stopStatus: .arrived, jobState: .scheduled)) == "handover_required")
        #expect(code(CourierEventPlan.jobEvents(for: deliver, action: .pickupDossier, stopStatus: .pending, jobState: .scheduled)) == "wrong_action")
        #expect(code(CourierEventPlan.jobEvents(for: .arrived, action: .pickupDossier, stopStatus: .arrived, jobState: .outForPickup)) == "already_arrived")
        #expect(code(CourierEventPlan.jobEvents(for: deliver, action: .deliverResult, stopStatus: .done, jobState: .delivered)) == "stop_closed")
    }
}

@Suite struct AttemptOutcomeTests {
    static func day(_ text: String) -> LocalDate { LocalDate(iso: text)! }
    let calendar = WorkingCalendar(holidays: HolidayList(holidays: [PublicHoliday(date: day("2026-03-04"), nameVi: "Nghỉ", nameEn: "Off", kind: .fixed)]))

    @Test func deliveriesRetryOnTheCommunesNextServingDayThenGoBack() {
        let everyDay = CommuneServiceCalendar(communeCode: "23575")
        let wednesdays = CommuneServiceCalendar(communeCode: "23575", servedWeekdays: [3])
        let policy = AttemptPolicy.standard
        // Monday 2 March: two working days later is the holiday on Wednesday, so Thursday; or the next Wednesday.
        #expect(policy.outcome(kind: .deliverResult, failedAttempts: 1, reason: .notAtHome, failedOn: Self.day("2026-03-02"),
                               commune: everyDay, calendar: calendar) == .retry(notBefore: Self.day("2026-03-05")))
        #expect(policy.outcome(kind: .deliverResult, failedAttempts: 1, reason: .notAtHome, failedOn: Self.day("2026-03-02"),
                               commune: wednesdays, calendar: calendar) == .retry(notBefore: Self.day("2026-03-11")))
        #expect(policy.outcome(kind: .deliverResult, failedAttempts: 2, reason: .notAtHome, failedOn: Self.day("2026-03-11"),
                               commune: wednesdays, calendar: calendar) == .returnToAgency)
        let three = AttemptPolicy(maxDeliveryAttempts: 3)
        #expect(three.outcome(kind: .deliverResult, failedAttempts: 2, reason: .refused, failedOn: Self.day("2026-03-11"),
                              commune: everyDay, calendar: calendar) == .retry(notBefore: Self.day("2026-03-13")))
    }

    @Test func pickupsRetryNextServingDayThenCancel() {
        let everyDay = CommuneServiceCalendar(communeCode: "23575")
        #expect(AttemptPolicy.standard.outcome(kind: .pickupDossier, failedAttempts: 1, reason: .notAtHome, failedOn: Self.day("2026-03-03"),
                                               commune: everyDay, calendar: calendar) == .retry(notBefore: Self.day("2026-03-05")))
        #expect(AttemptPolicy.standard.outcome(kind: .pickupDossier, failedAttempts: 2, reason: .incompleteDossier, failedOn: Self.day("2026-03-05"),
                                               commune: everyDay, calendar: calendar) == .cancelPickup(.dossierNotReady))
        #expect(AttemptPolicy.standard.outcome(kind: .pickupDossier, failedAttempts: 2, reason: .notAtHome, failedOn: Self.day("2026-03-05"),
                                               commune: everyDay, calendar: calendar) == .cancelPickup(.attemptsExhausted))
        // Never served: still a date, the earliest the policy allows, for a dispatcher to look at.
        let suspended = CommuneServiceCalendar(communeCode: "1", suspensions: [Self.day("2026-01-01")...Self.day("2027-12-31")])
        #expect(AttemptPolicy.standard.outcome(kind: .deliverResult, failedAttempts: 1, reason: .roadImpassable, failedOn: Self.day("2026-03-02"),
                                               commune: suspended, calendar: calendar) == .retry(notBefore: Self.day("2026-03-05")))
    }

    @Test func returnJobsAreClosedByTheirHandoverOnly() throws {
        #expect(try JobLifecycle.next(after: .scheduled, on: .handOver, kind: .returnResult) == .returnedToAgency)
        #expect(throws: IllegalTransition.self) { try JobLifecycle.next(after: .accepted, on: .cancel(.other), kind: .returnResult) }
        #expect(throws: IllegalTransition.self) { try JobLifecycle.next(after: .scheduled, on: .failAttempt(.notAtHome), kind: .returnResult) }
        #expect(JobState.states(for: .returnResult).contains(.returnedToAgency))
        #expect(!JobKind.requestable.contains(.returnResult))
    }
}
