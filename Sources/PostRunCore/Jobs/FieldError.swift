/// A problem with one field of a request, for problem+json responses.
public struct FieldError: Sendable, Hashable, Codable, CustomStringConvertible {
    /// JSON path of the field, e.g. `applicant.phone`, `requested.date`.
    public let field: String
    /// Stable machine-readable code (``FieldErrorCode``'s raw value), e.g. `invalid_phone`.
    public let code: String
    public let messageVi: String
    public let messageEn: String

    public init(field: String, code: String, messageVi: String, messageEn: String) {
        self.field = field
        self.code = code
        self.messageVi = messageVi
        self.messageEn = messageEn
    }

    public init(field: String, code: String, vi: String, en: String) {
        self.init(field: field, code: code, messageVi: vi, messageEn: en)
    }

    /// An error with the catalogue messages of `code`; `limit` fills in numbers such as a maximum length.
    public init(field: String, _ code: FieldErrorCode, limit: String? = nil) {
        self.field = field
        self.code = code.rawValue
        self.messageVi = code.messageVi(limit: limit)
        self.messageEn = code.messageEn(limit: limit)
    }

    public var description: String { "\(field): \(code)" }

    enum CodingKeys: String, CodingKey {
        case field, code
        case messageVi = "message_vi"
        case messageEn = "message_en"
    }
}

/// Every validation code, with its Vietnamese and English message.
public enum FieldErrorCode: String, Sendable, Hashable, Codable, CaseIterable {
    case required
    case tooLong = "too_long"
    case invalidCharacters = "invalid_characters"
    case invalidKind = "invalid_kind"
    case invalidChannel = "invalid_channel"
    case invalidSlot = "invalid_slot"
    case invalidDate = "invalid_date"
    case dateInPast = "date_in_past"
    case dateTooFar = "date_too_far"
    case appointmentBeforeRequest = "appointment_before_request"
    case onlineLevelRequired = "online_level_required"
    case invalidOnlineLevel = "invalid_online_level"
    case invalidPhone = "invalid_phone"
    case invalidEmail = "invalid_email"
    case invalidIdDigits = "invalid_id_digits"
    case invalidCategory = "invalid_category"
    case invalidLanguage = "invalid_language"
    case invalidCommuneCode = "invalid_commune_code"
    case unknownCommune = "unknown_commune"
    case communeNotCurrent = "commune_not_current"
    case invalidAmount = "invalid_amount"
    case invalidWeight = "invalid_weight"
    case invalidDossierCode = "invalid_dossier_code"
    case invalidProcedureCode = "invalid_procedure_code"
    case invalidAgencyCode = "invalid_agency_code"
    case invalidFieldCode = "invalid_field_code"
    case coordinatesIncomplete = "coordinates_incomplete"
    case coordinatesOutOfRange = "coordinates_out_of_range"
    case notEditable = "not_editable"
    case emptyPatch = "empty_patch"

    /// Vietnamese message; `limit` is the number shown in length/range messages.
    public func messageVi(limit: String? = nil) -> String {
        let n = limit ?? ""
        switch self {
        case .required: return "Trường này là bắt buộc."
        case .tooLong: return "Quá dài (tối đa \(n) ký tự)."
        case .invalidCharacters: return "Chứa ký tự điều khiển không hợp lệ."
        case .invalidKind: return "Loại yêu cầu phải là pickup_dossier, deliver_result hoặc pickup_and_return."
        case .invalidChannel: return "Kênh nộp hồ sơ phải là online, counter, hotline hoặc postal."
        case .invalidSlot: return "Buổi phải là morning, afternoon hoặc any."
        case .invalidDate: return "Ngày không hợp lệ (định dạng YYYY-MM-DD)."
        case .dateInPast: return "Ngày yêu cầu đã qua."
        case .dateTooFar: return "Ngày yêu cầu quá xa (tối đa \(n) ngày kể từ hôm nay)."
        case .appointmentBeforeRequest: return "Ngày hẹn trả kết quả không được trước ngày yêu cầu."
        case .onlineLevelRequired: return "Hồ sơ nộp trực tuyến phải có mức độ dịch vụ công (1–4)."
        case .invalidOnlineLevel: return "Mức độ dịch vụ công trực tuyến phải từ 1 đến 4."
        case .invalidPhone: return "Số điện thoại không hợp lệ (di động 10 số hoặc cố định 11 số, bắt đầu bằng 0 hoặc +84)."
        case .invalidEmail: return "Địa chỉ thư điện tử không hợp lệ."
        case .invalidIdDigits: return "Số cuối giấy tờ tùy thân phải gồm 3 đến 6 chữ số."
        case .invalidCategory: return "Đối tượng không hợp lệ (chữ thường, số và dấu gạch dưới, tối đa 50 ký tự)."
        case .invalidLanguage: return "Mã ngôn ngữ không hợp lệ (chữ thường, số và dấu gạch dưới, tối đa 30 ký tự, vd. jrai)."
        case .invalidCommuneCode: return "Mã xã/phường phải gồm 5 chữ số."
        case .unknownCommune: return "Không tìm thấy xã/phường với mã này."
        case .communeNotCurrent: return "Mã xã/phường không còn hiệu lực (đơn vị hành chính đã thay đổi)."
        case .invalidAmount: return "Số tiền phải lớn hơn 0 và không quá \(n) đồng."
        case .invalidWeight: return "Khối lượng phải từ 1 đến \(n) gam."
        case .invalidDossierCode: return "Mã hồ sơ không đúng dạng MÃCƠQUAN-YYMMDD-NNNN."
        case .invalidProcedureCode: return "Mã thủ tục hành chính không hợp lệ."
        case .invalidAgencyCode: return "Mã cơ quan không hợp lệ (chữ in hoa, số và dấu chấm)."
        case .invalidFieldCode: return "Mã lĩnh vực không hợp lệ (chữ thường, số và dấu gạch dưới)."
        case .coordinatesIncomplete: return "Phải có cả vĩ độ và kinh độ."
        case .coordinatesOutOfRange: return "Tọa độ nằm ngoài lãnh thổ Việt Nam."
        case .notEditable: return "Không thể sửa vì bưu tá đã đi phát/nhận hoặc công việc đã kết thúc."
        case .emptyPatch: return "Không có thông tin nào để sửa."
        }
    }

    /// English message; `limit` is the number shown in length/range messages.
    public func messageEn(limit: String? = nil) -> String {
        let n = limit ?? ""
        switch self {
        case .required: return "This field is required."
        case .tooLong: return "Too long (at most \(n) characters)."
        case .invalidCharacters: return "Contains control characters."
        case .invalidKind: return "Kind must be pickup_dossier, deliver_result or pickup_and_return."
        case .invalidChannel: return "Channel must be online, counter, hotline or postal."
        case .invalidSlot: return "Slot must be morning, afternoon or any."
        case .invalidDate: return "Not a valid date (YYYY-MM-DD)."
        case .dateInPast: return "The requested date has passed."
        case .dateTooFar: return "The requested date is too far ahead (at most \(n) days from today)."
        case .appointmentBeforeRequest: return "The appointment date cannot be before the requested date."
        case .onlineLevelRequired: return "An online dossier needs its online service level (1–4)."
        case .invalidOnlineLevel: return "The online service level must be 1 to 4."
        case .invalidPhone: return "Not a valid Vietnamese phone number (10-digit mobile or 11-digit landline, starting 0 or +84)."
        case .invalidEmail: return "Not a valid e-mail address."
        case .invalidIdDigits: return "The ID's last digits must be 3 to 6 digits."
        case .invalidCategory: return "Invalid category (lowercase letters, digits and underscores, at most 50)."
        case .invalidLanguage: return "Invalid language code (lowercase letters, digits and underscores, at most 30, e.g. jrai)."
        case .invalidCommuneCode: return "A commune code has 5 digits."
        case .unknownCommune: return "No commune has this code."
        case .communeNotCurrent: return "This commune code is no longer in force (the administrative unit changed)."
        case .invalidAmount: return "The amount must be more than 0 and at most \(n) đồng."
        case .invalidWeight: return "The weight must be 1 to \(n) grams."
        case .invalidDossierCode: return "The dossier code must look like AGENCY-YYMMDD-NNNN."
        case .invalidProcedureCode: return "Not a valid procedure code."
        case .invalidAgencyCode: return "Not a valid agency code (capital letters, digits and dots)."
        case .invalidFieldCode: return "Not a valid field code (lowercase letters, digits and underscores)."
        case .coordinatesIncomplete: return "Give both latitude and longitude."
        case .coordinatesOutOfRange: return "The coordinates are outside Vietnam."
        case .notEditable: return "Cannot be changed: the courier is out or the job is finished."
        case .emptyPatch: return "Nothing to change."
        }
    }
}
