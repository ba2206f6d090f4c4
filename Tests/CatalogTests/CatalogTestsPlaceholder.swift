import XCTest

final class CatalogTestsPlaceholder: XCTestCase {
    func testTargetBuilds() { XCTAssertEqual(1 + 1, 2) }
}
