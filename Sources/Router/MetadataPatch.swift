import Shared

/// One operation of a queue PATCH document (spec §2.1.1).
struct MetadataPatchOperation: Sendable, Equatable {
    enum Kind: String, Sendable { case add, remove, replace }

    var kind: Kind
    /// The metadata key addressed by `/metadata/<key>`.
    var key: String
    /// Present for `add` and `replace`.
    var value: JSONValue?
}

/// Parsing and application of the JSON-patch-like document of queue PATCH.
enum MetadataPatch {
    /// The only accepted request media type.
    static let mediaType = "application/openstack-messaging-v2.0-json-patch"

    /// Validates a parsed PATCH body.
    static func operations(from document: JSONValue) throws(APIError) -> [MetadataPatchOperation] {
        guard case .array(let items) = document else {
            throw .invalidBody("The PATCH document must be an array of operations.")
        }
        var operations: [MetadataPatchOperation] = []
        operations.reserveCapacity(items.count)
        for item in items {
            guard case .object = item else { throw .invalidBody("Each PATCH operation must be an object.") }
            guard case .string(let opName)? = item["op"], let kind = MetadataPatchOperation.Kind(rawValue: opName) else {
                throw .invalidBody("Each PATCH operation needs an \"op\" of add, remove or replace.")
            }
            guard case .string(let path)? = item["path"] else {
                throw .invalidBody("Each PATCH operation needs a string \"path\".")
            }
            let key = try metadataKey(fromPointer: path)
            let value = item["value"]
            if kind != .remove, value == nil {
                throw .invalidBody("The \"\(kind.rawValue)\" operation needs a \"value\".")
            }
            operations.append(MetadataPatchOperation(kind: kind, key: key, value: kind == .remove ? nil : value))
        }
        return operations
    }

    /// The key of a `/metadata/<key>` JSON pointer (`metadata` case-insensitive, `~1` → `/`, `~0` → `~`).
    static func metadataKey(fromPointer path: String) throws(APIError) -> String {
        guard path.first == "/" else { throw .invalidBody("The path \"\(path)\" must start with \"/\".") }
        let tokens = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        guard tokens.count == 2, !tokens[0].isEmpty, !tokens[1].isEmpty else {
            throw .invalidBody("The path \"\(path)\" must have the form /metadata/<key>.")
        }
        guard tokens[0].lowercased() == "metadata" else {
            throw .invalidBody("The path \"\(path)\" must start with /metadata.")
        }
        return try unescape(tokens[1], path: path)
    }

    private static func unescape(_ token: Substring, path: String) throws(APIError) -> String {
        guard token.contains("~") else { return String(token) }
        var result = ""
        var iterator = token.makeIterator()
        while let character = iterator.next() {
            guard character == "~" else {
                result.append(character)
                continue
            }
            switch iterator.next() {
            case "0": result.append("~")
            case "1": result.append("/")
            default: throw .invalidBody("The path \"\(path)\" has an invalid ~ escape.")
            }
        }
        return result
    }

    /// Applies the operations in order to the stored members (409 on missing non-reserved keys).
    /// `reservedKeys` may be replaced or removed even when absent.
    static func apply(
        _ operations: [MetadataPatchOperation], to members: [(key: String, value: JSONValue)],
        reservedKeys: [String] = ReservedMetadata.autoDefaultedKeys
    ) throws(APIError) -> [(key: String, value: JSONValue)] {
        var result = members
        for operation in operations {
            let index = result.firstIndex { $0.key == operation.key }
            let reserved = reservedKeys.contains(operation.key)
            switch operation.kind {
            case .add, .replace:
                if operation.kind == .replace, index == nil, !reserved {
                    throw .conflict("The metadata key \"\(operation.key)\" does not exist.")
                }
                let value = operation.value ?? .null
                if let index {
                    result[index].value = value
                } else {
                    result.append((operation.key, value))
                }
            case .remove:
                if let index {
                    result.remove(at: index)
                } else if !reserved {
                    throw .conflict("The metadata key \"\(operation.key)\" does not exist.")
                }
            }
        }
        return result
    }
}
