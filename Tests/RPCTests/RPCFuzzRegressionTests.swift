import Foundation
import RPCFuzzing
import Shared
import XCTest

/// Replays the fuzzer's seed corpus and every input it once failed on (`Fuzz/Regressions/`)
/// through the fuzz target's own decode path: each input must decode or end in a typed error,
/// without a crash, a trap or a broken codec property (``RPCFuzzViolation``).
final class RPCFuzzRegressionTests: XCTestCase {
    private static let fuzzDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    func testSeedCorpusCoversEveryRequestResponseAndHandshakeMessage() throws {
        let inputs = try Self.inputs(in: "Corpus/rpc-frames")
        var requests: Set<NodeRequest.Opcode> = []
        var responses: Set<NodeResponse.Opcode> = []
        var handshake: Set<String> = []
        for (name, bytes) in inputs {
            let summary = try Self.run(name, bytes)
            if name.hasPrefix("request-") {
                XCTAssertNil(summary.requestError, name)
                XCTAssertEqual(summary.requests.count, 1, name)
            }
            if name.hasPrefix("response-") {
                XCTAssertNil(summary.responseError, name)
                XCTAssertEqual(summary.responses.count, 1, name)
            }
            requests.formUnion(summary.requests)
            responses.formUnion(summary.responses)
            handshake.formUnion(summary.handshakeMessages)
        }
        XCTAssertEqual(requests, Set(NodeRequest.Opcode.allCases))
        XCTAssertEqual(responses, Set(NodeResponse.Opcode.allCases))
        XCTAssertEqual(handshake, ["server hello", "verdict", "client answer"])
    }

    func testCommittedSeedsAreWhatTheEncoderWritesToday() throws {
        let committed = Dictionary(uniqueKeysWithValues: try Self.inputs(in: "Corpus/rpc-frames"))
        let expected = RPCSeedCorpus.seeds
        XCTAssertEqual(Set(committed.keys), Set(expected.map(\.name)), "regenerate with: herald-rpc-fuzz --write-seeds Fuzz/Corpus/rpc-frames")
        for seed in expected {
            XCTAssertEqual(committed[seed.name], seed.bytes, "\(seed.name) is stale; regenerate with herald-rpc-fuzz --write-seeds")
        }
    }

    func testEveryRegressionInputDecodesOrFailsWithATypedError() throws {
        let inputs = try Self.inputs(in: "Regressions")
        for (name, bytes) in inputs {
            _ = try Self.run(name, bytes)
        }
    }

    /// The fuzz target's decode path; a violation fails the test with the input's name.
    private static func run(_ name: String, _ bytes: [UInt8]) throws -> RPCWireSummary {
        do {
            return try RPCWireExercise.run(bytes)
        } catch {
            XCTFail("\(name): \(error)")
            throw error
        }
    }

    /// Every file of a folder under `Fuzz/` (dot files excepted), by name.
    private static func inputs(in folder: String) throws -> [(String, [UInt8])] {
        let directory = fuzzDirectory.appendingPathComponent(folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { !$0.hasPrefix(".") }.sorted()
        return try names.map { ($0, [UInt8](try Data(contentsOf: directory.appendingPathComponent($0)))) }
    }
}
