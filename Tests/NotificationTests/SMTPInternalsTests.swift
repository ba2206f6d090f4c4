@testable import StorageNode
import XCTest

final class SMTPInternalsTests: XCTestCase {
    func testReplyParserJoinsMultiLineRepliesAcrossChunks() throws {
        var parser = SMTPReplyParser()
        parser.append(Array("250-mail.example\r\n250-8BIT".utf8))
        XCTAssertNil(try parser.nextReply())
        parser.append(Array("MIME\r\n250 AUTH PLAIN\r\n220 next\n".utf8))
        XCTAssertEqual(try parser.nextReply(), SMTPReply(code: 250, lines: ["mail.example", "8BITMIME", "AUTH PLAIN"]))
        XCTAssertEqual(try parser.nextReply(), SMTPReply(code: 220, lines: ["next"]))
        XCTAssertNil(try parser.nextReply())
    }

    func testReplyParserRejectsGarbage() {
        for garbage in ["HTTP/1.1 200 OK\r\n", "25\r\n", "250*x\r\n", "250-a\r\n354 b\r\n"] {
            var parser = SMTPReplyParser()
            parser.append(Array(garbage.utf8))
            XCTAssertThrowsError(try parser.nextReply(), garbage)
        }
        var endless = SMTPReplyParser()
        endless.append(Array(repeating: UInt8(ascii: "2"), count: SMTPReplyParser.maximumLineLength + 1))
        XCTAssertThrowsError(try endless.nextReply())
    }

    func testLongLinesAreSentAsBase64() throws {
        let body = String(repeating: "x", count: 2000)
        let rendered = String(decoding: SMTPMessage.render(from: "a@b.c", to: "d@e.f", subject: "s", body: body), as: UTF8.self)
        XCTAssertTrue(rendered.contains("Content-Transfer-Encoding: base64\r\n"))
        let lines = rendered.components(separatedBy: "\r\n")
        XCTAssertTrue(lines.allSatisfy { $0.utf8.count <= 998 })
        let encoded = lines.drop { !$0.isEmpty }.dropFirst().prefix { $0 != "." }.joined()
        XCTAssertEqual(Data(base64Encoded: encoded).map { String(decoding: $0, as: UTF8.self) }, body)
        XCTAssertTrue(rendered.hasSuffix("\r\n.\r\n"))
    }

    func testSubjectCannotInjectHeaders() {
        let rendered = String(
            decoding: SMTPMessage.render(from: "a@b.c", to: "d@e.f", subject: "hi\r\nBcc: x@y.z", body: "b"), as: UTF8.self)
        XCTAssertFalse(rendered.contains("\r\nBcc:"))
        XCTAssertTrue(rendered.contains("Subject: hi  Bcc: x@y.z\r\n"))
    }
}
