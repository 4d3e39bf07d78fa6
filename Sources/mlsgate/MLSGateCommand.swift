import ArgumentParser

@main
struct MLSGateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mlsgate",
        abstract: "An XMPP gateway component that brings MLS (RFC 9420) to group chat.",
        subcommands: [
            RunCommand.self, CheckConfigCommand.self, RoomsCommand.self, KeyPackagesCommand.self, VectorsCommand.self,
            BenchCommand.self, StorageBenchCommand.self, MakeKeyPackageCommand.self,
        ]
    )
}
