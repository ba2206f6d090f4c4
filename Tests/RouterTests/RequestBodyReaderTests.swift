import HTTPTypes
import Hummingbird
@testable import Router
import Shared
import XCTest

final class RequestBodyReaderTests: XCTestCase {
    /// A request whose body arrives in chunks with no `Content-Length` (like a chunked upload).
    private func streamingRequest(chunks: [String], contentLength: Int? = nil) -> Request {
        var headers: HTTPFields = [:]
        if let contentLength { headers[.contentLength] = String(contentLength) }
        let buffers = chunks.map { ByteBuffer(string: $0) }
        let stream = AsyncStream<ByteBuffer> { continuation in
            for buffer in buffers { continuation.yield(buffer) }
            continuation.finish()
        }
        return Request(
            head: HTTPRequest(method: .post, scheme: "http", authority: "localhost", path: "/", headerFields: headers),
            body: RequestBody(asyncSequence: stream))
    }

    func testStreamedBodyWithinLimitIsCollected() async throws {
        let bytes = try await RequestBodyReader.collect(
            streamingRequest(chunks: ["abc", "def"]), limit: 6, tooLarge: .invalidBody("too large"))
        XCTAssertEqual(String(decoding: bytes, as: UTF8.self), "abcdef")
    }

    func testStreamedBodyOverLimitIsRejectedWithoutLength() async throws {
        do {
            _ = try await RequestBodyReader.collect(
                streamingRequest(chunks: ["abc", "defg", "never read"]), limit: 6, tooLarge: .invalidBody("too large"))
            XCTFail("expected the limit to be enforced")
        } catch let error as APIError {
            XCTAssertEqual(error.status, .badRequest)
            XCTAssertEqual(error.description, "too large")
        }
    }

    func testDeclaredLengthIsCheckedBeforeReading() async throws {
        do {
            _ = try await RequestBodyReader.collect(
                streamingRequest(chunks: ["a"], contentLength: 100), limit: 10, tooLarge: .invalidAPIRequest("declared"))
            XCTFail("expected the declared length to be rejected")
        } catch let error as APIError {
            XCTAssertEqual(error.title, "Invalid API request")
        }
    }
}

final class RetryPolicyValidationTests: XCTestCase {
    private func policy(_ text: String) throws -> JSONValue { try JSONValue.parse(Array(text.utf8)) }

    func testValidPolicies() throws {
        XCTAssertNoThrow(try RetryPolicyValidation.validate(try policy("{}")))
        XCTAssertNoThrow(try RetryPolicyValidation.validate(try policy(
            #"{"retries_with_no_delay": 1, "minimum_delay": 10, "maximum_delay": 100, "retry_backoff_function": "geometric", "ignore_subscription_override": true}"#)))
    }

    func testInvalidPolicies() throws {
        for text in [
            "[]", #"{"minimum_delay": "5"}"#, #"{"retry_backoff_function": "cubic"}"#,
            #"{"ignore_subscription_override": 1}"#, #"{"minimum_delay": 25}"#, #"{"minimum_delay": 0, "maximum_delay": 30}"#,
            #"{"maximum_delay": 10}"#,
        ] {
            XCTAssertThrowsError(try RetryPolicyValidation.validate(try policy(text)), text)
        }
    }

    func testQueuePutValidatesRetryPolicy() async throws {
        try await RouterHarness.run { http in
            let bad = try await http.send(.put, "/v2/queues/q1", body: #"{"_retry_policy": {"maximum_delay": 1}}"#)
            XCTAssertEqual(bad.status, .badRequest)
            let good = try await http.send(.put, "/v2/queues/q1", body: #"{"_retry_policy": {"minimum_delay": 1}}"#)
            XCTAssertEqual(good.status, .created)
        }
    }
}
