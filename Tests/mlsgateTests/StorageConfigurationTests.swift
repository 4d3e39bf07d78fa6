import DeliveryService
import Foundation
import Logging
import Testing

@testable import mlsgate

struct StorageConfigurationTests {
    @Test func commitsAreSyncedToTheDiskByDefault() throws {
        #expect(try Configuration(toml: ConfigurationTests.minimal).storageSynchronous == .full)
    }

    @Test func theFileAndTheEnvironmentChooseTheMode() throws {
        let file = ConfigurationTests.minimal + "\n[storage]\nsynchronous = \"normal\"\n"
        #expect(try Configuration(toml: file).storageSynchronous == .normal)
        let overridden = try Configuration(toml: file, environment: ["MLSGATE_STORAGE_SYNCHRONOUS": "full"])
        #expect(overridden.storageSynchronous == .full)
    }

    @Test(arguments: ["\"off\"", "\"FULL\"", "2"])
    func anotherValueIsRefusedWithItsLine(value: String) throws {
        let path = try CheckConfigTests.write(
            "[component]\ndomain = \"mls.localhost\"\nsecret = \"x\"\n\n[storage]\nsynchronous = \(value)\n")
        let report = CheckConfigCommand.report(path: path, environment: [:])
        #expect(report.count == 1)
        #expect(report.first?.hasPrefix("\(path):6: configuration error [invalid-value] [storage] synchronous") == true)
    }

    @Test func theServicesOpenTheDatabaseInTheConfiguredMode() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sync-\(UUID().uuidString)")
        for mode in SynchronousMode.allCases {
            let toml = ConfigurationTests.minimal
                + "\n[storage]\npath = \"\(directory.path)/\(mode).sqlite\"\nsynchronous = \"\(mode.rawValue)\"\n"
            let services = try buildServices(
                config: try Configuration(toml: toml),
                makeLogger: { Logger(label: $0, factory: { _ in SwiftLogNoOpLogHandler() }) })
            #expect(try services.store.synchronousMode() == mode)
            try services.store.close()
        }
    }
}
