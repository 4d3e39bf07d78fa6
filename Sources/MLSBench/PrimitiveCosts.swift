import MLS

/// The measured cost of each primitive operation of a cipher suite, in seconds (medians).
public struct PrimitiveCosts: Sendable, Codable, Equatable {
    public var sign: Double
    public var verify: Double
    public var hpkeSeal: Double
    public var hpkeOpen: Double
    public var hpkeGenerate: Double
    public var hpkeDerive: Double
    public var signatureGenerate: Double
    public var aeadSeal: Double
    public var aeadOpen: Double

    /// Sizes of the inputs, chosen to be those of the MLS structures they stand for.
    public enum InputSize {
        /// A signed MLS structure (LeafNodeTBS, FramedContentTBS of a small commit): ~250 bytes.
        public static let signedMessage = 256
        /// GroupSecrets and path secrets are 30 to 100 bytes.
        public static let hpkePlaintext = 80
        /// The application payload of the benchmark.
        public static let aeadPlaintext = 100
    }

    /// The figures as (name, seconds) pairs, in output order.
    public var named: [(name: String, seconds: Double)] {
        [
            ("sign", sign), ("verify", verify), ("hpke_seal", hpkeSeal), ("hpke_open", hpkeOpen),
            ("hpke_keygen", hpkeGenerate), ("hpke_derive", hpkeDerive), ("signature_keygen", signatureGenerate),
            ("aead_seal", aeadSeal), ("aead_open", aeadOpen),
        ]
    }

    /// The cheaper of two measurements of each primitive: the floor is a lower bound, and a
    /// measurement disturbed by other load only ever comes out slower.
    public func cheaper(_ other: PrimitiveCosts) -> PrimitiveCosts {
        PrimitiveCosts(
            sign: min(sign, other.sign), verify: min(verify, other.verify), hpkeSeal: min(hpkeSeal, other.hpkeSeal),
            hpkeOpen: min(hpkeOpen, other.hpkeOpen), hpkeGenerate: min(hpkeGenerate, other.hpkeGenerate),
            hpkeDerive: min(hpkeDerive, other.hpkeDerive),
            signatureGenerate: min(signatureGenerate, other.signatureGenerate),
            aeadSeal: min(aeadSeal, other.aeadSeal), aeadOpen: min(aeadOpen, other.aeadOpen))
    }

    /// Measures each primitive `repetitions` times and keeps the median.
    public static func measure(provider: any CipherSuiteProvider, repetitions: Int) throws -> PrimitiveCosts {
        let count = max(repetitions, 1)
        let signer = try provider.generateSignatureKeyPair()
        let message = provider.randomBytes(count: InputSize.signedMessage)
        let signature = try provider.sign(privateKey: signer.privateKey, message: message)
        let recipient = try provider.generateHPKEKeyPair()
        let info = Array("MLS 1.0 benchmark".utf8)
        let hpkePlaintext = provider.randomBytes(count: InputSize.hpkePlaintext)
        let sealed = try provider.hpkeSeal(publicKey: recipient.publicKey, info: info, aad: [], plaintext: hpkePlaintext)
        let key = provider.randomBytes(count: provider.aeadKeyLength)
        let nonce = provider.randomBytes(count: provider.aeadNonceLength)
        let aeadPlaintext = provider.randomBytes(count: InputSize.aeadPlaintext)
        let aeadCiphertext = try provider.aeadSeal(key: key, nonce: nonce, aad: [], plaintext: aeadPlaintext)
        let ikm = provider.randomBytes(count: provider.hashLength)

        func median(_ body: () throws -> Void) throws -> Double {
            var samples: [Double] = []
            samples.reserveCapacity(count)
            for _ in 0..<count {
                samples.append(try Stopwatch.timeSync(body).seconds)
            }
            return Stopwatch.median(samples)
        }

        return PrimitiveCosts(
            // As the library signs: with a key pair that keeps its prepared private key.
            sign: try median { _ = try provider.signWithLabel(keyPair: signer, label: "benchmark", content: message) },
            verify: try median {
                guard provider.verify(publicKey: signer.publicKey, message: message, signature: signature) else {
                    throw BenchError.check("signature did not verify")
                }
            },
            hpkeSeal: try median {
                _ = try provider.hpkeSeal(publicKey: recipient.publicKey, info: info, aad: [], plaintext: hpkePlaintext)
            },
            hpkeOpen: try median {
                _ = try provider.hpkeOpen(privateKey: recipient.privateKey, ciphertext: sealed, info: info, aad: [])
            },
            hpkeGenerate: try median { _ = try provider.generateHPKEKeyPair() },
            hpkeDerive: try median { _ = try provider.deriveHPKEKeyPair(ikm: ikm) },
            signatureGenerate: try median { _ = try provider.generateSignatureKeyPair() },
            aeadSeal: try median { _ = try provider.aeadSeal(key: key, nonce: nonce, aad: [], plaintext: aeadPlaintext) },
            aeadOpen: try median {
                _ = try provider.aeadOpen(key: key, nonce: nonce, aad: [], ciphertext: aeadCiphertext)
            })
    }
}
