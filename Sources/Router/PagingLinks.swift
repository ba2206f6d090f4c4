import Shared

extension HeraldAPI {
    /// Writes the `"links"` member of a listing (spec §1.7): a `next` link whenever the page is
    /// non-empty (`marker` is its last marker), `[]` for an empty page. `addParameters` repeats
    /// the recognised query parameters after the new marker.
    func writeLinks(
        _ writer: inout JSONWriter, path: String, marker: String?,
        _ addParameters: (inout QueryStringBuilder) -> Void
    ) {
        writer.key("links")
        writer.beginArray()
        if let marker {
            var next = QueryStringBuilder()
            next.add("marker", marker)
            addParameters(&next)
            writer.beginObject()
            writer.key("rel")
            writer.string("next")
            writer.key("href")
            writer.string(next.href(path: path))
            writer.endObject()
        }
        writer.endArray()
    }

    /// The parameters the pool and flavor listings carry into their `next` link.
    func addAdminPaging(_ next: inout QueryStringBuilder, _ request: APIRequest, limit: Int, detailed: Bool?) {
        if request.query.contains("limit") { next.add("limit", limit) }
        if let detailed { next.add("detailed", detailed) }
    }
}
