import NIOCore

/// The `{"messages": [...]}` documents producers post, built once: every message of a run has
/// the same kind of body (`{"seq":i,"sent":0,"pad":"xx…"}` padded to the body size, `i` its
/// place in the batch), so preparing a POST costs the tool nothing.
struct PostDocuments: Sendable {
    /// Messages in a full batch.
    let batch: Int
    /// The document of a full batch.
    let full: ByteBuffer
    private let bodySize: Int

    /// The documents of batches of `batch` messages with bodies of `bodySize` bytes.
    init(batch: Int, bodySize: Int) {
        self.batch = max(batch, 1)
        self.bodySize = bodySize
        full = BenchMessageBody.postDocument(seqs: 0..<self.batch, sent: 0, bodySize: bodySize)
    }

    /// The document of `count` messages: the prepared one for a full batch, else a new one
    /// (the last, short batch of a `--messages` run).
    func document(messages count: Int) -> ByteBuffer {
        count == batch ? full : BenchMessageBody.postDocument(seqs: 0..<count, sent: 0, bodySize: bodySize)
    }
}
