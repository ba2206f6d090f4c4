extension JSONValue {
    /// Compact serialisation: no spaces, keys in stored order, non-ASCII as raw UTF-8.
    ///
    /// Doubles use Python's `repr` layout (`1.5`, `100.0`, `1e+20`); non-finite doubles,
    /// which parsing never produces, are written as `null`.
    public func serialized() -> [UInt8] {
        var out = JSONByteBuffer(capacity: 256)
        appendCompact(to: &out)
        return out.finish()
    }

    /// Python `json.dumps(value)` default style: ", " and ": " separators, ensure_ascii (\uXXXX, surrogate pairs), Python float repr — for checksums.
    public func pythonSerialized() -> [UInt8] {
        var out = JSONByteBuffer(capacity: 256)
        appendPython(to: &out)
        return out.finish()
    }

    /// Appends the compact form of `self` to `out`.
    func appendCompact(to out: inout some JSONByteSink) {
        switch self {
        case .null: out.appendLiteral("null")
        case .bool(let flag): out.appendLiteral(flag ? "true" : "false")
        case .int(let number): JSONByteEncoding.appendInteger(number, to: &out)
        case .double(let number): JSONByteEncoding.appendDouble(number, to: &out)
        case .string(let text): JSONByteEncoding.appendString(text, to: &out)
        case .array(let elements):
            out.appendByte(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { out.appendByte(UInt8(ascii: ",")) }
                element.appendCompact(to: &out)
            }
            out.appendByte(UInt8(ascii: "]"))
        case .object(let members):
            out.appendByte(UInt8(ascii: "{"))
            for (position, member) in members.enumerated() {
                if position > 0 { out.appendByte(UInt8(ascii: ",")) }
                JSONByteEncoding.appendString(member.key, to: &out)
                out.appendByte(UInt8(ascii: ":"))
                member.value.appendCompact(to: &out)
            }
            out.appendByte(UInt8(ascii: "}"))
        }
    }

    private func appendPython(to out: inout some JSONByteSink) {
        switch self {
        case .null: out.appendLiteral("null")
        case .bool(let flag): out.appendLiteral(flag ? "true" : "false")
        case .int(let number): JSONByteEncoding.appendInteger(number, to: &out)
        case .double(let number): JSONByteEncoding.appendPythonDouble(number, to: &out)
        case .string(let text): JSONByteEncoding.appendASCIIString(text, to: &out)
        case .array(let elements):
            out.appendByte(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { out.appendByte(UInt8(ascii: ",")); out.appendByte(UInt8(ascii: " ")) }
                element.appendPython(to: &out)
            }
            out.appendByte(UInt8(ascii: "]"))
        case .object(let members):
            out.appendByte(UInt8(ascii: "{"))
            for (position, member) in members.enumerated() {
                if position > 0 { out.appendByte(UInt8(ascii: ",")); out.appendByte(UInt8(ascii: " ")) }
                JSONByteEncoding.appendASCIIString(member.key, to: &out)
                out.appendByte(UInt8(ascii: ":"))
                out.appendByte(UInt8(ascii: " "))
                member.value.appendPython(to: &out)
            }
            out.appendByte(UInt8(ascii: "}"))
        }
    }
}
