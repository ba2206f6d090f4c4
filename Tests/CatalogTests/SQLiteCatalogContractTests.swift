import XCTest

/// The catalog contract on a SQLite file.
final class SQLiteCatalogContractTests: XCTestCase {
    private var fixture: SQLiteFixture?

    override func setUp() async throws {
        fixture = try SQLiteFixture()
    }

    override func tearDown() async throws {
        await fixture?.tearDown()
        fixture = nil
    }

    private func contract() throws -> CatalogContract {
        CatalogContract(fixture: try XCTUnwrap(fixture))
    }

    func testPoolsAreUpsertedListedAndFetched() async throws { try await contract().poolsAreUpsertedListedAndFetched() }
    func testPoolsArePagedByName() async throws { try await contract().poolsArePagedByName() }
    func testInvalidPoolsAreRejectedAndChangeNothing() async throws { try await contract().invalidPoolsAreRejectedAndChangeNothing() }
    func testDuplicateURIIsRejected() async throws { try await contract().duplicateURIIsRejected() }
    func testPoolHoldingQueuesCannotBeDeleted() async throws { try await contract().poolHoldingQueuesCannotBeDeleted() }
    func testFlavorsAreUpsertedFetchedAndPaged() async throws { try await contract().flavorsAreUpsertedFetchedAndPaged() }
    func testFlavorMembershipMovesWithEachUpsert() async throws { try await contract().flavorMembershipMovesWithEachUpsert() }
    func testFlavorWithUnknownPoolsChangesNothing() async throws { try await contract().flavorWithUnknownPoolsChangesNothing() }
    func testDeletingAFlavorClearsItsPools() async throws { try await contract().deletingAFlavorClearsItsPools() }
    func testFlavorInUseCannotBeDeleted() async throws { try await contract().flavorInUseCannotBeDeleted() }
    func testQueuesAreRegisteredLookedUpAndUnregistered() async throws { try await contract().queuesAreRegisteredLookedUpAndUnregistered() }
    func testQueuesAreListedAndCountedPerProject() async throws { try await contract().queuesAreListedAndCountedPerProject() }
    func testRegisteredQueuesArePagedAcrossProjects() async throws { try await contract().registeredQueuesArePagedAcrossProjects() }
    func testRacingRegistersKeepTheFirstPlacement() async throws { try await contract().racingRegistersKeepTheFirstPlacement() }
    func testMovingAPlacementIsACompareAndSet() async throws { try await contract().movingAPlacementIsACompareAndSet() }
    func testQueuesOfOnePoolArePagedAcrossProjects() async throws { try await contract().queuesOfOnePoolArePagedAcrossProjects() }
    func testRevisionGrowsWithEveryPoolAndFlavorChange() async throws { try await contract().revisionGrowsWithEveryPoolAndFlavorChange() }
    func testOpeningAgainKeepsDataAndSchema() async throws { try await contract().openingAgainKeepsDataAndSchema() }
    func testTwoInstancesSeeEachOthersChanges() async throws { try await contract().twoInstancesSeeEachOthersChanges() }
}
