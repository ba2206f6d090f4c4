import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The HTML answers of the operator page: never cached, never framed, never sniffed, and under
/// a content security policy that runs no script but the page's own.
enum OperatorResponses {
    /// The policy of the shell: only its own inline script and style (by hash) and requests to
    /// the router itself.
    static let shellPolicy = """
        default-src 'none'; script-src 'sha256-\(sha256Base64(OperatorScript.javaScript))'; \
        style-src 'sha256-\(sha256Base64(OperatorStyle.css))'; connect-src 'self'; base-uri 'none'; \
        form-action 'none'; frame-ancestors 'none'
        """
    /// The policy of the fragment (it is shown inside the shell; opened on its own, it runs nothing).
    static let fragmentPolicy = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    /// A `text/html` answer of `html`.
    static func html(_ html: String, policy: String) -> Response {
        let headers: HTTPFields = [
            .contentType: "text/html; charset=utf-8",
            .cacheControl: "no-store",
            .contentSecurityPolicy: policy,
            .contentTypeOptions: "nosniff",
            .referrerPolicy: "no-referrer",
            .frameOptions: "DENY",
        ]
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// The base64 SHA-256 digest of `text`'s UTF-8 bytes, as CSP source hashes want it.
    static func sha256Base64(_ text: String) -> String {
        Data(SHA256.hash(data: Array(text.utf8))).base64EncodedString()
    }
}

extension HTTPField.Name {
    static let contentSecurityPolicy = HTTPField.Name("Content-Security-Policy")!
    static let contentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let frameOptions = HTTPField.Name("X-Frame-Options")!
}
