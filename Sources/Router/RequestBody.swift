import Hummingbird
import NIOCore

/// Reads request bodies with a hard size bound (spec §1.3: limits apply to `Content-Length`
/// before parsing, and while streaming when there is no length).
enum RequestBodyReader {
    /// The declared `Content-Length`, if present and numeric.
    static func declaredLength(of request: Request) -> Int? {
        request.headers[.contentLength].flatMap { Int($0.trimmingASCIISpaces()) }
    }

    /// Collects at most `limit` bytes; throws `tooLarge` when the declared or streamed size exceeds
    /// it, and 400 when the body breaks off (the client went away, or the connection was cut by
    /// the body read timeout) — a client fault, not a service failure.
    static func collect(_ request: Request, limit: Int, tooLarge: APIError) async throws -> [UInt8] {
        if let declared = declaredLength(of: request), declared > limit { throw tooLarge }
        var bytes: [UInt8] = []
        do {
            for try await buffer in request.body {
                guard bytes.count + buffer.readableBytes <= limit else { throw tooLarge }
                bytes.append(contentsOf: buffer.readableBytesView)
            }
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError.invalidBody("The request body ended before it was complete.")
        }
        return bytes
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    func trimmingASCIISpaces() -> Substring {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return text
    }
}

/// True when a body is only JSON whitespace.
func isBlank(_ bytes: [UInt8]) -> Bool {
    bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
}
