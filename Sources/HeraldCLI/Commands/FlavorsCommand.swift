import ArgumentParser
import Shared

/// `herald flavors ...`: named groups of pools that queues choose with `_flavor` (spec §2.7).
struct FlavorsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flavors", abstract: "Create, list, update and remove flavors (groups of pools).",
        subcommands: [AddFlavor.self, ListFlavors.self, ShowFlavor.self, UpdateFlavor.self, RemoveFlavor.self]
    )

    /// Page size used when listing.
    static let pageSize = 20

    /// The API path of one flavor.
    static func path(_ name: String) -> String { "/v2/flavors/" + pathSegment(name) }

    /// `{"pool_list": [...]}`.
    static func body(pools: [String]) -> JSONValue {
        .object([("pool_list", .array(pools.map(JSONValue.string)))])
    }

    /// Comma-separated names of a JSON array of strings, `-` when absent or empty.
    static func names(_ value: JSONValue?) -> String {
        let names = (value?.arrayValue ?? []).map(\.displayText)
        return names.isEmpty ? "-" : names.joined(separator: ", ")
    }

    /// Prints one flavor as `key: value` lines.
    static func show(_ flavor: JSONValue) {
        Output.keyValues([
            ("name", flavor["name"]?.displayText ?? "-"),
            ("pools", names(flavor["pool_list"])),
            ("capabilities", names(flavor["capabilities"])),
            ("href", flavor["href"]?.displayText ?? "-"),
        ])
    }
}

/// Rejects an empty or blank `--pool` list.
private func validatePools(_ pools: [String]) throws {
    guard !pools.isEmpty else { throw ValidationError("give at least one --pool") }
    guard !pools.contains(where: \.isEmpty) else { throw ValidationError("--pool may not be empty") }
}

struct AddFlavor: AdminCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Create a flavor over existing pools (PUT /v2/flavors/NAME).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Flavor name.")
    var name: String

    @Option(name: .customLong("pool"), help: "A member pool (repeatable).")
    var pools: [String] = []

    func validate() throws { try validatePools(pools) }

    func run(with client: AdminClient) async throws(CLIError) {
        try await refuseExisting(client, path: FlavorsCommand.path(name), what: "flavor \(name)", update: "herald flavors update")
        try await client.request(.PUT, FlavorsCommand.path(name), body: FlavorsCommand.body(pools: pools), expecting: [201])
        if global.json {
            return Output.rawJSON(try await client.request(.GET, FlavorsCommand.path(name), expecting: [200]).body)
        }
        print("Added flavor \(name) (pools: \(pools.joined(separator: ", "))).")
    }
}

struct ListFlavors: AdminCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List every flavor of the project.")

    @OptionGroup var global: GlobalOptions

    func run(with client: AdminClient) async throws(CLIError) {
        let flavors = try await PagedListing.collect(
            client, path: "/v2/flavors?limit=\(FlavorsCommand.pageSize)&detailed=true", key: "flavors")
        if global.json { return Output.json(.object([("flavors", .array(flavors))])) }
        guard !flavors.isEmpty else { return print("No flavors.") }
        Output.table(
            ["name", "pools"],
            flavors.map { [$0["name"]?.displayText ?? "-", FlavorsCommand.names($0["pool_list"])] })
    }
}

struct ShowFlavor: AdminCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one flavor.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Flavor name.")
    var name: String

    func run(with client: AdminClient) async throws(CLIError) {
        let response = try await client.request(.GET, FlavorsCommand.path(name), expecting: [200])
        if global.json { return Output.rawJSON(response.body) }
        FlavorsCommand.show(try response.json())
    }
}

struct UpdateFlavor: AdminCommand {
    static let configuration = CommandConfiguration(
        commandName: "update", abstract: "Replace a flavor's pools (PATCH).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Flavor name.")
    var name: String

    @Option(name: .customLong("pool"), help: "A member pool (repeatable); the list replaces the old one.")
    var pools: [String] = []

    func validate() throws { try validatePools(pools) }

    func run(with client: AdminClient) async throws(CLIError) {
        let response = try await client.request(
            .PATCH, FlavorsCommand.path(name), body: FlavorsCommand.body(pools: pools), expecting: [200])
        if global.json { return Output.rawJSON(response.body) }
        FlavorsCommand.show(try response.json())
    }
}

struct RemoveFlavor: AdminCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a flavor (DELETE).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Flavor name.")
    var name: String

    func run(with client: AdminClient) async throws(CLIError) {
        try await client.request(.DELETE, FlavorsCommand.path(name), expecting: [204])
        if global.json { return Output.json(.object([("removed", .string(name))])) }
        print("Removed flavor \(name).")
    }
}
