/// Identifier checks of spec §1.3 and §3.2.
enum Validation {
    /// Longest accepted project id.
    static let maxProjectIDLength = 256
    /// Longest accepted queue name.
    static let maxQueueNameLength = 64

    /// A queue name is 1...64 characters of `[A-Za-z0-9_.-]`.
    static func isValidQueueName(_ name: String) -> Bool {
        let bytes = name.utf8
        guard !bytes.isEmpty, bytes.count <= maxQueueNameLength else { return false }
        return bytes.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."):
                return true
            default:
                return false
            }
        }
    }

    /// Python's lenient `uuid.UUID(str)` parse: `urn:` and `uuid:` are removed, braces stripped
    /// from both ends, hyphens removed; exactly 32 hexadecimal digits must remain.
    static func isValidUUID(_ value: String) -> Bool {
        let text = value.replacingAll("urn:").replacingAll("uuid:")
        var core = Substring(text)
        while let first = core.first, first == "{" || first == "}" { core = core.dropFirst() }
        while let last = core.last, last == "{" || last == "}" { core = core.dropLast() }
        var digits = 0
        for byte in core.utf8 where byte != UInt8(ascii: "-") {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
                UInt8(ascii: "A")...UInt8(ascii: "F"):
                digits += 1
            default:
                return false
            }
        }
        return digits == 32
    }
}

extension String {
    /// The string with every occurrence of `needle` removed.
    fileprivate func replacingAll(_ needle: String) -> String {
        guard contains(needle) else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: needle) {
            result += rest[..<range.lowerBound]
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
