/// Low-level appenders shared by `JSONWriter`, `serialized()` and `pythonSerialized()`.
enum JSONByteEncoding {
    private static let hexDigits: StaticString = "0123456789abcdef"

    /// Appends `string` quoted, with `"`, `\` and control characters escaped; other bytes raw UTF-8.
    static func appendString(_ string: String, to out: inout some JSONByteSink) {
        var string = string
        string.withUTF8 { utf8 in
            out.appendByte(UInt8(ascii: "\""))
            var runStart = 0
            var position = 0
            while true {
                position = JSONByteScan.firstInterestingByte(in: utf8, from: position, stopAtNonPrintableASCII: false)
                guard position < utf8.count else { break }
                let byte = utf8[position]
                if byte >= 0x80 {
                    position += 1
                    continue
                }
                out.appendBytes(UnsafeBufferPointer(rebasing: utf8[runStart..<position]))
                appendEscape(UInt32(byte), to: &out)
                position += 1
                runStart = position
            }
            out.appendBytes(UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
            out.appendByte(UInt8(ascii: "\""))
        }
    }

    /// Appends `string` quoted the way Python's `json.dumps` does with `ensure_ascii=True`:
    /// only printable ASCII is kept; everything else becomes `\uXXXX` (surrogate pairs above the BMP).
    static func appendASCIIString(_ string: String, to out: inout some JSONByteSink) {
        var string = string
        string.withUTF8 { utf8 in
            out.appendByte(UInt8(ascii: "\""))
            var runStart = 0
            var position = 0
            while true {
                position = JSONByteScan.firstInterestingByte(in: utf8, from: position, stopAtNonPrintableASCII: true)
                guard position < utf8.count else { break }
                out.appendBytes(UnsafeBufferPointer(rebasing: utf8[runStart..<position]))
                let (scalar, length) = decodeScalar(utf8, at: position)
                if scalar >= 0x10000 {
                    let offset = scalar - 0x10000
                    appendUnicodeEscape(0xD800 + (offset >> 10), to: &out)
                    appendUnicodeEscape(0xDC00 + (offset & 0x3FF), to: &out)
                } else {
                    appendEscape(scalar, to: &out)
                }
                position += length
                runStart = position
            }
            out.appendBytes(UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
            out.appendByte(UInt8(ascii: "\""))
        }
    }

    /// Appends the decimal form of `value`.
    static func appendInteger(_ value: Int64, to out: inout some JSONByteSink) {
        var magnitude = value.magnitude
        if value < 0 { out.appendByte(UInt8(ascii: "-")) }
        if magnitude < 10 {
            out.appendByte(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude))
            return
        }
        // UInt64.max has 20 digits; fill from the right.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var position = 20
            while magnitude > 0 {
                position -= 1
                let (quotient, remainder) = magnitude.quotientAndRemainder(dividingBy: 10)
                digits[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: remainder)
                magnitude = quotient
            }
            out.appendBytes(UnsafeBufferPointer(rebasing: digits[position..<20]))
        }
    }

    /// Appends `value` as Python's `repr(float)` prints it; non-finite values become
    /// `Infinity`, `-Infinity` or `NaN` like `json.dumps` (not valid JSON).
    static func appendPythonDouble(_ value: Double, to out: inout some JSONByteSink) {
        if value.isNaN {
            out.appendLiteral("NaN")
        } else if value.isInfinite {
            out.appendLiteral(value < 0 ? "-Infinity" : "Infinity")
        } else {
            PythonFloatFormat.append(value, to: &out)
        }
    }

    /// Appends `value` in Python's float format when finite, and `null` otherwise so that
    /// the output stays valid JSON.
    static func appendDouble(_ value: Double, to out: inout some JSONByteSink) {
        if value.isFinite {
            PythonFloatFormat.append(value, to: &out)
        } else {
            out.appendLiteral("null")
        }
    }

    // MARK: - Escapes

    private static func appendEscape(_ scalar: UInt32, to out: inout some JSONByteSink) {
        switch scalar {
        case 0x22: out.appendByte(UInt8(ascii: "\\")); out.appendByte(UInt8(ascii: "\""))
        case 0x5C: out.appendByte(UInt8(ascii: "\\")); out.appendByte(UInt8(ascii: "\\"))
        case 0x08: out.appendByte(UInt8(ascii: "\\")); out.appendByte(UInt8(ascii: "b"))
        case 0x0C: out.appendByte(UInt8(ascii: "\\")); out.appendByte(UInt8(ascii: "f"))
        case 0x0A: out.appendByte(UInt8(ascii: "\\")); out.appendByte(UInt8(ascii: "n"))
        case 0x0D: out.appendByte(UInt8(ascii: "\\")); out.appendByte(UInt8(ascii: "r"))
        case 0x09: out.appendByte(UInt8(ascii: "\\")); out.appendByte(UInt8(ascii: "t"))
        default: appendUnicodeEscape(scalar, to: &out)
        }
    }

    private static func appendUnicodeEscape(_ unit: UInt32, to out: inout some JSONByteSink) {
        out.appendByte(UInt8(ascii: "\\"))
        out.appendByte(UInt8(ascii: "u"))
        let digits = hexDigits.utf8Start
        out.appendByte(digits[Int(unit >> 12 & 0xF)])
        out.appendByte(digits[Int(unit >> 8 & 0xF)])
        out.appendByte(digits[Int(unit >> 4 & 0xF)])
        out.appendByte(digits[Int(unit & 0xF)])
    }

    /// Decodes the scalar starting at `position` of valid UTF-8 (a `String`'s storage).
    private static func decodeScalar(_ utf8: UnsafeBufferPointer<UInt8>, at position: Int) -> (UInt32, Int) {
        let lead = UInt32(utf8[position])
        func continuation(_ offset: Int) -> UInt32 {
            position + offset < utf8.count ? UInt32(utf8[position + offset] & 0x3F) : 0
        }
        switch lead {
        case 0..<0x80: return (lead, 1)
        case 0xC0..<0xE0: return ((lead & 0x1F) << 6 | continuation(1), 2)
        case 0xE0..<0xF0: return ((lead & 0x0F) << 12 | continuation(1) << 6 | continuation(2), 3)
        default: return ((lead & 0x07) << 18 | continuation(1) << 12 | continuation(2) << 6 | continuation(3), 4)
        }
    }
}
