// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "MLSGate",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "mlsgate", targets: ["mlsgate"]),
        .library(name: "MLS", targets: ["MLS"]),
        .library(name: "XMPP", targets: ["XMPP"]),
        .library(name: "DeliveryService", targets: ["DeliveryService"]),
        .library(name: "Gateway", targets: ["Gateway"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        // System library: OpenSSL's libcrypto, for X448 and Ed448 (suites 4 and 6).
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // RFC 9420: the protocol core. No sockets, files, XML or clock reads.
        .target(
            name: "MLS",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                "COpenSSL",
            ]
        ),
        // Runners for the official MLS interoperability test vectors.
        .target(
            name: "MLSVectors",
            dependencies: ["MLS"]
        ),
        // The `mlsgate bench` scenario: figures, primitive costs and cryptographic floors.
        .target(
            name: "MLSBench",
            dependencies: ["MLS"]
        ),
        .executableTarget(
            name: "mlsgate",
            dependencies: [
                "DeliveryService",
                "Gateway",
                "MLS",
                "MLSVectors",
                "XMPP",
                "MLSBench",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // System library: libexpat, the streaming XML parser under the XMPP module.
        .systemLibrary(
            name: "CExpat",
            pkgConfig: "expat",
            providers: [.apt(["libexpat1-dev"])]
        ),
        // XML streams, JIDs, stanzas and the XEP-0114 connection. Knows nothing of MLS.
        .target(
            name: "XMPP",
            dependencies: [
                "CExpat",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "XMPPTests",
            dependencies: [
                "XMPP",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // RFC 9750 §5: the KeyPackage directory and the per-room sequencer, stored in SQLite.
        .target(
            name: "DeliveryService",
            dependencies: [
                "MLS",
                "XMPP",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "DeliveryServiceTests",
            dependencies: [
                "DeliveryService", "MLS", "MLSTestSupport", "XMPP", .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // The Delivery Service's XMPP face: KeyPackage directory IQs and MLS rooms.
        .target(
            name: "Gateway",
            dependencies: [
                "DeliveryService",
                "MLS",
                "XMPP",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "GatewayTests",
            dependencies: [
                "Gateway",
                "DeliveryService",
                "MLS",
                "XMPP",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "MLSTestSupport",
            dependencies: ["MLS", "MLSVectors"],
            path: "Tests/MLSTestSupport"
        ),
        // Prints the foreign KeyPackage corpus of MLSTestSupport for tests outside Swift (Tests/Integration).
        .executableTarget(
            name: "foreign-corpus",
            dependencies: ["MLS", "MLSTestSupport"],
            path: "Tests/ForeignCorpus"
        ),
        .testTarget(
            name: "mlsgateTests",
            dependencies: [
                "mlsgate",
                "DeliveryService",
                "XMPP",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "MLSTests",
            dependencies: [
                "MLS",
                "MLSTestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
            ]
        ),
        .testTarget(
            name: "MLSVectorTests",
            dependencies: ["MLS", "MLSVectors", "MLSTestSupport"]
        ),
        .testTarget(
            name: "MLSBenchTests",
            dependencies: ["MLSBench"]
        ),
        // Interoperability with mls-rs, driven through the Python peer of Tests/MLSRsPeer.
        .testTarget(
            name: "MLSRsInteropTests",
            dependencies: ["MLS", "MLSTestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
