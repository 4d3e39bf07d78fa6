/// What ``ComponentStreamHandler`` reports to its owner. Every call happens on the channel's event loop.
protocol ComponentStreamDelegate: AnyObject {
    /// The server accepted the handshake; stanzas may now be sent.
    func componentStreamDidAuthenticate(_ handler: ComponentStreamHandler)
    /// A stanza arrived from the server.
    func componentStream(_ handler: ComponentStreamHandler, didReceive element: XMLElement)
    /// A stanza broke a per-stanza limit of the parser and was dropped; the stream goes on.
    func componentStream(_ handler: ComponentStreamHandler, didRefuse refused: RefusedStanza)
    /// The stream failed; the connection is being closed.
    func componentStream(_ handler: ComponentStreamHandler, didFail error: ComponentError)
}
