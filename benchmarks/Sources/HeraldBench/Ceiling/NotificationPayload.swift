import NIOCore

/// A webhook notification as a Zaqar storage node sends it (spec §5.2): the message's body,
/// its ttl, the queue name and `"Message_Type": "Notification"`; the body is a
/// ``BenchMessageBody``.
enum NotificationPayload {
    /// The payload of message `seq` stamped with `sent`, its body padded to `bodySize` bytes.
    static func make(
        seq: Int, sent: UInt64, bodySize: Int, allocator: ByteBufferAllocator = ByteBufferAllocator()
    ) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: max(bodySize, 64) + 96)
        buffer.writeStaticString(#"{"body":"#)
        BenchMessageBody.write(seq: seq, sent: sent, size: bodySize, into: &buffer)
        buffer.writeStaticString(#","ttl":3600,"queue_name":"bench-ceiling","Message_Type":"Notification"}"#)
        return buffer
    }
}
