import Foundation
import Testing

@testable import mlsgate

/// The Docker files cannot be built here, so these tests check what can be checked without an engine: every file
/// they name exists, and the commands they run are real subcommands.
struct DockerFilesTests {
    static let root = URL(fileURLWithPath: "/" + #filePath.split(separator: "/").dropLast(3).joined(separator: "/"))

    static func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func composeMountsAndBuildsFilesThatExist() throws {
        let compose = try Self.read("Docker/compose.yaml")
        let docker = Self.root.appendingPathComponent("Docker")
        var checked = 0
        for line in compose.split(separator: "\n") {
            let item = line.trimmingCharacters(in: .whitespaces)
            if item.hasPrefix("- ./") || item.hasPrefix("- ../") {
                let source = String(item.dropFirst(2).split(separator: ":")[0])
                #expect(
                    FileManager.default.fileExists(atPath: docker.appendingPathComponent(source).standardized.path),
                    "compose.yaml mounts \(source)"
                )
                checked += 1
            }
            if item.hasPrefix("dockerfile:") {
                let path = item.dropFirst("dockerfile:".count).trimmingCharacters(in: .whitespaces)
                #expect(FileManager.default.fileExists(atPath: Self.root.appendingPathComponent(path).path))
                checked += 1
            }
        }
        #expect(checked == 3)
    }

    @Test func theDockerfileCopiesPathsThatExistAndRunsRealSubcommands() throws {
        let dockerfile = try Self.read("Docker/Dockerfile")
        for line in dockerfile.split(separator: "\n") where line.hasPrefix("COPY ") && !line.contains("--from") {
            let source = String(line.split(separator: " ")[1])
            #expect(FileManager.default.fileExists(atPath: Self.root.appendingPathComponent(source).path), "\(line)")
        }
        let names = MLSGateCommand.configuration.subcommands.map { $0.configuration.commandName }
        #expect(dockerfile.contains("CMD [\"mlsgate\", \"check-config\", \"/etc/mlsgate/mlsgate.toml\"]"))
        #expect(names.contains("check-config"))
        #expect(dockerfile.contains("CMD [\"run\", \"--config\", \"/etc/mlsgate/mlsgate.toml\"]"))
        #expect(names.contains("run"))
        #expect(dockerfile.contains("\nUSER mlsgate\n"))
        #expect(dockerfile.contains("VOLUME [\"/var/lib/mlsgate\"]"))
    }

    @Test func prosodyDeclaresTheComponentComposeConnectsTo() throws {
        let prosody = try Self.read("Docker/prosody.cfg.lua")
        let compose = try Self.read("Docker/compose.yaml")
        #expect(prosody.contains("Component \"mls.localhost\"\n"))
        #expect(compose.contains("MLSGATE_COMPONENT_DOMAIN: mls.localhost"))
        #expect(prosody.contains("component_ports = { 5347 }"))
        #expect(compose.contains("MLSGATE_COMPONENT_PORT: \"5347\""))
    }
}
