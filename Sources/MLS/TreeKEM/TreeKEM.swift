/// The derivations of TreeKEM (RFC 9420 §7.4):
///
/// ```text
/// path_secret[n] = DeriveSecret(path_secret[n-1], "path")
/// node_secret[n] = DeriveSecret(path_secret[n], "node")
/// node_priv[n], node_pub[n] = KEM.DeriveKeyPair(node_secret[n])
/// ```
public enum TreeKEM {
    /// The next path secret up the path; after the root's, this is the commit secret (§12.4).
    public static func nextPathSecret(_ pathSecret: [UInt8], provider: any CipherSuiteProvider) throws(TreeError)
        -> [UInt8]
    {
        do {
            return try provider.deriveSecret(secret: pathSecret, label: "path")
        } catch {
            throw .crypto(error)
        }
    }

    /// The node key pair a path secret determines.
    public static func nodeKeyPair(pathSecret: [UInt8], provider: any CipherSuiteProvider) throws(TreeError)
        -> HPKEKeyPair
    {
        do {
            let nodeSecret = try provider.deriveSecret(secret: pathSecret, label: "node")
            return try provider.deriveHPKEKeyPair(ikm: nodeSecret)
        } catch {
            throw .crypto(error)
        }
    }
}
