import ArgumentParser
import Foundation
import Shared

/// The node's RPC security settings: cluster secret, the loopback rule and TLS.
extension HeraldNodeCommand {
    /// `--cluster-secret`, else `$HERALD_CLUSTER_SECRET`; empty counts as none.
    var effectiveClusterSecret: String? {
        let secret = clusterSecret ?? ProcessInfo.processInfo.environment["HERALD_CLUSTER_SECRET"]
        guard let secret, !secret.isEmpty else { return nil }
        return secret
    }

    /// Refuses option combinations that would expose an unauthenticated RPC port or half a TLS setup.
    func validateRPCSecurity() throws {
        if effectiveClusterSecret == nil, !allowInsecureRPC, !RPCListenAddress.isLoopback(host) {
            throw ValidationError(
                """
                --host \(host) is not a loopback address: give a --cluster-secret (or HERALD_CLUSTER_SECRET) \
                so peers must authenticate, or pass --allow-insecure-rpc to serve unauthenticated RPC on the network
                """)
        }
        switch (rpcTLSCert, rpcTLSKey) {
        case (nil, nil):
            if rpcTLSClientCA != nil { throw ValidationError("--rpc-tls-client-ca needs --rpc-tls-cert and --rpc-tls-key") }
        case (_?, nil), (nil, _?):
            throw ValidationError("--rpc-tls-cert and --rpc-tls-key go together")
        case (_?, _?):
            break
        }
    }

    /// The settings the RPC server runs with; throws `ValidationError` for unreadable TLS files.
    func rpcServerSecurity() throws -> RPCServerSecurity {
        var security = RPCServerSecurity(clusterSecret: effectiveClusterSecret.flatMap(RPCClusterSecret.init))
        if let rpcTLSCert, let rpcTLSKey {
            do {
                security.tls = try RPCServerTLS(certificateFile: rpcTLSCert, keyFile: rpcTLSKey, clientCAFile: rpcTLSClientCA)
            } catch {
                throw ValidationError("RPC TLS: \(error)")
            }
        }
        return security
    }
}
