import NIOCore
import NIOSSL

/// A client's TLS settings: the CA that node certificates must chain to, and optionally the
/// client's own certificate and key for nodes that require mTLS.
///
/// Node certificates are checked against the host of the pool uri: a DNS name must match a DNS
/// subject alternative name, an IP address an IP subject alternative name.
public struct RPCClientTLS: Sendable {
    let context: NIOSSLContext

    /// Loads the PEM files now, so a bad file stops the router at startup.
    /// - Parameters:
    ///   - trustRootsFile: CA certificates (PEM) that node certificates must chain to.
    ///   - certificateFile: the client certificate chain (PEM) presented to nodes, or `nil`.
    ///   - keyFile: the client's private key (PEM); required with `certificateFile`.
    public init(trustRootsFile: String, certificateFile: String? = nil, keyFile: String? = nil) throws(RPCTLSConfigurationError) {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        configuration.trustRoots = .certificates(try RPCTLSFiles.certificates(trustRootsFile))
        configuration.certificateVerification = .fullVerification
        switch (certificateFile, keyFile) {
        case let (certificate?, key?):
            configuration.certificateChain = try RPCTLSFiles.certificates(certificate).map { .certificate($0) }
            configuration.privateKey = .privateKey(try RPCTLSFiles.privateKey(key))
        case (nil, nil):
            break
        case (nil, _?):
            throw .unreadableCertificates(path: "-", reason: "a client key needs its certificate")
        case (_?, nil):
            throw .unreadablePrivateKey(path: "-", reason: "a client certificate needs its key")
        }
        context = try RPCTLSFiles.context(configuration)
    }

    /// The handler that runs TLS on a connection to `host`, first in its pipeline. A host that
    /// is an IP address is verified against the certificate's IP addresses (no SNI is sent).
    func makeHandler(host: String) throws -> NIOSSLClientHandler {
        let isAddress = (try? SocketAddress(ipAddress: host, port: 0)) != nil
        return try NIOSSLClientHandler(context: context, serverHostname: isAddress ? nil : host)
    }
}
