/// The parameters of one notification benchmark run.
struct NotificationSettings: Sendable {
    /// Base URL of the Zaqar v2 endpoint.
    var endpoint: String
    /// Sent as `X-Project-ID`.
    var project: String
    /// Sent as `X-Auth-Token` when set.
    var authToken: String? = nil
    /// Subscriptions on the queue (receiver paths `/s0` …).
    var subscribers: Int
    /// Messages posted in all.
    var messages: Int
    /// Messages per POST.
    var batch: Int
    /// Concurrent posting tasks.
    var producers: Int
    /// Bytes of each message's body JSON.
    var bodySize: Int
    /// Seconds the whole run (posting and waiting for deliveries) may take.
    var timeoutSeconds: Int
    /// The receiver's port; 0 picks a free one.
    var receiverPort: Int
    /// Seconds each subscription lives.
    var subscriptionTTL = 3600

    /// The number of POSTs: `messages / batch`, rounded up.
    var batchCount: Int { (messages + batch - 1) / batch }

    /// The message numbers (`seq`) of batch `index`.
    func seqs(ofBatch index: Int) -> Range<Int> {
        (index * batch)..<min((index + 1) * batch, messages)
    }
}
