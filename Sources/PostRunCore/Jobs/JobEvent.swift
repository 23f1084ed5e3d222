/// Something that happens to a job and may change its state. Legal moves are decided by ``JobLifecycle``.
///
/// Encoded as `{"type": "fail_attempt", "reason": "not_at_home"}`; `reason` only for `fail_attempt` and `cancel`.
public enum JobEvent: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Plan the job for a day (accepted → scheduled; also rescheduled → scheduled for pickups).
    case schedule
    /// Take the job off its planned day (scheduled → accepted).
    case unschedule
    /// The courier leaves for the applicant to pick the dossier up.
    case startPickup
    /// Dossier checked, sealed, dispatch slip signed.
    case pickUp
    /// Dossier handed to the agency on a signed handover record.
    case handOver
    /// Result collected at the agency on a signed slip.
    case collectResult
    /// The courier leaves for the applicant with the result.
    case startDelivery
    /// Result handed to the applicant.
    case deliver
    /// An attempt at the door failed.
    case failAttempt(FailureReason)
    /// A new attempt is set (failed_attempt → rescheduled), while attempts remain.
    case reschedule
    /// The result goes back to the agency after the allowed attempts.
    case returnToAgency
    /// Cancel the job.
    case cancel(CancellationReason)

    /// The event's stable snake_case type code.
    public var type: EventType {
        switch self {
        case .schedule: return .schedule
        case .unschedule: return .unschedule
        case .startPickup: return .startPickup
        case .pickUp: return .pickUp
        case .handOver: return .handOver
        case .collectResult: return .collectResult
        case .startDelivery: return .startDelivery
        case .deliver: return .deliver
        case .failAttempt: return .failAttempt
        case .reschedule: return .reschedule
        case .returnToAgency: return .returnToAgency
        case .cancel: return .cancel
        }
    }

    public var description: String {
        switch self {
        case .failAttempt(let reason): return "fail_attempt(\(reason.rawValue))"
        case .cancel(let reason): return "cancel(\(reason.rawValue))"
        default: return type.rawValue
        }
    }

    /// One representative event of every type (with `other` as reason), for exhaustive tables.
    public static let allTypesWithSampleReasons: [JobEvent] = [
        .schedule, .unschedule, .startPickup, .pickUp, .handOver, .collectResult, .startDelivery, .deliver,
        .failAttempt(.other), .reschedule, .returnToAgency, .cancel(.other),
    ]

    /// The type codes of ``JobEvent``.
    public enum EventType: String, Sendable, Hashable, Codable, CaseIterable {
        case schedule, unschedule
        case startPickup = "start_pickup"
        case pickUp = "pick_up"
        case handOver = "hand_over"
        case collectResult = "collect_result"
        case startDelivery = "start_delivery"
        case deliver
        case failAttempt = "fail_attempt"
        case reschedule
        case returnToAgency = "return_to_agency"
        case cancel
    }

    enum CodingKeys: String, CodingKey { case type, reason }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(EventType.self, forKey: .type) {
        case .schedule: self = .schedule
        case .unschedule: self = .unschedule
        case .startPickup: self = .startPickup
        case .pickUp: self = .pickUp
        case .handOver: self = .handOver
        case .collectResult: self = .collectResult
        case .startDelivery: self = .startDelivery
        case .deliver: self = .deliver
        case .failAttempt: self = .failAttempt(try container.decode(FailureReason.self, forKey: .reason))
        case .reschedule: self = .reschedule
        case .returnToAgency: self = .returnToAgency
        case .cancel: self = .cancel(try container.decode(CancellationReason.self, forKey: .reason))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        switch self {
        case .failAttempt(let reason): try container.encode(reason, forKey: .reason)
        case .cancel(let reason): try container.encode(reason, forKey: .reason)
        default: break
        }
    }
}
