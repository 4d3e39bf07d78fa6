import DeliveryService
import Testing

@testable import mlsgate

struct RoomPolicyConfigurationTests {
    @Test func withoutTheTableRoomsGetTheShippedPolicy() throws {
        let config = try Configuration(toml: ConfigurationTests.minimal)
        #expect(config.roomPolicy == RoomPolicy())
        #expect(config.roomPolicy.handshakes == .publicMessage && !config.roomPolicy.externalJoins)
    }

    @Test func theTableAndTheEnvironmentSetThePolicy() throws {
        let config = try Configuration(
            toml: ConfigurationTests.minimal + """

                [room_policy]
                membership_changes = "owners-and-admins"
                external_joins = true
                members_only = true
                idle_eviction_epochs = 50
                """,
            environment: ["MLSGATE_ROOM_POLICY_EXTERNAL_JOINS": "false"])
        #expect(
            config.roomPolicy
                == RoomPolicy(
                    membershipChanges: .ownersAndAdmins, externalJoins: false, handshakes: .publicMessage,
                    occupants: .membersOnly, idleEvictionEpochs: 50))
    }

    @Test(arguments: [
        ("membership_changes = \"admins\"", "[room_policy] membership_changes"),
        ("external_joins = \"yes\"", "[room_policy] external_joins"),
        ("handshakes = \"private-allowed\"\nmembers_only = true", "[room_policy] handshakes"),
        ("idle_eviction_epochs = -1", "[room_policy] idle_eviction_epochs"),
        ("evict = 1", "[room_policy] evict"),
    ])
    func wrongSettingsNameTheKey(line: String, key: String) {
        let toml = ConfigurationTests.minimal + "\n[room_policy]\n" + line + "\n"
        let error = #expect(throws: ConfigurationError.self) { try Configuration(toml: toml) }
        #expect(error?.key == key)
    }
}
