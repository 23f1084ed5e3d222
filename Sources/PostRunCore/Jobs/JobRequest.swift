/// What a portal (or a dispatcher typing in a hotline call) asks for: the body of `POST /v1/jobs`.
///
/// The wire shape, with snake_case keys:
/// ```
/// { "kind": "pickup_dossier" | "deliver_result" | "pickup_and_return",
///   "dossier":   { "code", "procedure_code", "procedure_name", "field", "channel",
///                  "online_level": 1-4 | null, "appointment_date": "YYYY-MM-DD" | null },
///   "agency":    { "code", "name", "address", "commune_code" },
///   "applicant": { "name", "phone", "email"?, "id_last_digits"?, "category"? },
///   "address":   { "line", "commune_code", "lat"?, "lon"? },
///   "requested": { "date": "YYYY-MM-DD", "slot": "morning|afternoon|any" },
///   "fee_to_collect"?: { "amount", "name" }, "weight_grams"?: 100, "notes"?: "" }
/// ```
/// Enumerations and dates are kept as the strings sent, and missing text decodes as empty, so that
/// ``JobRequestValidator`` can report every problem with its JSON path instead of failing at the first.
/// Wrongly typed JSON (a number where text belongs) still fails to decode.
public struct JobRequest: Sendable, Hashable, Codable {
    /// `pickup_dossier`, `deliver_result` or `pickup_and_return` (see ``RequestKind``).
    public var kind: String
    public var dossier: Dossier
    public var agency: Agency
    public var applicant: Applicant
    public var address: Address
    public var requested: Requested
    /// A government fee (phí, lệ phí) the courier collects from the applicant and pays over, in đồng.
    public var feeToCollect: Fee?
    public var weightGrams: Int?
    public var notes: String?

    public init(kind: String, dossier: Dossier, agency: Agency, applicant: Applicant, address: Address, requested: Requested,
                feeToCollect: Fee? = nil, weightGrams: Int? = nil, notes: String? = nil) {
        self.kind = kind
        self.dossier = dossier
        self.agency = agency
        self.applicant = applicant
        self.address = address
        self.requested = requested
        self.feeToCollect = feeToCollect
        self.weightGrams = weightGrams
        self.notes = notes
    }

    /// The dossier (hồ sơ) the job is about.
    public struct Dossier: Sendable, Hashable, Codable {
        /// Mã hồ sơ, `AGENCY-YYMMDD-NNNN`. Required for `deliver_result` and online dossiers; a paper dossier
        /// picked up before it reaches the agency may not have one yet (empty or absent).
        public var code: String?
        /// Mã TTHC, e.g. `1.012784.000.00.00.H21`.
        public var procedureCode: String
        public var procedureName: String
        /// Lĩnh vực as a snake_case code (``DossierField``).
        public var field: String
        /// `online`, `counter`, `hotline` or `postal` (``SubmissionChannel``).
        public var channel: String
        /// Mức độ dịch vụ công trực tuyến, 1–4; required when `channel` is `online`, ignored otherwise.
        public var onlineLevel: Int?
        /// Ngày hẹn trả kết quả, `YYYY-MM-DD`.
        public var appointmentDate: String?

        public init(code: String? = nil, procedureCode: String, procedureName: String, field: String, channel: String,
                    onlineLevel: Int? = nil, appointmentDate: String? = nil) {
            self.code = code
            self.procedureCode = procedureCode
            self.procedureName = procedureName
            self.field = field
            self.channel = channel
            self.onlineLevel = onlineLevel
            self.appointmentDate = appointmentDate
        }

        enum CodingKeys: String, CodingKey {
            case code
            case procedureCode = "procedure_code"
            case procedureName = "procedure_name"
            case field, channel
            case onlineLevel = "online_level"
            case appointmentDate = "appointment_date"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            code = try c.decodeIfPresent(String.self, forKey: .code)
            procedureCode = try c.decodeIfPresent(String.self, forKey: .procedureCode) ?? ""
            procedureName = try c.decodeIfPresent(String.self, forKey: .procedureName) ?? ""
            field = try c.decodeIfPresent(String.self, forKey: .field) ?? ""
            channel = try c.decodeIfPresent(String.self, forKey: .channel) ?? ""
            onlineLevel = try c.decodeIfPresent(Int.self, forKey: .onlineLevel)
            appointmentDate = try c.decodeIfPresent(String.self, forKey: .appointmentDate)
        }
    }

    /// The competent agency (cơ quan giải quyết) that receives the dossier or issues the result.
    public struct Agency: Sendable, Hashable, Codable {
        public var code: String
        public var name: String
        public var address: String
        public var communeCode: String

        public init(code: String, name: String, address: String, communeCode: String) {
            self.code = code
            self.name = name
            self.address = address
            self.communeCode = communeCode
        }

        enum CodingKeys: String, CodingKey {
            case code, name, address
            case communeCode = "commune_code"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            code = try c.decodeIfPresent(String.self, forKey: .code) ?? ""
            name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
            address = try c.decodeIfPresent(String.self, forKey: .address) ?? ""
            communeCode = try c.decodeIfPresent(String.self, forKey: .communeCode) ?? ""
        }
    }

    /// The citizen or organisation (người dân, tổ chức).
    public struct Applicant: Sendable, Hashable, Codable {
        public var name: String
        public var phone: String
        public var email: String?
        /// The last 3–6 digits of the ID document, checked at the door.
        public var idLastDigits: String?
        /// A fee-relevant category code such as `heroic_mother` (snake_case); meaning is the tariff's business.
        public var category: String?
        /// The language the applicant needs the courier to speak (`jrai`, `bahnar`…, snake_case): only couriers with
        /// the skill `lang:<code>` are sent.
        public var language: String?

        public init(name: String, phone: String, email: String? = nil, idLastDigits: String? = nil, category: String? = nil,
                    language: String? = nil) {
            self.name = name
            self.phone = phone
            self.email = email
            self.idLastDigits = idLastDigits
            self.category = category
            self.language = language
        }

        enum CodingKeys: String, CodingKey {
            case name, phone, email
            case idLastDigits = "id_last_digits"
            case category, language
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
            phone = try c.decodeIfPresent(String.self, forKey: .phone) ?? ""
            email = try c.decodeIfPresent(String.self, forKey: .email)
            idLastDigits = try c.decodeIfPresent(String.self, forKey: .idLastDigits)
            category = try c.decodeIfPresent(String.self, forKey: .category)
            language = try c.decodeIfPresent(String.self, forKey: .language)
        }
    }

    /// Where the courier goes: the applicant's chosen address.
    public struct Address: Sendable, Hashable, Codable {
        /// House number, street, village (thôn, làng, buôn…): everything below the commune.
        public var line: String
        /// The current 5-digit commune/ward code.
        public var communeCode: String
        public var lat: Double?
        public var lon: Double?

        public init(line: String, communeCode: String, lat: Double? = nil, lon: Double? = nil) {
            self.line = line
            self.communeCode = communeCode
            self.lat = lat
            self.lon = lon
        }

        enum CodingKeys: String, CodingKey {
            case line
            case communeCode = "commune_code"
            case lat, lon
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            line = try c.decodeIfPresent(String.self, forKey: .line) ?? ""
            communeCode = try c.decodeIfPresent(String.self, forKey: .communeCode) ?? ""
            lat = try c.decodeIfPresent(Double.self, forKey: .lat)
            lon = try c.decodeIfPresent(Double.self, forKey: .lon)
        }
    }

    /// When the applicant wants the visit.
    public struct Requested: Sendable, Hashable, Codable {
        /// `YYYY-MM-DD`, Vietnam date.
        public var date: String
        /// `morning`, `afternoon` or `any` (``TimeSlot``).
        public var slot: String

        public init(date: String, slot: String) {
            self.date = date
            self.slot = slot
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            date = try c.decodeIfPresent(String.self, forKey: .date) ?? ""
            slot = try c.decodeIfPresent(String.self, forKey: .slot) ?? ""
        }
    }

    /// A fee to collect on behalf of the agency.
    public struct Fee: Sendable, Hashable, Codable {
        public var amount: Money
        /// What the fee is, e.g. "Lệ phí đăng ký giao dịch bảo đảm".
        public var name: String

        public init(amount: Money, name: String) {
            self.amount = amount
            self.name = name
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            amount = try c.decode(Money.self, forKey: .amount)
            name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        }
    }

    enum CodingKeys: String, CodingKey {
        case kind, dossier, agency, applicant, address, requested
        case feeToCollect = "fee_to_collect"
        case weightGrams = "weight_grams"
        case notes
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decodeIfPresent(String.self, forKey: .kind) ?? ""
        dossier = try c.decodeIfPresent(Dossier.self, forKey: .dossier)
            ?? Dossier(procedureCode: "", procedureName: "", field: "", channel: "")
        agency = try c.decodeIfPresent(Agency.self, forKey: .agency) ?? Agency(code: "", name: "", address: "", communeCode: "")
        applicant = try c.decodeIfPresent(Applicant.self, forKey: .applicant) ?? Applicant(name: "", phone: "")
        address = try c.decodeIfPresent(Address.self, forKey: .address) ?? Address(line: "", communeCode: "")
        requested = try c.decodeIfPresent(Requested.self, forKey: .requested) ?? Requested(date: "", slot: "")
        feeToCollect = try c.decodeIfPresent(Fee.self, forKey: .feeToCollect)
        weightGrams = try c.decodeIfPresent(Int.self, forKey: .weightGrams)
        notes = try c.decodeIfPresent(String.self, forKey: .notes)
    }
}

/// What a request asks for. `pickup_and_return` creates one job of each ``JobKind``, linked.
public enum RequestKind: String, Sendable, Hashable, Codable, CaseIterable {
    case pickupDossier = "pickup_dossier"
    case deliverResult = "deliver_result"
    case pickupAndReturn = "pickup_and_return"

    /// The jobs this request creates, in order.
    public var jobKinds: [JobKind] {
        switch self {
        case .pickupDossier: return [.pickupDossier]
        case .deliverResult: return [.deliverResult]
        case .pickupAndReturn: return [.pickupDossier, .deliverResult]
        }
    }
}

/// Half-day the applicant asks for.
public enum TimeSlot: String, Sendable, Hashable, Codable, CaseIterable {
    /// Buổi sáng.
    case morning
    /// Buổi chiều.
    case afternoon
    /// Either.
    case any
}
