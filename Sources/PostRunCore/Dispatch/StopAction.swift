/// What a courier does at a stop of a run (the `run_stops.action` codes).
public enum StopAction: String, Sendable, Hashable, Codable, CaseIterable {
    /// At the applicant: check, seal and take the paper dossier.
    case pickupDossier = "pickup_dossier"
    /// At the agency: hand dossiers over on a handover record.
    case handOver = "hand_over"
    /// At the agency: collect results on a handover record.
    case collectResult = "collect_result"
    /// At the applicant: hand the result over.
    case deliverResult = "deliver_result"
    /// At the agency: give an undeliverable result back.
    case returnResult = "return_result"

    /// Stops at the applicant's door; the others are at an agency and are closed by handover records.
    public var isAtApplicant: Bool { self == .pickupDossier || self == .deliverResult }

    /// Stops at the agency, inside its opening hours.
    public var isAtAgency: Bool { !isAtApplicant }
}
