import Foundation
import PostRunCore

/// A job as stored, and as shown to API clients (snake_case JSON); webhooks carry the same shape.
public struct JobView: Sendable, Codable, Equatable {
    public struct Office: Sendable, Codable, Equatable {
        public var code: String
        public var name: String
    }

    public var id: String
    public var kind: JobKind
    public var state: JobState
    public var version: Int
    public var linkedJobID: String?
    public var office: Office
    public var dossier: JobRequest.Dossier
    public var agency: JobRequest.Agency
    public var applicant: JobRequest.Applicant
    public var address: JobRequest.Address
    public var requested: JobRequest.Requested
    public var feeToCollect: JobRequest.Fee?
    public var weightGrams: Int?
    public var notes: String?
    /// The price snapshot taken at acceptance (raw JSON of the pricing engine's quote), or null.
    public var quote: JSONDocument?
    public var failedAttempts: Int
    /// Shown in Vietnam's time (+07:00).
    public var acceptedAt: String
    public var updatedAt: String

    enum CodingKeys: String, CodingKey {
        case id, kind, state, version
        case linkedJobID = "linked_job_id"
        case office, dossier, agency, applicant, address, requested
        case feeToCollect = "fee_to_collect"
        case weightGrams = "weight_grams"
        case notes, quote
        case failedAttempts = "failed_attempts"
        case acceptedAt = "accepted_at"
        case updatedAt = "updated_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(kind, forKey: .kind)
        try c.encode(state, forKey: .state)
        try c.encode(version, forKey: .version)
        try c.encode(linkedJobID, forKey: .linkedJobID)
        try c.encode(office, forKey: .office)
        try c.encode(dossier, forKey: .dossier)
        try c.encode(agency, forKey: .agency)
        try c.encode(applicant, forKey: .applicant)
        try c.encode(address, forKey: .address)
        try c.encode(requested, forKey: .requested)
        try c.encode(feeToCollect, forKey: .feeToCollect)
        try c.encode(weightGrams, forKey: .weightGrams)
        try c.encode(notes, forKey: .notes)
        try c.encode(quote, forKey: .quote)
        try c.encode(failedAttempts, forKey: .failedAttempts)
        try c.encode(acceptedAt, forKey: .acceptedAt)
        try c.encode(updatedAt, forKey: .updatedAt)
    }
}

extension JobView {
    /// The same bytes as `JSONEncoder` with sorted keys would write (a test holds the two together), written directly:
    /// a job is encoded on every create, read and webhook.
    public func write(to json: inout JSONWriter) {
        json.object { json in
            json.key("accepted_at"); json.string(acceptedAt)
            json.key("address"); address.write(to: &json)
            json.key("agency"); agency.write(to: &json)
            json.key("applicant"); applicant.write(to: &json)
            json.key("dossier"); dossier.write(to: &json)
            json.key("failed_attempts"); json.int(failedAttempts)
            json.key("fee_to_collect")
            if let feeToCollect { feeToCollect.write(to: &json) } else { json.null() }
            json.key("id"); json.string(id)
            json.key("kind"); json.string(kind.rawValue)
            json.key("linked_job_id"); json.string(linkedJobID)
            json.key("notes"); json.string(notes)
            json.key("office")
            json.object { json in
                json.key("code"); json.string(office.code)
                json.key("name"); json.string(office.name)
            }
            json.key("quote")
            if let quote { json.json(quote.compactJSON) } else { json.null() }
            json.key("requested"); requested.write(to: &json)
            json.key("state"); json.string(state.rawValue)
            json.key("updated_at"); json.string(updatedAt)
            json.key("version"); json.int(version)
            json.key("weight_grams"); json.int(weightGrams)
        }
    }

    public var jsonData: Data {
        var json = JSONWriter(capacity: 2048)
        write(to: &json)
        return Data(json.bytes)
    }

    /// `{"jobs": [...]}`, the answer to a request that created two linked jobs.
    public static func jsonData(jobs: [JobView]) -> Data {
        var json = JSONWriter(capacity: 4096)
        json.object { json in
            json.key("jobs")
            json.array(jobs) { json, job in job.write(to: &json) }
        }
        return Data(json.bytes)
    }
}

/// One line of a job's history: what, when, who, where, why.
public struct JobEventView: Sendable, Codable, Equatable {
    public var type: String
    public var fromState: String?
    public var toState: String
    public var at: String
    public var actor: String
    public var reason: String?
    public var lat: Double?
    public var lon: Double?
    public var data: JSONDocument

    enum CodingKeys: String, CodingKey {
        case type
        case fromState = "from_state"
        case toState = "to_state"
        case at, actor, reason, lat, lon, data
    }
}

/// Raw JSON passed through unchanged (a stored snapshot, a free-form `data` object).
public struct JSONDocument: Sendable, Codable, Equatable {
    public let raw: Data
    /// The value `raw` was encoded from, when known: encoding it again is much cheaper than reading `raw` back.
    let source: (any Encodable & Sendable)?

    public init(raw: Data) {
        self.raw = raw
        self.source = nil
    }

    /// A document encoded from `value` with sorted keys, as `raw` is stored.
    init(encoding value: some Encodable & Sendable, raw: Data) {
        self.raw = raw
        self.source = value
    }

    public init(from decoder: any Decoder) throws {
        let value = try decoder.singleValueContainer().decode(AnyJSON.self)
        raw = try JSONEncoder().encode(value)
        source = nil
    }

    public func encode(to encoder: any Encoder) throws {
        if let source {
            try source.encode(to: encoder)
        } else {
            try JSONDecoder().decode(AnyJSON.self, from: raw).encode(to: encoder)
        }
    }

    public static func == (a: JSONDocument, b: JSONDocument) -> Bool { a.raw == b.raw }

    /// The document as its `Encodable` conformance writes it (compact, keys sorted). A document encoded here is
    /// already in that form; one read back from PostgreSQL (jsonb's own spacing) is written anew.
    public var compactJSON: Data {
        if source != nil { return raw }
        return (try? JSONEncoder.sortedCompact.encode(self)) ?? raw
    }
}

/// A JSON tree, for carrying documents through Codable without knowing their shape.
public indirect enum AnyJSON: Sendable, Codable, Equatable {
    case string(String), number(Double), integer(Int64), bool(Bool), null
    case array([AnyJSON]), object([String: AnyJSON])

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let v = try? c.decode(Bool.self) { self = .bool(v) }
        else if let v = try? c.decode(Int64.self) { self = .integer(v) }
        else if let v = try? c.decode(Double.self) { self = .number(v) }
        else if let v = try? c.decode(String.self) { self = .string(v) }
        else if let v = try? c.decode([AnyJSON].self) { self = .array(v) }
        else { self = .object(try c.decode([String: AnyJSON].self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case let .string(v): try c.encode(v)
        case let .number(v): try c.encode(v)
        case let .integer(v): try c.encode(v)
        case let .bool(v): try c.encode(v)
        case .null: try c.encodeNil()
        case let .array(v): try c.encode(v)
        case let .object(v): try c.encode(v)
        }
    }
}
