/// Where a job is in its life. Raw values are the stable snake_case codes stored in the database and sent in
/// webhooks.
///
/// Pickup jobs (`pickup_dossier`): accepted → scheduled → out_for_pickup → picked_up → handed_to_agency.
/// Delivery jobs (`deliver_result`): accepted → scheduled → result_collected → out_for_delivery → delivered.
/// Both: failed_attempt → rescheduled → out_for_* again; returned_to_agency (deliveries only) and cancelled.
/// Return jobs (`return_result`): accepted → scheduled → returned_to_agency (on the handover record).
/// The legal moves are defined once, in ``JobLifecycle``.
public enum JobState: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Tiếp nhận: the request is accepted and priced, not yet planned.
    case accepted
    /// Planned for a day (and possibly a run); nothing has happened in the field yet.
    case scheduled
    /// The courier is on the way to the applicant to pick the dossier up.
    case outForPickup = "out_for_pickup"
    /// The dossier was checked, sealed and a dispatch slip (phiếu gửi) signed; the courier holds it.
    case pickedUp = "picked_up"
    /// Handed to the agency and listed on a signed handover record (biên bản giao nhận). Terminal.
    case handedToAgency = "handed_to_agency"
    /// The courier collected the result at the agency and holds it.
    case resultCollected = "result_collected"
    /// The courier is on the way to the applicant with the result.
    case outForDelivery = "out_for_delivery"
    /// Delivered to the applicant (or their authorised proxy). Terminal.
    case delivered
    /// The last attempt at the door failed; a reason and the party at fault are recorded with the event.
    case failedAttempt = "failed_attempt"
    /// A new attempt is set for a later serving day.
    case rescheduled
    /// The undeliverable result went back to the agency after the allowed attempts. Terminal.
    case returnedToAgency = "returned_to_agency"
    /// Cancelled before anything was picked up or collected. Terminal.
    case cancelled

    public var description: String { rawValue }

    /// No event can move a job out of a terminal state.
    public var isTerminal: Bool {
        switch self {
        case .handedToAgency, .delivered, .returnedToAgency, .cancelled: return true
        default: return false
        }
    }

    /// Not terminal: the job still needs work.
    public var isActive: Bool { !isTerminal }

    /// A courier has gone out for the job, or it is beyond that point: the applicant's contact and address
    /// can no longer be edited. `failed_attempt` and `rescheduled` are not dispatched: fixing a wrong address
    /// before the next attempt is exactly what they are for.
    public var isDispatched: Bool {
        switch self {
        case .outForPickup, .pickedUp, .handedToAgency, .outForDelivery, .delivered, .returnedToAgency: return true
        default: return false
        }
    }

    /// Whether the applicant's contact, address or requested slot may still be edited.
    public var canEditContact: Bool { isActive && !isDispatched }

    /// The states a job of `kind` can ever be in.
    public static func states(for kind: JobKind) -> [JobState] {
        switch kind {
        case .pickupDossier:
            return [.accepted, .scheduled, .outForPickup, .pickedUp, .handedToAgency, .failedAttempt, .rescheduled, .cancelled]
        case .deliverResult:
            return [.accepted, .scheduled, .resultCollected, .outForDelivery, .delivered, .failedAttempt, .rescheduled,
                    .returnedToAgency, .cancelled]
        case .returnResult:
            // Accepted when the last delivery attempt fails; done when a handover record gives the result back.
            return [.accepted, .scheduled, .returnedToAgency]
        }
    }

    /// Whether a job of `kind` can be in this state.
    public func applies(to kind: JobKind) -> Bool { JobState.states(for: kind).contains(self) }

    /// Vietnamese label for dispatchers and applicants.
    public var labelVi: String {
        switch self {
        case .accepted: return "Đã tiếp nhận"
        case .scheduled: return "Đã lên lịch"
        case .outForPickup: return "Đang đi nhận hồ sơ"
        case .pickedUp: return "Đã nhận hồ sơ"
        case .handedToAgency: return "Đã giao hồ sơ cho cơ quan"
        case .resultCollected: return "Đã nhận kết quả tại cơ quan"
        case .outForDelivery: return "Đang phát kết quả"
        case .delivered: return "Đã phát kết quả"
        case .failedAttempt: return "Phát/nhận không thành công"
        case .rescheduled: return "Đã hẹn lại"
        case .returnedToAgency: return "Đã trả lại cơ quan"
        case .cancelled: return "Đã hủy"
        }
    }

    /// English label.
    public var labelEn: String {
        switch self {
        case .accepted: return "Accepted"
        case .scheduled: return "Scheduled"
        case .outForPickup: return "Out for pickup"
        case .pickedUp: return "Picked up"
        case .handedToAgency: return "Handed to agency"
        case .resultCollected: return "Result collected"
        case .outForDelivery: return "Out for delivery"
        case .delivered: return "Delivered"
        case .failedAttempt: return "Attempt failed"
        case .rescheduled: return "Rescheduled"
        case .returnedToAgency: return "Returned to agency"
        case .cancelled: return "Cancelled"
        }
    }
}
