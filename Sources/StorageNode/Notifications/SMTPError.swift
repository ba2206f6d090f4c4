/// Why an email notification was not accepted by the SMTP server.
public enum SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A sender or recipient address is empty or could break the SMTP dialogue.
    case invalidAddress(String)
    /// A `mailto:` subscriber URI cannot be parsed.
    case invalidMailto(String)
    /// The TCP connection could not be made.
    case connectionFailed(String)
    /// The server closed the connection in the middle of the dialogue.
    case connectionClosed
    /// The whole submission took longer than the configured timeout.
    case timedOut
    /// The server sent something that is not an SMTP reply.
    case malformedReply(String)
    /// STARTTLS is configured but the server does not offer it.
    case startTLSUnavailable
    /// The TLS upgrade failed.
    case tlsFailed(String)
    /// The server answered `command` with an unexpected reply (4xx: transient, otherwise permanent).
    case rejected(command: String, code: Int, message: String)

    /// Whether trying again later may succeed: transient replies and network failures.
    public var isRetryable: Bool {
        switch self {
        case .rejected(_, let code, _): (400..<500).contains(code)
        case .connectionFailed, .connectionClosed, .timedOut: true
        case .invalidAddress, .invalidMailto, .malformedReply, .startTLSUnavailable, .tlsFailed: false
        }
    }

    public var description: String {
        switch self {
        case .invalidAddress(let address): "Invalid email address \"\(address)\"."
        case .invalidMailto(let uri): "Invalid mailto subscriber \"\(uri)\"."
        case .connectionFailed(let reason): "Cannot connect to the SMTP server: \(reason)."
        case .connectionClosed: "The SMTP server closed the connection."
        case .timedOut: "The SMTP submission timed out."
        case .malformedReply(let line): "Malformed SMTP reply \"\(line)\"."
        case .startTLSUnavailable: "The SMTP server does not offer STARTTLS."
        case .tlsFailed(let reason): "STARTTLS failed: \(reason)."
        case .rejected(let command, let code, let message): "SMTP \(command) rejected: \(code) \(message)"
        }
    }
}
