import Foundation
import Shared

/// Builds the body and headers of a webhook notification from a subscription's options (spec §5.2).
public enum WebhookRequestBuilder {
    /// The 17-character token of a `post_data` template, quotes included.
    public static let messageToken = "\"$zaqar_message$\""

    /// The request body: the payload itself, or the `post_data` template with every token replaced by it.
    public static func body(payload: [UInt8], options: JSONValue) throws(WebhookOptionError) -> [UInt8] {
        switch options["post_data"] {
        case nil, .null?: return payload
        case .string(let template)?:
            let json = String(decoding: payload, as: UTF8.self)
            return Array(template.replacingOccurrences(of: messageToken, with: json).utf8)
        default: throw .postDataNotAString
        }
    }

    /// `Content-Type: application/json`, then `post_headers` merged over it (names compared case-insensitively).
    public static func headers(options: JSONValue) throws(WebhookOptionError) -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = [("Content-Type", "application/json")]
        switch options["post_headers"] {
        case nil, .null?: return headers
        case .object(let members)?:
            for (name, value) in members {
                guard isToken(name) else { throw .invalidHeaderName(name) }
                guard case .string(let text) = value, isFieldValue(text) else { throw .invalidHeaderValue(name) }
                headers.removeAll { $0.name.lowercased() == name.lowercased() }
                headers.append((name, text))
            }
            return headers
        default: throw .postHeadersNotAnObject
        }
    }

    private static func isToken(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                return true
            default: return "!#$%&'*+-.^_`|~".utf8.contains(byte)
            }
        }
    }

    private static func isFieldValue(_ value: String) -> Bool {
        value.utf8.allSatisfy { $0 == UInt8(ascii: "\t") || ($0 >= 0x20 && $0 != 0x7F) }
    }
}

/// Why a subscription's webhook options cannot be turned into a request; delivery fails for good.
public enum WebhookOptionError: Error, Sendable, Equatable, CustomStringConvertible {
    case postDataNotAString
    case postHeadersNotAnObject
    case invalidHeaderName(String)
    case invalidHeaderValue(String)

    public var description: String {
        switch self {
        case .postDataNotAString: "options.post_data must be a string."
        case .postHeadersNotAnObject: "options.post_headers must be an object of strings."
        case .invalidHeaderName(let name): "options.post_headers has an invalid header name \"\(name)\"."
        case .invalidHeaderValue(let name): "options.post_headers.\(name) must be a string without control characters."
        }
    }
}
