import Foundation
import Testing
@testable import PostRunCore

/// `JSONWriter` must write what `JSONEncoder` (sorted keys, slashes unescaped) writes, byte for byte.
@Suite struct JSONWriterTests {
    static let encoder = JSONEncoder.sortedCompact

    static func written(_ body: (inout JSONWriter) -> Void) -> String {
        var json = JSONWriter()
        body(&json)
        return String(decoding: json.bytes, as: UTF8.self)
    }

    static func encoded(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func stringsAreEscapedAsJSONEncoderDoes() throws {
        var samples = (0..<128).map { String(UnicodeScalar(UInt8($0))) }
        samples += ["", "Nguyễn Thị Hoà", "a\"b\\c/d", "line\nnext\ttab\r\u{8}\u{C}", "\u{2028}\u{2029}\u{7F}", "🇻🇳 Gia Lai", "Hòa\u{0}x"]
        for sample in samples {
            #expect(Self.written { $0.array([sample]) { $0.string($1) } } == (try Self.encoded([sample])), "\(sample.unicodeScalars.map(\.value))")
        }
    }

    @Test func numbersAreWrittenAsJSONEncoderDoes() throws {
        let doubles: [Double] = [0, -0.0, 1, 108, 13.9833, 108.0002, -12.5, 1e-7, 1e21, 0.1 + 0.2, 123456789012.5, .leastNonzeroMagnitude]
        #expect(Self.written { $0.array(doubles) { $0.double($1) } } == (try Self.encoded(doubles)))
        let integers: [Int64] = [0, -1, 26_000, .max, .min]
        #expect(Self.written { $0.array(integers) { $0.int($1) } } == (try Self.encoded(integers)))
    }

    @Test func nestingSeparatesMembersAndElements() throws {
        let text = Self.written { json in
            json.object { json in
                json.key("a"); json.array([1, 2]) { $0.int($1) }
                json.key("b"); json.object { json in json.key("c"); json.null() }
                json.key("d"); json.array([[Int]]([[], [3]])) { json, inner in json.array(inner) { $0.int($1) } }
                json.key("e"); json.bool(true)
                json.key("f"); json.json(Array(#"{"raw":true}"#.utf8))
            }
        }
        #expect(text == #"{"a":[1,2],"b":{"c":null},"d":[[],[3]],"e":true,"f":{"raw":true}}"#)
        #expect((try? JSONSerialization.jsonObject(with: Data(text.utf8))) != nil)
    }

    @Test func requestsAreWrittenAsTheirEncodableConformanceWrites() throws {
        let texts = ["", "Nguyễn Thị Hoà", "12 Lê Lợi, \"tổ\" 3\\4", "thôn Plei Ơi\nbuôn Đôn", "H21.22.10", "0905 123 456", "a/b"]
        // Case i takes the k-th text at (i + k) and has its k-th optional member when bit k of i is set.
        for i in 0..<512 {
            func text(_ k: Int) -> String { texts[(i + k) % texts.count] }
            func maybe<T>(_ k: Int, _ value: T) -> T? { i & (1 << k) != 0 ? value : nil }
            let request = JobRequest(
                kind: text(0),
                dossier: .init(code: maybe(0, text(1)), procedureCode: text(2), procedureName: text(3), field: text(4), channel: text(5),
                               onlineLevel: maybe(1, i % 5), appointmentDate: maybe(2, text(6))),
                agency: .init(code: text(7), name: text(8), address: text(9), communeCode: text(10)),
                applicant: .init(name: text(11), phone: text(12), email: maybe(3, text(13)), idLastDigits: maybe(4, text(14)),
                                 category: maybe(5, text(15)), language: maybe(6, text(16))),
                address: .init(line: text(17), communeCode: text(18), lat: maybe(7, Double(i) / 37), lon: maybe(8, 100 + Double(i * i) / 7)),
                requested: .init(date: text(19), slot: text(20)),
                feeToCollect: maybe(1, JobRequest.Fee(amount: Money(Int64(i) * 1_000), name: text(21))),
                weightGrams: maybe(3, i * 10), notes: maybe(5, text(22)))
            #expect(String(decoding: request.jsonBytes, as: UTF8.self) == (try Self.encoded(request)))
        }
    }
}
