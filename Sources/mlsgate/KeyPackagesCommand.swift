import ArgumentParser
import DeliveryService
import Foundation
import XMPP

/// `mlsgate keypackages [JID]`: the KeyPackage stock of each user in the directory.
struct KeyPackagesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keypackages",
        abstract: "Show the KeyPackage stock per user: ordinary, last resort, expired, next expiry.",
        discussion: """
            Reads the database named by [storage] path; safe while mlsgate run serves from it. Prints \
            OWNER, ORDINARY, LAST_RESORT, EXPIRED and NEXT_EXPIRY (UTC), one line per user. A user whose \
            ORDINARY count stays at 0 can only be added to rooms with a last-resort UnverifiedKeyPackage, or not at all.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "Show only this user (a JID; its bare form is used).")
    var jid: String?

    func run() async throws {
        var owner: String?
        if let jid {
            do {
                owner = try JID(jid).bare.description
            } catch {
                throw ValidationError("'\(jid)' is not a JID")
            }
        }
        let stocks = try database.openStore().keyPackageStocks(owner: owner, now: Date())
        print(Self.table(stocks), terminator: "")
    }

    /// A header and one tab-separated line per owner.
    static func table(_ stocks: [OwnerStock]) -> String {
        DatabaseOptions.table(
            header: ["OWNER", "ORDINARY", "LAST_RESORT", "EXPIRED", "NEXT_EXPIRY"],
            rows: stocks.map { stock in
                [
                    stock.owner, "\(stock.ordinary)", "\(stock.lastResort)", "\(stock.expired)",
                    DatabaseOptions.timestamp(stock.nextExpiry),
                ]
            }
        )
    }
}
