extension JSONValue {
    /// Member lookup on objects (last duplicate wins); nil for non-objects or missing keys.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        for member in members.reversed() where member.key == key {
            return member.value
        }
        return nil
    }
}
