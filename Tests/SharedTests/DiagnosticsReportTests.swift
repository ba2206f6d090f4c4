import Foundation
import Shared
import XCTest

/// The diagnostics report model: which option names are secret, text and JSON renderings, and
/// the process figures read from /proc.
final class DiagnosticsReportTests: XCTestCase {
    func testSecretOptionNamesAreRecognised() {
        for name in ["cluster-secret", "smtp-password", "rpc-tls-key", "token-audience", "signed-url-secret", "message-encryption-key-file"] {
            XCTAssertTrue(CommandOptions.isSecret(name), name)
        }
        for name in ["host", "port", "pool", "admin-mode", "catalog"] {
            XCTAssertFalse(CommandOptions.isSecret(name), name)
        }
    }

    func testTextAndJSONRenderings() throws {
        let report = DiagnosticsReport(process: "herald-node", sections: [
            DiagnosticsSection("Package", [DiagnosticsEntry("herald version", .text(HeraldVersion.current))]),
            DiagnosticsSection("Open file descriptors", [DiagnosticsEntry("count", .integer(12))]),
            DiagnosticsSection("Connections", [DiagnosticsEntry("peers", .list(["127.0.0.1:5000", "127.0.0.1:5001"]))]),
            DiagnosticsSection("Storage", []),
        ])
        let lines = report.text.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[1], "==== Herald diagnostics report: herald-node ====")
        XCTAssertTrue(lines.contains("==== Package ===="))
        XCTAssertTrue(lines.contains("herald version: \(HeraldVersion.current)"))
        XCTAssertTrue(lines.contains("count: 12"))
        XCTAssertTrue(lines.contains("peers: 127.0.0.1:5000, 127.0.0.1:5001"))
        XCTAssertEqual(lines[lines.firstIndex(of: "==== Storage ====")! + 1], "(none)")

        let json = String(decoding: report.json.serialized(), as: UTF8.self)
        XCTAssertEqual(json, #"{"process":"herald-node","sections":{"package":{"herald version":"\#(HeraldVersion.current)"},"#
            + #""open_file_descriptors":{"count":12},"connections":{"peers":["127.0.0.1:5000","127.0.0.1:5001"]},"storage":{}}}"#)
    }

    func testProcessFiguresComeFromProc() throws {
        let threads = try XCTUnwrap(ProcessStatistics.threadCount)
        XCTAssertGreaterThan(threads, 0)
        XCTAssertGreaterThan(try XCTUnwrap(ProcessStatistics.openFileDescriptorCount), 2, "stdin, stdout and stderr at least")
        XCTAssertGreaterThan(try XCTUnwrap(ProcessStatistics.residentMemoryKB), 0)
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(ProcessStatistics.uptimeSeconds), 0)
        let package = ProcessDiagnostics.package(started: .now)
        XCTAssertEqual(package["process id"], .integer(Int64(ProcessInfo.processInfo.processIdentifier)))
        XCTAssertEqual(package["herald version"], .text(HeraldVersion.current))
    }
}
