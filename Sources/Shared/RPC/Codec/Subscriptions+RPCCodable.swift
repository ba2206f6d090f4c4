import NIOCore

// The binary form of the subscription model. Field order is the wire order.

extension Subscription: RPCCodable {
    static let minimumEncodedSize = 4 + 4 + 4 + 8 + 8 + 4 + 1

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeRPCString(id)
        buffer.writeRPCString(source)
        buffer.writeRPCString(subscriber)
        buffer.writeRPCInt(ttl)
        buffer.writeRPCInt(age)
        buffer.writeRPCBytes(options)
        buffer.writeRPCBool(confirmed)
    }

    static func decode(from reader: inout RPCPayloadReader) throws(RPCDecodingError) -> Subscription {
        Subscription(
            id: try reader.readString("subscription.id"),
            source: try reader.readString("subscription.source"),
            subscriber: try reader.readString("subscription.subscriber"),
            ttl: try reader.readInt("subscription.ttl"),
            age: try reader.readInt("subscription.age"),
            options: try reader.readBytes("subscription.options"),
            confirmed: try reader.readBool("subscription.confirmed")
        )
    }
}

extension NewSubscription: RPCCodable {
    static let minimumEncodedSize = 4 + 8 + 4

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeRPCString(subscriber)
        buffer.writeRPCInt(ttl)
        buffer.writeRPCBytes(options)
    }

    static func decode(from reader: inout RPCPayloadReader) throws(RPCDecodingError) -> NewSubscription {
        NewSubscription(
            subscriber: try reader.readString("newSubscription.subscriber"),
            ttl: try reader.readInt("newSubscription.ttl"),
            options: try reader.readBytes("newSubscription.options")
        )
    }
}

extension SubscriptionUpdate: RPCCodable {
    static let minimumEncodedSize = 3

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeRPCOptionalString(subscriber)
        buffer.writeRPCOptionalInt(ttl)
        buffer.writeRPCOptional(options) { $0.writeRPCBytes($1) }
    }

    static func decode(from reader: inout RPCPayloadReader) throws(RPCDecodingError) -> SubscriptionUpdate {
        SubscriptionUpdate(
            subscriber: try reader.readOptionalString("update.subscriber"),
            ttl: try reader.readOptionalInt("update.ttl"),
            options: try reader.readOptional("update.options") {
                (reader: inout RPCPayloadReader) throws(RPCDecodingError) in try reader.readBytes("update.options")
            }
        )
    }
}

extension SubscriptionCreation: RPCCodable {
    static let minimumEncodedSize = 4 + 1

    func encode(into buffer: inout ByteBuffer) {
        buffer.writeRPCString(id)
        buffer.writeRPCBool(created)
    }

    static func decode(from reader: inout RPCPayloadReader) throws(RPCDecodingError) -> SubscriptionCreation {
        SubscriptionCreation(id: try reader.readString("creation.id"), created: try reader.readBool("creation.created"))
    }
}
