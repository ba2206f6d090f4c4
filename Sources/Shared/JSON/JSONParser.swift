/// A recursive-descent RFC 8259 parser over a borrowed UTF-8 buffer.
///
/// Every read is bounds-checked against `input.count` by the parser itself, so the unchecked
/// buffer subscript in optimised builds is safe. Recursion is bounded by `maxDepth`.
struct JSONParser {
    let input: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var index = 0
    var depth = 0
    /// Reused buffer for strings that contain escapes.
    var scratch: [UInt8] = []
    /// Elements of all arrays currently open, innermost last; moved out on close.
    var elementStack = JSONParserStack<JSONValue>()
    /// Members of all objects currently open, innermost last; moved out on close.
    var memberStack = MemberStack()

    private init(input: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.input = input
        self.maxDepth = maxDepth
    }

    /// Parses one complete JSON document held in `input`.
    static func parse(_ input: UnsafeBufferPointer<UInt8>, maxDepth: Int) -> Result<JSONValue, JSONParseError> {
        var parser = JSONParser(input: input, maxDepth: maxDepth)
        defer {
            parser.elementStack.deallocate()
            parser.memberStack.deallocate()
        }
        do {
            return .success(try parser.parseDocument())
        } catch {
            return .failure(error)
        }
    }

    // MARK: - Structure

    private mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        guard index == input.count else { throw failure("trailing characters") }
        return value
    }

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard index < input.count else { throw failure("unexpected end of input") }
        switch input[index] {
        case UInt8(ascii: "{"):
            return try parseObject()
        case UInt8(ascii: "["):
            return try parseArray()
        case UInt8(ascii: "\""):
            index += 1
            return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumber()
        default:
            throw failure("unexpected character")
        }
    }

    private mutating func enterContainer() throws(JSONParseError) {
        depth += 1
        guard depth <= maxDepth else { throw failure("maximum depth exceeded") }
        index += 1
        skipWhitespace()
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        defer { depth -= 1 }
        if index < input.count, input[index] == UInt8(ascii: "]") {
            index += 1
            return .array([])
        }
        let base = elementStack.count
        while true {
            elementStack.push(try parseValue())
            skipWhitespace()
            guard index < input.count else { throw failure("unexpected end of input") }
            let byte = input[index]
            index += 1
            if byte == UInt8(ascii: ",") {
                skipWhitespace()
            } else if byte == UInt8(ascii: "]") {
                return .array(elementStack.popArray(from: base))
            } else {
                index -= 1
                throw failure("expected ',' or ']'")
            }
        }
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        defer { depth -= 1 }
        if index < input.count, input[index] == UInt8(ascii: "}") {
            index += 1
            return .object([])
        }
        let base = memberStack.beginObject()
        while true {
            guard index < input.count else { throw failure("unexpected end of input") }
            guard input[index] == UInt8(ascii: "\"") else { throw failure("expected string key") }
            index += 1
            let key = try parseString()
            skipWhitespace()
            guard index < input.count else { throw failure("unexpected end of input") }
            guard input[index] == UInt8(ascii: ":") else { throw failure("expected ':'") }
            index += 1
            skipWhitespace()
            let value = try parseValue()
            memberStack.set(key, value, objectStart: base)
            skipWhitespace()
            guard index < input.count else { throw failure("unexpected end of input") }
            let byte = input[index]
            index += 1
            if byte == UInt8(ascii: ",") {
                skipWhitespace()
            } else if byte == UInt8(ascii: "}") {
                return .object(memberStack.endObject(objectStart: base))
            } else {
                index -= 1
                throw failure("expected ',' or '}'")
            }
        }
    }

    // MARK: - Literals

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let count = literal.utf8CodeUnitCount
        guard input.count - index >= count else { throw failure("invalid literal") }
        let start = literal.utf8Start
        for offset in 0..<count where input[index + offset] != start[offset] {
            index += offset
            throw failure("invalid literal")
        }
        index += count
    }

    // MARK: - Helpers

    mutating func skipWhitespace() {
        while index < input.count {
            switch input[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    mutating func skipDigits() {
        while index < input.count, isDigit(input[index]) { index += 1 }
    }

    func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    func failure(_ reason: String) -> JSONParseError {
        JSONParseError(reason: reason, offset: index)
    }
}
