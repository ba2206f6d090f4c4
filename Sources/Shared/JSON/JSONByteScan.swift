/// Word-at-a-time (SWAR) scanning over UTF-8 for the bytes JSON strings care about.
enum JSONByteScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The index of the first byte at or after `start` that is `"`, `\`, a control character
    /// (below 0x20) or — with `stopAtNonPrintableASCII` — at or above 0x7F; bytes are
    /// examined eight at a time. May return up to `buffer.count`; the byte found is exact
    /// (the lowest flagged lane of a word is never a false positive).
    @inline(__always)
    static func firstInterestingByte(
        in buffer: UnsafeBufferPointer<UInt8>, from start: Int, stopAtNonPrintableASCII: Bool
    ) -> Int {
        guard let base = buffer.baseAddress else { return start }
        var index = start
        while buffer.count - index >= 8 {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            var flagged = hasZeroByte(word ^ (ones &* 0x22)) | hasZeroByte(word ^ (ones &* 0x5C))
                | ((word &- ones &* 0x20) & ~word) | word
            if stopAtNonPrintableASCII { flagged |= hasZeroByte(word ^ (ones &* 0x7F)) }
            flagged &= highBits
            if flagged != 0 { return index + flagged.trailingZeroBitCount / 8 }
            index += 8
        }
        while index < buffer.count {
            let byte = buffer[index]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte >= 0x80
                || (stopAtNonPrintableASCII && byte == 0x7F)
            {
                return index
            }
            index += 1
        }
        return index
    }

    /// High bit set in each lane that is zero (plus possibly lanes above the first zero).
    @inline(__always)
    private static func hasZeroByte(_ word: UInt64) -> UInt64 {
        (word &- ones) & ~word
    }
}
