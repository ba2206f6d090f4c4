import Shared

/// Follows a paged listing (`{"<key>": [...], "links": [{"rel": "next", "href": ...}]}`) until
/// a page comes back empty (spec §1.7), collecting every item.
enum PagedListing {
    /// Safety bound on the number of pages read.
    static let maxPages = 100_000

    /// Every item of the listing that starts at `path`.
    static func collect(_ client: AdminClient, path: String, key: String) async throws(CLIError) -> [JSONValue] {
        var items: [JSONValue] = []
        var next: String? = path
        var seen: Set<String> = []
        while let current = next, seen.count < maxPages {
            seen.insert(current)
            let page = try await client.request(.GET, current, expecting: [200]).json()
            guard let batch = page[key]?.arrayValue else { throw .badResponse("the listing has no \"\(key)\" array") }
            if batch.isEmpty { break }
            items += batch
            next = nextHref(page).flatMap { seen.contains($0) ? nil : $0 }
        }
        return items
    }

    /// The `href` of the `next` link, if any.
    private static func nextHref(_ page: JSONValue) -> String? {
        for link in page["links"]?.arrayValue ?? [] where link["rel"]?.stringValue == "next" {
            if let href = link["href"]?.stringValue, href.hasPrefix("/") { return href }
        }
        return nil
    }
}
