import Catalog

/// Opens the catalog named by `--catalog`: a `postgres://` URL or a SQLite file path.
enum CatalogOpening {
    static func open(_ location: String) async throws(StartupError) -> any CatalogStore {
        if location.hasPrefix("postgres://") || location.hasPrefix("postgresql://") {
            throw StartupError("PostgreSQL catalogs are not available in this build yet")
        }
        do {
            return try SQLiteCatalog(path: location)
        } catch {
            throw StartupError("cannot open the catalog \(location): \(error)")
        }
    }
}
