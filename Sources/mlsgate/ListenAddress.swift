/// A `host:port` to listen on, such as `127.0.0.1:9464` or `[::1]:9464`.
struct ListenAddress: Hashable, Sendable, CustomStringConvertible {
    /// The interface address.
    var host: String
    /// The TCP port; 0 lets the system choose one.
    var port: Int

    /// Parses `host:port`.
    /// - Parameter text: The address; an IPv6 host is written in brackets.
    /// - Returns: nil when the text is not `host:port` with a port from 0 to 65535.
    init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65535).contains(port)
        else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, !host.contains("[") else { return nil }
        self.host = host
        self.port = port
    }

    /// `host:port`, with brackets around an IPv6 host.
    var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
