import NIOCore
import Shared
import XCTest

final class RPCCodecRoundTripTests: XCTestCase {
    func testFixturesCoverEveryOpcode() {
        XCTAssertEqual(Set(RPCFixtures.requests.map(\.opcode)), Set(NodeRequest.Opcode.allCases))
        XCTAssertEqual(Set(RPCFixtures.responses.map(\.opcode)), Set(NodeResponse.Opcode.allCases))
    }

    func testEveryRequestRoundTrips() throws {
        for (index, request) in RPCFixtures.requests.enumerated() {
            let id = UInt64(index) * 0x0101_0101_0101 + 7
            var wire = ByteBuffer()
            RPCMessageCodec.encodeRequest(request, id: id, into: &wire)
            let frame = try XCTUnwrap(try RPCFrameDecoder().nextFrame(from: &wire), "\(request)")
            XCTAssertEqual(wire.readableBytes, 0, "the length prefix covers the whole frame")
            let decoded = try RPCMessageCodec.decodeRequest(frame: frame)
            XCTAssertEqual(decoded.id, id)
            XCTAssertEqual(decoded.request, request)
            XCTAssertNil(decoded.trace)
        }
    }

    func testRequestTraceTravelsBeforeThePayload() throws {
        for request in RPCFixtures.requests {
            var wire = ByteBuffer()
            RPCMessageCodec.encodeRequest(request, id: 9, trace: "req-1b4e28ba-2fa1-11d2-883f-0016d3cca427", into: &wire)
            let frame = try XCTUnwrap(try RPCFrameDecoder().nextFrame(from: &wire))
            XCTAssertEqual(try RPCMessageCodec.decodeHeader(frame: frame).flags, RPCFrameHeader.traceFlag)
            let decoded = try RPCMessageCodec.decodeRequest(frame: frame)
            XCTAssertEqual(decoded.request, request)
            XCTAssertEqual(decoded.trace, "req-1b4e28ba-2fa1-11d2-883f-0016d3cca427")
        }
        // An id longer than the limit is left out rather than cut.
        var wire = ByteBuffer()
        RPCMessageCodec.encodeRequest(.stats(RPCFixtures.queue), id: 1, trace: String(repeating: "x", count: 256), into: &wire)
        let frame = try XCTUnwrap(try RPCFrameDecoder().nextFrame(from: &wire))
        XCTAssertEqual(try RPCMessageCodec.decodeHeader(frame: frame).flags, 0)
        XCTAssertNil(try RPCMessageCodec.decodeRequest(frame: frame).trace)
    }

    func testTraceFlagWithoutATraceIsMalformed() throws {
        var wire = ByteBuffer()
        RPCMessageCodec.encodeRequest(.stats(RPCFixtures.queue), id: 1, into: &wire)
        wire.setInteger(RPCFrameHeader.traceFlag, at: RPCMessageCodec.lengthPrefixSize + 5)
        let frame = try XCTUnwrap(try RPCFrameDecoder().nextFrame(from: &wire))
        XCTAssertThrowsError(try RPCMessageCodec.decodeRequest(frame: frame)) { error in
            XCTAssertTrue(error is RPCDecodingError, "\(error)")
        }
    }

    func testEveryResponseRoundTrips() throws {
        for (index, response) in RPCFixtures.responses.enumerated() {
            let id = UInt64.max - UInt64(index)
            var wire = ByteBuffer()
            RPCMessageCodec.encodeResponse(response, id: id, into: &wire)
            let frame = try XCTUnwrap(try RPCFrameDecoder().nextFrame(from: &wire), "\(response)")
            let decoded = try RPCMessageCodec.decodeResponse(frame: frame)
            XCTAssertEqual(decoded.id, id)
            XCTAssertEqual(decoded.response, response)
        }
    }

    func testEveryStorageErrorRoundTrips() throws {
        for error in RPCFixtures.errors {
            var wire = ByteBuffer()
            RPCMessageCodec.encodeResponse(.failure(error), id: 1, into: &wire)
            let frame = try XCTUnwrap(try RPCFrameDecoder().nextFrame(from: &wire))
            XCTAssertEqual(try RPCMessageCodec.decodeResponse(frame: frame).response, .failure(error))
        }
    }

    func testHeaderLayoutOnTheWire() throws {
        var wire = ByteBuffer()
        RPCMessageCodec.encodeRequest(.ping, id: 0x0102_0304_0506_0708, into: &wire)
        XCTAssertEqual(
            Array(wire.readableBytesView),
            [0, 0, 0, 14, 0x48, 0x52, 1, 0, NodeRequest.Opcode.ping.rawValue, 0, 1, 2, 3, 4, 5, 6, 7, 8]
        )
    }

    func testSeveralFramesInOneBufferAreSplitInOrder() throws {
        var wire = ByteBuffer()
        RPCMessageCodec.encodeRequest(.ping, id: 1, into: &wire)
        RPCMessageCodec.encodeRequest(.stats(RPCFixtures.queue), id: 2, into: &wire)
        var partial = wire.getSlice(at: 0, length: wire.readableBytes - 1) ?? ByteBuffer()
        let decoder = RPCFrameDecoder()

        let first = try XCTUnwrap(try decoder.nextFrame(from: &partial))
        XCTAssertEqual(try RPCMessageCodec.decodeRequest(frame: first).id, 1)
        XCTAssertNil(try decoder.nextFrame(from: &partial), "an incomplete frame waits for more bytes")

        _ = try decoder.nextFrame(from: &wire)
        let second = try XCTUnwrap(try decoder.nextFrame(from: &wire))
        XCTAssertEqual(try RPCMessageCodec.decodeRequest(frame: second).request, .stats(RPCFixtures.queue))
    }
}
