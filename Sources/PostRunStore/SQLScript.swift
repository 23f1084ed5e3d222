/// Splits a SQL file into statements, because PostgresNIO sends one statement per query.
/// Understands single-quoted strings (with `''` and `E'\''` escapes), double-quoted identifiers,
/// dollar-quoted bodies (`$$ … $$`, `$fn$ … $fn$`), `--` line comments and nested `/* */` comments.
public enum SQLScript {
    public static func statements(in sql: String) -> [String] {
        let chars = Array(sql.unicodeScalars)
        var statements: [String] = []
        var current = String.UnicodeScalarView()
        var hasContent = false
        var i = 0

        func flush() {
            let text = String(current).trimmingWhitespace()
            if hasContent && !text.isEmpty { statements.append(text) }
            current = String.UnicodeScalarView()
            hasContent = false
        }
        func peek(_ offset: Int) -> Unicode.Scalar? { i + offset < chars.count ? chars[i + offset] : nil }

        while i < chars.count {
            let c = chars[i]
            switch c {
            case "-" where peek(1) == "-":
                while i < chars.count && chars[i] != "\n" { current.append(chars[i]); i += 1 }
                continue
            case "/" where peek(1) == "*":
                var depth = 0
                repeat {
                    if chars[i] == "/" && peek(1) == "*" { depth += 1; current.append("/"); current.append("*"); i += 2; continue }
                    if chars[i] == "*" && peek(1) == "/" { depth -= 1; current.append("*"); current.append("/"); i += 2; continue }
                    current.append(chars[i]); i += 1
                } while i < chars.count && depth > 0
                continue
            case "'":
                let escapes = i > 0 && (chars[i - 1] == "E" || chars[i - 1] == "e")
                    && (i < 2 || !isIdentifier(chars[i - 2]))
                hasContent = true
                current.append(c); i += 1
                while i < chars.count {
                    let s = chars[i]
                    current.append(s); i += 1
                    if escapes && s == "\\" && i < chars.count { current.append(chars[i]); i += 1; continue }
                    if s == "'" {
                        if i < chars.count && chars[i] == "'" { current.append(chars[i]); i += 1; continue }
                        break
                    }
                }
                continue
            case "\"":
                hasContent = true
                current.append(c); i += 1
                while i < chars.count {
                    let s = chars[i]
                    current.append(s); i += 1
                    if s == "\"" {
                        if i < chars.count && chars[i] == "\"" { current.append(chars[i]); i += 1; continue }
                        break
                    }
                }
                continue
            case "$" where i == 0 || !isIdentifier(chars[i - 1]):
                if let tagEnd = dollarTagEnd(chars, from: i) {
                    let tag = Array(chars[i...tagEnd])
                    hasContent = true
                    for s in tag { current.append(s) }
                    i = tagEnd + 1
                    while i < chars.count {
                        if chars[i] == "$" && i + tag.count <= chars.count && Array(chars[i..<(i + tag.count)]) == tag {
                            for s in tag { current.append(s) }
                            i += tag.count
                            break
                        }
                        current.append(chars[i]); i += 1
                    }
                    continue
                }
            case ";":
                flush(); i += 1
                continue
            default:
                break
            }
            if !c.properties.isWhitespace { hasContent = true }
            current.append(c)
            i += 1
        }
        flush()
        return statements
    }

    private static func isIdentifier(_ s: Unicode.Scalar) -> Bool {
        s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "_"
    }

    /// `$tag$` or `$$` starting at `start`: returns the index of the closing `$` of the opening tag.
    private static func dollarTagEnd(_ chars: [Unicode.Scalar], from start: Int) -> Int? {
        var j = start + 1
        while j < chars.count {
            let s = chars[j]
            if s == "$" { return j }
            let allowed = s.properties.isAlphabetic || s == "_" || (j > start + 1 && ("0"..."9").contains(s))
            if !allowed { return nil }
            j += 1
        }
        return nil
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
