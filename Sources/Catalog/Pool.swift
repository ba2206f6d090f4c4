import Shared

/// A storage node the catalog can place queues on.
public struct Pool: Sendable, Equatable {
    /// Unique pool name.
    public var name: String
    /// Where the node listens, `herald://host:port`; unique across pools.
    public var uri: String
    /// Placement weight, 0...2^32-1; a pool with weight 0 takes no new queues (drain).
    public var weight: Int
    /// The flavor the pool belongs to, `nil` for the default set.
    public var flavor: String?
    /// Free-form driver options (a JSON object), shown with `detailed=true`.
    public var options: JSONValue

    public init(name: String, uri: String, weight: Int, flavor: String? = nil, options: JSONValue = .object([])) {
        self.name = name
        self.uri = uri
        self.weight = weight
        self.flavor = flavor
        self.options = options
    }
}

/// A named set of pools, scoped to a project (spec §2.7). Its pool list is the pools whose
/// `flavor` names it.
public struct Flavor: Sendable, Equatable {
    public var project: String
    public var name: String
    /// What the client sent as `capabilities`, stored verbatim (the API reports derived ones).
    public var capabilities: JSONValue

    public init(project: String, name: String, capabilities: JSONValue = .object([])) {
        self.project = project
        self.name = name
        self.capabilities = capabilities
    }
}
