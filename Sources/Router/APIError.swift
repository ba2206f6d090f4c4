import Catalog
import HTTPTypes
import Hummingbird
import Shared

/// An HTTP error answer: status, the Zaqar error title and an optional description (spec §1.4).
struct APIError: Error, Sendable {
    var status: HTTPResponse.Status
    var title: String
    var description: String?
    /// Extra response headers (`Allow`, `Retry-After`).
    var headers: HTTPFields = [:]
    /// Adds the 406 `link` member.
    var includeHelpLink = false

    init(
        status: HTTPResponse.Status, title: String, description: String? = nil, headers: HTTPFields = [:],
        includeHelpLink: Bool = false
    ) {
        self.status = status
        self.title = title
        self.description = description
        self.headers = headers
        self.includeHelpLink = includeHelpLink
    }

    // MARK: Routing and headers

    static let routeNotFound = APIError(status: .notFound, title: "404 Not Found")

    static func methodNotAllowed(_ allow: String) -> APIError {
        APIError(status: .methodNotAllowed, title: "405 Method Not Allowed", headers: [.allow: allow])
    }

    static let notAcceptable = APIError(
        status: .notAcceptable, title: "406 Not Acceptable",
        description: "Endpoint only serves `application/json`; specify client-side media type support with the \"Accept\" header.",
        includeHelpLink: true)

    static let unsupportedPatchType = APIError(
        status: .unsupportedMediaType, title: "415 Unsupported Media Type",
        description: "Accepted media type for PATCH: application/openstack-messaging-v2.0-json-patch.")

    static let notAuthorized = APIError(status: .forbidden, title: "Not authorized", description: "Access was denied to this resource.")
    /// The project header names another project than the credentials are bound to.
    static let projectMismatch = APIError(
        status: .forbidden, title: "Project mismatch",
        description: "The X-Project-ID header names another project than the credentials are bound to.")

    // MARK: 400 families

    /// A query parameter that is not a valid integer or boolean.
    static func invalidParameter(_ name: String, _ reason: String) -> APIError {
        APIError(status: .badRequest, title: "Invalid parameter", description: "The \"\(name)\" parameter is invalid. \(reason)")
    }

    /// A semantically invalid value (ranges, limits, reserved metadata).
    static func invalidAPIRequest(_ description: String) -> APIError {
        APIError(status: .badRequest, title: "Invalid API request", description: description)
    }

    /// An unparsable, ill-typed or missing body.
    static func invalidBody(_ description: String) -> APIError {
        APIError(status: .badRequest, title: "Invalid request body", description: description)
    }

    static func invalidQueue(_ description: String) -> APIError {
        APIError(status: .badRequest, title: "Invalid queue identification", description: description)
    }

    static func invalidTopic(_ description: String) -> APIError {
        APIError(status: .badRequest, title: "Invalid topic identification", description: description)
    }

    static func notFound(_ description: String) -> APIError {
        APIError(status: .notFound, title: "Not found", description: description)
    }

    static func conflict(_ description: String) -> APIError {
        APIError(status: .conflict, title: "Resource conflict", description: description)
    }

    static func unavailable(_ description: String) -> APIError {
        APIError(
            status: .serviceUnavailable, title: "Service temporarily unavailable",
            description: description + " Please try again in a few seconds.", headers: [.retryAfter: "1"])
    }

    /// The storage node is out of space (507): the write was refused, stored data is intact.
    static func insufficientStorage(_ description: String) -> APIError {
        APIError(
            status: HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage"), title: "Insufficient storage",
            description: description + " Retry once the operator has freed space.", headers: [.retryAfter: "30"])
    }

    // MARK: Mapping of storage and catalog failures

    /// The answer for a failure of a storage node (spec §3.7, §1.4: never 500).
    init(storage error: StorageError) {
        switch error {
        case .queueNotFound: self = .notFound("Queue does not exist")
        case .messageNotFound: self = .notFound("Message does not exist")
        case .claimNotFound: self = .notFound("Claim does not exist or has expired")
        case .messageClaimed:
            self = APIError(status: .forbidden, title: "Unable to delete", description: "Message is claimed")
        case .messageNotClaimed:
            self = APIError(status: .badRequest, title: "Unable to delete", description: "Message is not claimed")
        case .claimDoesNotExist:
            self = APIError(status: .badRequest, title: "Unable to delete", description: "Claim does not exist or has expired")
        case .claimMismatch:
            self = APIError(
                status: .forbidden, title: "Unable to delete",
                description: "A message is not claimed by any of the given claims")
        case .subscriptionNotFound: self = .notFound("Subscription does not exist or has expired")
        case .subscriptionConflict:
            self = .conflict("A subscription of this subscriber already exists on the queue.")
        case .postTooLarge(let limit):
            self = .invalidAPIRequest("Message collection size is too large. Max size \(limit)")
        case .unavailable(let reason):
            self = .unavailable("Storage is unavailable (\(reason)).")
        case .protocolViolation(let reason):
            self = .unavailable("Storage answered unexpectedly (\(reason)).")
        case .storageFull(let reason):
            self = .insufficientStorage("Nothing was stored: \(reason).")
        case .queueMoving:
            self = .unavailable("The queue is moving to another pool; nothing was done.")
        case .queueMoved:
            self = .unavailable("The queue has just moved to another pool; nothing was done.")
        }
    }

    /// The answer for a failure of the catalog.
    init(catalog error: CatalogError) {
        switch error {
        case .unavailable(let reason): self = .unavailable("Catalog is unavailable (\(reason)).")
        case .invalidPool(let reason): self = .invalidBody(reason)
        case .poolNotFound(let name): self = .notFound("Pool \(name) does not exist")
        case .flavorNotFound(let name): self = .notFound("Flavor \(name) does not exist")
        case .duplicateURI(let uri, let pool): self = .conflict("Pool \(pool) already uses the uri \(uri).")
        case .poolInUse(let pool, let queues):
            self = .conflict("Pool \(pool) still holds \(queues) queue(s); drain it first (herald pools drain \(pool)).")
        case .flavorInUse(let flavor, let queues):
            self = .conflict("Flavor \(flavor) was used to place \(queues) queue(s); delete them first.")
        case .unknownPools(let names):
            self = .invalidBody("Unknown pool(s) in pool_list: \(names.joined(separator: ", ")).")
        }
    }

    /// Maps any thrown error to an answer; unknown failures become 503.
    init(_ error: any Error) {
        switch error {
        case let error as APIError: self = error
        case let error as StorageError: self.init(storage: error)
        case let error as CatalogError: self.init(catalog: error)
        default: self = .unavailable("Unexpected failure (\(error)).")
        }
    }
}
