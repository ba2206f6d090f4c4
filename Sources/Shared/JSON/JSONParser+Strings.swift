extension JSONParser {
    /// Parses a string body; `index` is just past the opening quote.
    mutating func parseString() throws(JSONParseError) -> String {
        let start = index
        while index < input.count {
            skipPlainASCII()
            guard index < input.count else { break }
            let byte = input[index]
            if byte == UInt8(ascii: "\"") {
                let string = String(decoding: UnsafeBufferPointer(rebasing: input[start..<index]), as: UTF8.self)
                index += 1
                return string
            } else if byte == UInt8(ascii: "\\") {
                return try parseEscapedString(from: start)
            } else if byte < 0x20 {
                throw failure("control character in string")
            } else if byte < 0x80 {
                index += 1
            } else {
                try skipUTF8Sequence()
            }
        }
        throw failure("unterminated string")
    }

    /// Slow path once an escape was seen: copies runs and decoded escapes into `scratch`.
    private mutating func parseEscapedString(from start: Int) throws(JSONParseError) -> String {
        scratch.removeAll(keepingCapacity: true)
        var runStart = start
        while index < input.count {
            skipPlainASCII()
            guard index < input.count else { break }
            let byte = input[index]
            if byte == UInt8(ascii: "\"") {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<index]))
                index += 1
                return String(decoding: scratch, as: UTF8.self)
            } else if byte == UInt8(ascii: "\\") {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<index]))
                try decodeEscape()
                runStart = index
            } else if byte < 0x20 {
                throw failure("control character in string")
            } else if byte < 0x80 {
                index += 1
            } else {
                try skipUTF8Sequence()
            }
        }
        throw failure("unterminated string")
    }

    /// Decodes one escape at `index` (the backslash) into `scratch`.
    private mutating func decodeEscape() throws(JSONParseError) {
        let escapeStart = index
        index += 1
        guard index < input.count else { throw failure("unterminated string") }
        let byte = input[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(byte)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = UInt32(try readHex4())
            if (0xD800...0xDBFF).contains(scalar) {
                guard input.count - index >= 6,
                    input[index] == UInt8(ascii: "\\"), input[index + 1] == UInt8(ascii: "u")
                else { throw JSONParseError(reason: "lone surrogate", offset: escapeStart) }
                index += 2
                let low = UInt32(try readHex4())
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw JSONParseError(reason: "lone surrogate", offset: escapeStart)
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw JSONParseError(reason: "lone surrogate", offset: escapeStart)
            }
            appendUTF8(scalar)
        default:
            throw JSONParseError(reason: "invalid escape", offset: escapeStart)
        }
    }

    private mutating func readHex4() throws(JSONParseError) -> UInt16 {
        guard input.count - index >= 4 else { throw failure("invalid escape") }
        var value: UInt16 = 0
        for _ in 0..<4 {
            let byte = input[index]
            let nibble: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = byte - UInt8(ascii: "A") + 10
            default: throw failure("invalid escape")
            }
            value = value << 4 | UInt16(nibble)
            index += 1
        }
        return value
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Validates one multi-byte UTF-8 sequence at `index` (Unicode Table 3-7) and skips it.
    private mutating func skipUTF8Sequence() throws(JSONParseError) {
        let lead = input[index]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: throw failure("invalid UTF-8")
        }
        guard input.count - index >= length, secondRange.contains(input[index + 1]) else {
            throw failure("invalid UTF-8")
        }
        for offset in 2..<max(2, length) where input[index + offset] & 0xC0 != 0x80 {
            throw failure("invalid UTF-8")
        }
        index += length
    }

    /// Advances `index` over bytes that need no attention (ASCII other than control
    /// characters, `"` and `\`), eight at a time.
    @inline(__always)
    private mutating func skipPlainASCII() {
        index = JSONByteScan.firstInterestingByte(in: input, from: index, stopAtNonPrintableASCII: false)
    }
}
