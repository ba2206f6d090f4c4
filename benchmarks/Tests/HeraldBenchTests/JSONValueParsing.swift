import NIOCore
import Shared
import XCTest

/// Test helper: reads the `messages` array of a JSON document.
enum JSONValueParsing {
    /// The elements of the document's top-level `messages` array; fails the test otherwise.
    static func messages(_ document: ByteBuffer) throws -> [JSONValue] {
        guard case .array(let messages)? = try JSONValue.parse(document.readableBytesView)["messages"] else {
            XCTFail("no messages array in \(String(buffer: document))")
            return []
        }
        return messages
    }
}
