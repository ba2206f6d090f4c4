import Foundation

/// The parts of a `postgres://user:password@host:port/database?sslmode=...` catalog URL.
struct PostgresURL: Sendable, Equatable {
    /// How the connection negotiates TLS (`sslmode`).
    enum TLSMode: Sendable, Equatable {
        /// Plain TCP (`sslmode=disable`).
        case disable
        /// TLS when the server offers it, else plain TCP (the default, `prefer`/`allow`).
        case prefer
        /// TLS or fail (`require`, `verify-ca`, `verify-full`).
        case require
    }

    var host: String
    var port: Int
    var username: String
    var password: String?
    var database: String
    var tls: TLSMode

    /// Parses `text`; throws `.unavailable` naming what is wrong (never echoing the password).
    init(parsing text: String) throws(CatalogError) {
        guard let components = URLComponents(string: text),
            let scheme = components.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql"
        else {
            throw .unavailable("catalog URL must look like postgres://user:password@host:port/database")
        }
        guard let host = components.host, !host.isEmpty else {
            throw .unavailable("catalog URL has no host")
        }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw .unavailable("catalog URL must name one database, e.g. postgres://user@host:5432/herald")
        }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw .unavailable("catalog URL port \(port) is out of range") }
        self.host = host
        self.port = port
        self.username = components.user ?? "postgres"
        self.password = components.password
        self.database = database
        self.tls = try Self.tlsMode(components.queryItems ?? [])
    }

    private static func tlsMode(_ items: [URLQueryItem]) throws(CatalogError) -> TLSMode {
        var mode = TLSMode.prefer
        for item in items {
            switch item.name {
            case "sslmode":
                switch item.value ?? "" {
                case "disable": mode = .disable
                case "allow", "prefer": mode = .prefer
                case "require", "verify-ca", "verify-full": mode = .require
                default: throw .unavailable("catalog URL has an unknown sslmode '\(item.value ?? "")'")
                }
            default:
                throw .unavailable("catalog URL has an unsupported parameter '\(item.name)' (only sslmode)")
            }
        }
        return mode
    }

    /// The URL again (password and sslmode included).
    var string: String {
        var components = URLComponents()
        components.scheme = "postgres"
        components.user = username
        components.password = password
        components.host = host
        components.port = port
        components.path = "/" + database
        switch tls {
        case .disable: components.queryItems = [URLQueryItem(name: "sslmode", value: "disable")]
        case .prefer: break
        case .require: components.queryItems = [URLQueryItem(name: "sslmode", value: "require")]
        }
        return components.string ?? redacted
    }

    /// The URL without its password, for messages.
    var redacted: String {
        "postgres://\(username)@\(host):\(port)/\(database)"
    }
}
