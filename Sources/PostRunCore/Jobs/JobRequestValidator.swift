import Foundation

/// Limits used by ``JobRequestValidator`` and ``JobPatchValidator``.
public struct ValidationLimits: Sendable, Hashable, Codable {
    /// Names: applicant, agency, procedure, fee (default 200 characters).
    public var maxNameLength: Int = 200
    /// Address lines (default 500).
    public var maxAddressLength: Int = 500
    /// Notes (default 1000).
    public var maxNotesLength: Int = 1000
    /// Largest fee to collect, in đồng (default 50,000,000).
    public var maxFee: Money = Money(50_000_000)
    /// Heaviest item, in grams (default 30,000).
    public var maxWeightGrams: Int = 30_000
    /// How far ahead a visit may be requested, in days (default 180).
    public var maxDaysAhead: Int = 180
    /// Latitude range accepted (default 7.5…23.5: mainland, Côn Đảo, Thổ Chu, Trường Sa and Hoàng Sa).
    public var latitudeRange: ClosedRange<Double> = 7.5...23.5
    /// Longitude range accepted (default 102.0…118.0).
    public var longitudeRange: ClosedRange<Double> = 102.0...118.0

    public init() {}
    public static let standard = ValidationLimits()
}

/// A request that passed validation: normalised text plus the typed values the rest of the system uses.
public struct ValidJobRequest: Sendable, Hashable {
    /// The NFC-normalised, trimmed request (phone canonical, `online_level` dropped unless channel is online).
    public let request: JobRequest
    public let kind: RequestKind
    public let channel: SubmissionChannel
    /// Only for online submissions.
    public let onlineLevel: Int?
    public let field: DossierField
    public let dossierCode: DossierCode?
    public let appointmentDate: LocalDate?
    public let requestedDate: LocalDate
    public let slot: TimeSlot
    public let phone: PhoneNumber
    public let fee: Money?

    /// The jobs to create.
    public var jobKinds: [JobKind] { kind.jobKinds }
}

/// Request validation failed: every problem found.
public struct JobValidationError: Error, Sendable, Hashable {
    public let errors: [FieldError]
    public init(errors: [FieldError]) { self.errors = errors }
}

/// Validates and normalises ``JobRequest``s. Pure: the commune lookup and today's date are passed in.
///
/// Decisions where the portal contract is silent:
/// - `dossier.code` is required for `deliver_result` and for online dossiers; a paper dossier collected before
///   it reaches the agency (`pickup_dossier` or `pickup_and_return` by counter, hotline or postal channel) has no
///   code yet — the agency gives it one at handover. When present it must be well formed.
/// - `online_level` is required (1–4) when `channel` is `online`; with any other channel it is ignored and
///   removed by ``normalized(_:)`` so no discount can be based on it (an out-of-range value is still reported).
/// - `appointment_date`, when given, must not be before `requested.date` (results must reach the applicant
///   by the appointment date).
/// - `requested.date` must be today or later (Vietnam date), and at most ``ValidationLimits/maxDaysAhead`` days ahead.
/// - Empty optional text (`"email": ""`) is treated as absent.
/// - Text may not contain control characters; notes and address lines may contain line breaks.
public enum JobRequestValidator {
    /// All problems in `request` (after normalisation), in field order. Empty means valid.
    public static func validate(_ request: JobRequest, today: LocalDate, limits: ValidationLimits = .standard,
                                communeExists: (String) -> CommuneStatus) -> [FieldError] {
        switch check(request, today: today, limits: limits, communeExists: communeExists) {
        case .success: return []
        case .failure(let failure): return failure.errors
        }
    }

    /// Normalises, validates, and returns either the typed valid request or every problem found.
    public static func check(_ request: JobRequest, today: LocalDate, limits: ValidationLimits = .standard,
                             communeExists: (String) -> CommuneStatus) -> Result<ValidJobRequest, JobValidationError> {
        let r = normalized(request)
        var v = FieldChecker(limits: limits)

        let kind = RequestKind(rawValue: r.kind)
        if r.kind.isEmpty { v.add("kind", .required) } else if kind == nil { v.add("kind", .invalidKind) }

        // Dossier.
        let channel = SubmissionChannel(rawValue: r.dossier.channel)
        let needsCode = kind == .deliverResult || channel == .online
        var dossierCode: DossierCode?
        if let code = r.dossier.code {
            dossierCode = DossierCode(code)
            if dossierCode == nil { v.add("dossier.code", .invalidDossierCode) }
        } else if needsCode {
            v.add("dossier.code", .required)
        }
        if v.requiredText("dossier.procedure_code", r.dossier.procedureCode), !ProcedureCode.isValid(r.dossier.procedureCode) {
            v.add("dossier.procedure_code", .invalidProcedureCode)
        }
        v.text("dossier.procedure_name", r.dossier.procedureName, max: limits.maxNameLength)
        if v.requiredText("dossier.field", r.dossier.field), !isSnakeCode(r.dossier.field, max: 100) {
            v.add("dossier.field", .invalidFieldCode)
        }
        if r.dossier.channel.isEmpty { v.add("dossier.channel", .required) } else if channel == nil { v.add("dossier.channel", .invalidChannel) }
        if let level = request.dossier.onlineLevel, !(1...4).contains(level) {
            v.add("dossier.online_level", .invalidOnlineLevel)
        } else if channel == .online, r.dossier.onlineLevel == nil {
            v.add("dossier.online_level", .onlineLevelRequired)
        }
        let appointment = v.date("dossier.appointment_date", r.dossier.appointmentDate)

        // Agency.
        if v.requiredText("agency.code", r.agency.code), !AgencyCode.isValid(r.agency.code) { v.add("agency.code", .invalidAgencyCode) }
        v.text("agency.name", r.agency.name, max: limits.maxNameLength)
        v.text("agency.address", r.agency.address, max: limits.maxAddressLength)
        v.commune("agency.commune_code", r.agency.communeCode, communeExists)

        // Applicant.
        let phone = v.contact(name: r.applicant.name, phone: r.applicant.phone, email: r.applicant.email, prefix: "applicant")
        if let digits = r.applicant.idLastDigits,
           !((3...6).contains(digits.count) && digits.allSatisfy({ $0.isASCII && $0.isNumber })) {
            v.add("applicant.id_last_digits", .invalidIdDigits)
        }
        if let category = r.applicant.category, !isSnakeCode(category, max: 50) { v.add("applicant.category", .invalidCategory) }
        if let language = r.applicant.language, !isSnakeCode(language, max: 30) { v.add("applicant.language", .invalidLanguage) }

        // Address and visit.
        v.address(r.address, prefix: "address", communeExists)
        let requestedDate = v.requestedDate("requested.date", r.requested.date, today: today)
        let slot = v.slot("requested.slot", r.requested.slot)
        if let appointment, let requestedDate, appointment < requestedDate {
            v.add("dossier.appointment_date", .appointmentBeforeRequest)
        }

        // Money, weight, notes.
        if let fee = r.feeToCollect {
            if fee.amount <= .zero || fee.amount > limits.maxFee {
                v.add("fee_to_collect.amount", .invalidAmount, limit: groupedDigits(limits.maxFee.dong))
            }
            v.text("fee_to_collect.name", fee.name, max: limits.maxNameLength)
        }
        if let weight = r.weightGrams, !(1...limits.maxWeightGrams).contains(weight) {
            v.add("weight_grams", .invalidWeight, limit: groupedDigits(Int64(limits.maxWeightGrams)))
        }
        if let notes = r.notes { v.text("notes", notes, max: limits.maxNotesLength, required: false, multiline: true) }

        guard v.errors.isEmpty, let kind, let channel, let requestedDate, let slot, let phone else {
            return .failure(JobValidationError(errors: v.errors))
        }
        return .success(ValidJobRequest(
            request: r, kind: kind, channel: channel, onlineLevel: r.dossier.onlineLevel, field: DossierField(rawValue: r.dossier.field),
            dossierCode: dossierCode, appointmentDate: appointment, requestedDate: requestedDate, slot: slot, phone: phone,
            fee: r.feeToCollect?.amount))
    }

    /// NFC-normalises and trims every text field; single-line fields also get whitespace runs collapsed.
    /// Empty optional text becomes nil; a valid phone becomes canonical (`0…` digits); `online_level` is dropped
    /// unless the channel is `online`.
    public static func normalized(_ request: JobRequest) -> JobRequest {
        var r = request
        r.kind = line(r.kind)
        r.dossier.code = optionalLine(r.dossier.code)
        r.dossier.procedureCode = line(r.dossier.procedureCode)
        r.dossier.procedureName = line(r.dossier.procedureName)
        r.dossier.field = line(r.dossier.field)
        r.dossier.channel = line(r.dossier.channel)
        r.dossier.appointmentDate = optionalLine(r.dossier.appointmentDate)
        if let channel = SubmissionChannel(rawValue: r.dossier.channel), channel != .online,
           let level = r.dossier.onlineLevel, (1...4).contains(level) {
            r.dossier.onlineLevel = nil
        }
        r.agency.code = line(r.agency.code)
        r.agency.name = line(r.agency.name)
        r.agency.address = line(r.agency.address)
        r.agency.communeCode = line(r.agency.communeCode)
        r.applicant.name = line(r.applicant.name)
        r.applicant.phone = canonicalPhone(r.applicant.phone)
        r.applicant.email = optionalLine(r.applicant.email)
        r.applicant.idLastDigits = optionalLine(r.applicant.idLastDigits)
        r.applicant.category = optionalLine(r.applicant.category)
        r.applicant.language = optionalLine(r.applicant.language)
        r.address = normalizedAddress(r.address)
        r.requested.date = line(r.requested.date)
        r.requested.slot = line(r.requested.slot)
        if var fee = r.feeToCollect {
            fee.name = line(fee.name)
            r.feeToCollect = fee
        }
        if let notes = r.notes {
            let block = VietnameseText.normalizedBlock(notes)
            r.notes = block.isEmpty ? nil : block
        }
        return r
    }

    static func line(_ text: String) -> String { VietnameseText.normalizedLine(text) }

    static func optionalLine(_ text: String?) -> String? {
        guard let text else { return nil }
        let normalized = line(text)
        return normalized.isEmpty ? nil : normalized
    }

    static func canonicalPhone(_ text: String) -> String {
        let trimmed = line(text)
        return PhoneNumber(trimmed)?.canonical ?? trimmed
    }

    static func normalizedAddress(_ address: JobRequest.Address) -> JobRequest.Address {
        var a = address
        a.line = line(a.line)
        a.communeCode = line(a.communeCode)
        return a
    }

    static func isSnakeCode(_ text: String, max: Int) -> Bool {
        guard (1...max).contains(text.utf8.count), let first = text.first, first.isASCII, first.isLetter else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }
    }

    static func groupedDigits(_ value: Int64) -> String {
        let text = Money(value).description
        return String(text.dropLast(2))
    }
}

/// Accumulates field errors; shared by the request and patch validators so the rules are the same.
struct FieldChecker {
    let limits: ValidationLimits
    var errors: [FieldError] = []

    init(limits: ValidationLimits) { self.limits = limits }

    mutating func add(_ field: String, _ code: FieldErrorCode, limit: String? = nil) {
        errors.append(FieldError(field: field, code, limit: limit))
    }

    /// Reports `required` for empty text; returns whether the text is present.
    mutating func requiredText(_ field: String, _ text: String) -> Bool {
        if text.isEmpty { add(field, .required); return false }
        return true
    }

    /// Required (unless told otherwise), no longer than `max` characters, no control characters.
    mutating func text(_ field: String, _ text: String, max: Int, required: Bool = true, multiline: Bool = false) {
        if text.isEmpty {
            if required { add(field, .required) }
            return
        }
        if text.count > max { add(field, .tooLong, limit: String(max)) }
        if VietnameseText.containsControlCharacters(text, allowingLineBreaks: multiline) { add(field, .invalidCharacters) }
    }

    mutating func commune(_ field: String, _ code: String, _ communeExists: (String) -> CommuneStatus) {
        guard requiredText(field, code) else { return }
        guard code.utf8.count == 5, code.allSatisfy({ $0.isASCII && $0.isNumber }) else { add(field, .invalidCommuneCode); return }
        switch communeExists(code) {
        case .current: break
        case .notCurrent: add(field, .communeNotCurrent)
        case .unknown: add(field, .unknownCommune)
        }
    }

    /// Name, phone and e-mail rules; returns the parsed phone.
    mutating func contact(name: String?, phone: String?, email: String?, prefix: String) -> PhoneNumber? {
        if let name { text("\(prefix).name", name, max: limits.maxNameLength) }
        var parsed: PhoneNumber?
        if let phone, requiredText("\(prefix).phone", phone) {
            parsed = PhoneNumber(phone)
            if parsed == nil { add("\(prefix).phone", .invalidPhone) }
        }
        if let email, !EmailAddress.isValid(email) { add("\(prefix).email", .invalidEmail) }
        return parsed
    }

    mutating func address(_ address: JobRequest.Address, prefix: String, _ communeExists: (String) -> CommuneStatus) {
        text("\(prefix).line", address.line, max: limits.maxAddressLength)
        commune("\(prefix).commune_code", address.communeCode, communeExists)
        switch (address.lat, address.lon) {
        case (nil, nil): break
        case (let lat?, let lon?):
            if !limits.latitudeRange.contains(lat) || !limits.longitudeRange.contains(lon) || lat.isNaN || lon.isNaN {
                add("\(prefix).lat", .coordinatesOutOfRange)
            }
        case (nil, _): add("\(prefix).lat", .coordinatesIncomplete)
        case (_, nil): add("\(prefix).lon", .coordinatesIncomplete)
        }
    }

    /// An optional ISO date.
    mutating func date(_ field: String, _ text: String?) -> LocalDate? {
        guard let text else { return nil }
        guard let date = LocalDate(iso: text) else { add(field, .invalidDate); return nil }
        return date
    }

    /// A required visit date: today or later, within the horizon.
    mutating func requestedDate(_ field: String, _ text: String, today: LocalDate) -> LocalDate? {
        guard requiredText(field, text) else { return nil }
        guard let date = LocalDate(iso: text) else { add(field, .invalidDate); return nil }
        if date < today { add(field, .dateInPast); return nil }
        if today.days(until: date) > limits.maxDaysAhead { add(field, .dateTooFar, limit: String(limits.maxDaysAhead)); return nil }
        return date
    }

    mutating func slot(_ field: String, _ text: String) -> TimeSlot? {
        guard requiredText(field, text) else { return nil }
        guard let slot = TimeSlot(rawValue: text) else { add(field, .invalidSlot); return nil }
        return slot
    }
}
