import Shared

/// Checks both catalog stores apply before writing, so they reject the same input the same way.
enum CatalogInputChecks {
    /// The largest accepted pool weight (2^32 - 1).
    static let maximumWeight = Int(UInt32.max)

    /// Throws `.invalidPool` for an empty name or uri or a weight outside 0...2^32-1.
    static func check(_ pool: Pool) throws(CatalogError) {
        guard !pool.name.isEmpty else { throw .invalidPool("pool name must not be empty") }
        guard !pool.uri.isEmpty else { throw .invalidPool("pool uri must not be empty") }
        guard (0...maximumWeight).contains(pool.weight) else {
            throw .invalidPool("pool weight must be between 0 and \(maximumWeight)")
        }
        if let flavor = pool.flavor, flavor.isEmpty {
            throw .invalidPool("pool flavor must not be empty when given")
        }
    }

    /// Throws `.invalidPool` for an empty flavor name.
    static func check(_ flavor: Flavor) throws(CatalogError) {
        guard !flavor.name.isEmpty else { throw .invalidPool("flavor name must not be empty") }
    }

    /// The pool names in `requested` that are not in `existing`, sorted and without repeats.
    static func unknownPools(_ requested: [String], existing: Set<String>) -> [String] {
        Set(requested).subtracting(existing).sorted()
    }
}

/// How both stores keep JSON documents (pool options, flavor capabilities) in a text column.
enum StoredJSON {
    /// The compact serialization of `value`.
    static func encode(_ value: JSONValue) -> String {
        String(decoding: value.serialized(), as: UTF8.self)
    }

    /// The value stored in `text`; throws `.unavailable` when the column does not hold JSON.
    static func decode(_ text: String, column: String) throws(CatalogError) -> JSONValue {
        do {
            return try JSONValue.parse(Array(text.utf8))
        } catch {
            throw .unavailable("catalog column \(column) holds invalid JSON: \(error)")
        }
    }
}
