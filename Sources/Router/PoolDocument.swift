import Shared

/// The validated fields of a pool `PUT` or `PATCH` body (spec §2.6).
struct PoolDocument: Sendable, Equatable {
    /// Keys a `PUT` body may have; any other key is a 400.
    static let allowedKeys: Set<String> = ["uri", "weight", "flavor", "options"]
    /// Largest accepted weight, 2^32 - 1.
    static let maxWeight: Int64 = 4_294_967_295
    /// Longest accepted flavor name.
    static let maxFlavorLength = 255

    var uri: String?
    var weight: Int?
    /// `.some(nil)` clears the flavor (`"flavor": ""` or `null`); `nil` leaves it unchanged.
    var flavor: String??
    var options: JSONValue?

    /// A `PUT` body: an object with `uri` and `weight`, optional `flavor` and `options`, no other key.
    static func forCreate(_ document: JSONValue) throws(APIError) -> PoolDocument {
        guard case .object(let members) = document else { throw .invalidBody("The pool body must be a JSON object.") }
        if let extra = members.first(where: { !allowedKeys.contains($0.key) }) {
            throw .invalidBody("Additional properties are not allowed (\"\(extra.key)\" was unexpected).")
        }
        let fields = try parse(document)
        guard fields.uri != nil else { throw .invalidBody("\"uri\" is a required property.") }
        guard fields.weight != nil else { throw .invalidBody("\"weight\" is a required property.") }
        return fields
    }

    /// A `PATCH` body: an object with at least one of `uri`, `weight`, `flavor`, `options`;
    /// other keys are ignored.
    static func forUpdate(_ document: JSONValue) throws(APIError) -> PoolDocument {
        guard case .object = document else { throw .invalidBody("The pool body must be a JSON object.") }
        let fields = try parse(document)
        guard fields.uri != nil || fields.weight != nil || fields.flavor != nil || fields.options != nil else {
            throw .invalidBody("One of uri, weight, flavor or options is required.")
        }
        return fields
    }

    private static func parse(_ document: JSONValue) throws(APIError) -> PoolDocument {
        var fields = PoolDocument()
        if let value = document["uri"] {
            guard case .string(let uri) = value else { throw .invalidBody("\"uri\" must be a string.") }
            guard PoolAddress(uri: uri) != nil else {
                throw .invalidBody(
                    "\"uri\" must be \(PoolAddress.scheme)host:port (at most \(PoolAddress.maxURILength) characters): \(uri)")
            }
            fields.uri = uri
        }
        if let value = document["weight"] {
            guard case .int(let weight) = value, (0...maxWeight).contains(weight) else {
                throw .invalidBody("\"weight\" must be an integer between 0 and \(maxWeight).")
            }
            fields.weight = Int(weight)
        }
        if let value = document["flavor"] {
            switch value {
            case .null, .string(""): fields.flavor = .some(nil)
            case .string(let flavor):
                guard flavor.utf8.count <= maxFlavorLength else {
                    throw .invalidBody("\"flavor\" may not be longer than \(maxFlavorLength) characters.")
                }
                fields.flavor = .some(flavor)
            default: throw .invalidBody("\"flavor\" must be a string.")
            }
        }
        if let value = document["options"] {
            guard case .object = value else { throw .invalidBody("\"options\" must be an object.") }
            fields.options = value
        }
        return fields
    }
}
