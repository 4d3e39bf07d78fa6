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
        let saved: (privateKey: [UInt8], publicKey: [UInt8])?
        do {
            saved = try writer.read { db in
                try Row.fetchOne(
                    db, sql: "SELECT private_key, public_key FROM service_signing_keys WHERE cipher_suite = ?",
                    arguments: [Int(cipherSuite)]
                ).map { ([UInt8]($0["private_key"] as Data), [UInt8]($0["public_key"] as Data)) }
            }
        } catch {
            throw StoreError(code: .queryFailed, message: "cannot read the service signing key", cause: error)
        }
        if let saved { return saved }
        let made = try generate()
        do {
            return try writer.write { db in
                // Another caller may have saved one meanwhile: the first saved wins.
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO service_signing_keys (cipher_suite, private_key, public_key)
                        VALUES (?, ?, ?)
                        """,
                    arguments: [Int(cipherSuite), Data(made.privateKey), Data(made.publicKey)])
                let row = try Row.fetchOne(
                    db, sql: "SELECT private_key, public_key FROM service_signing_keys WHERE cipher_suite = ?",
                    arguments: [Int(cipherSuite)])
                guard let row else { throw StoreError(code: .queryFailed, message: "the signing key vanished") }
                return ([UInt8](row["private_key"] as Data), [UInt8](row["public_key"] as Data))
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(code: .queryFailed, message: "cannot save the service signing key", cause: error)
        }
    }
}
