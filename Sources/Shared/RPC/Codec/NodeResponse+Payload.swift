import NIOCore

extension NodeResponse {
    /// Writes the result (the opcode goes in the header).
    func encodePayload(into buffer: inout ByteBuffer) {
        switch self {
        case .done:
            break
        case let .created(created):
            buffer.writeRPCBool(created)
        case let .metadata(metadata):
            buffer.writeRPCOptional(metadata)
        case let .stats(stats):
            buffer.writeRPC(stats)
        case let .messageIDs(ids):
            buffer.writeRPCStrings(ids)
        case let .page(page):
            buffer.writeRPC(page)
        case let .messages(messages):
            buffer.writeRPCArray(messages)
        case let .claim(claim):
            buffer.writeRPCOptional(claim)
        case let .claimInfo(info):
            buffer.writeRPCOptional(info)
        case let .failure(error):
            buffer.writeRPC(error)
        case let .nodeStats(stats):
            buffer.writeRPC(stats)
        case let .subscriptionCreation(creation):
            buffer.writeRPC(creation)
        case let .subscriptions(subscriptions):
            buffer.writeRPCArray(subscriptions)
        case let .subscription(subscription):
            buffer.writeRPCOptional(subscription)
        case let .transfer(batch):
            buffer.writeRPC(batch)
        }
    }

    /// Reads the result of a response with this opcode; the whole payload must be consumed.
    static func decodePayload(opcode: Opcode, from reader: inout RPCPayloadReader) throws(RPCDecodingError) -> NodeResponse {
        let response: NodeResponse
        switch opcode {
        case .done: response = .done
        case .created: response = .created(try reader.readBool("created"))
        case .metadata: response = .metadata(try reader.readOptional("metadata"))
        case .stats: response = .stats(try reader.read())
        case .messageIDs: response = .messageIDs(try reader.readStrings("messageIDs"))
        case .page: response = .page(try reader.read())
        case .messages: response = .messages(try reader.readArray("messages"))
        case .claim: response = .claim(try reader.readOptional("claim"))
        case .claimInfo: response = .claimInfo(try reader.readOptional("claimInfo"))
        case .failure: response = .failure(try reader.read())
        case .nodeStats: response = .nodeStats(try reader.read())
        case .subscriptionCreation: response = .subscriptionCreation(try reader.read())
        case .subscriptions: response = .subscriptions(try reader.readArray("subscriptions"))
        case .subscription: response = .subscription(try reader.readOptional("subscription"))
        case .transfer: response = .transfer(try reader.read())
        }
        try reader.expectEnd()
        return response
    }
}
