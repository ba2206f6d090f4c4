/// A parsed Prometheus text exposition (format 0.0.4): the samples and the `# TYPE` of each
/// metric family. Enough of the format for the metrics tests: comments, label sets with
/// escaped values, and numeric values (`+Inf`, `-Inf` and `NaN` included); timestamps are
/// not expected and refused.
struct PrometheusText {
    /// One sample line.
    struct Sample: Equatable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    /// Why a text is not a valid exposition.
    struct ParseError: Error, CustomStringConvertible {
        var line: Int
        var reason: String
        var description: String { "line \(line): \(reason)" }
    }

    private(set) var samples: [Sample] = []
    /// The `# TYPE` of each family, e.g. `counter`.
    private(set) var types: [String: String] = [:]

    init(_ text: String) throws {
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                let words = line.split(separator: " ", maxSplits: 3).map(String.init)
                if words.count == 4, words[1] == "TYPE" { types[words[2]] = words[3] }
                continue
            }
            do {
                samples.append(try Self.parseSample(Substring(line)))
            } catch let reason as SampleError {
                throw ParseError(line: index + 1, reason: "\(reason.text): \(line)")
            }
        }
    }

    /// The value of the sample with exactly these labels, if any.
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        samples.first { $0.name == name && $0.labels == labels }?.value
    }

    /// The samples of `name` whose labels include `labels`.
    func samples(_ name: String, matching labels: [String: String] = [:]) -> [Sample] {
        samples.filter { sample in
            sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value }
        }
    }

    /// The sum of the samples of `name` whose labels include `labels` (0 when there are none).
    func sum(_ name: String, matching labels: [String: String] = [:]) -> Double {
        samples(name, matching: labels).reduce(0) { $0 + $1.value }
    }

    private struct SampleError: Error {
        var text: String
    }

    private static func parseSample(_ line: Substring) throws -> Sample {
        var rest = line
        let nameEnd = rest.firstIndex { $0 == "{" || $0 == " " } ?? rest.endIndex
        let name = String(rest[..<nameEnd])
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == ":" }) else {
            throw SampleError(text: "bad metric name")
        }
        rest = rest[nameEnd...]
        var labels: [String: String] = [:]
        if rest.first == "{" {
            rest = rest.dropFirst()
            while true {
                rest = rest.drop { $0 == " " || $0 == "," }
                if rest.first == "}" {
                    rest = rest.dropFirst()
                    break
                }
                guard let equals = rest.firstIndex(of: "=") else { throw SampleError(text: "label without value") }
                let key = String(rest[..<equals]).trimmingCharacters(in: .whitespaces)
                rest = rest[rest.index(after: equals)...]
                guard rest.first == "\"" else { throw SampleError(text: "unquoted label value") }
                rest = rest.dropFirst()
                var value = ""
                var closed = false
                while let character = rest.first {
                    rest = rest.dropFirst()
                    if character == "\"" {
                        closed = true
                        break
                    }
                    if character == "\\" {
                        guard let escaped = rest.first else { break }
                        rest = rest.dropFirst()
                        switch escaped {
                        case "n": value.append("\n")
                        case "\\": value.append("\\")
                        case "\"": value.append("\"")
                        default: throw SampleError(text: "bad escape")
                        }
                    } else {
                        value.append(character)
                    }
                }
                guard closed else { throw SampleError(text: "unterminated label value") }
                guard labels.updateValue(value, forKey: key) == nil else { throw SampleError(text: "duplicate label") }
            }
        }
        let fields = rest.split(separator: " ")
        guard fields.count == 1 else { throw SampleError(text: "expected exactly one value") }
        let value: Double
        switch fields[0] {
        case "+Inf": value = .infinity
        case "-Inf": value = -.infinity
        case "NaN": value = .nan
        default:
            guard let number = Double(fields[0]) else { throw SampleError(text: "bad value") }
            value = number
        }
        return Sample(name: name, labels: labels, value: value)
    }
}
