/// Text formats of the operator page.
enum OperatorFormat {
    /// An age in seconds as its two largest units: `42 s`, `3 min 5 s`, `2 h 10 min`, `4 d 3 h`.
    static func age(seconds: Int) -> String {
        let seconds = max(0, seconds)
        let units: [(String, Int)] = [("d", 86_400), ("h", 3600), ("min", 60), ("s", 1)]
        guard let first = units.firstIndex(where: { seconds >= $0.1 }) else { return "0 s" }
        let (name, size) = units[first]
        var text = "\(seconds / size) \(name)"
        if first + 1 < units.count {
            let (nextName, nextSize) = units[first + 1]
            let rest = (seconds % size) / nextSize
            if rest > 0 { text += " \(rest) \(nextName)" }
        }
        return text
    }
}
