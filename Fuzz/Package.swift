// swift-tools-version:6.1
import PackageDescription

// libFuzzer targets for MLSGate, one executable per target, built apart from the root package by `scripts/fuzz`
// with `-sanitize=fuzzer,address` (instrumenting every Swift module) and linked with lld. Each executable's
// main.swift hands its body to `Fuzzer.run` (FuzzSupport), which starts libFuzzer's driver.
let targets: [(name: String, dependencies: [Target.Dependency])] = [
    ("FuzzMLSMessage", [.product(name: "MLS", package: "MLSGate")]),
    ("FuzzKeyPackage", [.product(name: "MLS", package: "MLSGate")]),
    ("FuzzWelcome", [.product(name: "MLS", package: "MLSGate")]),
    ("FuzzMember", [.product(name: "MLS", package: "MLSGate")]),
    ("FuzzFollower", [.product(name: "MLS", package: "MLSGate")]),
    ("FuzzXMLParser", [.product(name: "XMPP", package: "MLSGate")]),
    (
        "FuzzRouter",
        [
            .product(name: "XMPP", package: "MLSGate"), .product(name: "Gateway", package: "MLSGate"),
            .product(name: "DeliveryService", package: "MLSGate"), .product(name: "MLS", package: "MLSGate"),
            .product(name: "Logging", package: "swift-log"),
        ]
    ),
    (
        "FuzzConfiguration",
        [
            .product(name: "XMPP", package: "MLSGate"), .product(name: "Gateway", package: "MLSGate"),
            .product(name: "DeliveryService", package: "MLSGate"), .product(name: "MLS", package: "MLSGate"),
            .product(name: "Logging", package: "swift-log"), .product(name: "TOMLKit", package: "TOMLKit"),
        ]
    ),
]

let package = Package(
    name: "MLSGateFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "MLSGate", path: ".."),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
    ],
    targets: [
        .target(name: "FuzzSupport", dependencies: [.product(name: "MLS", package: "MLSGate")])
    ]
        + targets.map { .executableTarget(name: $0.name, dependencies: ["FuzzSupport"] + $0.dependencies) },
    swiftLanguageModes: [.v5]
)
