/// Formats finite doubles exactly like CPython's `float.__repr__`.
///
/// Both Swift's `description` and Python's `repr` print the shortest digit string that
/// round-trips; only the layout differs. Python uses positional notation when the decimal
/// exponent is in `-4 ..< 16` (always with a `.0` or fraction), and otherwise
/// `d[.ddd]e±XX` with at least two exponent digits.
enum PythonFloatFormat {
    /// Appends the Python `repr` of the finite `value`.
    static func append(_ value: Double, to out: inout some JSONByteSink) {
        if value == 0 {
            out.appendLiteral(value.sign == .minus ? "-0.0" : "0.0")
            return
        }
        if value.magnitude < 1e16, value.rounded(.towardZero) == value {
            // Integral values below 10^16 print positionally with ".0" and are exact in Int64.
            JSONByteEncoding.appendInteger(Int64(value), to: &out)
            out.appendLiteral(".0")
            return
        }
        var text = value.magnitude.description
        text.withUTF8 { shortest in
            let (digits, pointPosition) = significantDigits(of: shortest)
            if value < 0 { out.appendByte(UInt8(ascii: "-")) }
            layOut(digits: digits, pointPosition: pointPosition, to: &out)
        }
    }

    /// Splits Swift's shortest representation into its significant digits (no leading or
    /// trailing zeros) and the position of the decimal point relative to the first digit,
    /// so that value = 0.d1d2d3... × 10^pointPosition.
    private static func significantDigits(of text: UnsafeBufferPointer<UInt8>) -> ([UInt8], Int) {
        var digits: [UInt8] = []
        digits.reserveCapacity(20)
        var integerDigitCount = 0
        var seenPoint = false
        var exponent = 0
        var position = 0
        while position < text.count {
            let byte = text[position]
            position += 1
            if byte == UInt8(ascii: ".") {
                seenPoint = true
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                var negative = false
                if position < text.count, text[position] == UInt8(ascii: "-") || text[position] == UInt8(ascii: "+") {
                    negative = text[position] == UInt8(ascii: "-")
                    position += 1
                }
                while position < text.count {
                    exponent = exponent * 10 + Int(text[position] &- UInt8(ascii: "0"))
                    position += 1
                }
                if negative { exponent = -exponent }
            } else {
                digits.append(byte)
                if !seenPoint { integerDigitCount += 1 }
            }
        }
        var pointPosition = integerDigitCount + exponent
        let leadingZeros = digits.prefix { $0 == UInt8(ascii: "0") }.count
        digits.removeFirst(leadingZeros)
        pointPosition -= leadingZeros
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
        return (digits, pointPosition)
    }

    private static func layOut(digits: [UInt8], pointPosition: Int, to out: inout some JSONByteSink) {
        let exponent = pointPosition - 1
        if exponent >= -4, exponent < 16 {
            if pointPosition <= 0 {
                out.appendByte(UInt8(ascii: "0"))
                out.appendByte(UInt8(ascii: "."))
                for _ in 0..<(-pointPosition) { out.appendByte(UInt8(ascii: "0")) }
                digits.withUnsafeBufferPointer { out.appendBytes($0) }
            } else if pointPosition >= digits.count {
                digits.withUnsafeBufferPointer { out.appendBytes($0) }
                for _ in 0..<(pointPosition - digits.count) { out.appendByte(UInt8(ascii: "0")) }
                out.appendByte(UInt8(ascii: "."))
                out.appendByte(UInt8(ascii: "0"))
            } else {
                digits.withUnsafeBufferPointer { out.appendBytes(UnsafeBufferPointer(rebasing: $0[..<pointPosition])) }
                out.appendByte(UInt8(ascii: "."))
                digits.withUnsafeBufferPointer { out.appendBytes(UnsafeBufferPointer(rebasing: $0[pointPosition...])) }
            }
            return
        }
        out.appendByte(digits[0])
        if digits.count > 1 {
            out.appendByte(UInt8(ascii: "."))
            digits.withUnsafeBufferPointer { out.appendBytes(UnsafeBufferPointer(rebasing: $0[1...])) }
        }
        out.appendByte(UInt8(ascii: "e"))
        out.appendByte(exponent < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        if exponent.magnitude < 10 { out.appendByte(UInt8(ascii: "0")) }
        JSONByteEncoding.appendInteger(Int64(exponent.magnitude), to: &out)
    }
}
