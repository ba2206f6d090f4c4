/// Reads the TOML Herald's configuration files are written in: `key = value` lines, `[table]`
/// headers, comments, strings (basic, literal, multi-line), integers, floats, booleans and arrays.
/// A table's name and a dotted key's parts become the option name joined with `-`, so
/// `[cors]` + `allow-origin = [...]` sets `--cors-allow-origin`; `_` in keys reads as `-`.
/// Dates, inline tables and arrays of tables are refused: no option takes them.
public struct TOMLReader {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var tablePrefix: [String] = []
    private var entries: [ConfigEntry] = []
    private var lineOfKey: [String: Int] = [:]

    private init(text: String) {
        scalars = Array(text.unicodeScalars)
    }

    /// The entries of `text`, in file order.
    public static func entries(of text: String) throws(TOMLSyntaxError) -> [ConfigEntry] {
        var reader = TOMLReader(text: text)
        try reader.readDocument()
        return reader.entries
    }

    // MARK: Lines

    private mutating func readDocument() throws(TOMLSyntaxError) {
        while peek() != nil {
            skipSpaces()
            guard let first = peek() else { break }
            switch first {
            case "#", "\n", "\r":
                break
            case "[":
                try readTableHeader()
            default:
                try readKeyValue()
            }
            try finishLine()
        }
    }

    private mutating func readTableHeader() throws(TOMLSyntaxError) {
        advance()
        if peek() == "[" { throw fail("arrays of tables ([[...]]) are not supported") }
        skipSpaces()
        let parts = try readKey()
        skipSpaces()
        guard peek() == "]" else { throw fail("expected ] to close the table name") }
        advance()
        tablePrefix = parts
    }

    private mutating func readKeyValue() throws(TOMLSyntaxError) {
        let keyLine = line
        let parts = try readKey()
        skipSpaces()
        guard peek() == "=" else { throw fail("expected = after the key \(parts.joined(separator: "."))") }
        advance()
        skipSpaces()
        let value = try readValue()
        let key = (tablePrefix + parts).map { $0.replacingUnderscores() }.joined(separator: "-")
        if let first = lineOfKey[key] {
            throw TOMLSyntaxError(line: keyLine, reason: "\(key) is set twice (first on line \(first))")
        }
        lineOfKey[key] = keyLine
        entries.append(ConfigEntry(key: key, value: value, line: keyLine))
    }

    /// After a header or value: spaces, an optional comment, then the end of the line or file.
    private mutating func finishLine() throws(TOMLSyntaxError) {
        skipSpaces()
        if peek() == "#" { skipComment() }
        guard let scalar = peek() else { return }
        if scalar == "\r", peek(offset: 1) == "\n" { advance() }
        guard peek() == "\n" else { throw fail("unexpected \(describe(scalar)); expected the end of the line") }
        advanceLine()
    }

    // MARK: Keys

    private mutating func readKey() throws(TOMLSyntaxError) -> [String] {
        var parts = [try readSimpleKey()]
        while true {
            skipSpaces()
            guard peek() == "." else { return parts }
            advance()
            skipSpaces()
            parts.append(try readSimpleKey())
        }
    }

    private mutating func readSimpleKey() throws(TOMLSyntaxError) -> String {
        switch peek() {
        case "\"": return try readBasicString()
        case "'": return try readLiteralString()
        default:
            var key = ""
            while let scalar = peek(), scalar.isBareKeyCharacter {
                key.unicodeScalars.append(scalar)
                advance()
            }
            guard !key.isEmpty else {
                throw fail(peek().map { "unexpected \(describe($0)); expected a key" } ?? "expected a key")
            }
            return key
        }
    }

    // MARK: Values

    private mutating func readValue() throws(TOMLSyntaxError) -> ConfigValue {
        guard let first = peek() else { throw fail("expected a value") }
        switch first {
        case "\"":
            return .string(starts(with: "\"\"\"") ? try readMultilineBasicString() : try readBasicString())
        case "'":
            return .string(starts(with: "'''") ? try readMultilineLiteralString() : try readLiteralString())
        case "[":
            return try readArray()
        case "{":
            throw fail("inline tables are not supported; use a [table] header")
        case "t", "f":
            return try readBoolean()
        default:
            return try readNumber()
        }
    }

    private mutating func readBoolean() throws(TOMLSyntaxError) -> ConfigValue {
        for (word, value) in [("true", true), ("false", false)] where starts(with: word) {
            let after = peek(offset: word.unicodeScalars.count)
            if after == nil || !after!.isBareKeyCharacter {
                advance(by: word.unicodeScalars.count)
                return .boolean(value)
            }
        }
        throw fail("expected a value (strings need quotes)")
    }

    private mutating func readNumber() throws(TOMLSyntaxError) -> ConfigValue {
        var text = ""
        while let scalar = peek(), scalar.isBareKeyCharacter || scalar == "." || scalar == "+" || scalar == ":" {
            text.unicodeScalars.append(scalar)
            advance()
        }
        guard !text.isEmpty else { throw fail("expected a value (strings need quotes)") }
        let digits = text.filter { $0 != "_" }
        if text.contains("__") || text.hasPrefix("_") || text.hasSuffix("_") {
            throw fail("\(text) is not a number: _ must sit between digits")
        }
        if let integer = Int(digits) { return .integer(integer) }
        let isDecimal = digits.allSatisfy { "0123456789+-.eE".contains($0) } && digits.contains(where: \.isNumber)
        if isDecimal, let float = Double(digits), float.isFinite { return .float(float) }
        if text.contains(":") || text.filter({ $0 == "-" }).count >= 2 {
            throw fail("\(text): dates and times are not supported; no option takes one")
        }
        throw fail("\(text) is not a value (strings need quotes; numbers are decimal)")
    }

    private mutating func readArray() throws(TOMLSyntaxError) -> ConfigValue {
        advance()
        var values: [ConfigValue] = []
        while true {
            try skipSpacesNewlinesAndComments()
            if peek() == "]" {
                advance()
                return .array(values)
            }
            guard peek() != nil else { throw fail("the array is not closed with ]") }
            values.append(try readValue())
            try skipSpacesNewlinesAndComments()
            switch peek() {
            case ",": advance()
            case "]": continue
            case let scalar?: throw fail("unexpected \(describe(scalar)) in an array; expected , or ]")
            case nil: throw fail("the array is not closed with ]")
            }
        }
    }

    // MARK: Strings

    private mutating func readBasicString() throws(TOMLSyntaxError) -> String {
        advance()
        var text = ""
        while true {
            guard let scalar = peek(), scalar != "\n" else { throw fail("the string is not closed with \"") }
            advance()
            switch scalar {
            case "\"": return text
            case "\\": text.unicodeScalars.append(try readEscape())
            default:
                try checkAllowed(scalar)
                text.unicodeScalars.append(scalar)
            }
        }
    }

    private mutating func readLiteralString() throws(TOMLSyntaxError) -> String {
        advance()
        var text = ""
        while true {
            guard let scalar = peek(), scalar != "\n" else { throw fail("the string is not closed with '") }
            advance()
            if scalar == "'" { return text }
            try checkAllowed(scalar)
            text.unicodeScalars.append(scalar)
        }
    }

    private mutating func readMultilineBasicString() throws(TOMLSyntaxError) -> String {
        advance(by: 3)
        skipNewlineAfterOpening()
        var text = ""
        while true {
            if starts(with: "\"\"\"") {
                advance(by: 3)
                return text
            }
            guard let scalar = peek() else { throw fail("the string is not closed with \"\"\"") }
            advance()
            if scalar == "\\" {
                if isLineEndingBackslash() {
                    skipWhitespaceAndNewlines()
                } else {
                    text.unicodeScalars.append(try readEscape())
                }
                continue
            }
            if scalar == "\n" { line += 1 } else if scalar != "\r" { try checkAllowed(scalar) }
            text.unicodeScalars.append(scalar)
        }
    }

    private mutating func readMultilineLiteralString() throws(TOMLSyntaxError) -> String {
        advance(by: 3)
        skipNewlineAfterOpening()
        var text = ""
        while true {
            if starts(with: "'''") {
                advance(by: 3)
                return text
            }
            guard let scalar = peek() else { throw fail("the string is not closed with '''") }
            advance()
            if scalar == "\n" { line += 1 } else if scalar != "\r" { try checkAllowed(scalar) }
            text.unicodeScalars.append(scalar)
        }
    }

    /// The character an escape sequence stands for; the backslash has been read.
    private mutating func readEscape() throws(TOMLSyntaxError) -> Unicode.Scalar {
        guard let scalar = peek() else { throw fail("the string ends in the middle of an escape") }
        advance()
        switch scalar {
        case "b": return "\u{08}"
        case "t": return "\t"
        case "n": return "\n"
        case "f": return "\u{0C}"
        case "r": return "\r"
        case "\"": return "\""
        case "\\": return "\\"
        case "u": return try readUnicodeEscape(digits: 4)
        case "U": return try readUnicodeEscape(digits: 8)
        default: throw fail("\\\(scalar) is not an escape TOML knows")
        }
    }

    private mutating func readUnicodeEscape(digits: Int) throws(TOMLSyntaxError) -> Unicode.Scalar {
        var hex = ""
        for _ in 0..<digits {
            guard let scalar = peek(), scalar.properties.isASCIIHexDigit else {
                throw fail("a \\u escape needs \(digits) hexadecimal digits")
            }
            hex.unicodeScalars.append(scalar)
            advance()
        }
        guard let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) else {
            throw fail("\\u\(hex) is not a Unicode scalar value")
        }
        return scalar
    }

    private func checkAllowed(_ scalar: Unicode.Scalar) throws(TOMLSyntaxError) {
        if scalar.value < 0x20 && scalar != "\t" || scalar.value == 0x7F {
            throw fail("control characters must be escaped in strings")
        }
    }

    private func isLineEndingBackslash() -> Bool {
        var offset = 0
        while let scalar = peek(offset: offset), scalar == " " || scalar == "\t" || scalar == "\r" { offset += 1 }
        return peek(offset: offset) == "\n"
    }

    private mutating func skipNewlineAfterOpening() {
        if peek() == "\r", peek(offset: 1) == "\n" { advance() }
        if peek() == "\n" {
            advance()
            line += 1
        }
    }

    // MARK: Scanning

    private func peek(offset: Int = 0) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private func starts(with prefix: String) -> Bool {
        for (offset, scalar) in prefix.unicodeScalars.enumerated() where peek(offset: offset) != scalar { return false }
        return true
    }

    private mutating func advance(by count: Int = 1) {
        index += count
    }

    /// Moves past a newline, counting it.
    private mutating func advanceLine() {
        advance()
        line += 1
    }

    private mutating func skipSpaces() {
        while peek() == " " || peek() == "\t" { advance() }
    }

    private mutating func skipComment() {
        while let scalar = peek(), scalar != "\n" { advance() }
    }

    private mutating func skipWhitespaceAndNewlines() {
        while let scalar = peek(), scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\n" {
            if scalar == "\n" { advanceLine() } else { advance() }
        }
    }

    private mutating func skipSpacesNewlinesAndComments() throws(TOMLSyntaxError) {
        while true {
            skipWhitespaceAndNewlines()
            guard peek() == "#" else { return }
            skipComment()
        }
    }

    private func fail(_ reason: String) -> TOMLSyntaxError {
        TOMLSyntaxError(line: line, reason: reason)
    }

    private func describe(_ scalar: Unicode.Scalar) -> String {
        scalar.value < 0x20 ? "control character U+\(String(scalar.value, radix: 16, uppercase: true))" : "'\(scalar)'"
    }
}

extension Unicode.Scalar {
    /// `A-Z a-z 0-9 _ -`: the characters of an unquoted TOML key.
    fileprivate var isBareKeyCharacter: Bool {
        switch self {
        case "A"..."Z", "a"..."z", "0"..."9", "_", "-": return true
        default: return false
        }
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String {
        String(map { $0 == "_" ? "-" : $0 })
    }
}
