/// Why an attempt at the applicant's door failed. Stable snake_case codes.
public enum FailureReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// Nobody at the address (or not reachable by phone).
    case notAtHome = "not_at_home"
    /// The address does not exist or is not the applicant's.
    case wrongAddress = "wrong_address"
    /// The applicant refused the pickup or the result.
    case refused
    /// The dossier does not match the procedure's document list (pickups).
    case incompleteDossier = "incomplete_dossier"
    /// Flood, landslide, cut ford: the courier could not get there.
    case roadImpassable = "road_impassable"
    /// Anything else; explain in the event's note.
    case other

    /// Who pays for the repeat trip unless a dispatcher decides otherwise.
    /// `other` defaults to the post office: the applicant is charged only for a named cause.
    public var defaultPartyAtFault: PartyAtFault {
        switch self {
        case .notAtHome, .wrongAddress, .refused, .incompleteDossier: return .applicant
        case .roadImpassable: return .forceMajeure
        case .other: return .postOffice
        }
    }

    /// Vietnamese label.
    public var labelVi: String {
        switch self {
        case .notAtHome: return "Người nhận vắng nhà"
        case .wrongAddress: return "Sai địa chỉ"
        case .refused: return "Người dân từ chối"
        case .incompleteDossier: return "Hồ sơ chưa đầy đủ"
        case .roadImpassable: return "Đường không đi được"
        case .other: return "Lý do khác"
        }
    }

    /// English label.
    public var labelEn: String {
        switch self {
        case .notAtHome: return "Nobody at home"
        case .wrongAddress: return "Wrong address"
        case .refused: return "Refused"
        case .incompleteDossier: return "Incomplete dossier"
        case .roadImpassable: return "Road impassable"
        case .other: return "Other reason"
        }
    }
}

/// Who caused a repeat trip, and so who pays for it ("whoever caused a repeat trip pays for it").
public enum PartyAtFault: String, Sendable, Hashable, Codable, CaseIterable {
    case applicant
    case postOffice = "post_office"
    case agency
    /// Bất khả kháng: nobody pays extra.
    case forceMajeure = "force_majeure"

    /// Whether the applicant is charged for the extra attempt (``PriceComponent/extraAttempt``).
    public var chargesApplicant: Bool { self == .applicant }

    /// Vietnamese label.
    public var labelVi: String {
        switch self {
        case .applicant: return "Người dân"
        case .postOffice: return "Bưu điện"
        case .agency: return "Cơ quan giải quyết"
        case .forceMajeure: return "Bất khả kháng"
        }
    }

    /// English label.
    public var labelEn: String {
        switch self {
        case .applicant: return "Applicant"
        case .postOffice: return "Post office"
        case .agency: return "Agency"
        case .forceMajeure: return "Force majeure"
        }
    }
}

/// A failed attempt as recorded: the reason, an optional dispatcher override of the party at fault, and a note.
public struct FailedAttempt: Sendable, Hashable, Codable {
    public var reason: FailureReason
    /// Set when a dispatcher decides someone other than ``FailureReason/defaultPartyAtFault`` caused the trip.
    public var partyAtFaultOverride: PartyAtFault?
    public var note: String?

    public init(reason: FailureReason, partyAtFaultOverride: PartyAtFault? = nil, note: String? = nil) {
        self.reason = reason
        self.partyAtFaultOverride = partyAtFaultOverride
        self.note = note
    }

    /// The override if set, else the reason's default.
    public var partyAtFault: PartyAtFault { partyAtFaultOverride ?? reason.defaultPartyAtFault }

    enum CodingKeys: String, CodingKey {
        case reason
        case partyAtFaultOverride = "party_at_fault_override"
        case note
    }
}

/// Why a job was cancelled. Stable snake_case codes.
public enum CancellationReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// The applicant withdrew the request.
    case applicantRequest = "applicant_request"
    /// The agency or portal withdrew it (e.g. dossier rejected online).
    case agencyRequest = "agency_request"
    /// Sent twice.
    case duplicate
    /// The applicant had an incomplete dossier and gave up after a failed pickup.
    case dossierNotReady = "dossier_not_ready"
    /// Pickup attempts were used up.
    case attemptsExhausted = "attempts_exhausted"
    case other

    /// Vietnamese label.
    public var labelVi: String {
        switch self {
        case .applicantRequest: return "Người dân yêu cầu hủy"
        case .agencyRequest: return "Cơ quan yêu cầu hủy"
        case .duplicate: return "Yêu cầu trùng"
        case .dossierNotReady: return "Hồ sơ chưa sẵn sàng"
        case .attemptsExhausted: return "Đã hết số lần đi nhận"
        case .other: return "Lý do khác"
        }
    }

    /// English label.
    public var labelEn: String {
        switch self {
        case .applicantRequest: return "Applicant request"
        case .agencyRequest: return "Agency request"
        case .duplicate: return "Duplicate"
        case .dossierNotReady: return "Dossier not ready"
        case .attemptsExhausted: return "Attempts exhausted"
        case .other: return "Other reason"
        }
    }
}
