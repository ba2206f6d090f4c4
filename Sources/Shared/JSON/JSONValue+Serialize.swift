extension JSONValue {
    /// Compact serialisation: no spaces, keys in stored order, non-ASCII as raw UTF-8.
    ///
    /// Doubles use Python's `repr` layout (`1.5`, `100.0`, `1e+20`); non-finite doubles,
    /// which parsing never produces, are written as `null`.
    public func serialized() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        appendCompact(to: &out)
        return out
    }

    /// Python `json.dumps(value)` default style: ", " and ": " separators, ensure_ascii (\uXXXX, surrogate pairs), Python float repr — for checksums.
    public func pythonSerialized() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        appendPython(to: &out)
        return out
    }

    /// Appends the compact form of `self` to `out`.
    func appendCompact(to out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .int(let number): JSONByteEncoding.appendInteger(number, to: &out)
        case .double(let number): JSONByteEncoding.appendDouble(number, to: &out)
        case .string(let text): JSONByteEncoding.appendString(text, to: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                element.appendCompact(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (position, member) in members.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                JSONByteEncoding.appendString(member.key, to: &out)
                out.append(UInt8(ascii: ":"))
                member.value.appendCompact(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private func appendPython(to out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .int(let number): JSONByteEncoding.appendInteger(number, to: &out)
        case .double(let number): JSONByteEncoding.appendPythonDouble(number, to: &out)
        case .string(let text): JSONByteEncoding.appendASCIIString(text, to: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")); out.append(UInt8(ascii: " ")) }
                element.appendPython(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (position, member) in members.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")); out.append(UInt8(ascii: " ")) }
                JSONByteEncoding.appendASCIIString(member.key, to: &out)
                out.append(UInt8(ascii: ":"))
                out.append(UInt8(ascii: " "))
                member.value.appendPython(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }
}
