import Foundation
import GRDB

extension DeliveryStore {
    /// MLSGate's own signature key pair for a cipher suite, made by `generate` and saved the first time it is
    /// asked for, so that it stays the same across restarts (groups list its public key).
    ///
    /// - Parameters:
    ///   - cipherSuite: The suite's number (RFC 9420 §17.1).
    ///   - generate: Makes a new pair, `(privateKey, publicKey)`.
    /// - Returns: `(privateKey, publicKey)`.
    /// - Throws: `StoreError`, or what `generate` throws.
    public func serviceSigningKey(
        cipherSuite: UInt16, generate: () throws -> (privateKey: [UInt8], publicKey: [UInt8])
    ) throws -> (privateKey: [UInt8], publicKey: [UInt8]) {
        let saved = try read(wrap: StoreError.queryFailure("cannot read the service signing key")) { db in
            try ServiceSigningKeyRow.fetchOne(db, key: cipherSuite)
        }
        if let saved { return saved.pair }
        let made = try generate()
        let row = ServiceSigningKeyRow(
            cipherSuite: cipherSuite, privateKey: Data(made.privateKey), publicKey: Data(made.publicKey))
        return try write(wrap: StoreError.queryFailure("cannot save the service signing key")) { db in
            // Another caller may have saved one meanwhile: the first saved wins.
            try row.insert(db, onConflict: .ignore)
            guard let kept = try ServiceSigningKeyRow.fetchOne(db, key: cipherSuite) else {
                throw StoreError(code: .queryFailed, message: "the signing key vanished")
            }
            return kept.pair
        }
    }
}
