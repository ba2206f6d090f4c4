import Shared

/// The JSON result document of a `load` run (`--json FILE`).
extension LoadResult {
    /// The JSON result document; latencies in milliseconds.
    func json() -> JSONValue {
        .object([
            ("scenario", .string("load")),
            ("endpoint", .string(settings.endpoint)),
            ("project", .string(settings.project)),
            ("date", .string(date)),
            ("queues", .array(queues.map(JSONValue.string))),
            ("settings", settingsJSON()),
            ("duration_seconds", .double(seconds)),
            ("production_seconds", .double(productionSeconds)),
            ("consumption_seconds", .double(consumptionSeconds)),
            ("produced", .int(Int64(produced))),
            ("consumed", .int(Int64(consumed))),
            ("requests", .int(Int64(requests))),
            ("produced_per_second", .double(producedPerSecond)),
            ("consumed_per_second", .double(consumedPerSecond)),
            ("requests_per_second", .double(requestsPerSecond)),
            ("errors", .int(Int64(errors))),
            ("timeouts", .int(Int64(timeouts))),
            ("empty_claims", .int(Int64(self[.claimEmpty].succeeded))),
            ("backlog", .int(Int64(backlog))),
            ("first_errors", .object(firstErrors.map { (key: $0.operation.jsonKey, value: .string($0.text)) })),
            ("latency_ms", .object(LoadOperation.allCases.map { (key: $0.jsonKey, value: operationJSON($0)) })),
            ("completed", .bool(completed)),
            ("passed", .bool(passed)),
        ])
    }

    /// One operation: latency percentiles (ms) and the counts behind them.
    private func operationJSON(_ operation: LoadOperation) -> JSONValue {
        let stats = self[operation]
        guard case .object(var members) = LatencySummaryJSON.make(stats.latency.summary) else { return .null }
        members += [
            ("messages", .int(Int64(stats.items))),
            ("errors", .int(Int64(stats.failed))),
            ("timeouts", .int(Int64(stats.timeouts))),
        ]
        return .object(members)
    }

    private func settingsJSON() -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            ("queues", .int(Int64(settings.queues))),
            ("producers", .int(Int64(settings.producers))),
            ("batch", .int(Int64(settings.batch))),
            ("consumers", .int(Int64(settings.consumers))),
            ("claim", .int(Int64(settings.claim))),
            ("claim_ttl", .int(Int64(settings.claimTTL))),
            ("claim_grace", .int(Int64(settings.claimGrace))),
            ("observers", .int(Int64(settings.observers))),
            ("body_size", .int(Int64(settings.bodySize))),
            ("warmup_seconds", .int(Int64(settings.warmupSeconds))),
            ("rate", .double(settings.rate)),
            ("request_timeout_seconds", .int(Int64(settings.requestTimeoutSeconds))),
        ]
        switch settings.stop {
        case .duration(let seconds):
            members += [("duration_seconds", .int(Int64(seconds))), ("messages", .null)]
        case .messages(let count, let timeout):
            members += [("duration_seconds", .null), ("messages", .int(Int64(count))), ("timeout_seconds", .int(Int64(timeout)))]
        }
        members.append(("authenticated", .bool(settings.authToken != nil)))
        return .object(members)
    }
}
