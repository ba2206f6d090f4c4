import Shared
/// A decoded query string with the typed accessors of spec §1.5.
struct QueryParameters: Sendable {
    /// Name/value pairs in request order; pairs with a blank value are dropped.
    private(set) var pairs: [(name: String, value: String)] = []

    /// The most query pairs read from one request; the rest are ignored.
    static let maxPairs = 256

    init(_ query: String?) {
        guard let query, !query.isEmpty else { return }
        for item in query.split(separator: "&", omittingEmptySubsequences: true) {
            guard pairs.count < Self.maxPairs else { break }
            let name: Substring
            let value: Substring
            if let equals = item.firstIndex(of: "=") {
                name = item[..<equals]
                value = item[item.index(after: equals)...]
            } else {
                name = item
                value = ""
            }
            let decodedValue = PercentEncoding.decode(value)
            guard !decodedValue.isEmpty else { continue }
            pairs.append((PercentEncoding.decode(name), decodedValue))
        }
    }

    /// The last value given for `name`.
    func string(_ name: String) -> String? {
        pairs.last { $0.name == name }?.value
    }

    /// True when `name` was given with a non-blank value.
    func contains(_ name: String) -> Bool {
        pairs.contains { $0.name == name }
    }

    /// Every value of `name`, repeated parameters concatenated and comma-separated values split;
    /// `nil` when absent.
    func list(_ name: String) -> [String]? {
        var values: [String] = []
        var found = false
        for pair in pairs where pair.name == name {
            found = true
            values += pair.value.split(separator: ",", omittingEmptySubsequences: true).map(String.init)
        }
        return found ? values : nil
    }

    /// A boolean parameter: `true, True, t, y, yes, on, 1` / `false, False, f, n, no, off, 0`.
    func bool(_ name: String) throws(APIError) -> Bool? {
        guard let value = string(name) else { return nil }
        guard let parsed = Self.parseBool(value) else {
            throw .invalidParameter(name, "The value must be a boolean.")
        }
        return parsed
    }

    /// A plain decimal integer parameter (optional sign).
    func int(_ name: String) throws(APIError) -> Int? {
        guard let value = string(name) else { return nil }
        guard let parsed = Self.parseInt(value) else {
            throw .invalidParameter(name, "The value must be an integer.")
        }
        return parsed
    }

    static func parseBool(_ value: String) -> Bool? {
        switch value {
        case "true", "True", "t", "y", "yes", "on", "1": return true
        case "false", "False", "f", "n", "no", "off", "0": return false
        default: return nil
        }
    }

    static func parseInt(_ value: String) -> Int? {
        var digits = Substring(value)
        if digits.first == "+" { digits = digits.dropFirst() }
        guard !digits.isEmpty else { return nil }
        if digits.first == "-" {
            guard digits.count > 1, digits.dropFirst().allSatisfy(\.isASCIIDigit) else { return nil }
        } else {
            guard digits.allSatisfy(\.isASCIIDigit) else { return nil }
        }
        return Int(digits)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

/// Builds the query string of a `next` link (spec §1.7).
struct QueryStringBuilder {
    private(set) var items: [String] = []

    mutating func add(_ name: String, _ value: String) {
        items.append(PercentEncoding.encode(name) + "=" + PercentEncoding.encode(value))
    }

    mutating func add(_ name: String, _ value: Bool) {
        add(name, value ? "true" : "false")
    }

    mutating func add(_ name: String, _ value: Int) {
        add(name, String(value))
    }

    /// `path?query`, or just the path without parameters.
    func href(path: String) -> String {
        items.isEmpty ? path : path + "?" + items.joined(separator: "&")
    }
}
