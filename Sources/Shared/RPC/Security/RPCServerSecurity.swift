/// How an ``RPCServer`` authenticates its peers.
public struct RPCServerSecurity: Sendable {
    /// The cluster secret every client must prove; `nil` serves clients without a secret only.
    public var clusterSecret: RPCClusterSecret?
    /// TLS (and, with a client CA, mTLS) around every connection; `nil` is plain TCP.
    public var tls: RPCServerTLS?
    /// How long a new connection may take to authenticate before the node closes it.
    public var handshakeTimeout: Duration

    /// Settings of a node; the defaults are no secret, no TLS and a 5 s handshake timeout.
    public init(
        clusterSecret: RPCClusterSecret? = nil, tls: RPCServerTLS? = nil, handshakeTimeout: Duration = RPCHandshake.defaultTimeout
    ) {
        self.clusterSecret = clusterSecret
        self.tls = tls
        self.handshakeTimeout = handshakeTimeout
    }

    /// No secret, no TLS: for nodes bound to a loopback address (and tests).
    public static let none = RPCServerSecurity()
}

/// How a ``RemoteQueueStore`` authenticates to nodes and checks them.
public struct RPCClientSecurity: Sendable {
    /// The cluster secret this client proves and expects the node to prove; `nil` talks only to
    /// nodes without a secret.
    public var clusterSecret: RPCClusterSecret?
    /// TLS to every node; `nil` is plain TCP.
    public var tls: RPCClientTLS?

    /// Settings of a client; the defaults are no secret and no TLS.
    public init(clusterSecret: RPCClusterSecret? = nil, tls: RPCClientTLS? = nil) {
        self.clusterSecret = clusterSecret
        self.tls = tls
    }

    /// No secret, no TLS.
    public static let none = RPCClientSecurity()
}
