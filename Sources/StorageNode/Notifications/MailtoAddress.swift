import Foundation
import Shared

/// A `mailto:addr[?subject=...]` subscriber (spec §5.2).
public struct MailtoAddress: Sendable, Equatable {
    /// The recipient: the address part, percent-decoded.
    public var address: String
    /// The `subject` query parameter, percent-decoded, if given.
    public var subject: String?

    /// Parses a subscriber URI; throws `.invalidMailto` unless it is a usable `mailto:` address.
    public init(parsing uri: String) throws(SMTPError) {
        guard uri.lowercased().hasPrefix("mailto:") else { throw .invalidMailto(uri) }
        let rest = uri.dropFirst("mailto:".count)
        let parts = rest.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        guard let encoded = parts.first, let decoded = String(encoded).removingPercentEncoding,
            MailtoAddress.isUsableAddress(decoded)
        else { throw .invalidMailto(uri) }
        address = decoded
        subject = nil
        guard parts.count == 2 else { return }
        for pair in parts[1].split(separator: "&") {
            let field = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard field.first?.lowercased() == "subject" else { continue }
            let raw = field.count == 2 ? String(field[1]).replacingOccurrences(of: "+", with: " ") : ""
            guard let value = raw.removingPercentEncoding else { throw .invalidMailto(uri) }
            subject = value
        }
    }

    /// The subject: the URI's `subject`, else `options.subject`, else empty.
    public func subject(options: JSONValue) -> String {
        if let subject { return subject }
        if case .string(let subject)? = options["subject"] { return subject }
        return ""
    }

    /// The sender: `options.from` when it is a string, else `configured`.
    public static func sender(options: JSONValue, configured: String) -> String {
        if case .string(let from)? = options["from"], !from.isEmpty { return from }
        return configured
    }

    /// Whether `address` can go into `MAIL FROM:<…>` / `RCPT TO:<…>` and a header safely.
    public static func isUsableAddress(_ address: String) -> Bool {
        !address.isEmpty && address.utf8.count <= 320 && address.contains("@")
            && !address.utf8.contains { $0 <= 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") }
    }
}
