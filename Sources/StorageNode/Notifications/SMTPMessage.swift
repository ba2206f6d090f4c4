import Foundation

/// Renders an email for the SMTP DATA phase: headers, body, CRLF line ends and dot-stuffing.
enum SMTPMessage {
    /// Longest line RFC 5322 allows without the CRLF; longer bodies are sent base64-encoded.
    static let maximumLineLength = 998

    /// The DATA payload, ending with the terminating `CRLF.CRLF`.
    static func render(from: String, to: String, subject: String, body: String, date: Date = Date()) -> [UInt8] {
        let bodyLines = lines(of: body)
        let needsBase64 = bodyLines.contains { $0.utf8.count > maximumLineLength }
        var headers = [
            "From: \(from)",
            "To: \(to)",
            "Subject: \(encodedHeader(subject))",
            "Date: \(dateHeader(date))",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
        ]
        let content: [String]
        if needsBase64 {
            headers.append("Content-Transfer-Encoding: base64")
            content = wrapped(Data(body.utf8).base64EncodedString(), width: 76)
        } else {
            headers.append("Content-Transfer-Encoding: 8bit")
            content = bodyLines
        }
        var out: [UInt8] = []
        for line in headers + [""] + content {
            if line.hasPrefix(".") { out.append(UInt8(ascii: ".")) }
            out.append(contentsOf: line.utf8)
            out.append(contentsOf: [13, 10])
        }
        out.append(contentsOf: Array(".\r\n".utf8))
        return out
    }

    /// The body's lines, splitting on CRLF, CR or LF.
    static func lines(of text: String) -> [String] {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// A header value on one line; non-ASCII text as an RFC 2047 encoded word.
    static func encodedHeader(_ value: String) -> String {
        let flat = value.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        guard flat.utf8.contains(where: { $0 >= 0x80 || $0 < 0x20 }) else { return flat }
        return "=?UTF-8?B?\(Data(flat.utf8).base64EncodedString())?="
    }

    private static func wrapped(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            lines.append(String(rest.prefix(width)))
            rest = rest.dropFirst(width)
        }
        return lines
    }

    private static func dateHeader(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }
}
