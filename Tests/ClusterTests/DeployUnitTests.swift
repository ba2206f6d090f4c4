import Foundation
import XCTest

/// The systemd units in `deploy/` pass `systemd-analyze verify` without a single complaint,
/// with their `ExecStart` binaries pointed at the ones just built.
final class DeployUnitTests: XCTestCase {
    func testEveryUnitInDeployVerifiesCleanly() throws {
        let analyzer = "/usr/bin/systemd-analyze"
        guard FileManager.default.isExecutableFile(atPath: analyzer) else {
            throw XCTSkip("systemd-analyze is not installed")
        }
        let deploy = BinaryLocator.packageRoot.appendingPathComponent("deploy")
        let units = try FileManager.default.contentsOfDirectory(atPath: deploy.path).filter { $0.hasSuffix(".service") || $0.hasSuffix(".socket") }.sorted()
        XCTAssertEqual(units, ["herald-node@.service", "herald-router.service", "herald-router.socket"])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("herald-units-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        // Every unit is written first: the socket is verified with the service it starts.
        for unit in units {
            var text = try String(contentsOf: deploy.appendingPathComponent(unit), encoding: .utf8)
            for binary in ["herald-node", "herald-router"] {
                text = text.replacingOccurrences(of: "/usr/local/bin/\(binary)", with: try BinaryLocator.executable(binary).path)
            }
            try Data(text.utf8).write(to: directory.appendingPathComponent(unit))
        }
        for unit in units {
            // A template is verified through one of its instances.
            let verified = unit.replacingOccurrences(of: "@.service", with: "@1.service")
            let verification = try CommandRun.run(analyzer, ["verify", directory.appendingPathComponent(verified).path])
            XCTAssertEqual(verification.status, 0, "\(unit): \(verification.output)")
            XCTAssertEqual(verification.output, "", "\(unit) verifies without warnings")
        }
    }
}
