import ArgumentParser
import DeliveryService
import Foundation
import MLS
import XMPP

/// `mlsgate rooms list|show`: what the database holds about MLS rooms, without message contents.
struct RoomsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rooms",
        abstract: "List the MLS rooms in the database, or show one.",
        discussion: """
            Reads the database named by [storage] path; safe while mlsgate run serves from it. \
            Shows no message contents: only epochs, counts and times.
            """,
        subcommands: [List.self, Show.self],
        defaultSubcommand: List.self
    )

    /// `mlsgate rooms list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One line per room: ROOM, EPOCH, COMMITS, MESSAGES, LAST ACCEPTED (UTC).")

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            print(RoomsCommand.table(try database.openStore().roomSummaries()), terminator: "")
        }
    }

    /// `mlsgate rooms show ROOM`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every figure the database holds about one room. Exits 1 when there is no such room.")

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The room's JID, such as room@mls.example.org.")
        var room: String

        func run() async throws {
            let key: String
            do {
                key = try JID(room).bare.description
            } catch {
                throw ValidationError("'\(room)' is not a JID")
            }
            guard let summary = try database.openStore().roomSummary(jid: key) else {
                FileHandle.standardError.write(Data("mlsgate: no room \(key) in the database\n".utf8))
                throw ExitCode.failure
            }
            print(RoomsCommand.details(summary), terminator: "")
        }
    }

    /// The `list` output: a header and one tab-separated line per room.
    static func table(_ rooms: [RoomSummary]) -> String {
        DatabaseOptions.table(
            header: ["ROOM", "EPOCH", "COMMITS", "MESSAGES", "LAST_ACCEPTED"],
            rows: rooms.map { room in
                [
                    "\(room.jid)", "\(room.epoch)", "\(room.commits)", "\(room.applicationMessages)",
                    DatabaseOptions.timestamp(room.lastAcceptedAt),
                ]
            }
        )
    }

    /// The `show` output: one `name: value` line per figure.
    static func details(_ room: RoomSummary) -> String {
        """
        room: \(room.jid)
        group_id: \(room.groupID.map(\.hexString) ?? "-")
        epoch: \(room.epoch)
        group_info_bytes: \(room.groupInfoBytes.map(String.init) ?? "-")
        commits: \(room.commits)
        proposals: \(room.proposals)
        application_messages: \(room.applicationMessages)
        senders: \(room.senders)
        last_accepted: \(DatabaseOptions.timestamp(room.lastAcceptedAt))

        """
    }
}
