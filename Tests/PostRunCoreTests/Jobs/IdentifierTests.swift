import Foundation
import PropertyBased
import Testing
@testable import PostRunCore

@Suite struct PhoneNumberTests {
    @Test(arguments: [
        ("0912345678", "0912345678", PhoneNumber.Kind.mobile),
        ("0912.345.678", "0912345678", .mobile),
        ("0912 345 678", "0912345678", .mobile),
        ("0912-345-678", "0912345678", .mobile),
        ("+84912345678", "0912345678", .mobile),
        ("+84 912 345 678", "0912345678", .mobile),
        ("(+84) 912-345-678", "0912345678", .mobile),
        ("84912345678", "0912345678", .mobile),
        ("0084912345678", "0912345678", .mobile),
        ("0321234567", "0321234567", .mobile),
        ("0561234567", "0561234567", .mobile),
        ("0701234567", "0701234567", .mobile),
        ("0841234567", "0841234567", .mobile),
        ("0269.3888.222", "02693888222", .landline),
        ("02693888222", "02693888222", .landline),
        ("+84 269 3888 222", "02693888222", .landline),
        ("842693888222", "02693888222", .landline),
        ("024 3825 1234", "02438251234", .landline),
        ("+84 (0) 912 345 678", "0912345678", .mobile),
        ("840912345678", "0912345678", .mobile),
        ("+84 0269 3888 222", "02693888222", .landline),
    ])
    func accepts(input: String, canonical: String, kind: PhoneNumber.Kind) throws {
        let phone = try #require(PhoneNumber(input))
        #expect(phone.canonical == canonical)
        #expect(phone.kind == kind)
        #expect(PhoneNumber(phone.canonical) == phone)
        #expect(PhoneNumber(phone.e164) == phone)
        #expect(PhoneNumber(phone.formatted) == phone)
    }

    @Test(arguments: [
        "", "091234567", "09123456789", "0112345678", "0412345678", "0612345678", "1912345678", "02693888",
        "026938882221", "+85 912345678", "0912a45678", "0912/345/678", "++84912345678", "0912+345678", "1900545481", "+8402693888222x", "+8400912345678", "+1 912 345 678",
    ])
    func rejects(input: String) {
        #expect(PhoneNumber(input) == nil)
    }

    @Test func formatsForPeople() throws {
        #expect(try #require(PhoneNumber("+84912345678")).formatted == "0912 345 678")
        #expect(try #require(PhoneNumber("0269.3888.222")).formatted == "0269 3888 222")
        #expect(try #require(PhoneNumber("0269.3888.222")).e164 == "+842693888222")
    }
}

@Suite struct DossierCodeTests {
    @Test(arguments: ["H21.22.10-200325-0001", "G22-200101-1234", "000.00.21.H21-241231-000123", "H21.22-200229-0001"])
    func accepts(code: String) throws {
        let parsed = try #require(DossierCode(code))
        #expect(parsed.rawValue == code)
    }

    @Test(arguments: [
        "H21.22.10-200325-001", "H21.22.10-200325", "H21.22.10-20032-0001", "h21.22.10-200325-0001", "H21..22-200325-0001",
        ".H21-200325-0001", "H21.-200325-0001", "-200325-0001", "H21-201325-0001", "H21-210229-0001", "H21-200325-00a1",
        "H21 22-200325-0001", "H21-22-200325-0001", "H21-200325-0001-", "HĐ21-200325-0001",
    ])
    func rejects(code: String) {
        #expect(DossierCode(code) == nil)
    }

    @Test func partsAreExposed() throws {
        let code = try #require(DossierCode("H21.22.10-200325-0001"))
        #expect(code.agencyCode == "H21.22.10")
        #expect(code.receivedOn == LocalDate(year: 2020, month: 3, day: 25))
        #expect(code.sequence == "0001")
        let json = try JSONEncoder().encode(code)
        #expect(try JSONDecoder().decode(DossierCode.self, from: json) == code)
    }

    @Test func procedureAndEmailShapes() {
        #expect(ProcedureCode.isValid("1.012784.000.00.00.H21"))
        #expect(ProcedureCode.isValid("2.001711"))
        #expect(!ProcedureCode.isValid(".1.2"))
        #expect(!ProcedureCode.isValid(String(repeating: "1", count: 41)))
        for good in ["a@example.vn", "nguyen.van.a+tag@mail.gialai.gov.vn", "x@xn--b-ehb.vn"] { #expect(EmailAddress.isValid(good), "\(good)") }
        for bad in ["", "a", "a@", "@b.vn", "a@b", "a b@c.vn", "a@b..vn", "a@-b.vn", "a@b.v", "a@@b.vn", ".a@b.vn", "a@b.1"] {
            #expect(!EmailAddress.isValid(bad), "\(bad)")
        }
    }
}

@Suite struct PublicIDTests {
    struct FixedGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state
        }
    }

    @Test func makesWellFormedDeterministicIds() {
        var a = FixedGenerator(state: 42)
        var b = FixedGenerator(state: 42)
        let first = PublicID.make(prefix: "job", random: &a)
        #expect(first == PublicID.make(prefix: "job", random: &b))
        #expect(first.description.hasPrefix("job_"))
        #expect(first.description.count == 4 + 20)
        #expect(PublicID.isValid(first.description, expectedPrefix: "job"))
        #expect(!PublicID.isValid(first.description, expectedPrefix: "office"))
        #expect(PublicID.make(prefix: "job", random: &a) != first)
    }

    @Test func randomCharactersTakeTwelveFromEachDrawAndUseEveryLetterEvenly() {
        struct CountingGenerator: RandomNumberGenerator {
            var inner = SystemRandomNumberGenerator()
            var draws = 0
            mutating func next() -> UInt64 {
                draws += 1
                return inner.next()
            }
        }
        var counting = CountingGenerator()
        _ = PublicID.make(prefix: "job", random: &counting)
        #expect(counting.draws == 2)
        counting.draws = 0
        let text = PublicID.randomCharacters(count: 32_000, using: &counting)
        #expect(counting.draws == 32_000 / 12 + 1)
        var seen: [Character: Int] = [:]
        for character in text { seen[character, default: 0] += 1 }
        #expect(Set(seen.keys) == Set(PublicID.alphabet))
        // 1,000 expected per letter; a fair source stays within ±20% with overwhelming probability (σ ≈ 31).
        #expect(seen.values.allSatisfy { (800...1200).contains($0) }, "\(seen)")
    }

    @Test func parsingRules() {
        #expect(PublicID.isValid("job_0123456789abcdefghjk"))
        #expect(PublicID("job_0123456789ABCDEFGHJK")?.description == "job_0123456789abcdefghjk")
        #expect(!PublicID.isValid("job_0123456789abcdefghji"), "i is not Crockford")
        #expect(!PublicID.isValid("job_0123456789abcdefghj"), "19 characters")
        #expect(!PublicID.isValid("Job_0123456789abcdefghjk"))
        #expect(!PublicID.isValid("_0123456789abcdefghjk"))
        #expect(!PublicID.isValid("job0123456789abcdefghjk"))
        #expect(!PublicID.isValid("job_0123456789abcdefgh_k"))
    }

    @Test func randomIdsAlwaysValidate() async {
        await propertyCheck(input: Gen.uint64(in: 0...UInt64.max)) { seed in
            var generator = FixedGenerator(state: seed)
            let id = PublicID.make(prefix: "job", random: &generator)
            #expect(PublicID(id.description, expectedPrefix: "job") == id)
        }
    }
}

@Suite struct JobPatchValidatorTests {
    let today = LocalDate(year: 2020, month: 4, day: 15)!
    func communes(_ code: String) -> CommuneStatus { code == "24028" ? .current : .unknown }

    func codes(_ patch: JobPatch, state: JobState = .scheduled) -> [String] {
        JobPatchValidator.validate(patch, state: state, today: today, communeExists: communes).map { "\($0.field):\($0.code)" }
    }

    @Test func validPatches() {
        #expect(codes(JobPatch(applicant: .init(phone: "0269.3888.222"))) == [])
        #expect(codes(JobPatch(address: .init(line: "Thôn 5", communeCode: "24028"))) == [])
        #expect(codes(JobPatch(requested: .init(slot: "afternoon"))) == [])
        #expect(codes(JobPatch(requested: .init(date: "2020-04-15"))) == [])
        #expect(codes(JobPatch(applicant: .init(name: "Trần Thị B")), state: .failedAttempt) == [])
    }

    @Test func sameRulesAsRequests() {
        #expect(codes(JobPatch(applicant: .init(phone: "12345"))) == ["applicant.phone:invalid_phone"])
        #expect(codes(JobPatch(applicant: .init(name: " "))) == ["applicant.name:required"])
        #expect(codes(JobPatch(applicant: .init(email: "nope"))) == ["applicant.email:invalid_email"])
        #expect(codes(JobPatch(address: .init(line: "", communeCode: "00000"))) == ["address.line:required", "address.commune_code:unknown_commune"])
        #expect(codes(JobPatch(address: .init(line: "x", communeCode: "24028", lat: 50, lon: 108)))
            == ["address.lat:coordinates_out_of_range"])
        #expect(codes(JobPatch(requested: .init(date: "2020-04-14", slot: "night")))
            == ["requested.date:date_in_past", "requested.slot:invalid_slot"])
    }

    @Test func refusedOnceDispatchedOrFinished() {
        let patch = JobPatch(applicant: .init(phone: "0912345678"), address: .init(line: "x", communeCode: "24028"))
        for state in JobState.allCases {
            let result = codes(patch, state: state)
            if state.canEditContact {
                #expect(result == [], "\(state)")
            } else {
                #expect(result == ["applicant:not_editable", "address:not_editable"], "\(state)")
            }
        }
        #expect(codes(JobPatch()) == [":empty_patch"])
        #expect(codes(JobPatch(applicant: .init(), requested: .init())) == [":empty_patch"])
    }

    @Test func normalisesLikeRequests() throws {
        let patch = JobPatchValidator.normalized(JobPatch(applicant: .init(name: " Ngo\u{0302}\u{0301} ", phone: "+84 912 345 678", email: " ")))
        #expect(patch.applicant?.name == "Ngố")
        #expect(patch.applicant?.phone == "0912345678")
        #expect(patch.applicant?.email == nil)
        let decoded = try JSONDecoder().decode(JobPatch.self, from: Data(#"{"address":{"line":"Thôn 1","commune_code":"24028"}}"#.utf8))
        #expect(decoded.address?.communeCode == "24028" && decoded.applicant == nil)
    }
}
