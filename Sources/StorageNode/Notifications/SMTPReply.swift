/// One (possibly multi-line) SMTP server reply.
struct SMTPReply: Sendable, Equatable {
    var code: Int
    /// The text of every line, without code and separator.
    var lines: [String]

    var message: String { lines.joined(separator: " ") }
}

/// Splits bytes from the server into CRLF lines and groups them into replies (RFC 5321 §4.2).
struct SMTPReplyParser {
    /// Longest reply line accepted; RFC 5321 allows 512 bytes.
    static let maximumLineLength = 4096
    /// Most lines accepted in one reply.
    static let maximumLines = 100

    private var pending: [UInt8] = []
    private var lines: [String] = []
    private var code: Int?

    /// Adds received bytes.
    mutating func append(_ bytes: some Sequence<UInt8>) {
        pending.append(contentsOf: bytes)
    }

    /// The next complete reply, or nil when more bytes are needed.
    mutating func nextReply() throws(SMTPError) -> SMTPReply? {
        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
            var line = Array(pending[..<newline])
            pending.removeSubrange(...newline)
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            if let reply = try consume(line) { return reply }
        }
        guard pending.count <= Self.maximumLineLength else {
            throw .malformedReply(String(decoding: pending.prefix(80), as: UTF8.self))
        }
        return nil
    }

    private mutating func consume(_ line: [UInt8]) throws(SMTPError) -> SMTPReply? {
        let text = String(decoding: line, as: UTF8.self)
        guard line.count >= 3, line.count <= Self.maximumLineLength,
            line.prefix(3).allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            let lineCode = Int(String(decoding: line.prefix(3), as: UTF8.self)),
            code == nil || code == lineCode
        else { throw .malformedReply(String(text.prefix(80))) }
        let separator = line.count > 3 ? line[3] : UInt8(ascii: " ")
        guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else {
            throw .malformedReply(String(text.prefix(80)))
        }
        code = lineCode
        lines.append(line.count > 4 ? String(decoding: line[4...], as: UTF8.self) : "")
        guard lines.count <= Self.maximumLines else { throw .malformedReply(String(text.prefix(80))) }
        guard separator == UInt8(ascii: " ") else { return nil }
        defer {
            lines = []
            code = nil
        }
        return SMTPReply(code: lineCode, lines: lines)
    }
}
