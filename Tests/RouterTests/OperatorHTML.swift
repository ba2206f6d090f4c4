import Foundation

/// Reads the operator page's HTML in tests: the attributes of the tags with a given class,
/// entity-decoded.
enum OperatorHTML {
    /// The attributes of every `<tag class="className" ...>` in `html`, in document order.
    static func elements(_ tag: String, class className: String, in html: String) -> [[String: String]] {
        let pattern = "<\(tag) class=\"\(className)\"([^>]*)>"
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(html.startIndex..., in: html)
        return expression.matches(in: html, range: range).compactMap { match in
            Range(match.range(at: 1), in: html).map { attributes(String(html[$0])) }
        }
    }

    /// The `name="value"` pairs of a tag's attribute text.
    static func attributes(_ text: String) -> [String: String] {
        guard let expression = try? NSRegularExpression(pattern: #"([a-z-]+)="([^"]*)""#) else { return [:] }
        var result: [String: String] = [:]
        for match in expression.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard let name = Range(match.range(at: 1), in: text), let value = Range(match.range(at: 2), in: text) else {
                continue
            }
            result[String(text[name])] = unescape(String(text[value]))
        }
        return result
    }

    /// Undoes the HTML escaping of mustache (and Chromium's serializer).
    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
