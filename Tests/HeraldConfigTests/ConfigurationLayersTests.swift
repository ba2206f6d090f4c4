import ArgumentParser
@testable import HeraldConfig
import XCTest

/// A command shaped like the router's options, to read the option list the way the processes do.
private struct SampleCommand: ParsableCommand {
    @Option var config: String?
    @Option var host = "127.0.0.1"
    @Option var port = 8888
    @Option(name: .customLong("pool")) var pools: [String] = []
    @Flag var adminMode = false
    @Option var rateLimitPerProject: Double = 0
    @Option var maxURLLength = 8192
}

final class ConfigurationLayersTests: XCTestCase {
    private var options: [OptionSpec] { get throws { try OptionSpec.options(fromToolInfo: SampleCommand._dumpHelp()) } }

    private func resolve(
        _ commandLine: [String], file: String? = nil, environment: [String: String] = [:]
    ) throws -> ResolvedArguments {
        var environment = environment
        if file != nil { environment["HERALD_TEST_CONFIG"] = "/etc/herald/test.toml" }
        return try ConfigurationLayers.resolve(
            options: try options, commandLine: commandLine, environment: environment, environmentPrefix: "HERALD_TEST_",
            readFile: { path in
                XCTAssertEqual(path, "/etc/herald/test.toml")
                return file ?? ""
            })
    }

    func testOptionListComesFromTheCommand() throws {
        XCTAssertEqual(try options, [
            OptionSpec(name: "host", isFlag: false, isRepeating: false, defaultValue: "127.0.0.1"),
            OptionSpec(name: "port", isFlag: false, isRepeating: false, defaultValue: "8888"),
            OptionSpec(name: "pool", isFlag: false, isRepeating: true),
            OptionSpec(name: "admin-mode", isFlag: true, isRepeating: false),
            OptionSpec(name: "rate-limit-per-project", isFlag: false, isRepeating: false, defaultValue: "0.0"),
            OptionSpec(name: "max-url-length", isFlag: false, isRepeating: false, defaultValue: "8192"),
        ])
    }

    func testFileThenEnvironmentThenCommandLine() throws {
        let file = """
            host = "0.0.0.0"
            port = 9000
            pool = ["a=herald://127.0.0.1:1", "b=herald://127.0.0.1:2"]
            admin_mode = true
            max-url-length = 4096
            """
        let resolved = try resolve(
            ["--port", "9100"], file: file, environment: ["HERALD_TEST_MAX_URL_LENGTH": "2048", "HERALD_TEST_RATE_LIMIT_PER_PROJECT": "5"])
        let command = try SampleCommand.parse(resolved.arguments)
        XCTAssertEqual(command.host, "0.0.0.0")
        XCTAssertEqual(command.port, 9100, "the command line wins")
        XCTAssertEqual(command.pools, ["a=herald://127.0.0.1:1", "b=herald://127.0.0.1:2"])
        XCTAssertTrue(command.adminMode)
        XCTAssertEqual(command.maxURLLength, 2048, "the environment beats the file")
        XCTAssertEqual(command.rateLimitPerProject, 5)
        XCTAssertEqual(resolved.origins["host"], "/etc/herald/test.toml:1")
        XCTAssertEqual(resolved.origins["max-url-length"], "$HERALD_TEST_MAX_URL_LENGTH")
        XCTAssertNil(resolved.origins["port"])
    }

    func testRepeatedOptionOnTheCommandLineReplacesTheFileList() throws {
        let resolved = try resolve(["--pool", "c=herald://127.0.0.1:3"], file: "pool = [\"a=herald://127.0.0.1:1\"]")
        XCTAssertEqual(try SampleCommand.parse(resolved.arguments).pools, ["c=herald://127.0.0.1:3"])
    }

    func testEnvironmentFlagsAndLists() throws {
        var resolved = try resolve([], file: "admin-mode = true", environment: ["HERALD_TEST_ADMIN_MODE": "false"])
        XCTAssertFalse(try SampleCommand.parse(resolved.arguments).adminMode, "false in the environment turns the file's flag off")
        resolved = try resolve([], environment: ["HERALD_TEST_ADMIN_MODE": "yes", "HERALD_TEST_POOL": "a=x:1 b=y:2"])
        let command = try SampleCommand.parse(resolved.arguments)
        XCTAssertTrue(command.adminMode)
        XCTAssertEqual(command.pools, ["a=x:1", "b=y:2"])
        XCTAssertThrowsError(try resolve([], environment: ["HERALD_TEST_ADMIN_MODE": "maybe"])) { error in
            XCTAssertEqual("\(error)", "$HERALD_TEST_ADMIN_MODE: admin-mode is a switch: give true or false, not \"maybe\"")
        }
    }

    func testValuesKeepLeadingDashes() throws {
        let resolved = try resolve([], file: "host = \"-weird\"")
        XCTAssertEqual(try SampleCommand.parse(resolved.arguments).host, "-weird")
    }

    func testUnknownKeysAndWrongShapesNameTheKey() {
        let cases: [(String, String)] = [
            ("prot = 1", "configuration file /etc/herald/test.toml, line 1: unknown key prot; did you mean port?"),
            ("\n\nbanana = 1", "configuration file /etc/herald/test.toml, line 3: unknown key banana"),
            ("config = \"other.toml\"", "configuration file /etc/herald/test.toml, line 1: unknown key config"),
            ("port = [1, 2]", "/etc/herald/test.toml, line 1: port takes one value, not an array"),
            ("admin-mode = \"yes\"", "/etc/herald/test.toml, line 1: admin-mode is a switch: give true or false, not a string"),
            ("pool = [[\"a\"]]", "/etc/herald/test.toml, line 1: pool takes a list of plain values, not nested arrays"),
            ("port = ", "configuration file /etc/herald/test.toml, line 1: expected a value"),
        ]
        for (file, message) in cases {
            XCTAssertThrowsError(try resolve([], file: file), file) { error in
                XCTAssertEqual("\(error)", message)
            }
        }
    }

    func testHelpIgnoresTheConfiguration() throws {
        let resolved = try resolve(["--help"], file: "banana = 1")
        XCTAssertEqual(resolved.arguments, ["--help"])
    }

    func testConfigPathFromTheCommandLine() {
        XCTAssertEqual(
            ConfigurationLayers.configPath(commandLine: ["--config", "a.toml"], environment: ["P_CONFIG": "b"], prefix: "P_"), "a.toml")
        XCTAssertEqual(ConfigurationLayers.configPath(commandLine: ["--config=c.toml"], environment: [:], prefix: "P_"), "c.toml")
        XCTAssertEqual(ConfigurationLayers.configPath(commandLine: [], environment: ["P_CONFIG": "b"], prefix: "P_"), "b")
        XCTAssertNil(ConfigurationLayers.configPath(commandLine: [], environment: [:], prefix: "P_"))
    }

    func testMentionsMatchesWholeOptionNames() {
        XCTAssertTrue(SampleConfigurable.mentions("--port must be within 0...65535", option: "port"))
        XCTAssertTrue(SampleConfigurable.mentions("The value 'x' is invalid for '--port <port>'", option: "port"))
        XCTAssertFalse(SampleConfigurable.mentions("--port-range is wrong", option: "port"))
    }
}

private struct SampleConfigurable: ConfigurableCommand {
    static let environmentPrefix = "SAMPLE_"
    func run() async throws {}
}
