/// A manually managed LIFO buffer the parser uses to collect the children of every open
/// container; finished containers are *moved* out into exactly sized arrays, so no child is
/// retained, copied or released on the way.
///
/// The owner must call `deallocate()` exactly once when done with the stack.
struct JSONParserStack<Element> {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    /// Number of initialised elements.
    private(set) var count = 0

    init(initialCapacity: Int = 32) {
        capacity = max(1, initialCapacity)
        base = .allocate(capacity: capacity)
    }

    /// Appends `element`, growing the buffer geometrically.
    mutating func push(_ element: consuming Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        count += 1
    }

    /// Calls `body` with the element at `position` for in-place mutation.
    mutating func modify<R>(at position: Int, _ body: (inout Element) -> R) -> R {
        body(&base[position])
    }

    /// Reads the element at `position`.
    func withElement<R>(at position: Int, _ body: (borrowing Element) -> R) -> R {
        body(base[position])
    }

    /// Moves the elements from `start` to the top into a new array and pops them.
    mutating func popArray(from start: Int) -> [Element] {
        var result: [Element] = []
        result.reserveCapacity(count - start)
        for position in start..<count {
            result.append((base + position).move())
        }
        count = start
        return result
    }

    /// Destroys the remaining elements and frees the buffer.
    mutating func deallocate() {
        base.deinitialize(count: count)
        base.deallocate()
        count = 0
        capacity = 0
    }

    private mutating func grow() {
        let newCapacity = capacity * 2
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.moveInitialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}
