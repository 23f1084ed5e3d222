/// A change to a job's contact, address or visit: the body of `PATCH /v1/jobs/{id}`.
///
/// ```
/// { "applicant"?: { "name"?, "phone"?, "email"? },
///   "address"?:   { "line", "commune_code", "lat"?, "lon"? },
///   "requested"?: { "date"?, "slot"? } }
/// ```
/// Absent means unchanged. The address is replaced whole. An e-mail cannot be cleared through a patch.
public struct JobPatch: Sendable, Hashable, Codable {
    public var applicant: Contact?
    public var address: JobRequest.Address?
    public var requested: Visit?

    public init(applicant: Contact? = nil, address: JobRequest.Address? = nil, requested: Visit? = nil) {
        self.applicant = applicant
        self.address = address
        self.requested = requested
    }

    /// New contact details; nil members are unchanged.
    public struct Contact: Sendable, Hashable, Codable {
        public var name: String?
        public var phone: String?
        public var email: String?

        public init(name: String? = nil, phone: String? = nil, email: String? = nil) {
            self.name = name
            self.phone = phone
            self.email = email
        }

        public var isEmpty: Bool { name == nil && phone == nil && email == nil }
    }

    /// A new visit day and/or half-day.
    public struct Visit: Sendable, Hashable, Codable {
        public var date: String?
        public var slot: String?

        public init(date: String? = nil, slot: String? = nil) {
            self.date = date
            self.slot = slot
        }

        public var isEmpty: Bool { date == nil && slot == nil }
    }

    /// Nothing to change.
    public var isEmpty: Bool { (applicant?.isEmpty ?? true) && address == nil && (requested?.isEmpty ?? true) }
}

/// Validates ``JobPatch``es with the same rules as ``JobRequestValidator``, plus the state rule: nothing may be
/// edited once the job is dispatched or finished (``JobState/canEditContact``).
public enum JobPatchValidator {
    /// All problems, or empty when the patch may be applied to a job in `state`.
    ///
    /// A patch that changes nothing gets `empty_patch`. A job that can no longer be edited gets one
    /// `not_editable` error per section the patch touches (`applicant`, `address`, `requested`).
    public static func validate(_ patch: JobPatch, state: JobState, today: LocalDate, limits: ValidationLimits = .standard,
                                communeExists: (String) -> CommuneStatus) -> [FieldError] {
        let p = normalized(patch)
        var v = FieldChecker(limits: limits)
        if p.isEmpty {
            v.add("", .emptyPatch)
            return v.errors
        }
        if !state.canEditContact {
            if !(p.applicant?.isEmpty ?? true) { v.add("applicant", .notEditable) }
            if p.address != nil { v.add("address", .notEditable) }
            if !(p.requested?.isEmpty ?? true) { v.add("requested", .notEditable) }
            return v.errors
        }
        if let contact = p.applicant {
            _ = v.contact(name: contact.name, phone: contact.phone, email: contact.email, prefix: "applicant")
        }
        if let address = p.address { v.address(address, prefix: "address", communeExists) }
        if let visit = p.requested {
            if let date = visit.date { _ = v.requestedDate("requested.date", date, today: today) }
            if let slot = visit.slot { _ = v.slot("requested.slot", slot) }
        }
        return v.errors
    }

    /// NFC, trimmed, phone canonical. An empty e-mail becomes nil (unchanged).
    public static func normalized(_ patch: JobPatch) -> JobPatch {
        var p = patch
        if var contact = p.applicant {
            contact.name = contact.name.map(JobRequestValidator.line)
            contact.phone = contact.phone.map(JobRequestValidator.canonicalPhone)
            contact.email = JobRequestValidator.optionalLine(contact.email)
            p.applicant = contact
        }
        p.address = p.address.map(JobRequestValidator.normalizedAddress)
        if var visit = p.requested {
            visit.date = visit.date.map(JobRequestValidator.line)
            visit.slot = visit.slot.map(JobRequestValidator.line)
            p.requested = visit
        }
        return p
    }
}
