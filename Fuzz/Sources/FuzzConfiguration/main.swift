import FuzzSupport

// The configuration reader: TOML text, as `mlsgate run` and `check-config` read it, is refused with a
// ConfigurationError or becomes a validated Configuration; the other files of this target are links to the
// reader's sources in Sources/mlsgate, compiled here because an executable target cannot be imported.
Fuzzer.run(seeds: { [] }) { input in
    guard let text = String(validating: input, as: UTF8.self) else { return }
    guard let document = try? ConfigurationDocument(text: text) else { return }
    _ = Configuration.problems(in: document)
    _ = try? Configuration(document: document, environment: ["MLSGATE_COMPONENT_SECRET": "fuzz"])
}
