extension JSONValue {
    /// Strict RFC 8259 parse of UTF-8 bytes; any top-level value; whitespace around allowed; nothing after.
    ///
    /// - Integers written without fraction or exponent become `.int` and must fit in `Int64`
    ///   (otherwise the reason is `"integer too large"`); all other numbers become `.double`
    ///   and must be finite.
    /// - Invalid UTF-8, lone surrogates in `\u` escapes, raw control characters in strings,
    ///   trailing garbage and nesting deeper than `maxDepth` are errors.
    /// - Duplicate object keys: the last value wins, kept at the first key's position.
    public static func parse(_ bytes: some Collection<UInt8>, maxDepth: Int = 64) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError>
        if let contiguous = bytes.withContiguousStorageIfAvailable({ JSONParser.parse($0, maxDepth: maxDepth) }) {
            result = contiguous
        } else {
            result = Array(bytes).withUnsafeBufferPointer { JSONParser.parse($0, maxDepth: maxDepth) }
        }
        return try result.get()
    }
}
