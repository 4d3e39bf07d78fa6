import Foundation
import Logging
import NIOCore
import Testing
import Gateway
import XMPP

@testable import mlsgate

struct ConfigurationTests {
    static let minimal = """
        [component]
        domain = "mls.localhost"
        secret = "s3cret"
        """

    @Test func minimalFileGetsDefaults() throws {
        let config = try Configuration(toml: Self.minimal)
        #expect(config.component.domain == (try JID("mls.localhost")))
        #expect(config.component.secret == "s3cret")
        #expect(config.component.host == "127.0.0.1")
        #expect(config.component.port == 5347)
        #expect(config.component.limits.pingInterval == .seconds(60))
        #expect(config.component.limits.pingTimeout == .seconds(20))
        #expect(config.storagePath == "mlsgate.sqlite")
        #expect(config.logLevel == .info)
    }

    @Test func exampleFileInConfigIsValid() throws {
        let path = #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
        let config = try Configuration.load(path: "/" + path + "/Config/mlsgate.toml")
        #expect(config.component.domain.description == "mls.localhost")
        #expect(config.component.port == 5347)
    }

    @Test func pingIntervalAndTimeoutAreRead() throws {
        let config = try Configuration(toml: Self.minimal + "\nping_interval = 15\nping_timeout = 5\n")
        #expect(config.component.limits.pingInterval == .seconds(15))
        #expect(config.component.limits.pingTimeout == .seconds(5))
    }

    @Test func environmentOverridesTheFile() throws {
        let config = try Configuration(
            toml: Self.minimal,
            environment: ["MLSGATE_COMPONENT_SECRET": "from-env", "MLSGATE_COMPONENT_PORT": "5348"]
        )
        #expect(config.component.secret == "from-env")
        #expect(config.component.port == 5348)
    }

    @Test(arguments: [
        ("[component]\nsecret = \"x\"", ConfigurationError.Code.missingKey, "[component] domain"),
        ("[component]\ndomain = \"mls.localhost\"", .missingKey, "[component] secret"),
        ("[component]\ndomain = \"mls.localhost\"\nsecret = \"\"", .missingKey, "[component] secret"),
        ("[component]\ndomain = \"a@mls.localhost\"\nsecret = \"x\"", .invalidValue, "[component] domain"),
        ("[component]\ndomain = \"mls.localhost\"\nsecret = \"x\"\nport = 70000", .invalidValue, "[component] port"),
        ("[component]\ndomain = \"mls.localhost\"\nsecret = \"x\"\nport = \"5347\"", .invalidValue, "[component] port"),
        ("[component]\ndomain = \"mls.localhost\"\nsecret = 5", .invalidValue, "[component] secret"),
        (
            "[component]\ndomain = \"mls.localhost\"\nsecret = \"x\"\nping_interval = 0", .invalidValue,
            "[component] ping_interval"
        ),
        (
            "[component]\ndomain = \"mls.localhost\"\nsecret = \"x\"\nping_timeout = -1", .invalidValue,
            "[component] ping_timeout"
        ),
        ("[component]\ndomain = \"mls.localhost\"\nsecret = \"x\"\nsecrte = \"y\"", .unknownKey, "[component] secrte"),
        ("[component]\ndomain = \"mls.localhost\"\nsecret = \"x\"\n[storag]\npath = \"p\"", .unknownKey, "[storag]"),
        (
            "[component]\ndomain = \"mls.localhost\"\nsecret = \"x\"\n[logging]\nlevel = \"loud\"", .invalidValue,
            "[logging] level"
        ),
    ])
    func invalidFilesNameTheKeyToFix(toml: String, code: ConfigurationError.Code, key: String) {
        #expect(throws: ConfigurationError(code, key: key, "")) {
            try Configuration(toml: toml)
        }
    }

    @Test func syntaxErrorsAndMissingFilesAreReported() {
        #expect(throws: ConfigurationError(.syntax, key: nil, "")) {
            try Configuration(toml: "[component\n")
        }
        #expect(throws: ConfigurationError(.unreadable, key: nil, "")) {
            try Configuration.load(path: "/nonexistent/mlsgate.toml")
        }
    }

    /// Found by fuzzing (scripts/fuzz configuration): a control character in a table header stopped the TOML parser
    /// on an assertion, and a NUL cut the document short.
    @Test func controlCharactersAreSyntaxErrorsWithTheirLine() {
        let cases = [
            ("[\u{1}\0\0\0\0on-nt]\ndomain = \"mls.example.org\"\n", 1),
            (Self.minimal + "\n\n\0[storage]\n", 5),
            ("a = \"\u{7F}\"\n", 1),
        ]
        for (toml, line) in cases {
            do {
                _ = try Configuration(toml: toml)
                Issue.record("expected a syntax error")
            } catch {
                #expect(error == ConfigurationError(.syntax, key: nil, ""))
                #expect(error.documentLine == line)
            }
        }
        #expect(throws: Never.self) {
            try Configuration(toml: Self.minimal + "\n[storage]\r\npath =\t\"a.sqlite\"\n")
        }
    }

    @Test func errorTextNamesTheKey() {
        do {
            _ = try Configuration(toml: "[component]\ndomain = \"mls.localhost\"")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("[component] secret"))
        }
    }

    @Test func buildServicesWiresTheConnectionFromTheConfiguration() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mlsgate-\(UUID().uuidString)")
        let path = directory.appendingPathComponent("data/mlsgate.sqlite").path
        let config = try Configuration(toml: Self.minimal, environment: ["MLSGATE_STORAGE_PATH": path])
        let built = try buildServices(
            config: config,
            makeLogger: { Logger(label: $0, factory: { _ in SwiftLogNoOpLogHandler() }) }
        )
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(built.services.count == 4)
        // Stopped in reverse order: the dispatcher finishes the stanzas in flight before the connection closes.
        #expect(built.services[0] is ComponentConnection)
        #expect(built.services[1] is StanzaDispatcher)
        // Stopped first, while the stream is up: occupants are told the rooms go away (status 332).
        #expect(built.services.last is RoomShutdown)
        #expect(built.connection.configuration.domain == config.component.domain)
        #expect(built.router.domain == config.component.domain)
    }
}

struct ConfigurationLimitsTests {
    static let minimal = ConfigurationTests.minimal

    @Test func limitsDefaultToTheLibraryDefaults() throws {
        let config = try Configuration(toml: Self.minimal)
        #expect(config.component.limits == ComponentLimits())
        #expect(config.directory.maximumLifetime == 366 * 86_400)
        #expect(config.directory.fetchQuota == 10)
        #expect(config.directory.quotaWindow == 3_600)
        #expect(config.directory.lowMark == 5)
        #expect(config.directory.maximumKeyPackageBytes == 16 * 1024)
        #expect(config.directory.maximumPerPublish == 100)
        #expect(config.sequencer.pastEpochs == 3)
        #expect(config.sequencer.maximumPayloadBytes == 192 * 1024)
        #expect(config.sequencer.maximumHistoryPage == 100)
    }

    @Test func limitsAreReadFromTheirTables() throws {
        let config = try Configuration(
            toml: Self.minimal + """

                connect_timeout = 5
                handshake_timeout = 7
                reconnect_max_delay = 30
                outbound_queue = 50
                [limits]
                max_stanza_bytes = 300000
                max_xml_depth = 32
                max_xml_attributes = 16
                max_refused_stanza_bytes = 2000000
                max_pending_per_sender = 8
                max_pending_stanzas = 100
                max_bot_inbox_stanzas = 30
                [keypackages]
                max_lifetime = 86400
                fetch_quota = 3
                quota_window = 60
                low_mark = 2
                max_bytes = 4096
                max_per_publish = 20
                [rooms]
                past_epochs = 1
                max_payload_bytes = 200000
                max_history_page = 10
                max_occupants = 50
                max_rooms_per_user = 5
                presence_burst = 4
                presences_per_minute = 12
                """
        )
        let limits = config.component.limits
        #expect(limits.connectTimeout == .seconds(5))
        #expect(limits.handshakeTimeout == .seconds(7))
        #expect(limits.reconnectMaximumDelay == .seconds(30))
        #expect(limits.outboundQueueCapacity == 50)
        #expect(limits.maxPendingPerSender == 8)
        #expect(limits.maxPendingStanzas == 100)
        #expect(config.botInboxLimit == 30)
        #expect(
            limits.stream
                == XMLStreamLimits(
                    maxStanzaBytes: 300_000, maxDepth: 32, maxAttributes: 16, maxRefusedStanzaBytes: 2_000_000)
        )
        #expect(config.directory.maximumLifetime == 86_400)
        #expect(config.directory.fetchQuota == 3)
        #expect(config.directory.quotaWindow == 60)
        #expect(config.directory.lowMark == 2)
        #expect(config.directory.maximumKeyPackageBytes == 4_096)
        #expect(config.directory.maximumPerPublish == 20)
        #expect(config.sequencer.pastEpochs == 1)
        #expect(config.sequencer.maximumPayloadBytes == 200_000)
        #expect(config.sequencer.maximumHistoryPage == 10)
        #expect(
            config.roomLimits
                == RoomLimits(maxOccupants: 50, maxRoomsPerUser: 5, presenceBurst: 4, presencesPerMinute: 12))
    }

    @Test func theRefusedStanzaLimitFollowsALargerStanzaLimit() throws {
        let config = try Configuration(toml: Self.minimal + "\n[limits]\nmax_stanza_bytes = 2000000\n")
        #expect(config.component.limits.stream.maxRefusedStanzaBytes == 2_000_000)
    }

    @Test func theEnvironmentOverridesLimits() throws {
        let config = try Configuration(
            toml: Self.minimal + "\n[keypackages]\nfetch_quota = 3\n",
            environment: [
                "MLSGATE_KEYPACKAGES_FETCH_QUOTA": "7", "MLSGATE_LIMITS_MAX_STANZA_BYTES": "400000",
                "MLSGATE_ROOMS_PAST_EPOCHS": "0",
            ]
        )
        #expect(config.directory.fetchQuota == 7)
        #expect(config.component.limits.stream.maxStanzaBytes == 400_000)
        #expect(config.sequencer.pastEpochs == 0)
    }

    @Test(arguments: [
        ("[keypackages]\nfetch_quota = 0", "[keypackages] fetch_quota"),
        ("[keypackages]\nmax_lifetime = 60", "[keypackages] max_lifetime"),
        ("[limits]\nmax_stanza_bytes = 100", "[limits] max_stanza_bytes"),
        ("[limits]\nmax_refused_stanza_bytes = 100000", "[limits] max_refused_stanza_bytes"),
        ("[limits]\nmax_pending_per_sender = 0", "[limits] max_pending_per_sender"),
        ("[rooms]\npast_epochs = -1", "[rooms] past_epochs"),
        ("[rooms]\nmax_occupants = 0", "[rooms] max_occupants"),
        ("[rooms]\nmax_payload_bytes = 600000", "[rooms] max_payload_bytes"),
        ("outbound_queue = -5", "[component] outbound_queue"),
    ])
    func outOfRangeLimitsNameTheKey(extra: String, key: String) {
        #expect(throws: ConfigurationError(.invalidValue, key: key, "")) {
            try Configuration(toml: Self.minimal + "\n" + extra + "\n")
        }
    }
}
