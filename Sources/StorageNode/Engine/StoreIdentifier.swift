/// Message and claim ids: 32 lowercase hex characters made of a 48-bit millisecond timestamp
/// followed by 80 random bits. Opaque and URL-safe for clients, roughly sortable by creation.
enum StoreIdentifier {
    /// The length of every well-formed id.
    static let length = 32

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A new id stamped with `nowMillis`.
    static func make(nowMillis: Int64) -> String {
        var generator = SystemRandomNumberGenerator()
        let timestamp = UInt64(clamping: max(nowMillis, 0)) & 0xFFFF_FFFF_FFFF
        let randomHigh: UInt64 = generator.next()
        let randomLow = UInt64(generator.next() as UInt16)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(length)
        appendHex(timestamp, digits: 12, to: &bytes)
        appendHex(randomHigh, digits: 16, to: &bytes)
        appendHex(randomLow, digits: 4, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// True when `id` could have been produced by ``make(nowMillis:)``.
    static func isWellFormed(_ id: String) -> Bool {
        var count = 0
        for byte in id.utf8 {
            count += 1
            guard count <= length else { return false }
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            let isLowerHex = byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f")
            guard isDigit || isLowerHex else { return false }
        }
        return count == length
    }

    private static func appendHex(_ value: UInt64, digits: Int, to bytes: inout [UInt8]) {
        for shift in stride(from: (digits - 1) * 4, through: 0, by: -4) {
            bytes.append(hexDigits[Int((value >> UInt64(shift)) & 0xF)])
        }
    }
}
