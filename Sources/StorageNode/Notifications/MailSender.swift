import Foundation

/// The sender of an email: `addr@example.com` or `Display Name <addr@example.com>` (the form
/// Zaqar's confirmation templates use). Gives the envelope address for `MAIL FROM` and the text
/// of the `From:` header.
public struct MailSender: Sendable, Equatable {
    /// The envelope address.
    public var address: String
    /// The display name, if one was given.
    public var displayName: String?

    /// Parses `text`; throws `.invalidAddress(text)` unless the address is usable in the SMTP
    /// dialogue and the display name has no control characters.
    public init(parsing text: String) throws(SMTPError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") else {
            guard MailtoAddress.isUsableAddress(trimmed) else { throw .invalidAddress(text) }
            address = trimmed
            displayName = nil
            return
        }
        let inner = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
        var name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
        if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") { name = String(name.dropFirst().dropLast()) }
        guard MailtoAddress.isUsableAddress(inner),
              !name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
        else { throw .invalidAddress(text) }
        address = inner
        displayName = name.isEmpty ? nil : name
    }

    /// The `From:` header value: the address alone, or the display name (quoted when it holds
    /// specials, RFC 2047-encoded when it is not ASCII) followed by `<address>`.
    public var header: String {
        guard let displayName else { return address }
        return "\(Self.encodedName(displayName)) <\(address)>"
    }

    private static func encodedName(_ name: String) -> String {
        if name.utf8.contains(where: { $0 >= 0x80 }) {
            return "=?UTF-8?B?\(Data(name.utf8).base64EncodedString())?="
        }
        let specials = Set("()<>[]:;@\\,.\"")
        guard name.contains(where: { specials.contains($0) }) else { return name }
        let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"\(escaped)\""
    }
}
