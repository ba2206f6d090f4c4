import Hummingbird
import Shared

/// A metadata equality filter of the queue listing: `?key=value`, integers compared as integers.
struct MetadataFilter: Sendable, Equatable {
    var key: String
    var value: String

    /// Parameters that are not metadata filters (topics have no `with_count`, spec §2.5).
    static func recognisedParameters(_ kind: ResourceKind) -> Set<String> {
        kind == .queue ? ["marker", "limit", "detailed", "name", "with_count"] : ["marker", "limit", "detailed", "name"]
    }

    /// True when the metadata has `key` equal to `value`.
    func matches(_ members: [(key: String, value: JSONValue)]) -> Bool {
        guard let stored = members.last(where: { $0.key == key })?.value else { return false }
        if let number = Int64(value) {
            switch stored {
            case .int(let storedNumber): return storedNumber == number
            case .double(let storedNumber): return storedNumber == Double(number)
            default: return false
            }
        }
        if case .string(let text) = stored { return text == value }
        return false
    }
}

extension HeraldAPI {
    /// How many catalog names are read per step while filters are applied.
    static let listingScanBatch = 100

    /// `GET /v2/queues` and `GET /v2/topics`: names from the catalog, metadata from the pools when needed.
    func listQueues(_ request: APIRequest) async throws -> Response {
        let query = request.query
        let kind = request.kind
        let storageProject = kind.storageProject(request.project)
        let limit = try limit(request, max: limits.maxQueuesPerPage)
        let detailed = try query.bool("detailed")
        let withCount = kind == .queue ? try query.bool("with_count") : nil
        let nameFilter = query.string("name")
        let marker = query.string("marker")
        let filters = query.pairs.filter { !MetadataFilter.recognisedParameters(kind).contains($0.name) }
            .map { MetadataFilter(key: $0.name, value: $0.value) }
        let needsMetadata = detailed == true || !filters.isEmpty
        let filtering = nameFilter != nil || !filters.isEmpty

        var page: [(name: String, metadata: [(key: String, value: JSONValue)])] = []
        var cursor = marker
        scan: while page.count < limit {
            let batch = filtering ? Self.listingScanBatch : limit - page.count
            let names = try await catalog.queueNames(project: storageProject, after: cursor, limit: batch)
            guard let last = names.last else { break }
            cursor = last
            let candidates = nameFilter.map { filter in names.filter { $0.contains(filter) } } ?? names
            let metadata = needsMetadata ? try await fetchMetadata(project: storageProject, names: candidates) : [:]
            for name in candidates {
                let members = metadata[name] ?? []
                guard filters.allSatisfy({ $0.matches(members) }) else { continue }
                page.append((name, members))
                if page.count == limit { break scan }
            }
            if names.count < batch { break }
        }

        let count = withCount == true ? try await catalog.queueCount(project: storageProject) : 0
        return Responses.json(.ok) { writer in
            writer.beginObject()
            writer.key(kind.collection)
            writer.beginArray()
            for entry in page {
                writer.beginObject()
                writer.key("name")
                writer.string(entry.name)
                writer.key("href")
                writer.string(kind.path(entry.name))
                if detailed == true {
                    writer.key("metadata")
                    writer.value(reserved.withDefaults(entry.metadata, kind: kind))
                }
                writer.endObject()
            }
            writer.endArray()
            writeLinks(&writer, path: request.path, marker: page.last?.name) { next in
                if query.contains("limit") { next.add("limit", limit) }
                if let detailed { next.add("detailed", detailed) }
                if let nameFilter { next.add("name", nameFilter) }
                if let withCount { next.add("with_count", withCount) }
            }
            if count > 0 {
                writer.key("count")
                writer.int(count)
            }
            writer.endObject()
        }
    }

    /// Metadata of several queues of a project, fetched concurrently from their pools.
    private func fetchMetadata(project: String, names: [String]) async throws -> [String: [(key: String, value: JSONValue)]] {
        try await withThrowingTaskGroup(of: (String, [(key: String, value: JSONValue)]).self) { group in
            for name in names {
                group.addTask {
                    (name, try await storedMetadata(QueueRef(project: project, name: name)) ?? [])
                }
            }
            var result: [String: [(key: String, value: JSONValue)]] = [:]
            for try await (name, members) in group { result[name] = members }
            return result
        }
    }
}
