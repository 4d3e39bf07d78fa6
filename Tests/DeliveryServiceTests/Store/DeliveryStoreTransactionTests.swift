import Foundation
import GRDB
import Testing

@testable import DeliveryService

@Suite struct DeliveryStoreTransactionTests {
    let store: DeliveryStore

    init() throws {
        store = try DeliveryStore.inMemory()
    }

    private func botRows() throws -> Int {
        try store.read(wrap: StoreError.queryFailure("cannot count")) { db in try BotStateRow.fetchCount(db) }
    }

    @Test func writePassesTheCallersErrorThroughAndRollsBack() throws {
        let error = #expect(throws: DirectoryError.self) {
            try store.write(wrap: { DirectoryError.storage($0) }) { db in
                let record = BotStateRecord(kind: "identity", name: "", sealed: [1])
                try BotStateRow(bot: "bot@mls.example.org", record: record).insert(db)
                throw DirectoryError(.tooMany, "refused inside the transaction")
            }
        }
        #expect(error?.code == .tooMany)
        #expect(error?.cause == nil)
        #expect(try botRows() == 0)
    }

    @Test func databaseFailureIsWrappedIntoTheCallersErrorWithItsCause() throws {
        let error = #expect(throws: DirectoryError.self) {
            try store.write(wrap: { DirectoryError.storage($0) }) { db in
                try db.execute(sql: "INSERT INTO no_such_table VALUES (1)")
            }
        }
        #expect(error?.code == .storage)
        #expect(error?.cause is DatabaseError)
    }

    @Test func readFailureIsAQueryFailedStoreErrorWithItsMessage() throws {
        let error = #expect(throws: StoreError.self) {
            try store.read(wrap: StoreError.queryFailure("cannot read the missing table")) { db in
                try Row.fetchAll(db, sql: "SELECT * FROM no_such_table")
            }
        }
        #expect(error?.code == .queryFailed)
        #expect(error?.message == "cannot read the missing table")
        #expect(error?.cause is DatabaseError)
    }
}
