import Foundation
import XCTest

/// Unit checks of the harness's own parsing, independent of any running process.
final class HarnessTests: XCTestCase {
    func testReadyLineParsing() {
        let log = "booting\nherald-node listening on 127.0.0.1:40123\nmore output\n"
        XCTAssertEqual(ClusterProcess.parseReadyPort(in: log, banner: "herald-node"), 40123)
        XCTAssertNil(ClusterProcess.parseReadyPort(in: log, banner: "herald-router"))
        XCTAssertNil(ClusterProcess.parseReadyPort(in: "herald-node listening on 127.0.0.1:", banner: "herald-node"))
        XCTAssertEqual(
            ClusterProcess.parseReadyPort(in: "[info] herald-router listening on ::1:8888", banner: "herald-router"),
            8888
        )
    }

    func testJSONTreeAccessors() throws {
        let tree = try JSONTree(data: Data(#"{"a": [1, "x", null], "b": {"c": 2.5}}"#.utf8))
        XCTAssertEqual(tree["a"]?[0]?.int, 1)
        XCTAssertEqual(tree["a"]?[1]?.string, "x")
        XCTAssertEqual(tree["a"]?[2]?.isNull, true)
        XCTAssertNil(tree["a"]?[3])
        XCTAssertNil(tree["b"]?["c"]?.int, "2.5 is not an integer")
        XCTAssertEqual(tree.keys, ["a", "b"])
        XCTAssertThrowsError(try JSONTree(data: Data("not json".utf8)))
    }

    func testBinaryLocatorFindsPackageRoot() {
        let manifest = BinaryLocator.packageRoot.appendingPathComponent("Package.swift")
        XCTAssertTrue(FileManager.default.fileExists(atPath: manifest.path), manifest.path)
    }
}
