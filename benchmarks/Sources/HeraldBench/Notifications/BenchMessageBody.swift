import NIOCore

/// The messages the notification benchmark posts: body `{"seq":n,"sent":t,"pad":"xx…"}`,
/// where `seq` numbers the message in the run, `sent` is the monotonic nanosecond reading
/// taken just before the POST, and `pad` fills the body up to the requested size.
enum BenchMessageBody {
    /// The bytes of a body around its three values: `{"seq":` `,"sent":` `,"pad":"` `"}`.
    static let fixedLength = 25

    /// The length of the padding that makes the body of (`seq`, `sent`) exactly `size` bytes
    /// (0 when even an empty pad makes it longer).
    static func padLength(seq: Int, sent: UInt64, size: Int) -> Int {
        max(0, size - fixedLength - decimalDigits(UInt64(max(seq, 0))) - decimalDigits(sent))
    }

    /// Appends the body JSON of message `seq` sent at `sent`, padded to `size` bytes.
    static func write(seq: Int, sent: UInt64, size: Int, into buffer: inout ByteBuffer) {
        buffer.writeStaticString(#"{"seq":"#)
        buffer.writeString(String(seq))
        buffer.writeStaticString(#","sent":"#)
        buffer.writeString(String(sent))
        buffer.writeStaticString(#","pad":""#)
        buffer.writeRepeatingByte(UInt8(ascii: "x"), count: padLength(seq: seq, sent: sent, size: size))
        buffer.writeStaticString(#""}"#)
    }

    /// A `{"messages": [...]}` POST document with one message per number in `seqs`, all
    /// stamped with `sent`, bodies padded to `bodySize` bytes.
    static func postDocument(
        seqs: Range<Int>, sent: UInt64, bodySize: Int, allocator: ByteBufferAllocator = ByteBufferAllocator()
    ) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: 16 + seqs.count * (max(bodySize, 64) + 12))
        buffer.writeStaticString(#"{"messages":["#)
        for seq in seqs {
            if seq != seqs.lowerBound { buffer.writeStaticString(",") }
            buffer.writeStaticString(#"{"body":"#)
            write(seq: seq, sent: sent, size: bodySize, into: &buffer)
            buffer.writeStaticString("}")
        }
        buffer.writeStaticString("]}")
        return buffer
    }

    /// The number of decimal digits of `value` (1 for 0).
    static func decimalDigits(_ value: UInt64) -> Int {
        var digits = 1
        var rest = value
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        return digits
    }
}
