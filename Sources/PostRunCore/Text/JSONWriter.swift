import Foundation

/// Writes JSON straight into bytes, for the few documents on the portal's hot path (a job, its request).
///
/// `JSONEncoder` builds a tree of boxed values before it writes a byte; for a job that was a sixth of the server's CPU
/// per created job. Types written here keep their `Encodable` conformance, and tests check that both produce the same
/// bytes as `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]`, so keys must be written in sorted order.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    /// A value was just completed, so the next key or array element needs a comma first.
    private var afterValue = false

    public init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    public mutating func object(_ body: (inout JSONWriter) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "{"))
        afterValue = false
        body(&self)
        bytes.append(UInt8(ascii: "}"))
        afterValue = true
    }

    public mutating func array<S: Sequence>(_ elements: S, _ body: (inout JSONWriter, S.Element) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "["))
        afterValue = false
        for element in elements { body(&self, element) }
        bytes.append(UInt8(ascii: "]"))
        afterValue = true
    }

    /// Starts a member of the enclosing object; its value follows.
    public mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        afterValue = false
    }

    public mutating func string(_ value: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var start = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                }
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
        afterValue = true
    }

    public mutating func int(_ value: some BinaryInteger) { raw(String(value).utf8) }

    /// As `JSONEncoder` writes a double: its shortest round-trip text, without a trailing `.0`.
    public mutating func double(_ value: Double) {
        let text = value.description
        raw(text.hasSuffix(".0") ? text.dropLast(2).utf8 : Substring(text).utf8)
    }

    public mutating func bool(_ value: Bool) { raw((value ? "true" : "false").utf8) }

    public mutating func null() { raw("null".utf8) }

    /// Bytes that already are one JSON value (a stored snapshot), copied as they are.
    public mutating func json(_ value: some Collection<UInt8>) { raw(value) }

    public mutating func string(_ value: String?) { if let value { string(value) } else { null() } }
    public mutating func int(_ value: (some BinaryInteger)?) { if let value { int(value) } else { null() } }
    public mutating func double(_ value: Double?) { if let value { double(value) } else { null() } }

    private mutating func raw(_ value: some Collection<UInt8>) {
        separate()
        bytes.append(contentsOf: value)
        afterValue = true
    }

    private mutating func separate() {
        if afterValue { bytes.append(UInt8(ascii: ",")) }
    }
}

extension JSONEncoder {
    /// Compact, keys sorted, slashes left alone: how PostRun writes every document it stores or serves (and what
    /// ``JSONWriter`` output is held to).
    public static let sortedCompact: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}
