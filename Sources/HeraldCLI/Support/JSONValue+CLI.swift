import Shared

extension JSONValue {
    /// The text of a string value.
    var stringValue: String? {
        guard case .string(let text) = self else { return nil }
        return text
    }

    /// The value of an integer.
    var intValue: Int64? {
        guard case .int(let number) = self else { return nil }
        return number
    }

    /// The value of a boolean.
    var boolValue: Bool? {
        guard case .bool(let flag) = self else { return nil }
        return flag
    }

    /// The elements of an array.
    var arrayValue: [JSONValue]? {
        guard case .array(let elements) = self else { return nil }
        return elements
    }

    /// The members of an object, in document order.
    var objectMembers: [(key: String, value: JSONValue)]? {
        guard case .object(let members) = self else { return nil }
        return members
    }

    /// A short human rendering: strings bare, `null` as `-`, everything else as compact JSON.
    var displayText: String {
        switch self {
        case .null: return "-"
        case .string(let text): return text
        case .bool(let flag): return flag ? "yes" : "no"
        default: return String(decoding: serialized(), as: UTF8.self)
        }
    }
}
