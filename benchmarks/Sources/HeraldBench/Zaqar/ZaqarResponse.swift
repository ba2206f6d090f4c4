import NIOCore
import Shared

/// One answer of the endpoint: status and the whole body.
struct ZaqarResponse: Sendable {
    /// How much of a body ``bodyText`` shows.
    static let shownBodyLength = 500

    /// The HTTP status code.
    var status: Int
    /// The response body (empty for 204).
    var body: ByteBuffer
    /// The `Location` header, if any (e.g. the claim created by a claim POST).
    var location: String?

    /// True for 2xx answers.
    var isSuccess: Bool { (200..<300).contains(status) }

    /// The start of the body as text, for error reports.
    var bodyText: String {
        String(decoding: body.readableBytesView.prefix(Self.shownBodyLength), as: UTF8.self)
    }

    /// The body parsed as JSON, or nil when it is not JSON.
    func json() -> JSONValue? {
        try? JSONValue.parse(body.readableBytesView)
    }
}
