import NIOSSL

/// Where and how `SMTPMailer` submits mail.
public struct SMTPConfiguration: Sendable {
    /// The SMTP server host name or address.
    public var host: String
    /// The SMTP server port (25, 587, …).
    public var port: Int
    /// Upgrade the connection with STARTTLS before authenticating; fails when the server does not offer it.
    public var startTLS: Bool
    /// TLS settings for STARTTLS (certificate verification, trust roots).
    public var tlsConfiguration: TLSConfiguration
    /// The AUTH user; authentication happens only when both `username` and `password` are set.
    public var username: String?
    /// The AUTH password.
    public var password: String?
    /// The envelope and header sender used when a message does not name one.
    public var from: String
    /// The name the client announces in EHLO.
    public var clientName: String
    /// The limit for one whole message submission, connection included.
    public var timeout: Duration

    /// A configuration; see each property.
    public init(
        host: String, port: Int = 25, startTLS: Bool = false,
        tlsConfiguration: TLSConfiguration = .makeClientConfiguration(), username: String? = nil,
        password: String? = nil, from: String, clientName: String = "localhost", timeout: Duration = .seconds(30)
    ) {
        self.host = host
        self.port = port
        self.startTLS = startTLS
        self.tlsConfiguration = tlsConfiguration
        self.username = username
        self.password = password
        self.from = from
        self.clientName = clientName
        self.timeout = timeout
    }
}
