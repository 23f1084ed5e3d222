import Foundation
import Testing
@testable import PostRunCore

@Suite struct JobRequestValidatorTests {
    static let today = LocalDate(year: 2020, month: 4, day: 15)!

    static func communes(_ code: String) -> CommuneStatus {
        switch code {
        case "23575", "21583", "24028": return .current
        case "99999": return .notCurrent
        default: return .unknown
        }
    }

    static let baseJSON = #"""
    { "kind": "pickup_and_return",
      "dossier": { "code": "H21.22.10-200325-0001", "procedure_code": "1.012784.000.00.00.H21",
                   "procedure_name": "Đăng ký thế chấp quyền sử dụng đất", "field": "secured_transaction_registration",
                   "channel": "online", "online_level": 3, "appointment_date": "2020-04-20" },
      "agency": { "code": "H21.22.10", "name": "Văn phòng đăng ký đất đai", "address": "15 Trần Hưng Đạo", "commune_code": "23575" },
      "applicant": { "name": "Nguyễn Văn A", "phone": "0269.3888.222", "email": "a@example.vn", "id_last_digits": "1234" },
      "address": { "line": "Thôn 3", "commune_code": "24028", "lat": 13.6, "lon": 108.1 },
      "requested": { "date": "2020-04-16", "slot": "morning" },
      "fee_to_collect": { "amount": 80000, "name": "Lệ phí đăng ký" },
      "weight_grams": 300, "notes": "Gọi trước 30 phút" }
    """#

    static func base() throws -> JobRequest {
        try JSONDecoder().decode(JobRequest.self, from: Data(baseJSON.utf8))
    }

    static func codes(_ request: JobRequest) -> [String] {
        JobRequestValidator.validate(request, today: today, communeExists: communes).map { "\($0.field):\($0.code)" }
    }

    @Test func theSampleRequestIsValidAndTyped() throws {
        let request = try Self.base()
        #expect(Self.codes(request) == [])
        let valid = try JobRequestValidator.check(request, today: Self.today, communeExists: Self.communes).get()
        #expect(valid.kind == .pickupAndReturn && valid.jobKinds == [.pickupDossier, .deliverResult])
        #expect(valid.channel == .online && valid.onlineLevel == 3 && valid.field == .securedTransactionRegistration)
        #expect(valid.phone.canonical == "02693888222" && valid.request.applicant.phone == "02693888222")
        #expect(valid.dossierCode?.agencyCode == "H21.22.10" && valid.dossierCode?.receivedOn == LocalDate(year: 2020, month: 3, day: 25))
        #expect(valid.requestedDate == LocalDate(year: 2020, month: 4, day: 16) && valid.slot == .morning)
        #expect(valid.fee == Money(80_000))
    }

    @Test func decodingMissingTextReportsRequiredFieldsWithPaths() throws {
        let request = try JSONDecoder().decode(JobRequest.self, from: Data("{}".utf8))
        let codes = Self.codes(request)
        for expected in ["kind:required", "dossier.procedure_code:required", "dossier.channel:required", "agency.code:required",
                         "agency.commune_code:required", "applicant.name:required", "applicant.phone:required",
                         "address.line:required", "requested.date:required", "requested.slot:required"] {
            #expect(codes.contains(expected), "\(expected) missing from \(codes)")
        }
    }

    @Test func nullsAndWrongTypes() throws {
        let json = #"""
        { "kind": "deliver_result",
          "dossier": { "code": "H21.22.10-200325-0001", "procedure_code": "2.000889.H21", "procedure_name": "Cấp bản sao",
                       "field": "civil_status", "channel": "counter", "online_level": null, "appointment_date": null },
          "agency": { "code": "H21.22.10", "name": "UBND phường Pleiku", "address": "1 Hùng Vương", "commune_code": "23575" },
          "applicant": { "name": "Trần Thị B", "phone": "+84 912 345 678" },
          "address": { "line": "12 Lê Lợi", "commune_code": "23575" },
          "requested": { "date": "2020-04-15", "slot": "any" } }
        """#
        let request = try JSONDecoder().decode(JobRequest.self, from: Data(json.utf8))
        #expect(request.dossier.onlineLevel == nil && request.dossier.appointmentDate == nil && request.feeToCollect == nil)
        let valid = try JobRequestValidator.check(request, today: Self.today, communeExists: Self.communes).get()
        #expect(valid.jobKinds == [.deliverResult] && valid.phone.kind == .mobile && valid.slot == .any)
        let wrongType = json.replacingOccurrences(of: #""online_level": null"#, with: #""online_level": "three""#)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(JobRequest.self, from: Data(wrongType.utf8)) }
    }

    @Test func encodingUsesTheSnakeCaseContract() throws {
        let data = try JSONEncoder().encode(try Self.base())
        let text = String(decoding: data, as: UTF8.self)
        for key in ["procedure_code", "online_level", "appointment_date", "commune_code", "id_last_digits", "fee_to_collect", "weight_grams"] {
            #expect(text.contains("\"\(key)\""))
        }
        #expect(try JSONDecoder().decode(JobRequest.self, from: data) == (try Self.base()))
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let change: @Sendable (inout JobRequest) -> Void
        let expected: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "kind unknown", change: { $0.kind = "pickup" }, expected: ["kind:invalid_kind"]),
        Case(name: "kind deliver ok", change: { $0.kind = "deliver_result" }, expected: []),
        Case(name: "channel unknown", change: { $0.dossier.channel = "fax" }, expected: ["dossier.channel:invalid_channel"]),
        Case(name: "online without level", change: { $0.dossier.onlineLevel = nil }, expected: ["dossier.online_level:online_level_required"]),
        Case(name: "online level 5", change: { $0.dossier.onlineLevel = 5 }, expected: ["dossier.online_level:invalid_online_level"]),
        Case(name: "online level 0", change: { $0.dossier.onlineLevel = 0 }, expected: ["dossier.online_level:invalid_online_level"]),
        Case(name: "online level 4", change: { $0.dossier.onlineLevel = 4 }, expected: []),
        Case(name: "counter with level is ignored", change: { $0.dossier.channel = "counter" }, expected: []),
        Case(name: "counter with level 9", change: { $0.dossier.channel = "counter"; $0.dossier.onlineLevel = 9 },
             expected: ["dossier.online_level:invalid_online_level"]),
        Case(name: "dossier code lowercase agency", change: { $0.dossier.code = "h21.22.10-200325-0001" }, expected: ["dossier.code:invalid_dossier_code"]),
        Case(name: "dossier code bad date", change: { $0.dossier.code = "H21.22.10-200230-0001" }, expected: ["dossier.code:invalid_dossier_code"]),
        Case(name: "dossier code short sequence", change: { $0.dossier.code = "H21-200325-001" }, expected: ["dossier.code:invalid_dossier_code"]),
        Case(name: "dossier code long sequence", change: { $0.dossier.code = "000.00.21.H21-200325-000012" }, expected: []),
        Case(name: "dossier code missing online", change: { $0.dossier.code = nil }, expected: ["dossier.code:required"]),
        Case(name: "dossier code missing for result", change: { $0.kind = "deliver_result"; $0.dossier.channel = "counter"; $0.dossier.code = nil },
             expected: ["dossier.code:required"]),
        Case(name: "dossier code missing, paper pickup and return", change: { $0.dossier.channel = "hotline"; $0.dossier.code = nil },
             expected: []),
        Case(name: "dossier code blank for paper pickup", change: { $0.kind = "pickup_dossier"; $0.dossier.channel = "postal"; $0.dossier.code = "  " },
             expected: []),
        Case(name: "procedure code with space", change: { $0.dossier.procedureCode = "1.0127 84" }, expected: ["dossier.procedure_code:invalid_procedure_code"]),
        Case(name: "procedure code too short", change: { $0.dossier.procedureCode = "1." }, expected: ["dossier.procedure_code:invalid_procedure_code"]),
        Case(name: "procedure code lenient letters", change: { $0.dossier.procedureCode = "BTP-GLA-277" }, expected: ["dossier.procedure_code:invalid_procedure_code"]),
        Case(name: "procedure code letters and dots", change: { $0.dossier.procedureCode = "2.000889.H21" }, expected: []),
        Case(name: "field not snake case", change: { $0.dossier.field = "Đất đai" }, expected: ["dossier.field:invalid_field_code"]),
        Case(name: "procedure name too long", change: { $0.dossier.procedureName = String(repeating: "ă", count: 201) },
             expected: ["dossier.procedure_name:too_long"]),
        Case(name: "procedure name 200 ok", change: { $0.dossier.procedureName = String(repeating: "ă", count: 200) }, expected: []),
        Case(name: "appointment invalid", change: { $0.dossier.appointmentDate = "20/04/2020" }, expected: ["dossier.appointment_date:invalid_date"]),
        Case(name: "appointment before request", change: { $0.dossier.appointmentDate = "2020-04-15" },
             expected: ["dossier.appointment_date:appointment_before_request"]),
        Case(name: "appointment same day", change: { $0.dossier.appointmentDate = "2020-04-16" }, expected: []),
        Case(name: "agency code with dash", change: { $0.agency.code = "H21-22" }, expected: ["agency.code:invalid_agency_code"]),
        Case(name: "agency commune unknown", change: { $0.agency.communeCode = "12345" }, expected: ["agency.commune_code:unknown_commune"]),
        Case(name: "agency commune retired", change: { $0.agency.communeCode = "99999" }, expected: ["agency.commune_code:commune_not_current"]),
        Case(name: "agency commune 4 digits", change: { $0.agency.communeCode = "2357" }, expected: ["agency.commune_code:invalid_commune_code"]),
        Case(name: "agency address blank", change: { $0.agency.address = " \n " }, expected: ["agency.address:required"]),
        Case(name: "applicant name control char", change: { $0.applicant.name = "Nguyễn\u{0007}Văn A" }, expected: ["applicant.name:invalid_characters"]),
        Case(name: "phone too short", change: { $0.applicant.phone = "091234567" }, expected: ["applicant.phone:invalid_phone"]),
        Case(name: "email bad", change: { $0.applicant.email = "a@b" }, expected: ["applicant.email:invalid_email"]),
        Case(name: "email empty is absent", change: { $0.applicant.email = "" }, expected: []),
        Case(name: "id digits 2", change: { $0.applicant.idLastDigits = "12" }, expected: ["applicant.id_last_digits:invalid_id_digits"]),
        Case(name: "id digits 7", change: { $0.applicant.idLastDigits = "1234567" }, expected: ["applicant.id_last_digits:invalid_id_digits"]),
        Case(name: "id digits letters", change: { $0.applicant.idLastDigits = "12a4" }, expected: ["applicant.id_last_digits:invalid_id_digits"]),
        Case(name: "id digits 6", change: { $0.applicant.idLastDigits = "123456" }, expected: []),
        Case(name: "category bad", change: { $0.applicant.category = "Mẹ VNAH" }, expected: ["applicant.category:invalid_category"]),
        Case(name: "category ok", change: { $0.applicant.category = "heroic_mother" }, expected: []),
        Case(name: "language bad", change: { $0.applicant.language = "tiếng Jrai" }, expected: ["applicant.language:invalid_language"]),
        Case(name: "language too long", change: { $0.applicant.language = String(repeating: "a", count: 31) },
             expected: ["applicant.language:invalid_language"]),
        Case(name: "language ok", change: { $0.applicant.language = " jrai " }, expected: []),
        Case(name: "address line too long", change: { $0.address.line = String(repeating: "x", count: 501) }, expected: ["address.line:too_long"]),
        Case(name: "address commune letters", change: { $0.address.communeCode = "2402A" }, expected: ["address.commune_code:invalid_commune_code"]),
        Case(name: "lat without lon", change: { $0.address.lon = nil }, expected: ["address.lon:coordinates_incomplete"]),
        Case(name: "lon without lat", change: { $0.address.lat = nil }, expected: ["address.lat:coordinates_incomplete"]),
        Case(name: "coordinates in Bangkok", change: { $0.address.lat = 13.75; $0.address.lon = 100.5 }, expected: ["address.lat:coordinates_out_of_range"]),
        Case(name: "coordinates swapped", change: { $0.address.lat = 108.1; $0.address.lon = 13.6 }, expected: ["address.lat:coordinates_out_of_range"]),
        Case(name: "coordinates Trường Sa", change: { $0.address.lat = 8.64; $0.address.lon = 111.92 }, expected: []),
        Case(name: "no coordinates", change: { $0.address.lat = nil; $0.address.lon = nil }, expected: []),
        Case(name: "requested yesterday", change: { $0.requested.date = "2020-04-14" }, expected: ["requested.date:date_in_past"]),
        Case(name: "requested today", change: { $0.requested.date = "2020-04-15" }, expected: []),
        Case(name: "requested not a date", change: { $0.requested.date = "2020-04-31" }, expected: ["requested.date:invalid_date"]),
        Case(name: "requested far ahead", change: { $0.requested.date = "2021-04-15"; $0.dossier.appointmentDate = nil },
             expected: ["requested.date:date_too_far"]),
        Case(name: "slot bad", change: { $0.requested.slot = "evening" }, expected: ["requested.slot:invalid_slot"]),
        Case(name: "fee zero", change: { $0.feeToCollect?.amount = .zero }, expected: ["fee_to_collect.amount:invalid_amount"]),
        Case(name: "fee negative", change: { $0.feeToCollect?.amount = Money(-5) }, expected: ["fee_to_collect.amount:invalid_amount"]),
        Case(name: "fee at max", change: { $0.feeToCollect?.amount = Money(50_000_000) }, expected: []),
        Case(name: "fee over max", change: { $0.feeToCollect?.amount = Money(50_000_001) }, expected: ["fee_to_collect.amount:invalid_amount"]),
        Case(name: "fee name missing", change: { $0.feeToCollect?.name = "" }, expected: ["fee_to_collect.name:required"]),
        Case(name: "weight zero", change: { $0.weightGrams = 0 }, expected: ["weight_grams:invalid_weight"]),
        Case(name: "weight max", change: { $0.weightGrams = 30_000 }, expected: []),
        Case(name: "weight over", change: { $0.weightGrams = 30_001 }, expected: ["weight_grams:invalid_weight"]),
        Case(name: "notes too long", change: { $0.notes = String(repeating: "n", count: 1001) }, expected: ["notes:too_long"]),
        Case(name: "notes multi-line ok", change: { $0.notes = "Dòng 1\nDòng 2" }, expected: []),
    ]

    @Test(arguments: cases)
    func eachRule(_ testCase: Case) throws {
        var request = try Self.base()
        testCase.change(&request)
        #expect(Self.codes(request) == testCase.expected)
    }

    @Test func everyCodeHasBothMessages() {
        for code in FieldErrorCode.allCases {
            #expect(!code.messageVi(limit: "9").isEmpty && !code.messageEn(limit: "9").isEmpty)
            #expect(code.messageVi() != code.messageEn())
        }
        let error = FieldError(field: "notes", .tooLong, limit: "1000")
        #expect(error.messageVi.contains("1000") && error.messageEn.contains("1000") && error.code == "too_long")
        let amount = FieldError(field: "fee_to_collect.amount", .invalidAmount, limit: JobRequestValidator.groupedDigits(50_000_000))
        #expect(amount.messageVi.contains("50.000.000"))
    }

    @Test func normalisationComposesTrimsAndCanonicalises() throws {
        var request = try Self.base()
        request.applicant.name = "  Nguye\u{0302}\u{0303}n   Va\u{0306}n\tA "  // NFD and messy spaces
        request.applicant.phone = "+84 269 3888 222"
        request.address.line = " Thôn 3,\n  xã Ia Tul "
        request.notes = "  Gọi trước\n30 phút  "
        request.dossier.channel = "counter"
        let normalized = JobRequestValidator.normalized(request)
        #expect(normalized.applicant.name == "Nguyễn Văn A")
        #expect(normalized.applicant.name.unicodeScalars.count == "Nguyễn Văn A".precomposedStringWithCanonicalMapping.unicodeScalars.count)
        #expect(normalized.applicant.phone == "02693888222")
        #expect(normalized.address.line == "Thôn 3, xã Ia Tul")
        #expect(normalized.notes == "Gọi trước\n30 phút")
        #expect(normalized.dossier.onlineLevel == nil, "a level on a counter dossier is dropped")
        #expect(JobRequestValidator.normalized(normalized) == normalized)
    }
}
