import Foundation
import Logging
import Shared
import Synchronization
import XCTest

final class JSONLogHandlerTests: XCTestCase {
    func testWritesOneObjectPerRecordWithMetadataAsMembers() throws {
        let lines = CapturedLines()
        var handler = JSONLogHandler(label: "herald.test") { line in lines.value.withLock { $0.append(line) } }
        handler.logLevel = .debug
        handler[metadataKey: "node"] = "node-1"
        let logger = Logger(label: "herald.test", factory: { _ in handler })
        logger.debug("rpc request", metadata: ["request_id": "req-1", "quote": "say \"hi\"\nnext"])
        logger.trace("below the level")

        let written = lines.value.withLock { $0 }
        XCTAssertEqual(written.count, 1)
        let line = try XCTUnwrap(written.first)
        XCTAssertTrue(line.hasSuffix("}\n"))
        XCTAssertEqual(line.filter { $0 == "\n" }.count, 1, "one line per record, newlines escaped")
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        XCTAssertEqual(object["message"], "rpc request")
        XCTAssertEqual(object["level"], "debug")
        XCTAssertEqual(object["label"], "herald.test")
        XCTAssertEqual(object["node"], "node-1")
        XCTAssertEqual(object["request_id"], "req-1")
        XCTAssertEqual(object["quote"], "say \"hi\"\nnext")
        let time = try XCTUnwrap(object["time"])
        XCTAssertNotNil(try? Date(time, strategy: .iso8601), time)
    }
}

private final class CapturedLines: Sendable {
    let value = Mutex<[String]>([])
}
