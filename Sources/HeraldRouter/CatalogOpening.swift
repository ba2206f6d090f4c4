import Catalog

/// Opens and closes the catalog named by `--catalog`: a `postgres://` URL or a SQLite file path.
enum CatalogOpening {
    static func open(_ location: String) async throws(StartupError) -> any CatalogStore {
        do {
            return try await CatalogLocation.open(location)
        } catch {
            throw StartupError("cannot open the catalog \(redacted(location)): \(error)")
        }
    }

    /// Releases the catalog's connections (PostgreSQL); SQLite needs nothing.
    static func close(_ catalog: any CatalogStore) async {
        if let postgres = catalog as? PostgresCatalog { await postgres.shutdown() }
    }

    /// The location without the password of a `postgres://user:password@host/...` URL.
    static func redacted(_ location: String) -> String {
        guard let scheme = location.range(of: "://"), let at = location[scheme.upperBound...].firstIndex(of: "@") else {
            return location
        }
        let credentials = location[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return location }
        return String(location[..<colon]) + ":***" + String(location[at...])
    }
}
