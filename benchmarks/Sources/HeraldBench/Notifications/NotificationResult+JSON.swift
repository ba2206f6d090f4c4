import Shared

/// The JSON result document of a notification run (`--json FILE`).
extension NotificationResult {
    /// The JSON result document (`--json FILE`); latencies in milliseconds.
    func json() -> JSONValue {
        .object([
            ("scenario", .string("notifications")),
            ("endpoint", .string(settings.endpoint)),
            ("project", .string(settings.project)),
            ("queue", .string(queue)),
            (
                "settings",
                .object([
                    ("subscribers", .int(Int64(settings.subscribers))),
                    ("messages", .int(Int64(settings.messages))),
                    ("batch", .int(Int64(settings.batch))),
                    ("producers", .int(Int64(settings.producers))),
                    ("body_size", .int(Int64(settings.bodySize))),
                    ("timeout_s", .int(Int64(settings.timeoutSeconds))),
                ])
            ),
            (
                "posted",
                .object([
                    ("messages", .int(Int64(posts.items))),
                    ("requests", .int(Int64(posts.succeeded))),
                    ("failed_requests", .int(Int64(posts.failed))),
                    ("seconds", .double(posts.seconds)),
                    ("messages_per_s", .double(postRate)),
                    ("request_latency_ms", LatencySummaryJSON.make(posts.latency.summary)),
                ])
            ),
            (
                "delivered",
                .object([
                    ("notifications", .int(Int64(deliveries.unique))),
                    ("expected", .int(Int64(expected))),
                    ("duplicates", .int(Int64(deliveries.duplicates))),
                    ("missing", .int(Int64(missing))),
                    ("per_subscriber", .array(deliveries.perSubscriber.map { .int(Int64($0)) })),
                    ("other_notifications", .int(Int64(deliveries.otherNotifications))),
                    ("seconds", .double(deliverySeconds)),
                    ("notifications_per_s", .double(deliveryRate)),
                    ("latency_ms", LatencySummaryJSON.make(deliveries.latency.summary)),
                ])
            ),
            ("errors", .int(Int64(errors))),
            ("first_error", firstError.map(JSONValue.string) ?? .null),
            ("timed_out", .bool(timedOut)),
            ("passed", .bool(passed)),
        ])
    }
}
