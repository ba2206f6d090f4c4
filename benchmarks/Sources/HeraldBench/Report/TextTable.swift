/// A plain-text table: an optional header row, a left-aligned first column, and the other
/// columns right-aligned (numbers) or left-aligned (text).
struct TextTable {
    /// How the columns after the first are aligned.
    enum Alignment {
        /// Right-aligned, for columns of figures.
        case numeric
        /// Left-aligned, for free text.
        case text
    }

    /// The column titles; empty for a table without a header row.
    var header: [String]
    /// How the columns after the first are aligned.
    var alignment: Alignment
    /// The rows; each as many cells as the header (missing cells print empty).
    var rows: [[String]] = []

    /// A table with these column titles (none: no header row) and no rows.
    init(header: [String] = [], alignment: Alignment = .numeric) {
        self.header = header
        self.alignment = alignment
    }

    /// Adds one row.
    mutating func add(_ cells: [String]) {
        rows.append(cells)
    }

    /// The table as lines (no trailing newline), columns separated by two spaces.
    func render(indent: String = "  ") -> String {
        let all = header.isEmpty ? rows : [header] + rows
        let columns = all.map(\.count).max() ?? 0
        var widths = Array(repeating: 0, count: columns)
        for row in all {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        return all.map { row in
            var line = indent
            for index in 0..<columns {
                let cell = index < row.count ? row[index] : ""
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                if index > 0 { line += "  " }
                line += index == 0 || alignment == .text ? cell + padding : padding + cell
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }
}
