import Foundation
import HeraldConfig
import XCTest

/// The example configuration files in `deploy/` name every option of their binary (set or
/// commented out with its default) and nothing else: with every commented key switched on,
/// the binary's own option list accepts the whole file.
final class DeployConfigTests: XCTestCase {
    func testRouterExampleCoversEveryOption() throws {
        try assertExample("herald-router.toml", describes: "herald-router")
    }

    func testNodeExampleCoversEveryOption() throws {
        try assertExample("herald-node.toml", describes: "herald-node")
    }

    private func assertExample(_ file: String, describes binary: String, line: UInt = #line) throws {
        let text = try String(
            contentsOf: BinaryLocator.packageRoot.appendingPathComponent("deploy/\(file)"), encoding: .utf8)
        let dump = try CommandRun.run(try BinaryLocator.executable(binary).path, ["--experimental-dump-help"])
        XCTAssertEqual(dump.status, 0, dump.output, line: line)
        let options = try OptionSpec.options(fromToolInfo: dump.output)

        let everything = Self.uncommentingKeys(text)
        let entries = try TOMLReader.entries(of: everything)
        XCTAssertEqual(Set(entries.map(\.key)), Set(options.map(\.name)), "\(file) names each option of \(binary) once", line: line)
        let resolved = try ConfigurationLayers.resolve(
            options: options, commandLine: ["--config", file], environment: [:], environmentPrefix: "UNUSED_",
            readFile: { _ in everything })
        XCTAssertEqual(resolved.origins.count, options.count, line: line)
        // The file as shipped reads as it is, too.
        XCTAssertNoThrow(try TOMLReader.entries(of: text), line: line)
    }

    /// `# key = value  # note` → `key = value  # note`; other comments stay.
    private static func uncommentingKeys(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard line.hasPrefix("# "), let first = line.dropFirst(2).first, first.isLowercase,
                  line.contains(" = ")
            else { return String(line) }
            var uncommented = String(line.dropFirst(2))
            if uncommented.contains("\"…\"") { uncommented = uncommented.replacingOccurrences(of: "\"…\"", with: "\"x\"") }
            return uncommented
        }.joined(separator: "\n")
    }
}
