import Hummingbird

/// Every path the router serves, matched exactly on its `/`-separated segments (no trailing slash).
enum Route: Equatable, Sendable {
    case root
    case home
    case ping
    case health
    case queues
    case queue(String)
    case queueStats(String)
    case queuePurge(String)
    case messages(String)
    case message(String, id: String)
    case claims(String)
    case claim(String, id: String)
    /// Admin mode only: the pool collection, one pool, the flavor collection, one flavor and
    /// where a queue is placed (Herald extension).
    case pools
    case pool(String)
    case flavors
    case flavor(String)
    case queuePool(String)

    /// Matches a request path; `nil` for unknown paths. `adminMode` controls `/v2/health`,
    /// `/v2/pools*`, `/v2/flavors*` and `/v2/queues/{name}/pool`.
    init?(path: String, adminMode: Bool) {
        if path == "/" {
            self = .root
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
            case "pools" where adminMode: self = .pools
            case "flavors" where adminMode: self = .flavors
            case "queues": self = .queues
            default: return nil
            }
        case 2:
            guard !segments[1].isEmpty else { return nil }
            switch segments[0] {
            case "queues": self = .queue(segments[1])
            case "pools" where adminMode: self = .pool(segments[1])
            case "flavors" where adminMode: self = .flavor(segments[1])
            default: return nil
            }
        case 3:
            guard segments[0] == "queues", !segments[1].isEmpty else { return nil }
            switch segments[2] {
            case "stats": self = .queueStats(segments[1])
            case "purge": self = .queuePurge(segments[1])
            case "messages": self = .messages(segments[1])
            case "claims": self = .claims(segments[1])
            case "pool" where adminMode: self = .queuePool(segments[1])
            default: return nil
            }
        case 4:
            guard segments[0] == "queues", !segments[1].isEmpty, !segments[3].isEmpty else { return nil }
            switch segments[2] {
            case "messages": self = .message(segments[1], id: segments[3])
            case "claims": self = .claim(segments[1], id: segments[3])
            default: return nil
            }
        default:
            return nil
        }
    }

    /// The queue name carried by the path, if any.
    var queueName: String? {
        switch self {
        case .root, .home, .ping, .health, .queues, .pools, .pool, .flavors, .flavor: return nil
        case .queue(let name), .queueStats(let name), .queuePurge(let name), .messages(let name),
            .message(let name, _), .claims(let name), .claim(let name, _), .queuePool(let name):
            return name
        }
    }

    /// Methods served on this path (OPTIONS excluded).
    var methods: [HTTPRequest.Method] {
        switch self {
        case .root, .home, .health, .queues, .queueStats, .pools, .flavors, .queuePool: return [.get]
        case .pool, .flavor: return [.get, .put, .patch, .delete]
        case .ping: return [.get, .head]
        case .queue: return [.get, .put, .patch, .delete]
        case .queuePurge, .claims: return [.post]
        case .messages: return [.get, .post, .delete]
        case .message: return [.get, .delete]
        case .claim: return [.get, .patch, .delete]
        }
    }

    /// The `Allow` header value, OPTIONS included.
    var allowHeader: String {
        (methods + [.options]).map(\.rawValue).joined(separator: ", ")
    }
}
