import HTTPTypes
import Hummingbird

/// The header checks of spec §1.2 steps 2–7, in that order.
enum RequestChecks {
    /// Step 2: a body sent as a form is rejected.
    static func checkContentType(_ request: Request) throws(APIError) {
        guard request.headers[.contentLength] != nil || request.headers[.transferEncoding] != nil,
            let contentType = request.headers[.contentType]
        else { return }
        let mediaType = contentType.split(separator: ";", maxSplits: 1).first.map { String($0).trimmingASCIISpaces() } ?? ""
        if mediaType.lowercased() == "application/x-www-form-urlencoded" {
            throw APIError(
                status: .badRequest, title: "Invalid Content-Type",
                description: "Content-Type application/x-www-form-urlencoded is not supported; send JSON.")
        }
    }

    /// Step 3: `Accept` must allow `application/json`.
    static func checkAccept(_ request: Request) throws(APIError) {
        guard let accept = request.headers[.accept] else { return }
        guard acceptsJSON(accept) else { throw APIError.notAcceptable }
    }

    /// True when an `Accept` value admits `application/json` with a non-zero quality.
    static func acceptsJSON(_ accept: String) -> Bool {
        if accept.trimmingASCIISpaces().isEmpty { return true }
        for range in accept.split(separator: ",") {
            let parts = range.split(separator: ";")
            guard let first = parts.first else { continue }
            let media = String(first).trimmingASCIISpaces().lowercased()
            guard media == "*/*" || media == "application/*" || media == "application/json" else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1)
                if pair.count == 2, String(pair[0]).trimmingASCIISpaces() == "q" {
                    quality = Double(String(pair[1]).trimmingASCIISpaces()) ?? 0
                }
            }
            if quality > 0 { return true }
        }
        return false
    }

    /// Step 5: the `Client-ID` header, returned when valid.
    static func clientID(_ request: Request, mode: RouterConfiguration.ClientIDMode) throws(APIError) -> String {
        guard let value = request.headers[.clientID] else {
            throw APIError(status: .badRequest, title: "Missing header value", description: "The Client-ID header is required.")
        }
        switch mode {
        case .strict:
            guard Validation.isValidUUID(value) else {
                throw APIError(status: .badRequest, title: "Wrong UUID value", description: "Malformed hexadecimal UUID.")
            }
        case .off(let min, let max):
            let length = value.count
            guard length >= min, length <= max else {
                throw APIError(
                    status: .badRequest,
                    title: "Invalid Client-ID header: its length must be between \(min) and \(max) characters.")
            }
        }
        return value
    }

    /// Step 6: the project from `X-Project-ID` (or `X-Tenant-ID`, `X-Tenant`). When the
    /// credentials are bound to a project (`bound`), that project is the request's: a missing
    /// header takes it, a different one is 403.
    static func projectID(_ request: Request, boundTo bound: String? = nil) throws(APIError) -> String {
        if let bound {
            guard let value = projectHeader(request.headers) else { return bound }
            guard value == bound else { throw .projectMismatch }
            return value
        }
        guard let value = projectHeader(request.headers) else {
            throw APIError(
                status: .badRequest, title: "Project-Id Missing",
                description: "The header X-PROJECT-ID was missing")
        }
        guard !value.isEmpty else {
            throw APIError(
                status: .badRequest, title: "Empty project header not allowed",
                description: "X-PROJECT-ID cannot be an empty string. Specify the right header X-PROJECT-ID and retry.")
        }
        return value
    }

    /// The raw project header: `X-Project-ID`, else `X-Tenant-ID`, else `X-Tenant`. Pre-signed
    /// verification reads the project through this too, so a grant is always checked against the
    /// very project the request is then scoped to.
    static func projectHeader(_ headers: HTTPFields) -> String? {
        headers[.projectID] ?? headers[.tenantID] ?? headers[.tenant]
    }

    /// Step 7: project id length and queue/topic name rules (spec §3.2); topics answer
    /// "Invalid topic identification".
    static func checkIdentification(_ kind: ResourceKind, project: String, name: String) throws(APIError) {
        let invalid = { (description: String) -> APIError in
            kind == .queue ? .invalidQueue(description) : .invalidTopic(description)
        }
        if project.count > Validation.maxProjectIDLength {
            throw invalid("Project ids may not be more than \(Validation.maxProjectIDLength) characters long.")
        }
        if name.utf8.count > Validation.maxQueueNameLength {
            throw invalid("\(kind.noun) names may not be more than \(Validation.maxQueueNameLength) characters long.")
        }
        if !Validation.isValidQueueName(name) {
            throw invalid(
                "\(kind.noun) names may only contain ASCII letters, digits, underscores, dashes and dots.")
        }
    }
}
