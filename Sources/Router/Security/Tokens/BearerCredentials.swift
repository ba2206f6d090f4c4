import HTTPTypes

/// Where a request carries its bearer token: `X-Auth-Token: <token>` (Zaqar/Keystone clients)
/// or `Authorization: Bearer <token>` (RFC 6750).
enum BearerCredentials {
    /// The outcome of reading the credential headers.
    enum Extraction: Equatable {
        /// Neither header is present.
        case absent
        /// The one token the request carries.
        case token(String)
        /// Headers that cannot be read as one bearer token (another `Authorization` scheme, an
        /// empty value, several different tokens).
        case unusable(String)
    }

    /// The token of `headers`.
    static func extract(_ headers: HTTPFields) -> Extraction {
        var tokens: [String] = []
        for value in headers[values: .authToken] {
            tokens.append(value.trimmingBlanks())
        }
        for value in headers[values: .authorization] {
            let trimmed = value.trimmingBlanks()
            let scheme = trimmed.prefix { $0 != " " }
            guard scheme.lowercased() == "bearer" else { return .unusable("the Authorization scheme must be Bearer") }
            tokens.append(String(trimmed.dropFirst(scheme.count)).trimmingBlanks())
        }
        guard let first = tokens.first else { return .absent }
        guard !first.isEmpty, tokens.allSatisfy({ $0 == first }) else {
            return .unusable(first.isEmpty ? "the token is empty" : "the request carries several different tokens")
        }
        return .token(first)
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs.
    fileprivate func trimmingBlanks() -> String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return String(text)
    }
}

extension HTTPField.Name {
    /// The Keystone-style token header.
    static let authToken = HTTPField.Name("X-Auth-Token")!
}
