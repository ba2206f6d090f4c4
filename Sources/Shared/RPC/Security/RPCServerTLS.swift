import NIOCore
import NIOSSL

/// The node's TLS settings: its certificate and key, and optionally the CA that client
/// certificates must chain to (mTLS: a client without such a certificate is refused).
public struct RPCServerTLS: Sendable {
    let context: NIOSSLContext
    /// Whether clients must present a certificate signed by the client CA.
    public let requiresClientCertificate: Bool

    /// Loads the PEM files now, so a bad file stops the node at startup.
    /// - Parameters:
    ///   - certificateFile: the node's certificate chain (PEM), leaf first.
    ///   - keyFile: the node's private key (PEM).
    ///   - clientCAFile: CA certificates (PEM) that client certificates must chain to; `nil`
    ///     accepts clients without a certificate.
    public init(certificateFile: String, keyFile: String, clientCAFile: String? = nil) throws(RPCTLSConfigurationError) {
        let chain = try RPCTLSFiles.certificates(certificateFile)
        let key = try RPCTLSFiles.privateKey(keyFile)
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        if let clientCAFile {
            configuration.trustRoots = .certificates(try RPCTLSFiles.certificates(clientCAFile))
            configuration.certificateVerification = .noHostnameVerification
        }
        context = try RPCTLSFiles.context(configuration)
        requiresClientCertificate = clientCAFile != nil
    }

    /// The handler that runs TLS on a new connection, first in its pipeline.
    func makeHandler() -> NIOSSLServerHandler {
        NIOSSLServerHandler(context: context)
    }
}
