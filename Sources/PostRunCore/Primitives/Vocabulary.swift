/// What a job does. A `pickup_and_return` request creates one job of each kind, linked.
public enum JobKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Gửi hồ sơ: pick the paper dossier up at the applicant and carry it to the agency.
    case pickupDossier = "pickup_dossier"
    /// Nhận kết quả: collect the result at the agency and deliver it to the applicant.
    case deliverResult = "deliver_result"
    /// Trả lại kết quả: an undeliverable result going back to the agency after the allowed delivery attempts.
    /// Internal: created by PostRun from a failed delivery (`origin_job_id`), never requested by a portal.
    case returnResult = "return_result"

    /// The kinds a portal or pricing request may name.
    public static let requestable: [JobKind] = [.pickupDossier, .deliverResult]
}

/// How the dossier was submitted to the agency.
public enum SubmissionChannel: String, Sendable, Hashable, Codable, CaseIterable {
    case online, counter, hotline, postal
}

/// Area classes of a commune, editable by admins. A commune may have several.
public enum AreaClass: String, Sendable, Hashable, Codable, CaseIterable {
    case urban, rural, remote
    /// Vùng đồng bào dân tộc thiểu số.
    case ethnicMinority = "ethnic_minority"
    /// Xã đặc biệt khó khăn (region III).
    case especiallyDifficult = "especially_difficult"

    /// Remote, ethnic-minority and especially difficult communes get priority when capacity is short.
    public var isPriority: Bool { self == .remote || self == .ethnicMinority || self == .especiallyDifficult }
}

/// A procedure field (lĩnh vực), as a stable snake_case code. Open set: portals may send fields we do not list.
public struct DossierField: RawRepresentable, Sendable, Hashable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    /// Đăng ký giao dịch bảo đảm.
    public static let securedTransactionRegistration: DossierField = "secured_transaction_registration"

    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// Priced parts of the service.
public enum PriceComponent: String, Sendable, Hashable, Codable, CaseIterable {
    /// Intake at the applicant and carriage to the agency.
    case dossierPickup = "dossier_pickup"
    /// Carriage of the result to the applicant (giá cước chuyển trả kết quả).
    case resultReturn = "result_return"
    /// Collecting a government fee and paying it over.
    case feeCollection = "fee_collection"
    /// A repeat trip after a failed attempt.
    case extraAttempt = "extra_attempt"
}
