/// An opaque public identifier such as `job_01h8x2k9q4m7c3v6b5n0`: a lowercase prefix naming the resource,
/// an underscore, and 20 characters of lowercase Crockford base32 (100 random bits).
///
/// Internal keys are database integers; only public ids leave the system. The random source is injected so
/// tests are deterministic; production passes `SystemRandomNumberGenerator`.
public struct PublicID: Sendable, Hashable, Codable, CustomStringConvertible, Comparable {
    /// Crockford's base32 alphabet, lowercase (no i, l, o, u).
    public static let alphabet: [Character] = Array("0123456789abcdefghjkmnpqrstvwxyz")
    /// Characters after the underscore.
    public static let bodyLength = 20

    public let prefix: String
    public let body: String

    public var description: String { prefix + "_" + body }

    /// A new random id with `prefix` (1–16 characters of `[a-z0-9]`, starting with a letter).
    public static func make(prefix: String, random: inout some RandomNumberGenerator) -> PublicID {
        precondition(isValidPrefix(prefix), "invalid public id prefix \(prefix)")
        return PublicID(prefix: prefix, body: randomCharacters(count: bodyLength, using: &random))
    }

    /// `count` characters of ``alphabet``, each uniform: five bits apiece, twelve from every 64-bit draw (the system
    /// generator makes a system call per draw, and a draw per character was three per cent of a job's creation).
    public static func randomCharacters(count: Int, using random: inout some RandomNumberGenerator) -> String {
        var text = ""
        text.reserveCapacity(count)
        var bits: UInt64 = 0
        var available = 0
        for _ in 0..<count {
            if available < 5 {
                bits = random.next()
                available = 64
            }
            text.append(alphabet[Int(bits & 31)])
            bits >>= 5
            available -= 5
        }
        return text
    }

    /// A new id from the system's random source.
    public static func make(prefix: String) -> PublicID {
        var generator = SystemRandomNumberGenerator()
        return make(prefix: prefix, random: &generator)
    }

    private init(prefix: String, body: String) {
        self.prefix = prefix
        self.body = body
    }

    /// Parses `prefix_body`. Upper-case body letters are accepted and lowered; `i`, `l`, `o`, `u` are not.
    /// With `expectedPrefix`, any other prefix is refused (so an `office_…` id can't be used as a job id).
    public init?(_ text: String, expectedPrefix: String? = nil) {
        guard let underscore = text.firstIndex(of: "_") else { return nil }
        let prefix = String(text[..<underscore])
        let body = text[text.index(after: underscore)...].lowercased()
        guard PublicID.isValidPrefix(prefix), expectedPrefix == nil || expectedPrefix == prefix,
              body.count == PublicID.bodyLength, body.allSatisfy({ PublicID.alphabet.contains($0) }) else { return nil }
        self.init(prefix: prefix, body: body)
    }

    /// Whether `text` is a well-formed id (with the expected prefix, if given).
    public static func isValid(_ text: String, expectedPrefix: String? = nil) -> Bool {
        PublicID(text, expectedPrefix: expectedPrefix) != nil
    }

    static func isValidPrefix(_ prefix: String) -> Bool {
        guard (1...16).contains(prefix.utf8.count), let first = prefix.first, first.isASCII, first.isLowercase else { return false }
        return prefix.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) }
    }

    public static func < (a: PublicID, b: PublicID) -> Bool { a.description < b.description }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = PublicID(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a public id"))
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
