/// `GET /operator`: the page shell. It carries no cluster data, so it is answered before
/// authentication (like `/`); its script then authenticates every `/operator/view` request.
/// Rendered once per auth mode.
enum OperatorShell {
    /// One rate tile of the shell.
    struct Rate: Sendable {
        var name: String
        var label: String
    }

    /// What the shell template reads.
    struct Context: Sendable {
        var authMode: String
        var tokenMode: Bool
        var style: String
        var script: String
        var rates: [Rate]
        var refreshSeconds: Int
    }

    /// The shell of a token-mode router.
    static let tokenModePage = render(tokenMode: true)
    /// The shell of a noauth-mode router.
    static let noauthModePage = render(tokenMode: false)

    /// The shell for `mode`.
    static func page(for mode: AuthMode) -> String {
        switch mode {
        case .noauth: return noauthModePage
        case .token: return tokenModePage
        }
    }

    static func render(tokenMode: Bool) -> String {
        let context = Context(
            authMode: tokenMode ? "token" : "noauth", tokenMode: tokenMode, style: OperatorStyle.css,
            script: OperatorScript.javaScript,
            rates: [
                Rate(name: "posted", label: "Posted"), Rate(name: "claimed", label: "Claimed"),
                Rate(name: "deleted", label: "Deleted"),
            ],
            refreshSeconds: OperatorScript.refreshMillis / 1000)
        return OperatorTemplates.shell.render(context)
    }
}
