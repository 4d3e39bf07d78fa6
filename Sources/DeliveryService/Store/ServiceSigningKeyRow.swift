import Foundation
import GRDB

/// A row of `service_signing_keys`: MLSGate's own signature key pair for one cipher suite.
///
/// ```text
/// service_signing_keys(cipher_suite, private_key, public_key)   primary key cipher_suite
/// ```
struct ServiceSigningKeyRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "service_signing_keys"

    /// The suite's number (RFC 9420 §17.1).
    var cipherSuite: UInt16
    /// The private key, in the suite's signature scheme's encoding.
    var privateKey: Data
    /// The public key, which groups list as an external sender.
    var publicKey: Data

    /// The columns, named after the properties, for coding and for queries.
    enum CodingKeys: String, CodingKey, ColumnExpression {
        case cipherSuite = "cipher_suite", privateKey = "private_key", publicKey = "public_key"
    }

    typealias Columns = CodingKeys

    /// The pair, as ``DeliveryStore/serviceSigningKey(cipherSuite:generate:)`` returns it.
    var pair: (privateKey: [UInt8], publicKey: [UInt8]) {
        (Array(privateKey), Array(publicKey))
    }
}
