import NIOCore

extension NodeRequest {
    /// Writes the arguments (the opcode goes in the header).
    func encodePayload(into buffer: inout ByteBuffer) {
        switch self {
        case .ping, .nodeStats:
            break
        case let .createQueue(queue, metadata), let .setQueueMetadata(queue, metadata):
            buffer.writeRPC(queue)
            buffer.writeRPC(metadata)
        case let .queueMetadata(queue), let .deleteQueue(queue), let .stats(queue):
            buffer.writeRPC(queue)
        case let .purge(queue, messages, subscriptions):
            buffer.writeRPC(queue)
            buffer.writeRPCBool(messages)
            buffer.writeRPCBool(subscriptions)
        case let .postMessages(queue, clientID, messages, requestSize):
            buffer.writeRPC(queue)
            buffer.writeRPCString(clientID)
            buffer.writeRPCArray(messages)
            buffer.writeRPCInt(requestSize)
        case let .listMessages(queue, query):
            buffer.writeRPC(queue)
            buffer.writeRPC(query)
        case let .getMessages(queue, ids):
            buffer.writeRPC(queue)
            buffer.writeRPCStrings(ids)
        case let .deleteMessage(queue, id, claimID):
            buffer.writeRPC(queue)
            buffer.writeRPCString(id)
            buffer.writeRPCOptionalString(claimID)
        case let .deleteMessages(queue, ids, claimIDs):
            buffer.writeRPC(queue)
            buffer.writeRPCStrings(ids)
            buffer.writeRPCOptional(claimIDs) { $0.writeRPCStrings($1) }
        case let .popMessages(queue, limit):
            buffer.writeRPC(queue)
            buffer.writeRPCInt(limit)
        case let .awaitMessages(queue, timeoutMillis):
            buffer.writeRPC(queue)
            buffer.writeRPCInt(timeoutMillis)
        case let .createClaim(queue, ttl, grace, limit):
            buffer.writeRPC(queue)
            buffer.writeRPCInt(ttl)
            buffer.writeRPCInt(grace)
            buffer.writeRPCInt(limit)
        case let .getClaim(queue, id), let .deleteClaim(queue, id):
            buffer.writeRPC(queue)
            buffer.writeRPCString(id)
        case let .updateClaim(queue, id, ttl, grace):
            buffer.writeRPC(queue)
            buffer.writeRPCString(id)
            buffer.writeRPCInt(ttl)
            buffer.writeRPCInt(grace)
        case let .createSubscription(queue, subscription):
            buffer.writeRPC(queue)
            buffer.writeRPC(subscription)
        case let .listSubscriptions(queue, marker, limit):
            buffer.writeRPC(queue)
            buffer.writeRPCOptionalString(marker)
            buffer.writeRPCInt(limit)
        case let .getSubscription(queue, id), let .deleteSubscription(queue, id):
            buffer.writeRPC(queue)
            buffer.writeRPCString(id)
        case let .updateSubscription(queue, id, update):
            buffer.writeRPC(queue)
            buffer.writeRPCString(id)
            buffer.writeRPC(update)
        case let .confirmSubscription(queue, id, confirmed):
            buffer.writeRPC(queue)
            buffer.writeRPCString(id)
            buffer.writeRPCBool(confirmed)
        case let .changeFence(queue, change):
            buffer.writeRPC(queue)
            buffer.writeRPC(change)
        case let .exportQueue(queue, after, maxBytes, withState):
            buffer.writeRPC(queue)
            buffer.writeInteger(after)
            buffer.writeRPCInt(maxBytes)
            buffer.writeRPCBool(withState)
        case let .importQueue(queue, batch, first, last):
            buffer.writeRPC(queue)
            buffer.writeRPC(batch)
            buffer.writeRPCBool(first)
            buffer.writeRPCBool(last)
        case let .exportMessageStates(queue, after, upTo, maxRows):
            buffer.writeRPC(queue)
            buffer.writeInteger(after)
            buffer.writeInteger(upTo)
            buffer.writeRPCInt(maxRows)
        }
    }

    /// Reads the arguments of a request with this opcode; the whole payload must be consumed.
    static func decodePayload(opcode: Opcode, from reader: inout RPCPayloadReader) throws(RPCDecodingError) -> NodeRequest {
        let request: NodeRequest
        switch opcode {
        case .ping:
            request = .ping
        case .createQueue:
            request = .createQueue(try reader.read(), metadata: try reader.read())
        case .queueMetadata:
            request = .queueMetadata(try reader.read())
        case .setQueueMetadata:
            request = .setQueueMetadata(try reader.read(), metadata: try reader.read())
        case .deleteQueue:
            request = .deleteQueue(try reader.read())
        case .stats:
            request = .stats(try reader.read())
        case .purge:
            request = .purge(try reader.read(), messages: try reader.readBool("purge.messages"), subscriptions: try reader.readBool("purge.subscriptions"))
        case .postMessages:
            request = .postMessages(
                try reader.read(), clientID: try reader.readString("post.clientID"),
                messages: try reader.readArray("post.messages"), requestSize: try reader.readInt("post.requestSize")
            )
        case .listMessages:
            request = .listMessages(try reader.read(), query: try reader.read())
        case .getMessages:
            request = .getMessages(try reader.read(), ids: try reader.readStrings("get.ids"))
        case .deleteMessage:
            request = .deleteMessage(try reader.read(), id: try reader.readString("delete.id"), claimID: try reader.readOptionalString("delete.claimID"))
        case .deleteMessages:
            request = .deleteMessages(
                try reader.read(), ids: try reader.readStrings("bulkDelete.ids"),
                claimIDs: try reader.readOptional("bulkDelete.claimIDs") { (reader: inout RPCPayloadReader) throws(RPCDecodingError) in
                    try reader.readStrings("bulkDelete.claimIDs")
                }
            )
        case .popMessages:
            request = .popMessages(try reader.read(), limit: try reader.readInt("pop.limit"))
        case .awaitMessages:
            request = .awaitMessages(try reader.read(), timeoutMillis: try reader.readInt("await.timeout"))
        case .createClaim:
            request = .createClaim(
                try reader.read(), ttl: try reader.readInt("claim.ttl"), grace: try reader.readInt("claim.grace"),
                limit: try reader.readInt("claim.limit")
            )
        case .getClaim:
            request = .getClaim(try reader.read(), id: try reader.readString("claim.id"))
        case .updateClaim:
            request = .updateClaim(
                try reader.read(), id: try reader.readString("claim.id"), ttl: try reader.readInt("claim.ttl"),
                grace: try reader.readInt("claim.grace")
            )
        case .deleteClaim:
            request = .deleteClaim(try reader.read(), id: try reader.readString("claim.id"))
        case .nodeStats:
            request = .nodeStats
        case .createSubscription:
            request = .createSubscription(try reader.read(), subscription: try reader.read())
        case .listSubscriptions:
            request = .listSubscriptions(
                try reader.read(), marker: try reader.readOptionalString("subscriptions.marker"),
                limit: try reader.readInt("subscriptions.limit")
            )
        case .getSubscription:
            request = .getSubscription(try reader.read(), id: try reader.readString("subscription.id"))
        case .updateSubscription:
            request = .updateSubscription(try reader.read(), id: try reader.readString("subscription.id"), update: try reader.read())
        case .confirmSubscription:
            request = .confirmSubscription(
                try reader.read(), id: try reader.readString("subscription.id"),
                confirmed: try reader.readBool("subscription.confirmed")
            )
        case .deleteSubscription:
            request = .deleteSubscription(try reader.read(), id: try reader.readString("subscription.id"))
        case .changeFence:
            request = .changeFence(try reader.read(), change: try reader.read())
        case .exportQueue:
            request = .exportQueue(
                try reader.read(), after: try reader.readInt64("export.after"), maxBytes: try reader.readInt("export.maxBytes"),
                withState: try reader.readBool("export.withState"))
        case .importQueue:
            request = .importQueue(
                try reader.read(), batch: try reader.read(), first: try reader.readBool("import.first"),
                last: try reader.readBool("import.last"))
        case .exportMessageStates:
            request = .exportMessageStates(
                try reader.read(), after: try reader.readInt64("states.after"), upTo: try reader.readInt64("states.upTo"),
                maxRows: try reader.readInt("states.maxRows"))
        }
        try reader.expectEnd()
        return request
    }
}
