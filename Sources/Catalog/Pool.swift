/// A storage node the catalog can place queues on.
public struct Pool: Sendable, Equatable {
    /// Unique pool name, also the key of its store in the router.
    public var name: String
    /// Where the node listens, `herald://host:port`.
    public var uri: String
    /// Placement weight; pools with a weight ≤ 0 receive no new queues.
    public var weight: Int

    public init(name: String, uri: String, weight: Int) {
        self.name = name
        self.uri = uri
        self.weight = weight
    }
}
