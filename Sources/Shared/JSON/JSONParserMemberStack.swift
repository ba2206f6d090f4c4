/// Members of the objects currently being parsed, innermost object last.
///
/// Duplicate keys are replaced in place (last value, first position). Small objects are
/// searched linearly; an object that grows past `indexThreshold` gets its own key index,
/// so hostile inputs with many keys stay linear.
struct MemberStack {
    private var members = JSONParserStack<(key: String, value: JSONValue)>()
    /// Key positions for the large objects still open, innermost last.
    private var indexes: [(objectStart: Int, positions: [String: Int])] = []
    private static let indexThreshold = 16

    /// Marks the start of a new innermost object and returns its base for the other calls.
    func beginObject() -> Int {
        members.count
    }

    /// Adds or replaces `key` in the innermost object, which begins at `objectStart`.
    mutating func set(_ key: String, _ value: consuming JSONValue, objectStart: Int) {
        if let last = indexes.indices.last, indexes[last].objectStart == objectStart {
            if let existing = indexes[last].positions[key] {
                members.modify(at: existing) { $0.value = value }
            } else {
                indexes[last].positions[key] = members.count
                members.push((key: key, value: value))
            }
            return
        }
        for position in objectStart..<members.count where members.withElement(at: position, { $0.key == key }) {
            members.modify(at: position) { $0.value = value }
            return
        }
        members.push((key: key, value: value))
        if members.count - objectStart >= Self.indexThreshold {
            var positions: [String: Int] = [:]
            positions.reserveCapacity(Self.indexThreshold * 4)
            for position in objectStart..<members.count {
                members.withElement(at: position) { positions[$0.key] = position }
            }
            indexes.append((objectStart: objectStart, positions: positions))
        }
    }

    /// Removes the innermost object's members and returns them exactly sized.
    mutating func endObject(objectStart: Int) -> [(key: String, value: JSONValue)] {
        if let last = indexes.last, last.objectStart == objectStart { indexes.removeLast() }
        return members.popArray(from: objectStart)
    }

    /// Frees the storage; the stack must not be used afterwards.
    mutating func deallocate() {
        members.deallocate()
    }
}
