/// The receiver paths of the subscribers: subscriber `i` is `/s<i>`.
enum SubscriberPath {
    /// The path of subscriber `index`.
    static func path(of index: Int) -> String {
        "/s\(index)"
    }

    /// The subscriber number of a request path (`/s12` → 12); nil for any other path.
    static func index(of path: String) -> Int? {
        var bytes = path.utf8.makeIterator()
        guard bytes.next() == UInt8(ascii: "/"), bytes.next() == UInt8(ascii: "s") else { return nil }
        var value = 0
        var digits = 0
        while let byte = bytes.next() {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 9 else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            digits += 1
        }
        return digits > 0 ? value : nil
    }
}
