import DeliveryService
import XMPP

extension RoomHost {
    /// Destroys a room (XEP-0045 §10.9): deletes what the store holds about it in one transaction
    /// (``RoomSequencer/destroyRoom(_:)``), forgets its settings and followed group state, then sends each occupant
    /// one unavailable presence carrying `<destroy/>` and forgets them.
    ///
    /// ```text
    /// <presence from='room@domain/nick' to='occupant' type='unavailable'>
    ///   <x xmlns='http://jabber.org/protocol/muc#user'>
    ///     <item affiliation='none' role='none'/><destroy><reason>REASON</reason></destroy>
    ///   </x>
    /// </presence>
    /// ```
    ///
    /// It runs on the actor without suspending, so no join is handled halfway through; a message whose check was
    /// suspended meanwhile finds its sender gone and is refused. A later join creates the room afresh, owned by
    /// the joiner, with the default policy.
    /// - Parameters:
    ///   - room: The room; only its bare JID counts.
    ///   - reason: Told to the occupants, if given.
    /// - Returns: What was removed, or nil when the room neither is stored nor has occupants (nothing changes).
    /// - Throws: `SequencerError.storage` when the store fails; nothing changes then, and nobody is told.
    public func destroy(room: JID, reason: String?) throws(SequencerError) -> DestroyedRoom? {
        let room = room.bare
        let deleted = try sequencer.destroyRoom(room)
        let occupants = rosters[room]?.occupants ?? []
        guard deleted != nil || !occupants.isEmpty else { return nil }
        rosters[room] = nil
        settingsCache[room] = nil
        followed[room, default: FollowedGroup()].install(nil)
        for occupant in occupants {
            send(destroyedPresence(occupant, reason: reason))
        }
        logger.notice(
            "room destroyed",
            metadata: ["room": "\(room)", "messages": "\(deleted ?? 0)", "occupants": "\(occupants.count)"])
        return DestroyedRoom(
            room: room, deletedMessages: deleted ?? 0,
            removedOccupants: occupants)
    }

    private func destroyedPresence(_ occupant: RoomOccupant, reason: String?) -> XMLElement {
        var x = XMLElement(name: "x", namespace: XMPPNamespace.mucUser)
        let none = [XMLAttribute(name: "affiliation", value: "none"), XMLAttribute(name: "role", value: "none")]
        x.append(XMLElement(name: "item", namespace: XMPPNamespace.mucUser, attributes: none))
        var destroy = XMLElement(name: "destroy", namespace: XMPPNamespace.mucUser)
        if let reason { destroy.append(XMLElement(name: "reason", namespace: XMPPNamespace.mucUser, text: reason)) }
        x.append(destroy)
        return Presence(type: .unavailable, from: occupant.roomJID, to: occupant.jid, payload: [x]).element
    }
}
