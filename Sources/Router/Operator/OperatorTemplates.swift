import Mustache

/// The operator page's mustache templates, parsed once. They are constants of the router: a
/// template that does not parse is a programming error, caught by the router's tests.
enum OperatorTemplates {
    /// The page shell of `GET /operator`.
    static let shell = parse(OperatorShellTemplate.text, name: "shell")
    /// The snapshot fragment of `GET /operator/view`.
    static let view = parse(OperatorViewTemplate.text, name: "view")

    private static func parse(_ text: String, name: String) -> MustacheTemplate {
        do {
            return try MustacheTemplate(string: text)
        } catch {
            fatalError("the operator \(name) template does not parse: \(error)")
        }
    }
}
