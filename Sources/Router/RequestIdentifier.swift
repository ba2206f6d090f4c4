/// Generates the `req-<uuid>` values of the `x-openstack-request-id` header.
enum RequestIdentifier {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A fresh `req-` + random version-4 UUID in canonical lowercase form.
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = withUnsafeBytes(of: (generator.next() as UInt64, generator.next() as UInt64)) { Array($0) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        var text: [UInt8] = Array("req-".utf8)
        text.reserveCapacity(40)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { text.append(UInt8(ascii: "-")) }
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
