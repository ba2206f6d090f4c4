/// The id of the API request being served (`x-openstack-request-id`), carried in a task-local
/// from the router's responder into the RPC calls it makes, and on the node into the request's
/// task, so the logs of every process name the same id.
public enum RequestTrace {
    /// The request id of the current task, if it serves one.
    @TaskLocal public static var requestID: String?

    /// Longest id, in UTF-8 bytes, carried over the RPC.
    public static let maxLength = 255
}
