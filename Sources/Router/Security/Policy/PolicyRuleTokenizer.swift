/// One token of a policy rule text.
struct PolicyRuleToken: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        case open, close, and, or, not, word
    }

    var kind: Kind
    /// The token as written.
    var text: String
    /// 1-based character position of the token's first character.
    var column: Int
}

/// Splits a policy rule into tokens as oslo.policy does: whitespace separates words, `(` at the
/// start and `)` at the end of a word stand alone (so `project_id:%(project_id)s` stays one
/// word), and the words `and`, `or` and `not` (any case) are operators.
enum PolicyRuleTokenizer {
    static func tokens(of text: String) -> [PolicyRuleToken] {
        var tokens: [PolicyRuleToken] = []
        var word: [Character] = []
        var wordColumn = 0
        func flush() {
            guard !word.isEmpty else { return }
            tokens += split(word, column: wordColumn)
            word = []
        }
        for (offset, character) in text.enumerated() {
            if character.isWhitespace {
                flush()
            } else {
                if word.isEmpty { wordColumn = offset + 1 }
                word.append(character)
            }
        }
        flush()
        return tokens
    }

    /// The tokens of one whitespace-separated word starting at `column`.
    private static func split(_ word: [Character], column: Int) -> [PolicyRuleToken] {
        var start = 0
        var end = word.count
        var tokens: [PolicyRuleToken] = []
        while start < end, word[start] == "(" {
            tokens.append(PolicyRuleToken(kind: .open, text: "(", column: column + start))
            start += 1
        }
        var closing: [PolicyRuleToken] = []
        while end > start, word[end - 1] == ")" {
            end -= 1
            closing.insert(PolicyRuleToken(kind: .close, text: ")", column: column + end), at: 0)
        }
        if start < end {
            let core = String(word[start..<end])
            tokens.append(PolicyRuleToken(kind: kind(of: core), text: core, column: column + start))
        }
        return tokens + closing
    }

    private static func kind(of word: String) -> PolicyRuleToken.Kind {
        switch word.lowercased() {
        case "and": return .and
        case "or": return .or
        case "not": return .not
        default: return .word
        }
    }
}
