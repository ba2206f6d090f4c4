/// Why a byte sequence is not acceptable JSON, and where the problem was found.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A short human-readable reason such as `"integer too large"` or `"trailing characters"`.
    public var reason: String
    /// Byte offset into the input at which the problem was detected.
    public var offset: Int

    /// Creates an error for `reason` at byte `offset`.
    public init(reason: String, offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    public var description: String { "\(reason) at byte \(offset)" }
}
