/// One record of a CSV file: its fields and the line it starts on (1-based, the header is line 1).
public struct CSVRecord: Sendable, Hashable {
    public let line: Int
    public let fields: [String]
}

/// A problem in a CSV file, with the line it was found on.
public struct CSVError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public enum Problem: Sendable, Hashable {
        case emptyFile
        /// A quoted field runs to the end of the file.
        case unterminatedQuote
        /// A `"` inside an unquoted field.
        case quoteInUnquotedField
        /// Something other than a comma or line end after a closing quote.
        case textAfterClosingQuote
        case wrongFieldCount(expected: Int, found: Int)
        case missingColumn(String)
        case duplicateColumn(String)
        /// A value that breaks the format's rules; `reason` says which.
        case invalidValue(column: String, value: String, reason: String)
        case duplicateCode(String, firstLine: Int)
        case unknownProvince(String)
    }

    /// 1-based line number (the header is line 1).
    public let line: Int
    public let problem: Problem

    public init(line: Int, problem: Problem) {
        self.line = line
        self.problem = problem
    }

    public var description: String {
        let what: String
        switch problem {
        case .emptyFile: what = "the file is empty (no header)"
        case .unterminatedQuote: what = "a quoted field is never closed"
        case .quoteInUnquotedField: what = "a quote character inside an unquoted field"
        case .textAfterClosingQuote: what = "text after a closing quote"
        case .wrongFieldCount(let expected, let found): what = "expected \(expected) fields, found \(found)"
        case .missingColumn(let name): what = "the header has no column \"\(name)\""
        case .duplicateColumn(let name): what = "the header has column \"\(name)\" twice"
        case .invalidValue(let column, let value, let reason): what = "\(column) \"\(value)\": \(reason)"
        case .duplicateCode(let code, let firstLine): what = "code \(code) already appeared on line \(firstLine)"
        case .unknownProvince(let code): what = "province \(code) is not in the file"
        }
        return "line \(line): \(what)"
    }
}

/// An RFC 4180 CSV reader: comma separated, fields optionally quoted with `"` (a quote inside a quoted field is
/// written `""`), quoted fields may span lines, CRLF or LF line ends, an optional UTF-8 BOM, an optional final
/// line end. Blank lines are skipped. Fields are returned exactly as written (no trimming, leading zeros kept).
public enum CSVReader {
    /// All records of `text`, the header included, each with the line it starts on.
    public static func parse(_ text: String) throws(CSVError) -> [CSVRecord] {
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var quoteLine = 1
        var afterQuote = false
        var fieldStarted = false
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var index = 0

        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            afterQuote = false
            fieldStarted = false
        }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(CSVRecord(line: recordLine, fields: fields)) }
            fields = []
        }

        while index < scalars.count {
            let c = scalars[index]
            index += 1
            if inQuotes {
                if c == "\"" {
                    if index < scalars.count, scalars[index] == "\"" {
                        field.append("\"")
                        index += 1
                    } else {
                        inQuotes = false
                        afterQuote = true
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case ",":
                endField()
                fieldStarted = true
            case "\r" where index < scalars.count && scalars[index] == "\n":
                break  // the LF ends the record
            case "\n":
                endRecord()
                line += 1
                recordLine = line
            case "\"":
                if afterQuote { throw CSVError(line: line, problem: .textAfterClosingQuote) }
                if !field.isEmpty { throw CSVError(line: line, problem: .quoteInUnquotedField) }
                inQuotes = true
                quoteLine = line
            default:
                if afterQuote { throw CSVError(line: line, problem: .textAfterClosingQuote) }
                field.append(c)
            }
        }
        if inQuotes { throw CSVError(line: quoteLine, problem: .unterminatedQuote) }
        if !field.isEmpty || !fields.isEmpty || afterQuote || fieldStarted { endRecord() }
        return records
    }
}

/// A CSV file read by its header: each record's fields looked up by column name.
struct CSVTable {
    let header: [String]
    let rows: [CSVRecord]
    private let index: [String: Int]

    init(_ text: String, requiredColumns: [String]) throws(CSVError) {
        let records = try CSVReader.parse(text)
        guard let first = records.first else { throw CSVError(line: 1, problem: .emptyFile) }
        header = first.fields
        var index: [String: Int] = [:]
        for (position, name) in header.enumerated() {
            if index[name] != nil { throw CSVError(line: first.line, problem: .duplicateColumn(name)) }
            index[name] = position
        }
        for name in requiredColumns where index[name] == nil {
            throw CSVError(line: first.line, problem: .missingColumn(name))
        }
        for record in records.dropFirst() where record.fields.count != header.count {
            throw CSVError(line: record.line, problem: .wrongFieldCount(expected: header.count, found: record.fields.count))
        }
        self.index = index
        rows = Array(records.dropFirst())
    }

    func value(_ record: CSVRecord, _ column: String) -> String {
        index[column].map { record.fields[$0] } ?? ""
    }
}
