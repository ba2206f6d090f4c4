import NIOSSL

/// Loads PEM files for the RPC's TLS settings, turning failures into ``RPCTLSConfigurationError``.
enum RPCTLSFiles {
    static func certificates(_ path: String) throws(RPCTLSConfigurationError) -> [NIOSSLCertificate] {
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMFile(path)
        } catch {
            throw .unreadableCertificates(path: path, reason: "\(error)")
        }
        guard !certificates.isEmpty else { throw .unreadableCertificates(path: path, reason: "no PEM certificate in the file") }
        return certificates
    }

    static func privateKey(_ path: String) throws(RPCTLSConfigurationError) -> NIOSSLPrivateKey {
        do {
            return try NIOSSLPrivateKey(file: path, format: .pem)
        } catch {
            throw .unreadablePrivateKey(path: path, reason: "\(error)")
        }
    }

    static func context(_ configuration: TLSConfiguration) throws(RPCTLSConfigurationError) -> NIOSSLContext {
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw .invalidContext(reason: "\(error)")
        }
    }
}
