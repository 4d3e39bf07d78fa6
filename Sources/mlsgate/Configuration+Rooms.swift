import DeliveryService
import Gateway
import XMPP

extension Configuration {
    /// Reads `[keypackages]`, the KeyPackage directory's quotas and bounds.
    static func readDirectory(_ reader: ConfigurationReader) throws(ConfigurationError) -> DirectoryConfiguration {
        var directory = DirectoryConfiguration()
        directory.maximumLifetime = UInt64(try reader.integer(.keyPackageMaxLifetime))
        directory.fetchQuota = try reader.integer(.fetchQuota)
        directory.quotaWindow = UInt64(try reader.integer(.quotaWindow))
        directory.lowMark = try reader.integer(.lowMark)
        directory.maximumKeyPackageBytes = try reader.integer(.keyPackageMaxBytes)
        directory.maximumPerPublish = try reader.integer(.maxPerPublish)
        return directory
    }

    /// Reads the sequencer's bounds from `[rooms]`.
    /// - Parameters:
    ///   - reader: The document.
    ///   - maxStanzaBytes: `[limits] max_stanza_bytes`, which an encoded payload must fit below.
    static func readSequencer(_ reader: ConfigurationReader, maxStanzaBytes: Int) throws(ConfigurationError)
        -> SequencerConfiguration
    {
        var sequencer = SequencerConfiguration()
        sequencer.pastEpochs = UInt64(try reader.integer(.pastEpochs))
        sequencer.maximumPayloadBytes = try reader.integer(.maxPayloadBytes)
        sequencer.maximumHistoryPage = try reader.integer(.maxHistoryPage)
        // A payload travels base64-encoded (4 bytes per 3) inside a stanza.
        let encodedPayload = (sequencer.maximumPayloadBytes + 2) / 3 * 4
        guard encodedPayload < maxStanzaBytes else {
            throw ConfigurationError(
                .invalidValue,
                key: ConfigurationKey.maxPayloadBytes.displayName,
                "\(sequencer.maximumPayloadBytes) bytes take \(encodedPayload) in base64, which must be below "
                    + "[limits] max_stanza_bytes (\(maxStanzaBytes)) since a payload travels in a stanza"
            )
        }
        return sequencer
    }

    /// Reads the occupant, room and presence limits from `[rooms]`.
    static func readRoomLimits(_ reader: ConfigurationReader) throws(ConfigurationError) -> RoomLimits {
        RoomLimits(
            maxOccupants: try reader.integer(.maxOccupants),
            maxRoomsPerUser: try reader.integer(.maxRoomsPerUser),
            presenceBurst: try reader.integer(.presenceBurst),
            presencesPerMinute: try reader.integer(.presencesPerMinute)
        )
    }

    /// Reads `[room_policy]`, the policy of new rooms; the defaults are the shipped policy.
    static func readRoomPolicy(_ reader: ConfigurationReader) throws(ConfigurationError) -> RoomPolicy {
        var policy = RoomPolicy()
        policy.membershipChanges = try reader.choice(.membershipChanges, RoomPolicy.MembershipChanges.self)
        policy.handshakes = try reader.choice(.handshakes, RoomPolicy.Handshakes.self)
        policy.externalJoins = try reader.bool(.externalJoins)
        policy.occupants = try reader.bool(.membersOnly) ? .membersOnly : .anyone
        policy.idleEvictionEpochs = UInt64(try reader.integer(.idleEvictionEpochs))
        if let inconsistency = policy.inconsistency {
            throw ConfigurationError(.invalidValue, key: ConfigurationKey.handshakes.displayName, inconsistency)
        }
        return policy
    }
}
