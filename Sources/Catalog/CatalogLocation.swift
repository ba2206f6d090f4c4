/// Opens the catalog a router is configured with (`herald-router --catalog`).
public enum CatalogLocation {
    /// `postgres://…` or `postgresql://…` connects a `PostgresCatalog`; anything else is the
    /// path of a `SQLiteCatalog` file. Throws `.unavailable` with the reason when it cannot open.
    public static func open(_ location: String) async throws(CatalogError) -> any CatalogStore {
        let lowered = location.lowercased()
        if lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://") {
            return try await PostgresCatalog.connect(url: location)
        }
        guard !location.isEmpty else { throw .unavailable("catalog location must not be empty") }
        return try SQLiteCatalog(path: location)
    }
}
