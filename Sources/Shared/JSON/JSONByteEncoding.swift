/// Low-level appenders shared by `JSONWriter`, `serialized()` and `pythonSerialized()`.
enum JSONByteEncoding {
    private static let hexDigits: StaticString = "0123456789abcdef"

    /// Appends `string` quoted, with `"`, `\` and control characters escaped; other bytes raw UTF-8.
    static func appendString(_ string: String, to out: inout [UInt8]) {
        var string = string
        string.withUTF8 { utf8 in
            out.append(UInt8(ascii: "\""))
            var runStart = 0
            for position in 0..<utf8.count {
                let byte = utf8[position]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<position]))
                appendEscape(UInt32(byte), to: &out)
                runStart = position + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
            out.append(UInt8(ascii: "\""))
        }
    }

    /// Appends `string` quoted the way Python's `json.dumps` does with `ensure_ascii=True`:
    /// only printable ASCII is kept; everything else becomes `\uXXXX` (surrogate pairs above the BMP).
    static func appendASCIIString(_ string: String, to out: inout [UInt8]) {
        var string = string
        string.withUTF8 { utf8 in
            out.append(UInt8(ascii: "\""))
            var runStart = 0
            var position = 0
            while position < utf8.count {
                let byte = utf8[position]
                if byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
                    position += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<position]))
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
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
            out.append(UInt8(ascii: "\""))
        }
    }

    /// Appends the decimal form of `value`.
    static func appendInteger(_ value: Int64, to out: inout [UInt8]) {
        var magnitude = value.magnitude
        if value < 0 { out.append(UInt8(ascii: "-")) }
        if magnitude < 10 {
            out.append(UInt8(ascii: "0") + UInt8(magnitude))
            return
        }
        var digitCount = 0
        var remaining = magnitude
        while remaining > 0 {
            digitCount += 1
            remaining /= 10
        }
        let start = out.count
        out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digitCount))
        var position = start + digitCount - 1
        while magnitude > 0 {
            out[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
            position -= 1
        }
    }

    /// Appends `value` as Python's `repr(float)` prints it; non-finite values become
    /// `Infinity`, `-Infinity` or `NaN` like `json.dumps` (not valid JSON).
    static func appendPythonDouble(_ value: Double, to out: inout [UInt8]) {
        if value.isNaN {
            out.append(contentsOf: "NaN".utf8)
        } else if value.isInfinite {
            out.append(contentsOf: (value < 0 ? "-Infinity" : "Infinity").utf8)
        } else {
            PythonFloatFormat.append(value, to: &out)
        }
    }

    /// Appends `value` in Python's float format when finite, and `null` otherwise so that
    /// the output stays valid JSON.
    static func appendDouble(_ value: Double, to out: inout [UInt8]) {
        if value.isFinite {
            PythonFloatFormat.append(value, to: &out)
        } else {
            out.append(contentsOf: "null".utf8)
        }
    }

    // MARK: - Escapes

    private static func appendEscape(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0x22: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "\""))
        case 0x5C: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "\\"))
        case 0x08: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "b"))
        case 0x0C: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "f"))
        case 0x0A: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
        case 0x0D: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
        case 0x09: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
        default: appendUnicodeEscape(scalar, to: &out)
        }
    }

    private static func appendUnicodeEscape(_ unit: UInt32, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\\"))
        out.append(UInt8(ascii: "u"))
        let digits = hexDigits.utf8Start
        out.append(digits[Int(unit >> 12 & 0xF)])
        out.append(digits[Int(unit >> 8 & 0xF)])
        out.append(digits[Int(unit >> 4 & 0xF)])
        out.append(digits[Int(unit & 0xF)])
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
