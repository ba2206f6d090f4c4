import HeraldConfig
import XCTest

final class TOMLReaderTests: XCTestCase {
    func testReadsScalarsArraysTablesAndComments() throws {
        let text = """
            # a router
            host = "0.0.0.0"   # trailing comment
            port = 8_888
            rate_limit_per_project = 12.5
            admin-mode = true
            message-delete-with-claim-id = false
            pool = [
              "node1=herald://10.0.0.1:7001",  # first
              'node2=herald://10.0.0.2:7001,weight=2',
            ]

            [cors]
            allow-origin = ["https://app.example.com"]
            "max-age" = 600
            [rpc.tls]
            ca = '/etc/herald/ca.pem'
            """
        let entries = try TOMLReader.entries(of: text)
        XCTAssertEqual(entries.map(\.key), [
            "host", "port", "rate-limit-per-project", "admin-mode", "message-delete-with-claim-id", "pool",
            "cors-allow-origin", "cors-max-age", "rpc-tls-ca",
        ])
        XCTAssertEqual(entries[0].value, .string("0.0.0.0"))
        XCTAssertEqual(entries[1].value, .integer(8888))
        XCTAssertEqual(entries[2].value, .float(12.5))
        XCTAssertEqual(entries[3].value, .boolean(true))
        XCTAssertEqual(entries[4].value, .boolean(false))
        XCTAssertEqual(entries[5].value, .array([
            .string("node1=herald://10.0.0.1:7001"), .string("node2=herald://10.0.0.2:7001,weight=2"),
        ]))
        XCTAssertEqual(entries[5].line, 7)
        XCTAssertEqual(entries[8].value, .string("/etc/herald/ca.pem"))
        XCTAssertEqual(entries[8].line, 16)
    }

    func testStringEscapesAndMultilineStrings() throws {
        let text = #"""
            a = "tab\there \"quoted\" \u00e9 \\"
            b = """
            first
            second"""
            c = '''C:\no\escapes'''
            d = """\
                joined \
                line"""
            e = -42
            f = 1e3
            """#
        let values = Dictionary(uniqueKeysWithValues: try TOMLReader.entries(of: text).map { ($0.key, $0.value) })
        XCTAssertEqual(values["a"], .string("tab\there \"quoted\" é \\"))
        XCTAssertEqual(values["b"], .string("first\nsecond"))
        XCTAssertEqual(values["c"], .string(#"C:\no\escapes"#))
        XCTAssertEqual(values["d"], .string("joined line"))
        XCTAssertEqual(values["e"], .integer(-42))
        XCTAssertEqual(values["f"], .float(1000))
    }

    func testRefusesWhatNoOptionTakesWithTheLine() {
        let cases: [(String, Int, String)] = [
            ("port = 88\nport = 89", 2, "port is set twice (first on line 1)"),
            ("host = 0.0.0.0", 1, "0.0.0.0 is not a value"),
            ("host = localhost", 1, "localhost is not a value (strings need quotes"),
            ("a = 1\n\nb = \"open", 3, "the string is not closed"),
            ("[[pools]]", 1, "arrays of tables"),
            ("cors = { max-age = 1 }", 1, "inline tables are not supported"),
            ("when = 2026-12-06", 1, "dates and times are not supported"),
            ("port = 88 89", 1, "expected the end of the line"),
            ("pool = [\"a\" \"b\"]", 1, "expected , or ]"),
            ("pool = [\"a\",\n", 2, "the array is not closed"),
            ("= 3", 1, "expected a key"),
            ("a = \"\\q\"", 1, "\\q is not an escape"),
            ("a = 1__0", 1, "_ must sit between digits"),
        ]
        for (text, line, reason) in cases {
            XCTAssertThrowsError(try TOMLReader.entries(of: text), text) { error in
                guard let error = error as? TOMLSyntaxError else { return XCTFail("\(error)") }
                XCTAssertEqual(error.line, line, text)
                XCTAssertTrue(error.reason.contains(reason), "\(text): \(error.reason)")
            }
        }
    }

    func testEmptyAndCommentOnlyFilesHaveNoEntries() throws {
        XCTAssertEqual(try TOMLReader.entries(of: ""), [])
        XCTAssertEqual(try TOMLReader.entries(of: "# nothing\r\n\n   # here\n"), [])
    }
}
