import Gateway
import ServiceLifecycle

/// Tells every room occupant when MLSGate shuts down (XEP-0045 status 332), so that clients join again when it
/// is back. Listed last among the services, it is shut down first, while the component stream is still up.
struct RoomShutdown: Service {
    let rooms: RoomHost

    func run() async throws {
        try? await gracefulShutdown()
        await rooms.shutDown()
    }
}
