import Hummingbird

/// The request-line and header bounds of ``AbuseLimits``, checked first in the pipeline:
/// a long URL is 414, a large header section 431 (JSON error documents).
///
/// The HTTP parser itself refuses anything beyond twice these bounds (see
/// ``ServerChannelSetup``) with a bare 400 and closes the connection, so no request head larger
/// than that is ever buffered.
enum RequestSizeLimits {
    /// Throws 414 or 431 when `request` exceeds `limits`.
    static func check(_ request: Request, limits: AbuseLimits) throws(APIError) {
        if let target = request.head.path, target.utf8.count > limits.maxURLLength {
            throw .uriTooLong(limit: limits.maxURLLength)
        }
        if headerBytes(request.headers) > limits.maxHeaderBytes {
            throw .headersTooLarge(limit: limits.maxHeaderBytes)
        }
    }

    /// The total size of the header names and values, in bytes.
    static func headerBytes(_ headers: HTTPFields) -> Int {
        headers.reduce(0) { $0 + $1.name.rawName.utf8.count + $1.value.utf8.count }
    }
}
