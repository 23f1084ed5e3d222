import Foundation
import Testing
@testable import PostRunCore

@Suite struct JobLifecycleTests {
    typealias T = JobEvent.EventType

    /// Every legal move (with attempts remaining, i.e. 1 failed attempt of 2), per kind. Everything else is illegal.
    static let legalPickup: [JobState: [T: JobState]] = [
        .accepted: [.schedule: .scheduled, .cancel: .cancelled],
        .scheduled: [.unschedule: .accepted, .startPickup: .outForPickup, .cancel: .cancelled],
        .outForPickup: [.pickUp: .pickedUp, .failAttempt: .failedAttempt, .cancel: .cancelled],
        .pickedUp: [.handOver: .handedToAgency],
        .failedAttempt: [.reschedule: .rescheduled, .cancel: .cancelled],
        .rescheduled: [.schedule: .scheduled, .startPickup: .outForPickup, .cancel: .cancelled],
    ]
    static let legalDelivery: [JobState: [T: JobState]] = [
        .accepted: [.schedule: .scheduled, .collectResult: .resultCollected, .cancel: .cancelled],
        .scheduled: [.unschedule: .accepted, .collectResult: .resultCollected, .cancel: .cancelled],
        .resultCollected: [.startDelivery: .outForDelivery],
        .outForDelivery: [.deliver: .delivered, .failAttempt: .failedAttempt],
        .failedAttempt: [.reschedule: .rescheduled],
        .rescheduled: [.startDelivery: .outForDelivery],
    ]
    static let legalReturn: [JobState: [T: JobState]] = [
        .accepted: [.schedule: .scheduled, .handOver: .returnedToAgency],
        .scheduled: [.unschedule: .accepted, .handOver: .returnedToAgency],
    ]

    static func event(_ type: T) -> JobEvent {
        JobEvent.allTypesWithSampleReasons.first { $0.type == type }!
    }

    @Test(arguments: JobKind.allCases)
    func everyStateAndEventMatchesTheTable(kind: JobKind) throws {
        let table = kind == .pickupDossier ? Self.legalPickup : kind == .deliverResult ? Self.legalDelivery : Self.legalReturn
        var legalCount = 0
        for state in JobState.allCases {
            for type in T.allCases {
                let result = JobLifecycle.apply(Self.event(type), to: state, kind: kind, failedAttempts: 1)
                if let expected = table[state]?[type] {
                    #expect(try result.get() == expected, "\(kind) \(state) \(type)")
                    legalCount += 1
                } else {
                    guard case .failure(let error) = result else {
                        Issue.record("\(kind): \(type) from \(state) should be illegal, got \(result)")
                        continue
                    }
                    #expect(error.state == state && error.event.type == type && error.kind == kind)
                    #expect(!error.messageVi.isEmpty && !error.messageEn.isEmpty)
                }
            }
        }
        #expect(legalCount == table.values.map(\.count).reduce(0, +))
    }

    @Test func terminalStatesRefuseEverything() {
        for kind in JobKind.allCases {
            for state in JobState.allCases where state.isTerminal {
                for event in JobEvent.allTypesWithSampleReasons {
                    let result = JobLifecycle.apply(event, to: state, kind: kind)
                    #expect(throws: IllegalTransition.self) { try result.get() }
                    if case .failure(let error) = result { #expect(error.reason == .terminalState) }
                }
            }
        }
        #expect(Set(JobState.allCases.filter(\.isTerminal)) == [.handedToAgency, .delivered, .returnedToAgency, .cancelled])
    }

    @Test func wrongKindEventsSayWhy() throws {
        let pickUpOnDelivery = JobLifecycle.apply(.pickUp, to: .accepted, kind: .deliverResult)
        #expect(pickUpOnDelivery == .failure(IllegalTransition(state: .accepted, event: .pickUp, kind: .deliverResult, reason: .wrongKind)))
        let deliverOnPickup = JobLifecycle.apply(.deliver, to: .outForPickup, kind: .pickupDossier)
        #expect(throws: IllegalTransition(state: .outForPickup, event: .deliver, kind: .pickupDossier, reason: .wrongKind)) {
            try deliverOnPickup.get()
        }
        // A state of the other kind is simply not a state of this job.
        #expect(JobLifecycle.apply(.startDelivery, to: .outForPickup, kind: .deliverResult).isFailure)
    }

    @Test func cancellationStopsOnceSomethingIsInHand() throws {
        #expect(reason(.cancel(.applicantRequest), .pickedUp, .pickupDossier) == .dossierInHand)
        for state: JobState in [.resultCollected, .outForDelivery, .failedAttempt, .rescheduled] {
            #expect(reason(.cancel(.applicantRequest), state, .deliverResult) == .resultInHand)
        }
        for state: JobState in [.accepted, .scheduled, .outForPickup, .failedAttempt, .rescheduled] {
            #expect(try JobLifecycle.next(after: state, on: .cancel(.duplicate), kind: .pickupDossier) == .cancelled)
        }
    }

    @Test func deliveryAttemptsFollowThePolicy() throws {
        // Attempt 1 fails: a reschedule is allowed, a return is not.
        #expect(try JobLifecycle.next(after: .failedAttempt, on: .reschedule, kind: .deliverResult, failedAttempts: 1) == .rescheduled)
        #expect(reason(.returnToAgency, .failedAttempt, .deliverResult, attempts: 1) == .attemptsRemaining)
        // Attempt 2 fails: back to the agency, no third try.
        #expect(reason(.reschedule, .failedAttempt, .deliverResult, attempts: 2) == .attemptsExhausted)
        #expect(try JobLifecycle.next(after: .failedAttempt, on: .returnToAgency, kind: .deliverResult, failedAttempts: 2)
            == .returnedToAgency)
        // A policy of 3 allows a third attempt.
        let three = AttemptPolicy(maxDeliveryAttempts: 3)
        #expect(try JobLifecycle.next(after: .failedAttempt, on: .reschedule, kind: .deliverResult, failedAttempts: 2, policy: three)
            == .rescheduled)
        // Exhausted pickups can only be cancelled.
        #expect(reason(.reschedule, .failedAttempt, .pickupDossier, attempts: 2) == .attemptsExhausted)
        #expect(JobLifecycle.legalEvents(in: .failedAttempt, kind: .pickupDossier, failedAttempts: 2).map(\.type) == [.cancel])
        #expect(JobLifecycle.legalEvents(in: .failedAttempt, kind: .deliverResult, failedAttempts: 2).map(\.type) == [.returnToAgency])
    }

    @Test func progressCountsFailedAttemptsThroughAWholeDelivery() throws {
        var job = JobProgress(kind: .deliverResult)
        for event: JobEvent in [.schedule, .collectResult, .startDelivery, .failAttempt(.notAtHome), .reschedule, .startDelivery,
                                .failAttempt(.notAtHome)] {
            job = try job.applying(event)
        }
        #expect(job.state == .failedAttempt && job.failedAttempts == 2)
        #expect(throws: IllegalTransition.self) { try job.applying(.reschedule) }
        job = try job.applying(.returnToAgency)
        #expect(job.state == .returnedToAgency && job.state.isTerminal)
    }

    @Test func pickupHappyPath() throws {
        var job = JobProgress(kind: .pickupDossier)
        for event: JobEvent in [.schedule, .startPickup, .pickUp, .handOver] { job = try job.applying(event) }
        #expect(job.state == .handedToAgency && job.failedAttempts == 0)
    }

    @Test func stateFlags() {
        let dispatched: Set<JobState> = [.outForPickup, .pickedUp, .handedToAgency, .outForDelivery, .delivered, .returnedToAgency]
        for state in JobState.allCases {
            #expect(state.isDispatched == dispatched.contains(state))
            #expect(state.isActive == !state.isTerminal)
            #expect(state.canEditContact == (state.isActive && !dispatched.contains(state)))
            #expect(!state.labelVi.isEmpty && !state.labelEn.isEmpty)
        }
        #expect(JobState.failedAttempt.canEditContact && JobState.rescheduled.canEditContact)
        #expect(!JobState.cancelled.canEditContact && !JobState.outForDelivery.canEditContact)
        #expect(JobState.outForPickup.rawValue == "out_for_pickup" && JobState.returnedToAgency.rawValue == "returned_to_agency")
    }

    @Test func failureReasonsAndFault() throws {
        #expect(FailureReason.allCases.map(\.rawValue)
            == ["not_at_home", "wrong_address", "refused", "incomplete_dossier", "road_impassable", "other"])
        #expect(FailureReason.notAtHome.defaultPartyAtFault == .applicant)
        #expect(FailureReason.incompleteDossier.defaultPartyAtFault == .applicant)
        #expect(FailureReason.roadImpassable.defaultPartyAtFault == .forceMajeure)
        #expect(FailureReason.other.defaultPartyAtFault == .postOffice)
        #expect(FailedAttempt(reason: .notAtHome).partyAtFault == .applicant)
        #expect(FailedAttempt(reason: .notAtHome, partyAtFaultOverride: .agency).partyAtFault == .agency)
        #expect(JobProgress.isRepeatTripCharged(latestFailure: FailedAttempt(reason: .refused)))
        #expect(!JobProgress.isRepeatTripCharged(latestFailure: FailedAttempt(reason: .roadImpassable)))
        for reason in FailureReason.allCases { #expect(!reason.labelVi.isEmpty && !reason.labelEn.isEmpty) }
        for party in PartyAtFault.allCases { #expect(!party.labelVi.isEmpty && !party.labelEn.isEmpty) }
        let json = try JSONEncoder().encode(FailedAttempt(reason: .wrongAddress, partyAtFaultOverride: .postOffice))
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains("\"wrong_address\"") && text.contains("\"party_at_fault_override\":\"post_office\""))
    }

    @Test func eventsRoundTripThroughJSON() throws {
        for event in JobEvent.allTypesWithSampleReasons + [.failAttempt(.roadImpassable), .cancel(.applicantRequest)] {
            let data = try JSONEncoder().encode(event)
            #expect(try JSONDecoder().decode(JobEvent.self, from: data) == event)
        }
        let decoded = try JSONDecoder().decode(JobEvent.self, from: Data(#"{"type":"fail_attempt","reason":"not_at_home"}"#.utf8))
        #expect(decoded == .failAttempt(.notAtHome))
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(JobEvent.self, from: Data(#"{"type":"cancel"}"#.utf8)) }
    }

    private func reason(_ event: JobEvent, _ state: JobState, _ kind: JobKind, attempts: Int = 0) -> IllegalTransition.Reason? {
        if case .failure(let error) = JobLifecycle.apply(event, to: state, kind: kind, failedAttempts: attempts) { return error.reason }
        return nil
    }
}

fileprivate extension Result {
    var isFailure: Bool { if case .failure = self { return true } else { return false } }
}
