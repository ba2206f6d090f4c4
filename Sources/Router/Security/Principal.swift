/// Who makes a request, as authentication established it (spec §1.2 step 4).
public struct Principal: Sendable, Equatable {
    /// How the principal was established.
    public enum Source: Sendable, Equatable {
        /// `noauth` mode: the project and roles are whatever the client's headers say (dev only).
        case headers
        /// A verified bearer token.
        case token
        /// A verified pre-signed URL (spec §6.3): the grant's project, no roles.
        case signature
    }

    /// The project the credentials are bound to; `nil` when the request's project header decides
    /// (`noauth` mode and pre-signed requests, whose project the signature already covers).
    public var project: String?
    /// Role names, lowercased (the policy's `role:` rules match them).
    public var roles: Set<String>
    /// The user, when the credentials name one.
    public var userID: String?
    /// How the principal was established.
    public var source: Source

    public init(project: String?, roles: Set<String>, userID: String? = nil, source: Source) {
        self.project = project
        self.roles = roles
        self.userID = userID
        self.source = source
    }
}
