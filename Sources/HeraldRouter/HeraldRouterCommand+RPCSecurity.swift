import ArgumentParser
import Foundation
import Shared

/// The router's RPC client security: cluster secret and TLS to the storage nodes.
extension HeraldRouterCommand {
    /// `--cluster-secret`, else `$HERALD_CLUSTER_SECRET`; empty counts as none.
    var effectiveClusterSecret: String? {
        let secret = clusterSecret ?? ProcessInfo.processInfo.environment["HERALD_CLUSTER_SECRET"]
        guard let secret, !secret.isEmpty else { return nil }
        return secret
    }

    /// The settings of every pool connection (and pool probe); throws `ValidationError` for
    /// inconsistent flags or unreadable TLS files.
    func rpcClientSecurity() throws -> RPCClientSecurity {
        var security = RPCClientSecurity(clusterSecret: effectiveClusterSecret.flatMap(RPCClusterSecret.init))
        guard let rpcTLSCA else {
            if rpcTLSCert != nil || rpcTLSKey != nil {
                throw ValidationError("--rpc-tls-cert and --rpc-tls-key need --rpc-tls-ca")
            }
            return security
        }
        guard (rpcTLSCert == nil) == (rpcTLSKey == nil) else {
            throw ValidationError("--rpc-tls-cert and --rpc-tls-key go together")
        }
        do {
            security.tls = try RPCClientTLS(trustRootsFile: rpcTLSCA, certificateFile: rpcTLSCert, keyFile: rpcTLSKey)
        } catch {
            throw ValidationError("RPC TLS: \(error)")
        }
        return security
    }
}
