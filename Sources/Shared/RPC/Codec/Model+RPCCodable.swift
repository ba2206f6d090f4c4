import NIOCore

// The binary form of the shared model types. Field order is the wire order; change it only
// together with `RPCFrameHeader.currentVersion`.

extension QueueRef: RPCCodable {
    static let minimumEncodedSize = 8

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeRPCString(project)
        buffer.writeRPCString(name)
    }

    static func decode(from reader: inout RPCPayloadReader) throws(RPCDecodingError) -> QueueRef {
        QueueRef(project: try reader.readString("queue.project"), name: try reader.readString("queue.name"))
    }
}

extension QueueSettings: RPCCodable {
    static let minimumEncodedSize = 7

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeRPCOptionalInt(defaultMessageTTL)
        buffer.writeRPCOptionalInt(maxMessagesPostSize)
        buffer.writeRPCOptionalInt(defaultMessageDelay)
        buffer.writeRPCOptionalString(deadLetterQueue)
        buffer.writeRPCOptionalInt(deadLetterQueueMessagesTTL)
        buffer.writeRPCOptionalInt(maxClaimCount)
        buffer.writeRPCOptional(enableEncryptMessages) { $0.writeRPCBool($1) }
    }

    static func decode(from reader: inout RPCPayloadReader) throws(RPCDecodingError) -> QueueSettings {
        QueueSettings(
            defaultMessageTTL: try reader.readOptionalInt("settings.defaultMessageTTL"),
            maxMessagesPostSize: try reader.readOptionalInt("settings.maxMessagesPostSize"),
            defaultMessageDelay: try reader.readOptionalInt("settings.defaultMessageDelay"),
            deadLetterQueue: try reader.readOptionalString("settings.deadLetterQueue"),
            deadLetterQueueMessagesTTL: try reader.readOptionalInt("settings.deadLetterQueueMessagesTTL"),
            maxClaimCount: try reader.readOptionalInt("settings.maxClaimCount"),
            enableEncryptMessages: try reader.readOptional("settings.enableEncryptMessages") {
                (reader: inout RPCPayloadReader) throws(RPCDecodingError) in try reader.readBool("settings.enableEncryptMessages")
            }
        )
    }
}

extension QueueMetadata: RPCCodable {
    static let minimumEncodedSize = 4 + QueueSettings.minimumEncodedSize

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeRPCBytes(json)
        buffer.writeRPC(settings)
    }

    static func decode(from reader: inout RPCPayloadReader) throws(RPCDecodingError) -> QueueMetadata {
        QueueMetadata(json: try reader.readBytes("metadata.json"), settings: try reader.read())
    }
}

extension NewMessage: RPCCodable {
    static let minimumEncodedSize = 7

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeRPCBytes(body)
        buffer.writeRPCOptionalInt(ttl)
        buffer.writeRPCOptionalInt(delay)
        buffer.writeRPCOptionalString(checksum)
    }

    static func decode(from reader: inout RPCPayloadReader) throws(RPCDecodingError) -> NewMessage {
        NewMessage(
            body: try reader.readBytes("newMessage.body"),
            ttl: try reader.readOptionalInt("newMessage.ttl"),
            delay: try reader.readOptionalInt("newMessage.delay"),
            checksum: try reader.readOptionalString("newMessage.checksum")
        )
    }
}

extension StoredMessage: RPCCodable {
    static let minimumEncodedSize = 50

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeRPCString(id)
        buffer.writeInteger(sequence)
        buffer.writeRPCBytes(body)
        buffer.writeRPCInt(ttl)
        buffer.writeRPCInt(age)
        buffer.writeInteger(createdMillis)
        buffer.writeRPCOptionalString(claimID)
        buffer.writeRPCInt(claimCount)
        buffer.writeRPCOptionalString(checksum)
    }

    static func decode(from reader: inout RPCPayloadReader) throws(RPCDecodingError) -> StoredMessage {
        StoredMessage(
            id: try reader.readString("message.id"),
            sequence: try reader.readInt64("message.sequence"),
            body: try reader.readBytes("message.body"),
            ttl: try reader.readInt("message.ttl"),
            age: try reader.readInt("message.age"),
            createdMillis: try reader.readInt64("message.createdMillis"),
            claimID: try reader.readOptionalString("message.claimID"),
            claimCount: try reader.readInt("message.claimCount"),
            checksum: try reader.readOptionalString("message.checksum")
        )
    }
}

extension MessageListQuery: RPCCodable {
    static let minimumEncodedSize = 1 + 8 + 4 + 3

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeRPCOptional(marker) { $0.writeInteger($1) }
        buffer.writeRPCInt(limit)
        buffer.writeRPCString(clientID)
        buffer.writeRPCBool(echo)
        buffer.writeRPCBool(includeClaimed)
        buffer.writeRPCBool(includeDelayed)
    }

    static func decode(from reader: inout RPCPayloadReader) throws(RPCDecodingError) -> MessageListQuery {
        MessageListQuery(
            marker: try reader.readOptional("query.marker") {
                (reader: inout RPCPayloadReader) throws(RPCDecodingError) in try reader.readInt64("query.marker")
            },
            limit: try reader.readInt("query.limit"),
            clientID: try reader.readString("query.clientID"),
            echo: try reader.readBool("query.echo"),
            includeClaimed: try reader.readBool("query.includeClaimed"),
            includeDelayed: try reader.readBool("query.includeDelayed")
        )
    }
}

extension MessagePage: RPCCodable {
    static let minimumEncodedSize = 5

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeRPCArray(messages)
        buffer.writeRPCBool(includeDelayed)
    }

    static func decode(from reader: inout RPCPayloadReader) throws(RPCDecodingError) -> MessagePage {
        MessagePage(messages: try reader.readArray("page.messages"), includeDelayed: try reader.readBool("page.includeDelayed"))
    }
}

extension ClaimResult: RPCCodable {
    static let minimumEncodedSize = 8

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeRPCString(claimID)
        buffer.writeRPCArray(messages)
    }

    static func decode(from reader: inout RPCPayloadReader) throws(RPCDecodingError) -> ClaimResult {
        ClaimResult(claimID: try reader.readString("claim.id"), messages: try reader.readArray("claim.messages"))
    }
}

extension ClaimInfo: RPCCodable {
    static let minimumEncodedSize = 24

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeRPCString(id)
        buffer.writeRPCInt(ttl)
        buffer.writeRPCInt(age)
        buffer.writeRPCArray(messages)
    }

    static func decode(from reader: inout RPCPayloadReader) throws(RPCDecodingError) -> ClaimInfo {
        ClaimInfo(
            id: try reader.readString("claimInfo.id"),
            ttl: try reader.readInt("claimInfo.ttl"),
            age: try reader.readInt("claimInfo.age"),
            messages: try reader.readArray("claimInfo.messages")
        )
    }
}

extension QueueStats.Endpoint: RPCCodable {
    static let minimumEncodedSize = 20

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeRPCString(id)
        buffer.writeRPCInt(age)
        buffer.writeInteger(createdMillis)
    }

    static func decode(from reader: inout RPCPayloadReader) throws(RPCDecodingError) -> QueueStats.Endpoint {
        QueueStats.Endpoint(
            id: try reader.readString("stats.endpoint.id"),
            age: try reader.readInt("stats.endpoint.age"),
            createdMillis: try reader.readInt64("stats.endpoint.createdMillis")
        )
    }
}

extension QueueStats: RPCCodable {
    static let minimumEncodedSize = 18

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeRPCInt(free)
        buffer.writeRPCInt(claimed)
        buffer.writeRPCOptional(oldest)
        buffer.writeRPCOptional(newest)
    }

    static func decode(from reader: inout RPCPayloadReader) throws(RPCDecodingError) -> QueueStats {
        QueueStats(
            free: try reader.readInt("stats.free"),
            claimed: try reader.readInt("stats.claimed"),
            oldest: try reader.readOptional("stats.oldest"),
            newest: try reader.readOptional("stats.newest")
        )
    }
}

extension NodeStats: RPCCodable {
    static let minimumEncodedSize = 24

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeRPCInt(queues)
        buffer.writeRPCInt(messages.free)
        buffer.writeRPCInt(messages.claimed)
    }

    static func decode(from reader: inout RPCPayloadReader) throws(RPCDecodingError) -> NodeStats {
        NodeStats(
            queues: try reader.readInt("nodeStats.queues"),
            messages: MessageCounts(free: try reader.readInt("nodeStats.free"), claimed: try reader.readInt("nodeStats.claimed"))
        )
    }
}

extension StorageError: RPCCodable {
    static let minimumEncodedSize = 1

    private enum Tag: UInt8 {
        case queueNotFound = 1, messageNotFound, claimNotFound, messageClaimed, messageNotClaimed
        case claimDoesNotExist, claimMismatch, postTooLarge, unavailable, protocolViolation
        case subscriptionNotFound, subscriptionConflict, storageFull, queueMoving, queueMoved
    }

    func encode(into buffer: inout ByteBuffer) {
        switch self {
        case .queueNotFound: buffer.writeInteger(Tag.queueNotFound.rawValue)
        case .messageNotFound: buffer.writeInteger(Tag.messageNotFound.rawValue)
        case .claimNotFound: buffer.writeInteger(Tag.claimNotFound.rawValue)
        case .messageClaimed: buffer.writeInteger(Tag.messageClaimed.rawValue)
        case .messageNotClaimed: buffer.writeInteger(Tag.messageNotClaimed.rawValue)
        case .claimDoesNotExist: buffer.writeInteger(Tag.claimDoesNotExist.rawValue)
        case .claimMismatch: buffer.writeInteger(Tag.claimMismatch.rawValue)
        case .subscriptionNotFound: buffer.writeInteger(Tag.subscriptionNotFound.rawValue)
        case .subscriptionConflict: buffer.writeInteger(Tag.subscriptionConflict.rawValue)
        case .queueMoving: buffer.writeInteger(Tag.queueMoving.rawValue)
        case .queueMoved: buffer.writeInteger(Tag.queueMoved.rawValue)
        case let .postTooLarge(limit):
            buffer.writeInteger(Tag.postTooLarge.rawValue)
            buffer.writeRPCInt(limit)
        case let .unavailable(reason):
            buffer.writeInteger(Tag.unavailable.rawValue)
            buffer.writeRPCString(reason)
        case let .protocolViolation(reason):
            buffer.writeInteger(Tag.protocolViolation.rawValue)
            buffer.writeRPCString(reason)
        case let .storageFull(reason):
            buffer.writeInteger(Tag.storageFull.rawValue)
            buffer.writeRPCString(reason)
        }
    }

    static func decode(from reader: inout RPCPayloadReader) throws(RPCDecodingError) -> StorageError {
        guard let tag = Tag(rawValue: try reader.readUInt8("error.tag")) else { throw .invalidValue(field: "error.tag") }
        switch tag {
        case .queueNotFound: return .queueNotFound
        case .messageNotFound: return .messageNotFound
        case .claimNotFound: return .claimNotFound
        case .messageClaimed: return .messageClaimed
        case .messageNotClaimed: return .messageNotClaimed
        case .claimDoesNotExist: return .claimDoesNotExist
        case .claimMismatch: return .claimMismatch
        case .subscriptionNotFound: return .subscriptionNotFound
        case .subscriptionConflict: return .subscriptionConflict
        case .queueMoving: return .queueMoving
        case .queueMoved: return .queueMoved
        case .postTooLarge: return .postTooLarge(limit: try reader.readInt("error.limit"))
        case .unavailable: return .unavailable(try reader.readString("error.reason"))
        case .protocolViolation: return .protocolViolation(try reader.readString("error.reason"))
        case .storageFull: return .storageFull(try reader.readString("error.reason"))
        }
    }
}
