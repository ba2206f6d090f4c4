import Shared

// TEMPORARY: stand-ins until the SQLite catalog implements pools and flavors in full.
extension SQLiteCatalog {
    public func pools(after marker: String?, limit: Int) async throws(CatalogError) -> [Pool] {
        Array(try await pools().filter { $0.name > (marker ?? "") }.prefix(max(limit, 0)))
    }

    public func pool(named name: String) async throws(CatalogError) -> Pool? {
        try await pools().first { $0.name == name }
    }

    public func deletePool(named name: String) async throws(CatalogError) {
        throw .unavailable("not implemented yet")
    }

    public func queueCount(pool: String) async throws(CatalogError) -> Int {
        throw .unavailable("not implemented yet")
    }

    public func upsertFlavor(_ flavor: Flavor, pools: [String]) async throws(CatalogError) {
        throw .unavailable("not implemented yet")
    }

    public func flavor(project: String, name: String) async throws(CatalogError) -> Flavor? { nil }

    public func flavors(project: String, after marker: String?, limit: Int) async throws(CatalogError) -> [Flavor] { [] }

    public func deleteFlavor(project: String, name: String) async throws(CatalogError) {}

    public func revision() async throws(CatalogError) -> Int64 { 0 }
}
