import ArgumentParser
import Shared

/// `herald pools ...`: storage nodes registered as pools (spec §2.6).
struct PoolsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pools", abstract: "Register, list, update, drain and remove storage pools.",
        subcommands: [AddPool.self, ListPools.self, ShowPool.self, UpdatePool.self, DrainPool.self, RemovePool.self]
    )

    /// Page size used when listing.
    static let pageSize = 20

    /// The API path of one pool.
    static func path(_ name: String) -> String { "/v2/pools/" + pathSegment(name) }

    /// Prints one pool as `key: value` lines (or its JSON).
    static func show(_ pool: JSONValue, json: Bool) {
        if json { return Output.json(pool) }
        var lines: [(String, String)] = [
            ("name", pool["name"]?.displayText ?? "-"),
            ("uri", pool["uri"]?.displayText ?? "-"),
            ("weight", pool["weight"]?.displayText ?? "-"),
            ("flavor", pool["flavor"]?.displayText ?? "-"),
        ]
        if let options = pool["options"] { lines.append(("options", options.displayText)) }
        lines.append(("href", pool["href"]?.displayText ?? "-"))
        Output.keyValues(lines)
    }
}

/// Pool weights the API accepts (spec §2.6).
let poolWeightRange: ClosedRange<Int> = 0...4_294_967_295

/// `add` never overwrites: a PUT on an existing name would replace it (spec §2.6), so the CLI
/// checks first and points at `update` instead.
func refuseExisting(_ client: AdminClient, path: String, what: String, update: String) async throws(CLIError) {
    let existing = try await client.send(.GET, path)
    switch existing.status {
    case 200: throw .conflict("\(what) already exists; change it with `\(update)`")
    case 404: return
    default: throw AdminClient.serverError(existing)
    }
}

/// Parses `--options` as a JSON object.
func parseOptionsObject(_ text: String) throws -> JSONValue {
    guard let value = try? JSONValue.parse(Array(text.utf8)), case .object = value else {
        throw ValidationError("--options must be a JSON object, e.g. '{\"tier\":\"ssd\"}'")
    }
    return value
}

struct AddPool: AdminCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Register a storage node as a pool (PUT /v2/pools/NAME).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Pool name.")
    var name: String

    @Option(help: "The storage node, e.g. herald://127.0.0.1:7003.")
    var uri: String

    @Option(help: "Share of new queues; 0 takes none (drain).")
    var weight = 100

    @Option(help: "Flavor the pool belongs to.")
    var flavor: String?

    @Option(help: "Storage options as a JSON object.")
    var options: String?

    func validate() throws {
        guard poolWeightRange.contains(weight) else { throw ValidationError("--weight must be within 0...4294967295") }
        if let options { _ = try parseOptionsObject(options) }
    }

    func run(with client: AdminClient) async throws(CLIError) {
        try await refuseExisting(client, path: PoolsCommand.path(name), what: "pool \(name)", update: "herald pools update")
        var members: [(key: String, value: JSONValue)] = [("uri", .string(uri)), ("weight", .int(Int64(weight)))]
        if let flavor { members.append(("flavor", .string(flavor))) }
        if let options, let object = try? parseOptionsObject(options) { members.append(("options", object)) }
        try await client.request(.PUT, PoolsCommand.path(name), body: .object(members), expecting: [201])
        if global.json {
            let pool = try await client.request(.GET, PoolsCommand.path(name), expecting: [200])
            return Output.rawJSON(pool.body)
        }
        print("Added pool \(name) (\(uri), weight \(weight)\(flavor.map { ", flavor \($0)" } ?? "")).")
    }
}

struct ListPools: AdminCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List every pool (follows the pages).")

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Include each pool's options.")
    var detailed = false

    func run(with client: AdminClient) async throws(CLIError) {
        let path = "/v2/pools?limit=\(PoolsCommand.pageSize)" + (detailed ? "&detailed=true" : "")
        let pools = try await PagedListing.collect(client, path: path, key: "pools")
        if global.json { return Output.json(.object([("pools", .array(pools))])) }
        guard !pools.isEmpty else { return print("No pools.") }
        var headers = ["name", "uri", "weight", "flavor"]
        if detailed { headers.append("options") }
        Output.table(headers, pools.map { pool in headers.map { pool[$0]?.displayText ?? "-" } })
    }
}

struct ShowPool: AdminCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one pool with its options.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Pool name.")
    var name: String

    func run(with client: AdminClient) async throws(CLIError) {
        let response = try await client.request(.GET, PoolsCommand.path(name) + "?detailed=true", expecting: [200])
        if global.json { return Output.rawJSON(response.body) }
        PoolsCommand.show(try response.json(), json: false)
    }
}

struct UpdatePool: AdminCommand {
    static let configuration = CommandConfiguration(
        commandName: "update", abstract: "Change a pool's uri, weight, flavor or options (PATCH).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Pool name.")
    var name: String

    @Option(help: "New storage node uri.")
    var uri: String?

    @Option(help: "New weight; 0 drains the pool (no new queues).")
    var weight: Int?

    @Option(help: "New flavor; an empty string removes the pool from its flavor.")
    var flavor: String?

    @Option(help: "New storage options as a JSON object.")
    var options: String?

    func validate() throws {
        guard uri != nil || weight != nil || flavor != nil || options != nil else {
            throw ValidationError("give at least one of --uri, --weight, --flavor, --options")
        }
        if let weight, !poolWeightRange.contains(weight) { throw ValidationError("--weight must be within 0...4294967295") }
        if let options { _ = try parseOptionsObject(options) }
    }

    func run(with client: AdminClient) async throws(CLIError) {
        var members: [(key: String, value: JSONValue)] = []
        if let uri { members.append(("uri", .string(uri))) }
        if let weight { members.append(("weight", .int(Int64(weight)))) }
        if let flavor { members.append(("flavor", .string(flavor))) }
        if let options, let object = try? parseOptionsObject(options) { members.append(("options", object)) }
        let response = try await client.request(.PATCH, PoolsCommand.path(name), body: .object(members), expecting: [200])
        if global.json { return Output.rawJSON(response.body) }
        PoolsCommand.show(try response.json(), json: false)
    }
}

struct RemovePool: AdminCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Remove a pool that holds no queues (DELETE).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Pool name.")
    var name: String

    func run(with client: AdminClient) async throws(CLIError) {
        try await client.request(.DELETE, PoolsCommand.path(name), expecting: [204])
        if global.json { return Output.json(.object([("removed", .string(name))])) }
        print("Removed pool \(name).")
    }
}
