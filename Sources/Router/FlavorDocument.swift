import Shared

/// The validated fields of a flavor `PUT` or `PATCH` body (spec §2.7).
struct FlavorDocument: Sendable, Equatable {
    /// Keys a `PUT` body may have; any other key is a 400.
    static let allowedKeys: Set<String> = ["pool_list", "capabilities"]

    /// The member pools, non-empty, without duplicates, in the order given.
    var poolList: [String]
    /// The client's `capabilities` object, stored verbatim (the API reports derived ones).
    var capabilities: JSONValue?

    /// A `PUT` body: `pool_list` required, `capabilities` optional, no other key.
    static func forCreate(_ document: JSONValue) throws(APIError) -> FlavorDocument {
        guard case .object(let members) = document else { throw .invalidBody("The flavor body must be a JSON object.") }
        if let extra = members.first(where: { !allowedKeys.contains($0.key) }) {
            throw .invalidBody("Additional properties are not allowed (\"\(extra.key)\" was unexpected).")
        }
        return try parse(document)
    }

    /// A `PATCH` body: `pool_list` required, `capabilities` optional, other keys ignored.
    static func forUpdate(_ document: JSONValue) throws(APIError) -> FlavorDocument {
        guard case .object = document else { throw .invalidBody("The flavor body must be a JSON object.") }
        return try parse(document)
    }

    private static func parse(_ document: JSONValue) throws(APIError) -> FlavorDocument {
        guard let value = document["pool_list"] else { throw .invalidBody("\"pool_list\" is a required property.") }
        guard case .array(let items) = value else { throw .invalidBody("\"pool_list\" must be an array of pool names.") }
        guard !items.isEmpty else { throw .invalidBody("\"pool_list\" may not be empty.") }
        var names: [String] = []
        for item in items {
            guard case .string(let name) = item, !name.isEmpty else {
                throw .invalidBody("\"pool_list\" must contain non-empty pool names.")
            }
            if !names.contains(name) { names.append(name) }
        }
        var capabilities: JSONValue?
        if let value = document["capabilities"] {
            guard case .object = value else { throw .invalidBody("\"capabilities\" must be an object.") }
            capabilities = value
        }
        return FlavorDocument(poolList: names, capabilities: capabilities)
    }
}
