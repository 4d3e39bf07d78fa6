import Foundation

#if canImport(Glibc)
import Glibc
#endif
import Logging
import NIOCore
import NIOEmbedded
import NIOHTTP1
import NIOPosix
import Prometheus
import Testing

@testable import mlsgate

struct MetricsEndpointTests {
    /// Sends one request through the handler and returns the response head and body.
    static func exchange(
        _ method: HTTPMethod,
        _ uri: String,
        registry: PrometheusCollectorRegistry,
        refresh: @escaping @Sendable () -> Void = {}
    ) throws -> (HTTPResponseHead, String) {
        let channel = EmbeddedChannel(handler: MetricsHTTPHandler(registry: registry, refresh: refresh))
        let request = HTTPRequestHead(version: .http1_1, method: method, uri: uri)
        try channel.writeInbound(HTTPServerRequestPart.head(request))
        try channel.writeInbound(HTTPServerRequestPart.end(nil))
        var head: HTTPResponseHead?
        var body = ""
        while let part = try channel.readOutbound(as: HTTPServerResponsePart.self) {
            switch part {
            case .head(let value): head = value
            case .body(.byteBuffer(let buffer)): body += String(buffer: buffer)
            case .body, .end: break
            }
        }
        return (try #require(head), body)
    }

    @Test func getMetricsReturnsTheTextExposition() throws {
        let registry = PrometheusCollectorRegistry()
        registry.makeCounter(name: "mlsgate_stanzas_received_total", labels: [("kind", "iq")]).increment(by: Int64(3))
        let gauge = registry.makeGauge(name: "mlsgate_rooms")
        let (head, body) = try Self.exchange(.GET, "/metrics", registry: registry, refresh: { gauge.set(2.0) })
        #expect(head.status == .ok)
        #expect(head.headers["Content-Type"] == [MetricsHTTPHandler.contentType])
        #expect(body.contains("mlsgate_stanzas_received_total{kind=\"iq\"} 3"))
        #expect(body.contains("mlsgate_rooms 2"))
    }

    @Test func otherPathsAndMethodsAreRefused() throws {
        let registry = PrometheusCollectorRegistry()
        #expect(try Self.exchange(.GET, "/", registry: registry).0.status == .notFound)
        #expect(try Self.exchange(.POST, "/metrics", registry: registry).0.status == .methodNotAllowed)
    }

    @Test func listenAddressesParse() {
        #expect(ListenAddress("127.0.0.1:9464") == ListenAddress("127.0.0.1:9464"))
        #expect(ListenAddress("127.0.0.1:9464")?.host == "127.0.0.1")
        #expect(ListenAddress("127.0.0.1:9464")?.port == 9464)
        #expect(ListenAddress("[::1]:9464")?.host == "::1")
        #expect(ListenAddress("[::1]:9464")?.description == "[::1]:9464")
        #expect(ListenAddress("localhost") == nil)
        #expect(ListenAddress(":9464") == nil)
        #expect(ListenAddress("127.0.0.1:70000") == nil)
    }

    @Test func theMetricsTableIsReadAndValidated() throws {
        let base = ConfigurationTests.minimal
        #expect(try Configuration(toml: base).metricsListen == nil)
        let config = try Configuration(toml: base + "\n[metrics]\nlisten = \"127.0.0.1:9464\"\n")
        #expect(config.metricsListen == ListenAddress("127.0.0.1:9464"))
        let overridden = try Configuration(toml: base, environment: ["MLSGATE_METRICS_LISTEN": "127.0.0.1:9000"])
        #expect(overridden.metricsListen?.port == 9000)
        #expect(throws: ConfigurationError(.invalidValue, key: "[metrics] listen", "")) {
            try Configuration(toml: base + "\n[metrics]\nlisten = \"9464\"\n")
        }
    }

    @Test func theServerAnswersOverTCP() async throws {
        let registry = PrometheusCollectorRegistry()
        registry.makeCounter(name: "mlsgate_component_reconnects_total").increment()
        let server = MetricsServer(
            address: try #require(ListenAddress("127.0.0.1:0")), registry: registry, refresh: {},
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton, logger: .init(label: "test")
        )
        let channel = try await server.bind()
        defer { channel.close(promise: nil) }
        let port = try #require(channel.localAddress?.port)
        let reply = try await Self.rawGet(port: port)
        #expect(reply.hasPrefix("HTTP/1.1 200 OK"))
        #expect(reply.contains("mlsgate_component_reconnects_total 1"))
    }

    /// A plain-socket HTTP GET of /metrics, reading until the server closes.
    static func rawGet(port: Int) async throws -> String {
        try await Task.detached {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
            let request = Array("GET /metrics HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8)
            _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
            var received: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if count <= 0 { break }
                received += chunk[0..<count]
            }
            return String(decoding: received, as: UTF8.self)
        }.value
    }
}
