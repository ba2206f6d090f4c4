import Shared
import Hummingbird

/// Every path the router serves, matched exactly on its `/`-separated segments (no trailing slash).
enum Route: Equatable, Sendable {
    case root
    case home
    case ping
    case health
    /// `GET /v2/diagnostics` (admin mode, Herald extension): the router's diagnostics report.
    case diagnostics
    case queues
    case queue(String)
    case queueStats(String)
    case queuePurge(String)
    /// `POST /v2/queues/{name}/share`: a pre-signed URL for the queue (spec §6.1; queues only).
    case queueShare(String)
    case messages(String)
    case message(String, id: String)
    case claims(String)
    case claim(String, id: String)
    /// Topics (spec §2.5): the queue routes without claims, in the topic namespace.
    case topics
    case topic(String)
    case topicStats(String)
    case topicPurge(String)
    case topicMessages(String)
    case topicMessage(String, id: String)
    /// The subscriptions of a queue or topic, one subscription, and its confirmation.
    case subscriptions(ResourceKind, String)
    case subscription(ResourceKind, String, id: String)
    case subscriptionConfirm(ResourceKind, String, id: String)
    /// Admin mode only: the pool collection, one pool, the flavor collection, one flavor and
    /// where a queue is placed (Herald extension).
    case pools
    case pool(String)
    case flavors
    case flavor(String)
    case queuePool(String)
    /// `POST /v2/pools/{name}/drain` (admin mode, Herald extension): weight 0, then move the
    /// pool's queues to other pools.
    case poolDrain(String)
    /// Admin mode only: the operator page shell (`/operator`, no credentials needed, no data)
    /// and its data fragment (`/operator/view`, `operator:get`).
    case operatorPage
    case operatorView

    /// Matches a request path; `nil` for unknown paths. `adminMode` controls `/v2/health`, `/v2/diagnostics`,
    /// `/v2/pools*`, `/v2/flavors*`, `/v2/queues/{name}/pool` and `/operator*`.
    init?(path: String, adminMode: Bool) {
        if path == "/" {
            self = .root
            return
        }
        if adminMode, path == "/operator" || path == "/operator/view" {
            self = path == "/operator" ? .operatorPage : .operatorView
            return
        }
        guard path.hasPrefix("/v2/") else { return nil }
        let segments = path.utf8.dropFirst(4).split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
            .map { PercentEncoding.decodePathSegment(Substring($0)) }
        switch segments.count {
        case 1:
            switch segments[0] {
            case "": self = .home
            case "ping": self = .ping
            case "health" where adminMode: self = .health
            case "diagnostics" where adminMode: self = .diagnostics
            case "pools" where adminMode: self = .pools
            case "flavors" where adminMode: self = .flavors
            case "queues": self = .queues
            case "topics": self = .topics
            default: return nil
            }
        case 2:
            guard !segments[1].isEmpty else { return nil }
            switch segments[0] {
            case "queues": self = .queue(segments[1])
            case "topics": self = .topic(segments[1])
            case "pools" where adminMode: self = .pool(segments[1])
            case "flavors" where adminMode: self = .flavor(segments[1])
            default: return nil
            }
        case 3:
            if adminMode, segments[0] == "pools", segments[2] == "drain", !segments[1].isEmpty {
                self = .poolDrain(segments[1])
                return
            }
            guard let kind = Self.kind(segments[0]), !segments[1].isEmpty else { return nil }
            if segments[2] == "subscriptions" {
                self = .subscriptions(kind, segments[1])
                return
            }
            if kind == .topic {
                switch segments[2] {
                case "stats": self = .topicStats(segments[1])
                case "purge": self = .topicPurge(segments[1])
                case "messages": self = .topicMessages(segments[1])
                default: return nil
                }
                return
            }
            switch segments[2] {
            case "stats": self = .queueStats(segments[1])
            case "purge": self = .queuePurge(segments[1])
            case "share": self = .queueShare(segments[1])
            case "messages": self = .messages(segments[1])
            case "claims": self = .claims(segments[1])
            case "pool" where adminMode: self = .queuePool(segments[1])
            default: return nil
            }
        case 4:
            guard let kind = Self.kind(segments[0]), !segments[1].isEmpty, !segments[3].isEmpty else { return nil }
            if segments[2] == "subscriptions" {
                self = .subscription(kind, segments[1], id: segments[3])
                return
            }
            if kind == .topic {
                guard segments[2] == "messages" else { return nil }
                self = .topicMessage(segments[1], id: segments[3])
                return
            }
            switch segments[2] {
            case "messages": self = .message(segments[1], id: segments[3])
            case "claims": self = .claim(segments[1], id: segments[3])
            default: return nil
            }
        case 5:
            guard let kind = Self.kind(segments[0]), !segments[1].isEmpty, segments[2] == "subscriptions",
                !segments[3].isEmpty, segments[4] == "confirm"
            else { return nil }
            self = .subscriptionConfirm(kind, segments[1], id: segments[3])
        default:
            return nil
        }
    }

    /// The resource kind named by the first path segment.
    private static func kind(_ segment: String) -> ResourceKind? {
        switch segment {
        case "queues": return .queue
        case "topics": return .topic
        default: return nil
        }
    }

    /// The queue or topic named by the path, if any.
    var resource: (kind: ResourceKind, name: String)? {
        switch self {
        case .root, .home, .ping, .health, .diagnostics, .queues, .topics, .pools, .pool, .poolDrain, .flavors, .flavor,
            .operatorPage, .operatorView:
            return nil
        case .queue(let name), .queueStats(let name), .queuePurge(let name), .queueShare(let name), .messages(let name),
            .message(let name, _), .claims(let name), .claim(let name, _), .queuePool(let name):
            return (.queue, name)
        case .topic(let name), .topicStats(let name), .topicPurge(let name), .topicMessages(let name),
            .topicMessage(let name, _):
            return (.topic, name)
        case .subscriptions(let kind, let name), .subscription(let kind, let name, _),
            .subscriptionConfirm(let kind, let name, _):
            return (kind, name)
        }
    }

    /// True for every `/v2/topics...` path.
    var isTopic: Bool {
        if self == .topics { return true }
        return resource?.kind == .topic
    }

    /// Methods served on this path (OPTIONS excluded).
    var methods: [HTTPRequest.Method] {
        switch self {
        case .root, .home, .health, .diagnostics, .queues, .queueStats, .pools, .flavors, .topics, .topicStats,
            .operatorPage, .operatorView:
            return [.get]
        case .queuePool: return [.get, .put]
        case .poolDrain: return [.post]
        case .pool, .flavor: return [.get, .put, .patch, .delete]
        case .ping: return [.get, .head]
        case .queue, .topic: return [.get, .put, .patch, .delete]
        case .queuePurge, .queueShare, .claims, .topicPurge: return [.post]
        case .messages, .topicMessages: return [.get, .post, .delete]
        case .message, .topicMessage: return [.get, .delete]
        case .claim: return [.get, .patch, .delete]
        case .subscriptions: return [.get, .post]
        case .subscription: return [.get, .patch, .delete]
        case .subscriptionConfirm: return [.put]
        }
    }

    /// The `Allow` header value, OPTIONS included.
    var allowHeader: String {
        (methods + [.options]).map(\.rawValue).joined(separator: ", ")
    }
}
