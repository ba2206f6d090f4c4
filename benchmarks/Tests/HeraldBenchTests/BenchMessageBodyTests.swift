import NIOCore
import Shared
import XCTest

@testable import HeraldBench

final class BenchMessageBodyTests: XCTestCase {
    func testBodyIsPaddedToTheRequestedSizeAndParses() throws {
        for (seq, sent, size) in [(0, UInt64(0), 256), (4_999, UInt64(123_456_789_012), 256), (7, UInt64(42), 1_000)] {
            var buffer = ByteBuffer()
            BenchMessageBody.write(seq: seq, sent: sent, size: size, into: &buffer)
            XCTAssertEqual(buffer.readableBytes, size, "seq \(seq) sent \(sent)")
            let body = try JSONValue.parse(buffer.readableBytesView)
            XCTAssertEqual(body["seq"], .int(Int64(seq)))
            XCTAssertEqual(body["sent"], .int(Int64(sent)))
        }
    }

    func testBodyTooSmallForItsFieldsHasAnEmptyPad() throws {
        var buffer = ByteBuffer()
        BenchMessageBody.write(seq: 12, sent: 345, size: 10, into: &buffer)
        XCTAssertEqual(String(buffer: buffer), #"{"seq":12,"sent":345,"pad":""}"#)
    }

    func testPostDocumentHoldsOneMessagePerSeqWithTheSameStamp() throws {
        let document = BenchMessageBody.postDocument(seqs: 20..<23, sent: 99, bodySize: 64)
        guard case .array(let messages)? = try JSONValue.parse(document.readableBytesView)["messages"] else {
            return XCTFail("no messages array")
        }
        XCTAssertEqual(messages.map { $0["body"]?["seq"] }, [.int(20), .int(21), .int(22)])
        XCTAssertEqual(messages.map { $0["body"]?["sent"] }, [.int(99), .int(99), .int(99)])
        XCTAssertEqual(messages.map { $0["body"]?.serialized().count }, [64, 64, 64])
    }

    func testDecimalDigits() {
        XCTAssertEqual(BenchMessageBody.decimalDigits(0), 1)
        XCTAssertEqual(BenchMessageBody.decimalDigits(9), 1)
        XCTAssertEqual(BenchMessageBody.decimalDigits(10), 2)
        XCTAssertEqual(BenchMessageBody.decimalDigits(UInt64.max), 20)
    }
}
