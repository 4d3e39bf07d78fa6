import GRDB

extension DeliveryStore {
    /// The schema, as numbered migrations.
    ///
    /// **Warning**: append-only. A migration that has shipped is never edited or removed; a change to the schema
    /// is a new migration with the next number, appended to ``migrations``.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in migrations {
            migrator.registerMigration(migration.identifier) { db in
                for statement in migration.statements {
                    try db.execute(sql: statement)
                }
            }
        }
        return migrator
    }

    /// Every migration, in the order it is applied.
    private static let migrations: [Migration] = [
        Migration(identifier: "0001_key_packages", statements: keyPackages),
        Migration(identifier: "0002_fetch_quotas", statements: fetchQuotas),
        Migration(identifier: "0003_rooms", statements: rooms),
        Migration(identifier: "0004_accepted_messages", statements: acceptedMessages),
        Migration(identifier: "0005_served_key_packages", statements: servedKeyPackages),
        Migration(identifier: "0006_bot_state", statements: botState),
        Migration(identifier: "0007_room_policies", statements: roomPolicies),
        Migration(identifier: "0008_service_signing_keys", statements: serviceSigningKeys),
        Migration(identifier: "0009_room_creators", statements: roomCreators),
    ]
}

/// One numbered step of the schema: its identifier, recorded in the database once applied, and its statements,
/// run in order in one transaction.
private struct Migration {
    var identifier: String
    var statements: [String]
}

/// The statements of each migration, exactly as they shipped.
extension DeliveryStore {
    /// `0001_key_packages`: one row per published KeyPackage not yet served (last-resort ones stay after serving).
    private static let keyPackages: [String] = [
        """
        CREATE TABLE key_packages (
            ref BLOB PRIMARY KEY NOT NULL,
            owner TEXT NOT NULL,
            signature_key BLOB NOT NULL,
            cipher_suite INTEGER NOT NULL,
            not_after INTEGER NOT NULL,
            last_resort INTEGER NOT NULL,
            bytes BLOB NOT NULL,
            published_at INTEGER NOT NULL
        );
        CREATE INDEX key_packages_owner ON key_packages(owner, cipher_suite, signature_key);
        CREATE INDEX key_packages_not_after ON key_packages(not_after);
        """,
    ]

    /// `0002_fetch_quotas`.
    private static let fetchQuotas: [String] = [
        """
        CREATE TABLE fetch_quotas (
            requester TEXT NOT NULL,
            target TEXT NOT NULL,
            window_start INTEGER NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (requester, target)
        );
        """,
    ]

    /// `0003_rooms`: `group_id` is NULL until the first commit binds the room to a group.
    private static let rooms: [String] = [
        """
        CREATE TABLE rooms (
            jid TEXT PRIMARY KEY NOT NULL,
            group_id BLOB,
            epoch INTEGER NOT NULL DEFAULT 0,
            group_info BLOB
        );
        """,
    ]

    /// `0004_accepted_messages`.
    private static let acceptedMessages: [String] = [
        """
        CREATE TABLE accepted_messages (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            room TEXT NOT NULL,
            stanza_id TEXT NOT NULL UNIQUE,
            sender TEXT NOT NULL,
            epoch INTEGER NOT NULL,
            content_type INTEGER NOT NULL,
            payload BLOB NOT NULL,
            welcome BLOB,
            accepted_at INTEGER NOT NULL
        );
        CREATE INDEX accepted_messages_room ON accepted_messages(room, sequence);
        """,
    ]

    /// `0005_served_key_packages`: every KeyPackage handed out, so that a Welcome naming its ref can be routed to its
    /// owner and so that a served KeyPackage can never be published and served again.
    private static let servedKeyPackages: [String] = [
        """
        CREATE TABLE served_key_packages (
            ref BLOB PRIMARY KEY NOT NULL,
            owner TEXT NOT NULL,
            requester TEXT NOT NULL,
            last_resort INTEGER NOT NULL,
            not_after INTEGER NOT NULL,
            served_at INTEGER NOT NULL
        );
        """,
    ]

    /// `0006_bot_state`: the state of MLSGate's own bots, sealed by the Gateway with AES-GCM: their identity, unused
    /// KeyPackage private keys and group states.
    private static let botState: [String] = [
        """
        CREATE TABLE bot_state (
            bot TEXT NOT NULL,
            kind TEXT NOT NULL,
            name TEXT NOT NULL,
            sealed BLOB NOT NULL,
            PRIMARY KEY (bot, kind, name)
        );
        """,
    ]

    /// `0007_room_policies`: each room's policy and affiliations (JSON), and the public group state MLSGate follows
    /// when the room's handshakes are PublicMessage, written in the transaction that accepts each commit.
    private static let roomPolicies: [String] = [
        "ALTER TABLE rooms ADD COLUMN settings TEXT",
        "ALTER TABLE rooms ADD COLUMN public_state BLOB",
    ]

    /// `0008_service_signing_keys`: MLSGate's own signature key per cipher suite, with which it signs proposals as an
    /// external sender of the groups that list it (idle-member eviction, RFC 9750 §8.4.2).
    private static let serviceSigningKeys: [String] = [
        """
        CREATE TABLE service_signing_keys (
            cipher_suite INTEGER PRIMARY KEY NOT NULL,
            private_key BLOB NOT NULL,
            public_key BLOB NOT NULL
        );
        """,
    ]

    /// `0009_room_creators`: who created each room, so that the rooms one user may create can be counted; NULL for
    /// rooms created before this column, which count for nobody.
    private static let roomCreators: [String] = [
        "ALTER TABLE rooms ADD COLUMN creator TEXT",
        "CREATE INDEX rooms_by_creator ON rooms (creator)",
    ]
}
