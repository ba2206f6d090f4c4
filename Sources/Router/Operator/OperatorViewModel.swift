import Catalog
import Shared

/// The operator page's snapshot turned into display rows for ``OperatorViewTemplate``: every
/// value already formatted as text (mustache renders structs through their stored properties).
/// Topics are shown in their project, marked as topics.
struct OperatorViewModel: Sendable {
    /// Health as a word the style sheet colours: `up`, `degraded` or `down`.
    enum Health: String, Sendable {
        case up, degraded, down
    }

    struct PoolRow: Sendable {
        var name: String
        var uri: String
        var flavor: String
        var weight: Int
        var health: String
        var healthLabel: String
        /// Queues the catalog places on the pool, or `?`.
        var queues: String
        /// Node-wide message counts, empty when the node did not report them.
        var total: String
        var free: String
        var claimed: String
    }

    struct FlavorRow: Sendable {
        var name: String
        /// The member pools, comma-separated.
        var pools: String
        var health: String
        var healthLabel: String
    }

    struct QueueRow: Sendable {
        var name: String
        /// `queue` or `topic`.
        var kind: String
        var pool: String
        /// Message counts, empty when they could not be read.
        var total: String
        var free: String
        var claimed: String
        /// The oldest message's age in seconds (empty without messages or counts), and as text.
        var oldestSeconds: String
        var oldestAge: String
        var health: String
        var healthLabel: String
    }

    struct ProjectGroup: Sendable {
        var project: String
        var summary: String
        var queues: [QueueRow]
    }

    var generatedAt: String
    var catalogReachable: Bool
    var pools: [PoolRow]
    var hasPools: Bool
    var poolSummary: String
    var flavors: [FlavorRow]
    var hasFlavors: Bool
    var projects: [ProjectGroup]
    var hasQueues: Bool
    var queueSummary: String
    var truncated: Bool
    var queueLimit: Int
    var posted: Int
    var claimed: Int
    var deleted: Int
    var uptimeMillis: Int64

    init(_ snapshot: OperatorSnapshot) {
        generatedAt = UTCTimestamp.iso8601(millis: snapshot.takenAtMillis)
        catalogReachable = snapshot.catalogReachable
        pools = snapshot.pools.map(Self.poolRow)
        hasPools = !pools.isEmpty
        let up = snapshot.pools.filter(\.health.storageReachable).count
        poolSummary = "\(up) of \(Self.counted(snapshot.pools.count, "pool")) up"
        flavors = Self.flavorRows(snapshot.pools)
        hasFlavors = !flavors.isEmpty
        projects = Self.projectGroups(snapshot.queues)
        hasQueues = !snapshot.queues.isEmpty
        let listed = Self.counted(snapshot.queues.count, "queue")
        queueSummary = "\(snapshot.queuesTruncated ? "first " : "")\(listed) in \(Self.counted(projects.count, "project"))"
        truncated = snapshot.queuesTruncated
        queueLimit = snapshot.queueLimit
        posted = snapshot.activity.posted
        claimed = snapshot.activity.claimed
        deleted = snapshot.activity.deleted
        uptimeMillis = snapshot.activity.uptimeMillis
    }

    private static func poolRow(_ state: OperatorSnapshot.PoolState) -> PoolRow {
        let volume = state.health.messageVolume
        let health: Health = state.health.storageReachable ? .up : .down
        return PoolRow(
            name: state.pool.name, uri: state.pool.uri, flavor: state.pool.flavor ?? "—", weight: state.pool.weight,
            health: health.rawValue, healthLabel: state.health.storageReachable ? "up" : "unreachable",
            queues: state.health.queues.map(String.init) ?? "?", total: volume.map { String($0.total) } ?? "",
            free: volume.map { String($0.free) } ?? "", claimed: volume.map { String($0.claimed) } ?? "")
    }

    /// One row per flavor named by a pool, sorted by name: healthy when every member answers.
    private static func flavorRows(_ pools: [OperatorSnapshot.PoolState]) -> [FlavorRow] {
        let grouped = Dictionary(grouping: pools.filter { $0.pool.flavor != nil }, by: { $0.pool.flavor ?? "" })
        return grouped.keys.sorted().map { name in
            let members = grouped[name] ?? []
            let up = members.filter(\.health.storageReachable).count
            let health: Health = up == members.count ? .up : (up == 0 ? .down : .degraded)
            return FlavorRow(
                name: name, pools: members.map(\.pool.name).joined(separator: ", "), health: health.rawValue,
                healthLabel: "\(up) of \(counted(members.count, "pool")) up")
        }
    }

    /// The queues grouped by project (topics with the queues of their project), projects and
    /// rows in name order, queues before topics of the same name.
    private static func projectGroups(_ queues: [OperatorSnapshot.QueueState]) -> [ProjectGroup] {
        var byProject: [String: [(kind: ResourceKind, state: OperatorSnapshot.QueueState)]] = [:]
        for state in queues {
            let ref = state.entry.queue
            if TopicNamespace.isTopic(ref) {
                byProject[String(ref.project.dropFirst(TopicNamespace.projectPrefix.count)), default: []].append((.topic, state))
            } else {
                byProject[ref.project, default: []].append((.queue, state))
            }
        }
        return byProject.keys.sorted().map { project in
            let rows = (byProject[project] ?? [])
                .sorted { ($0.state.entry.queue.name, $0.kind == .topic ? 1 : 0) < ($1.state.entry.queue.name, $1.kind == .topic ? 1 : 0) }
                .map { queueRow($0.state, kind: $0.kind) }
            return ProjectGroup(project: project, summary: counted(rows.count, "queue"), queues: rows)
        }
    }

    private static func queueRow(_ state: OperatorSnapshot.QueueState, kind: ResourceKind) -> QueueRow {
        var row = QueueRow(
            name: state.entry.queue.name, kind: kind == .topic ? "topic" : "queue", pool: state.entry.placement.pool,
            total: "", free: "", claimed: "", oldestSeconds: "", oldestAge: "—", health: Health.up.rawValue,
            healthLabel: "ok")
        switch state.stats {
        case .success(let stats):
            row.total = String(stats.total)
            row.free = String(stats.free)
            row.claimed = String(stats.claimed)
            if stats.total > 0, let oldest = stats.oldest {
                row.oldestSeconds = String(oldest.age)
                row.oldestAge = OperatorFormat.age(seconds: oldest.age)
            }
        case .failure(.poolUnreachable):
            row.health = Health.down.rawValue
            row.healthLabel = "pool unreachable"
        case .failure(.statsFailed):
            row.health = Health.degraded.rawValue
            row.healthLabel = "no stats"
        }
        return row
    }

    /// `1 pool`, `3 pools`.
    static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
