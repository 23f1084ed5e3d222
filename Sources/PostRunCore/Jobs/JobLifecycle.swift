/// How many attempts a job gets, and how far apart.
///
/// Circular 17/2017: an undeliverable result goes back to the agency after at least 2 attempts, the
/// applicant notified 2 working days apart.
public struct AttemptPolicy: Sendable, Hashable, Codable {
    /// Failed delivery attempts allowed before the result must go back to the agency (default 2).
    public var maxDeliveryAttempts: Int
    /// Failed pickup attempts allowed before the job can only be cancelled (default 2).
    public var maxPickupAttempts: Int
    /// Working days between a failed delivery and the next attempt (default 2).
    public var workingDaysBetweenDeliveryAttempts: Int
    /// Working days between a failed pickup and the next attempt (default 1: the next serving day).
    public var workingDaysBetweenPickupAttempts: Int

    public init(maxDeliveryAttempts: Int = 2, maxPickupAttempts: Int = 2,
                workingDaysBetweenDeliveryAttempts: Int = 2, workingDaysBetweenPickupAttempts: Int = 1) {
        self.maxDeliveryAttempts = maxDeliveryAttempts
        self.maxPickupAttempts = maxPickupAttempts
        self.workingDaysBetweenDeliveryAttempts = workingDaysBetweenDeliveryAttempts
        self.workingDaysBetweenPickupAttempts = workingDaysBetweenPickupAttempts
    }

    /// 2 attempts for each kind; deliveries 2 working days apart, pickups on the next serving day.
    public static let standard = AttemptPolicy()

    /// Failed attempts allowed for a job of `kind`.
    public func maxAttempts(for kind: JobKind) -> Int {
        kind == .pickupDossier ? maxPickupAttempts : maxDeliveryAttempts
    }

    /// Minimum working days between a failed attempt and the next one for `kind`.
    public func workingDaysBetweenAttempts(for kind: JobKind) -> Int {
        kind == .pickupDossier ? workingDaysBetweenPickupAttempts : workingDaysBetweenDeliveryAttempts
    }

    enum CodingKeys: String, CodingKey {
        case maxDeliveryAttempts = "max_delivery_attempts"
        case maxPickupAttempts = "max_pickup_attempts"
        case workingDaysBetweenDeliveryAttempts = "working_days_between_delivery_attempts"
        case workingDaysBetweenPickupAttempts = "working_days_between_pickup_attempts"
    }
}

/// An event that is not allowed for a job in its current state.
public struct IllegalTransition: Error, Sendable, Hashable, CustomStringConvertible {
    /// Why it was refused.
    public enum Reason: String, Sendable, Hashable, Codable {
        /// The job is finished; nothing can happen to it any more.
        case terminalState = "terminal_state"
        /// The event belongs to the other kind of job (e.g. `pick_up` on a delivery).
        case wrongKind = "wrong_kind"
        /// The event is not a move out of this state.
        case notAllowedInState = "not_allowed_in_state"
        /// No attempts left: a delivery must go back to the agency, a pickup can only be cancelled.
        case attemptsExhausted = "attempts_exhausted"
        /// A result can go back to the agency only after the allowed attempts.
        case attemptsRemaining = "attempts_remaining"
        /// A result collected from the agency cannot be cancelled; it must be delivered or returned.
        case resultInHand = "result_in_hand"
        /// The dossier is in the courier's hands (or at the agency); the pickup cannot be cancelled.
        case dossierInHand = "dossier_in_hand"
    }

    public let state: JobState
    public let event: JobEvent
    public let kind: JobKind
    public let reason: Reason

    public init(state: JobState, event: JobEvent, kind: JobKind, reason: Reason) {
        self.state = state
        self.event = event
        self.kind = kind
        self.reason = reason
    }

    public var description: String { "\(event) is not allowed for a \(kind.rawValue) job in state \(state) (\(reason.rawValue))" }

    /// Vietnamese explanation for the API's problem+json.
    public var messageVi: String {
        let base = "Không thể thực hiện “\(event.type.rawValue)” khi công việc ở trạng thái “\(state.labelVi)”"
        switch reason {
        case .terminalState: return base + ": công việc đã kết thúc."
        case .wrongKind: return base + ": thao tác không áp dụng cho loại công việc này."
        case .notAllowedInState: return base + "."
        case .attemptsExhausted: return base + ": đã hết số lần phát/nhận cho phép."
        case .attemptsRemaining: return base + ": vẫn còn lượt phát lại."
        case .resultInHand: return base + ": bưu điện đã nhận kết quả, phải phát hoặc trả lại cơ quan."
        case .dossierInHand: return base + ": hồ sơ đã được nhận."
        }
    }

    /// English explanation for the API's problem+json.
    public var messageEn: String {
        let base = "Cannot \(event.type.rawValue) a \(kind.rawValue) job that is \(state.labelEn.lowercased())"
        switch reason {
        case .terminalState: return base + ": the job is finished."
        case .wrongKind: return base + ": the event does not apply to this kind of job."
        case .notAllowedInState: return base + "."
        case .attemptsExhausted: return base + ": no attempts left."
        case .attemptsRemaining: return base + ": attempts remain."
        case .resultInHand: return base + ": the result has been collected and must be delivered or returned."
        case .dossierInHand: return base + ": the dossier has been picked up."
        }
    }
}

/// The job state machine: the one place that says which events are legal in which state.
public enum JobLifecycle {
    /// The state after `event`, or why it is illegal.
    ///
    /// - Parameters:
    ///   - failedAttempts: failed attempts recorded so far for this job, including the one that put it in
    ///     `failed_attempt`. It decides `reschedule` (needs `failedAttempts < max`) and `return_to_agency`
    ///     (needs `failedAttempts >= max`).
    ///   - policy: the attempt limits.
    public static func apply(_ event: JobEvent, to state: JobState, kind: JobKind, failedAttempts: Int = 0,
                             policy: AttemptPolicy = .standard) -> Result<JobState, IllegalTransition> {
        func refuse(_ reason: IllegalTransition.Reason) -> Result<JobState, IllegalTransition> {
            .failure(IllegalTransition(state: state, event: event, kind: kind, reason: reason))
        }
        if state.isTerminal { return refuse(.terminalState) }
        if !state.applies(to: kind) { return refuse(.notAllowedInState) }
        if kind == .returnResult { return applyToReturn(event, state: state, refuse: refuse) }
        let isPickup = kind == .pickupDossier
        switch event.type {
        case .startPickup, .pickUp, .handOver:
            if !isPickup { return refuse(.wrongKind) }
        case .collectResult, .startDelivery, .deliver, .returnToAgency:
            if isPickup { return refuse(.wrongKind) }
        default: break
        }
        let exhausted = failedAttempts >= policy.maxAttempts(for: kind)

        switch (state, event) {
        case (.accepted, .schedule): return .success(.scheduled)
        case (.scheduled, .unschedule): return .success(.accepted)

        // Pickup.
        case (.scheduled, .startPickup), (.rescheduled, .startPickup): return .success(.outForPickup)
        case (.rescheduled, .schedule) where isPickup: return .success(.scheduled)
        case (.outForPickup, .pickUp): return .success(.pickedUp)
        case (.pickedUp, .handOver): return .success(.handedToAgency)

        // Delivery. The result may be collected on any run once the request is accepted.
        case (.accepted, .collectResult), (.scheduled, .collectResult): return .success(.resultCollected)
        case (.resultCollected, .startDelivery), (.rescheduled, .startDelivery): return .success(.outForDelivery)
        case (.outForDelivery, .deliver): return .success(.delivered)

        // Failures.
        case (.outForPickup, .failAttempt), (.outForDelivery, .failAttempt): return .success(.failedAttempt)
        case (.failedAttempt, .reschedule):
            return exhausted ? refuse(.attemptsExhausted) : .success(.rescheduled)
        case (.failedAttempt, .returnToAgency):
            return exhausted ? .success(.returnedToAgency) : refuse(.attemptsRemaining)

        // Cancellation: until something is picked up (pickup) or collected (delivery).
        case (.accepted, .cancel), (.scheduled, .cancel), (.outForPickup, .cancel),
             (.failedAttempt, .cancel) where isPickup, (.rescheduled, .cancel) where isPickup:
            return .success(.cancelled)
        case (.pickedUp, .cancel): return refuse(.dossierInHand)
        case (.resultCollected, .cancel), (.outForDelivery, .cancel), (.failedAttempt, .cancel),
             (.rescheduled, .cancel):
            return refuse(.resultInHand)

        default: return refuse(.notAllowedInState)
        }
    }

    /// A return job carries a result already collected: it is planned, then closed by the handover record that
    /// gives the result back to the agency. It cannot fail at a door, nor be cancelled.
    static func applyToReturn(_ event: JobEvent, state: JobState,
                              refuse: (IllegalTransition.Reason) -> Result<JobState, IllegalTransition>) -> Result<JobState, IllegalTransition> {
        switch (state, event) {
        case (.accepted, .schedule): return .success(.scheduled)
        case (.scheduled, .unschedule): return .success(.accepted)
        case (.accepted, .handOver), (.scheduled, .handOver): return .success(.returnedToAgency)
        case (_, .cancel): return refuse(.resultInHand)
        case (_, .schedule), (_, .unschedule), (_, .handOver): return refuse(.notAllowedInState)
        default: return refuse(.wrongKind)
        }
    }

    /// Throwing form of ``apply(_:to:kind:failedAttempts:policy:)``.
    public static func next(after state: JobState, on event: JobEvent, kind: JobKind, failedAttempts: Int = 0,
                            policy: AttemptPolicy = .standard) throws(IllegalTransition) -> JobState {
        try apply(event, to: state, kind: kind, failedAttempts: failedAttempts, policy: policy).get()
    }

    /// The events legal right now (with sample reasons for `fail_attempt`/`cancel`), e.g. to show buttons.
    public static func legalEvents(in state: JobState, kind: JobKind, failedAttempts: Int = 0,
                                   policy: AttemptPolicy = .standard) -> [JobEvent] {
        JobEvent.allTypesWithSampleReasons.filter {
            (try? apply($0, to: state, kind: kind, failedAttempts: failedAttempts, policy: policy).get()) != nil
        }
    }
}

/// A job's state together with what the state machine needs to know about its history.
/// Apply events to it to get the next value; failed attempts are counted for you.
public struct JobProgress: Sendable, Hashable, Codable {
    public let kind: JobKind
    public private(set) var state: JobState
    /// Failed attempts so far.
    public private(set) var failedAttempts: Int

    public init(kind: JobKind, state: JobState = .accepted, failedAttempts: Int = 0) {
        self.kind = kind
        self.state = state
        self.failedAttempts = failedAttempts
    }

    /// The progress after `event`, or the reason it is illegal. A `fail_attempt` adds one failed attempt.
    public func applying(_ event: JobEvent, policy: AttemptPolicy = .standard) throws(IllegalTransition) -> JobProgress {
        var next = self
        next.state = try JobLifecycle.next(after: state, on: event, kind: kind, failedAttempts: failedAttempts, policy: policy)
        if case .failAttempt = event { next.failedAttempts += 1 }
        return next
    }

    /// Whether the applicant is charged for the coming attempt: true once a previous attempt failed by their
    /// fault. Pass the party at fault of the latest failure.
    public static func isRepeatTripCharged(latestFailure: FailedAttempt?) -> Bool {
        latestFailure?.partyAtFault.chargesApplicant ?? false
    }

    enum CodingKeys: String, CodingKey {
        case kind, state
        case failedAttempts = "failed_attempts"
    }
}
