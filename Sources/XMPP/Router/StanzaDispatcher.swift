import ServiceLifecycle

/// The service that feeds the stanzas a ``ComponentConnection`` receives through a ``StanzaRouter`` and sends the
/// replies back, one stanza at a time, in order.
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

    /// Routes stanzas until the connection's stream of incoming stanzas ends, then waits for its own graceful
    /// shutdown (or cancellation): a `ServiceGroup` treats a service that returns before it is asked to stop as a
    /// failure, and the connection, stopped first, ends the incoming stream before the dispatcher's turn comes.
    public func run() async {
        for await element in connection.incoming {
            for reply in await router.route(element) {
                connection.send(reply)
            }
        }
        try? await gracefulShutdown()
    }
}

extension StanzaDispatcher: CustomStringConvertible {
    /// The name the service group logs.
    public var description: String { "StanzaDispatcher" }
}
