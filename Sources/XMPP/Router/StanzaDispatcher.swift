import ServiceLifecycle

/// The service that feeds the stanzas a ``ComponentConnection`` receives through a ``StanzaRouter`` and sends the
/// replies back, one stanza at a time, in order.
///
/// ```text
/// SIGTERM ─▶ dispatcher: stopDelivering() ─▶ finish the stanzas received ─▶ replies sent ─▶ return
///        ─▶ then connection: </stream:stream> ─▶ wait for the server's ─▶ return ─▶ exit 0
/// ```
public struct StanzaDispatcher: Service {
    private let connection: ComponentConnection
    private let router: StanzaRouter

    /// Makes the dispatcher.
    /// - Parameters:
    ///   - connection: Where stanzas come from and replies go.
    ///   - router: The handlers.
    public init(connection: ComponentConnection, router: StanzaRouter) {
        self.connection = connection
        self.router = router
    }

    /// Routes stanzas until graceful shutdown, then returns once every stanza already received is handled and its
    /// replies are handed to the connection: a stanza in flight finishes its work (its database transaction
    /// included) and is answered. List the dispatcher after its connection in the `ServiceGroup`, which stops
    /// services in reverse order, so that the connection closes its stream only after those replies.
    public func run() async {
        await withGracefulShutdownHandler {
            for await element in connection.incoming {
                for reply in await router.route(element) {
                    connection.send(reply)
                }
            }
        } onGracefulShutdown: {
            connection.stopDelivering()
        }
        // The stream of incoming stanzas also ends when the connection stops by itself (a configuration error the
        // server reported): wait to be stopped, since a `ServiceGroup` treats a service that returns before it is
        // asked to as a failure.
        try? await gracefulShutdown()
    }
}

extension StanzaDispatcher: CustomStringConvertible {
    /// The name the service group logs.
    public var description: String { "StanzaDispatcher" }
}
