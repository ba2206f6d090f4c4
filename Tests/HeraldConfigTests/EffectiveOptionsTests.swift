import ArgumentParser
@testable import HeraldConfig
import Shared
import XCTest

private struct SampleCommand: ParsableCommand {
    @Option var config: String?
    @Option var host = "127.0.0.1"
    @Option var port = 8888
    @Option(name: .customLong("rpc-tls-ca")) var rpcTLSCA: String?
    @Option(name: .customLong("pool")) var pools: [String] = []
    @Flag var adminMode = false
    @Option var clusterSecret: String?
    @Option var signedURLSecret: String?
}

final class EffectiveOptionsTests: XCTestCase {
    func testEveryOptionUnderItsRealNameWithValueOriginAndSecretsHidden() throws {
        let options = try OptionSpec.options(fromToolInfo: SampleCommand._dumpHelp())
        let resolved = try ConfigurationLayers.resolve(
            options: options, commandLine: ["--config", "r.toml", "--cluster-secret", "hunter2", "--pool", "c=herald://h:3"],
            environment: ["T_PORT": "9000"], environmentPrefix: "T_",
            readFile: { _ in "admin-mode = true\nrpc-tls-ca = \"/etc/ca.pem\"\npool = [\"a=herald://h:1\"]\n" })
        let entries = EffectiveOptions.entries(
            options: options, resolved: resolved, fallbacks: ["signed-url-secret": "HERALD_SIGNED_URL_SECRET"])
        XCTAssertEqual(entries.map(\.key), [
            "host", "port", "rpc-tls-ca", "pool", "admin-mode", "cluster-secret", "signed-url-secret",
        ])
        let values = Dictionary(uniqueKeysWithValues: entries.map { ($0.key, $0.value.rendered) })
        XCTAssertEqual(values["host"], "127.0.0.1")
        XCTAssertEqual(values["port"], "9000 (from $T_PORT)")
        XCTAssertEqual(values["rpc-tls-ca"], "/etc/ca.pem (from r.toml:2)")
        XCTAssertEqual(values["pool"], "c=herald://h:3", "the command line's list replaces the file's")
        XCTAssertEqual(values["admin-mode"], "true (from r.toml:1)")
        XCTAssertEqual(values["cluster-secret"], "***")
        XCTAssertEqual(values["signed-url-secret"], "*** (from $HERALD_SIGNED_URL_SECRET)")
        XCTAssertFalse(entries.contains { $0.value.rendered.contains("hunter2") })
    }

    func testUnsetOptionsShowAsUnset() throws {
        let options = try OptionSpec.options(fromToolInfo: SampleCommand._dumpHelp())
        let entries = EffectiveOptions.entries(options: options, resolved: ResolvedArguments(arguments: [], origins: [:]))
        let values = Dictionary(uniqueKeysWithValues: entries.map { ($0.key, $0.value.rendered) })
        XCTAssertEqual(values["cluster-secret"], "(unset)")
        XCTAssertEqual(values["admin-mode"], "false")
        XCTAssertEqual(values["port"], "8888")
    }
}
