import XCTest

@testable import Shared

final class JSONWriterTests: XCTestCase {
    func testObjectsArraysAndCommas() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("messages")
        writer.beginArray()
        writer.beginObject()
        writer.key("id")
        writer.string("m1")
        writer.key("ttl")
        writer.int(300)
        writer.key("claim_id")
        writer.null()
        writer.endObject()
        writer.beginObject()
        writer.endObject()
        writer.endArray()
        writer.key("count")
        writer.int64(Int64.min)
        writer.key("ok")
        writer.bool(true)
        writer.key("no")
        writer.bool(false)
        writer.key("empty")
        writer.beginArray()
        writer.endArray()
        writer.endObject()
        XCTAssertEqual(
            text(writer.bytes),
            #"{"messages":[{"id":"m1","ttl":300,"claim_id":null},{}],"count":-9223372036854775808,"ok":true,"no":false,"empty":[]}"#
        )
        XCTAssertNoThrow(try JSONValue.parse(writer.bytes))
    }

    func testRawSplicing() throws {
        var writer = JSONWriter(capacity: 8)
        writer.beginArray()
        writer.raw(Array(#"{"event":"x"}"#.utf8))
        writer.raw(Array("null".utf8))
        writer.int(3)
        writer.endArray()
        XCTAssertEqual(text(writer.bytes), #"[{"event":"x"},null,3]"#)

        var object = JSONWriter()
        object.beginObject()
        object.key("body")
        object.raw(Array("[1,2]".utf8))
        object.key("age")
        object.int(0)
        object.endObject()
        XCTAssertEqual(text(object.bytes), #"{"body":[1,2],"age":0}"#)
    }

    func testEscapingOfKeysAndStrings() throws {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("a\"b")
        writer.string("line\nbreak \\ é 😀 \u{1}")
        writer.endObject()
        XCTAssertEqual(text(writer.bytes), #"{"a\"b":"line\nbreak \\ é 😀 \u0001"}"#)
        XCTAssertEqual(
            try JSONValue.parse(writer.bytes),
            .object([(key: "a\"b", value: .string("line\nbreak \\ é 😀 \u{1}"))])
        )
    }

    func testValueWritesCompactJSON() throws {
        let value = try parse(#"{"b": [1, 2.5, "x"], "a": {}}"#)
        var writer = JSONWriter()
        writer.beginArray()
        writer.value(value)
        writer.value(.double(100))
        writer.value(.null)
        writer.endArray()
        XCTAssertEqual(text(writer.bytes), #"[{"b":[1,2.5,"x"],"a":{}},100.0,null]"#)
    }

    func testTopLevelScalar() {
        var writer = JSONWriter()
        writer.string("only")
        XCTAssertEqual(text(writer.bytes), #""only""#)
    }
}
