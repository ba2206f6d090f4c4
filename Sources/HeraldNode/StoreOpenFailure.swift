/// Why the node could not open its store, printed as it is (`Error: <reason>`) before the node
/// exits with a failure status.
struct StoreOpenFailure: Error, CustomStringConvertible {
    var reason: String

    var description: String { reason }
}
