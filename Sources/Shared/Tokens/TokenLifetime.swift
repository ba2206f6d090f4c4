/// Token lifetimes as operators write them: `3600`, `3600s`, `30m`, `1h` or `7d`.
public enum TokenLifetime {
    /// The longest lifetime accepted (366 days): tokens cannot be revoked, so they must expire.
    public static let maximumSeconds: Int64 = 366 * 86_400

    /// The number of seconds `text` stands for; `nil` unless it is a positive whole number with an
    /// optional `s`, `m`, `h` or `d` suffix and at most ``maximumSeconds``.
    public static func seconds(_ text: String) -> Int64? {
        var digits = Substring(text)
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        var unit: Int64 = 1
        if let last = digits.last, let multiplier = units[last] {
            unit = multiplier
            digits = digits.dropLast()
        }
        guard !digits.isEmpty, digits.count <= 12, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let count = Int64(digits), count > 0
        else { return nil }
        let (total, overflow) = count.multipliedReportingOverflow(by: unit)
        guard !overflow, total <= maximumSeconds else { return nil }
        return total
    }
}
