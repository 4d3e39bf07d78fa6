import GRDB

extension DeliveryStore {
    /// The schema, as numbered migrations.
    ///
    /// **Warning**: append-only. A migration that has shipped is never edited or removed; a change to the schema
    /// is a new migration with the next number.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("0001_key_packages") { db in
            // One row per published KeyPackage not yet served (last-resort ones stay after serving).
            try db.execute(
                sql: """
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
                    """)
        }
        migrator.registerMigration("0002_fetch_quotas") { db in
            try db.execute(
                sql: """
                    CREATE TABLE fetch_quotas (
                        requester TEXT NOT NULL,
                        target TEXT NOT NULL,
                        window_start INTEGER NOT NULL,
                        count INTEGER NOT NULL,
                        PRIMARY KEY (requester, target)
                    );
                    """)
        }
        migrator.registerMigration("0003_rooms") { db in
            // group_id is NULL until the first commit binds the room to a group.
            try db.execute(
                sql: """
                    CREATE TABLE rooms (
                        jid TEXT PRIMARY KEY NOT NULL,
                        group_id BLOB,
                        epoch INTEGER NOT NULL DEFAULT 0,
                        group_info BLOB
                    );
                    """)
        }
        migrator.registerMigration("0004_accepted_messages") { db in
            try db.execute(
                sql: """
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
                    """)
        }
        migrator.registerMigration("0005_served_key_packages") { db in
            // Every KeyPackage handed out, so that a Welcome naming its ref can be routed to its owner
            // and so that a served KeyPackage can never be published and served again.
            try db.execute(
                sql: """
                    CREATE TABLE served_key_packages (
                        ref BLOB PRIMARY KEY NOT NULL,
                        owner TEXT NOT NULL,
                        requester TEXT NOT NULL,
                        last_resort INTEGER NOT NULL,
                        not_after INTEGER NOT NULL,
                        served_at INTEGER NOT NULL
                    );
                    """)
        }
        migrator.registerMigration("0006_bot_state") { db in
            // The state of MLSGate's own bots, sealed by the Gateway with AES-GCM: their identity, unused
            // KeyPackage private keys and group states.
            try db.execute(
                sql: """
                    CREATE TABLE bot_state (
                        bot TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        name TEXT NOT NULL,
                        sealed BLOB NOT NULL,
                        PRIMARY KEY (bot, kind, name)
                    );
                    """)
        }
        migrator.registerMigration("0007_room_policies") { db in
            // Each room's policy and affiliations (JSON), and the public group state MLSGate follows when the
            // room's handshakes are PublicMessage, written in the transaction that accepts each commit.
            try db.execute(sql: "ALTER TABLE rooms ADD COLUMN settings TEXT")
            try db.execute(sql: "ALTER TABLE rooms ADD COLUMN public_state BLOB")
        }
        migrator.registerMigration("0008_service_signing_keys") { db in
            // MLSGate's own signature key per cipher suite, with which it signs proposals as an external
            // sender of the groups that list it (idle-member eviction, RFC 9750 §8.4.2).
            try db.execute(
                sql: """
                    CREATE TABLE service_signing_keys (
                        cipher_suite INTEGER PRIMARY KEY NOT NULL,
                        private_key BLOB NOT NULL,
                        public_key BLOB NOT NULL
                    );
                    """)
        }
        migrator.registerMigration("0009_room_creators") { db in
            // Who created each room, so that the rooms one user may create can be counted; NULL for rooms
            // created before this column, which count for nobody.
            try db.execute(sql: "ALTER TABLE rooms ADD COLUMN creator TEXT")
            try db.execute(sql: "CREATE INDEX rooms_by_creator ON rooms (creator)")
        }
        return migrator
    }
}
