/// Why a `herald` command failed; printed on stderr (server errors as the server's
/// `title: description`), exit status 1.
enum CLIError: Error, CustomStringConvertible {
    /// The router answered with an error document (`title`, `description`) or a bare status.
    case server(status: Int, title: String?, description: String?)
    /// The router could not be reached at all.
    case unreachable(url: String, reason: String)
    /// The router answered something this CLI cannot read.
    case badResponse(String)
    /// The command would overwrite or clash with something that exists.
    case conflict(String)
    /// No usable token or signing key (`herald token`, `$HERALD_TOKEN_SECRET`).
    case credentials(String)

    var description: String {
        switch self {
        case let .server(status, title, description):
            switch (title, description) {
            case let (title?, description?) where !description.isEmpty: return "\(title): \(description)"
            case let (title?, _): return title
            case let (nil, description?): return "HTTP \(status): \(description)"
            case (nil, nil): return "HTTP \(status)"
            }
        case let .unreachable(url, reason):
            return "herald: cannot reach the Herald router at \(url) (\(reason)); is it running, with --admin-mode?"
        case let .conflict(reason), let .credentials(reason):
            return "herald: \(reason)"
        case let .badResponse(reason):
            return "herald: unexpected answer from the router: \(reason)"
        }
    }
}
