import HTTPTypes
import Shared

/// Why a request carrying `URL-Signature` was refused (spec §6.3). Every case answers a bare 404;
/// the case only tells the log what went wrong.
enum SignedRequestRejection: Error, Sendable, Equatable {
    /// The router has no signed URL secret, so nothing can verify.
    case noSecret
    /// The request method is not listed in `URL-Methods`.
    case methodNotCovered
    /// No entry of `URL-Paths` covers the request path.
    case pathNotCovered
    /// `URL-Expires` is missing, not an ISO-8601 date-time, or a bare integer.
    case unparsableExpiry
    /// `URL-Expires` lies in the past.
    case expired
    /// The signature does not sign the headers' paths, methods, project and expiry.
    case badSignature
}

/// Checks the pre-signed URL headers of a request (spec §6.3).
///
/// Place in the pipeline: step 1 of spec §1.2, as in the reference — right after the path is
/// routed (an unknown path stays a JSON 404) and before the Content-Type, Accept, `Client-ID`,
/// `X-Project-ID` and queue-name checks. So a refused signature answers 404 even when those
/// headers are also wrong, and a verified request still goes through all of them (a missing
/// `Client-ID` is a 400 after a valid signature) and through normal handling.
struct SignedRequestVerifier: Sendable {
    static let signatureHeader = HTTPField.Name("URL-Signature")!
    static let expiresHeader = HTTPField.Name("URL-Expires")!
    static let methodsHeader = HTTPField.Name("URL-Methods")!
    static let pathsHeader = HTTPField.Name("URL-Paths")!

    /// The signer of the configured secret; `nil` when none is configured.
    let signer: URLSigner?

    /// Verifies a request.
    ///
    /// - Returns: `nil` when the request has no `URL-Signature` header (nothing to verify), else
    ///   the verified grant. A header that is present but empty is verified (and fails) rather
    ///   than ignored, so a signature header can never stand for "no signature".
    /// - Throws: the reason for refusing the request.
    func verify(
        headers: HTTPFields, method: String, path: String, nowMillis: Int64
    ) throws(SignedRequestRejection) -> SignedURLScope? {
        guard let signature = Self.value(headers, Self.signatureHeader) else { return nil }
        guard let signer else { throw .noSecret }
        let methods = Self.list(Self.value(headers, Self.methodsHeader))
        guard methods.contains(method) else { throw .methodNotCovered }
        let paths = Self.list(Self.value(headers, Self.pathsHeader))
        guard paths.contains(where: { Self.covers($0, path) }) else { throw .pathNotCovered }
        guard let expires = Self.value(headers, Self.expiresHeader), let expiresSeconds = UTCTimestamp.parseISO8601(expires)
        else { throw .unparsableExpiry }
        guard expiresSeconds * 1000 >= nowMillis else { throw .expired }
        let project = RequestChecks.projectHeader(headers)
        let grant = SignedURLScope(paths: paths, methods: methods, project: project, expiresSeconds: expiresSeconds)
        guard signer.isValid(signature: signature, for: grant) else { throw .badSignature }
        return grant
    }

    /// Whether the granted path `entry` covers the request path: equal to it, or a prefix of it
    /// followed by `/` (spec §6.3 [REC], never a regular expression), so a collection grants its items.
    static func covers(_ entry: String, _ path: String) -> Bool {
        guard !entry.isEmpty else { return false }
        return path == entry || path.hasPrefix(entry + "/")
    }

    /// The entries of a comma-separated header, trimmed; empty entries are kept because they are
    /// part of what was signed.
    static func list(_ value: String?) -> [String] {
        guard let value else { return [] }
        return value.split(separator: ",", omittingEmptySubsequences: false).map { String(String($0).trimmingASCIISpaces()) }
    }

    /// A header's values joined by `,` (a repeated header means the same as one comma-joined line).
    private static func value(_ headers: HTTPFields, _ name: HTTPField.Name) -> String? {
        let values = headers[values: name]
        return values.isEmpty ? nil : values.joined(separator: ",")
    }
}
