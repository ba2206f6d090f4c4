extension JSONParser {
    /// Parses `-? int frac? exp?` at `index`. Integers become `.int` (must fit `Int64`);
    /// anything with a fraction or exponent becomes a finite `.double`.
    mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = index
        let negative = input[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        let integerStart = index
        guard index < input.count, isDigit(input[index]) else { throw failure("invalid number") }
        if input[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            skipDigits()
        }
        let integerEnd = index
        var fraction = integerEnd..<integerEnd
        if index < input.count, input[index] == UInt8(ascii: ".") {
            index += 1
            guard index < input.count, isDigit(input[index]) else { throw failure("invalid number") }
            let fractionStart = index
            skipDigits()
            fraction = fractionStart..<index
        }
        var exponent: Range<Int>?
        var exponentNegative = false
        if index < input.count, input[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < input.count, input[index] == UInt8(ascii: "+") || input[index] == UInt8(ascii: "-") {
                exponentNegative = input[index] == UInt8(ascii: "-")
                index += 1
            }
            guard index < input.count, isDigit(input[index]) else { throw failure("invalid number") }
            let exponentStart = index
            skipDigits()
            exponent = exponentStart..<index
        }
        if fraction.isEmpty, exponent == nil, index == integerEnd {
            return .int(try integerValue(digits: integerStart..<integerEnd, negative: negative, start: start))
        }
        if let exact = exactDouble(
            integer: integerStart..<integerEnd, fraction: fraction, exponent: exponent, exponentNegative: exponentNegative)
        {
            return .double(negative ? -exact : exact)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: input[start..<index]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw JSONParseError(reason: "number out of range", offset: start)
        }
        return .double(value)
    }

    /// Accumulates towards the sign so that `Int64.min` is representable.
    private func integerValue(digits: Range<Int>, negative: Bool, start: Int) throws(JSONParseError) -> Int64 {
        var value: Int64 = 0
        for position in digits {
            let digit = Int64(input[position] &- UInt8(ascii: "0"))
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (next, overflowB) = negative
                ? shifted.subtractingReportingOverflow(digit)
                : shifted.addingReportingOverflow(digit)
            guard !overflowA, !overflowB else {
                throw JSONParseError(reason: "integer too large", offset: start)
            }
            value = next
        }
        return value
    }

    /// Clinger's fast path: when the significand has at most 15 digits and the decimal
    /// exponent is within ±22, both operands are exact doubles and one IEEE multiplication
    /// or division gives the correctly rounded result. Returns nil when it does not apply.
    private func exactDouble(
        integer: Range<Int>, fraction: Range<Int>, exponent: Range<Int>?, exponentNegative: Bool
    ) -> Double? {
        var significand: UInt64 = 0
        var significantDigits = 0
        for position in integer {
            let digit = UInt64(input[position] &- UInt8(ascii: "0"))
            significand = significand &* 10 &+ digit
            if significand != 0 { significantDigits += 1 }
        }
        for position in fraction {
            let digit = UInt64(input[position] &- UInt8(ascii: "0"))
            significand = significand &* 10 &+ digit
            if significand != 0 { significantDigits += 1 }
        }
        guard significantDigits <= 15 else { return nil }
        var power = 0
        if let exponent {
            guard exponent.count <= 3 else { return nil }
            for position in exponent { power = power * 10 + Int(input[position] &- UInt8(ascii: "0")) }
            if exponentNegative { power = -power }
        }
        power -= fraction.count
        guard power >= -22, power <= 22 else { return nil }
        let value = Double(significand)
        return power < 0 ? value / Self.powersOfTen[-power] : value * Self.powersOfTen[power]
    }

    /// 10^0 ... 10^22, all exactly representable as `Double`.
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]
}
