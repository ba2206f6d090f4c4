import NIOCore
import NIOHTTP1

/// One prepared answer of the canned server: status, `Location` (if any) and body.
struct CannedAnswer: Sendable {
    /// The HTTP status.
    var status: HTTPResponseStatus
    /// The `Location` header, if any.
    var location: String?
    /// The JSON body; empty for `201`/`204` answers without one.
    var body: ByteBuffer

    /// The answer with no body.
    static func empty(_ status: HTTPResponseStatus, location: String? = nil) -> CannedAnswer {
        CannedAnswer(status: status, location: location, body: ByteBuffer())
    }
}
