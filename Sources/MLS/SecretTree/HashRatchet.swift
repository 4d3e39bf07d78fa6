/// One sender ratchet (RFC 9420 §9.1): a secret that advances one generation per message,
/// deriving a key and nonce at each step.
///
/// ```text
/// ratchet_nonce_[N]_[j]    = DeriveTreeSecret(ratchet_secret_[N]_[j], "nonce", j, AEAD.Nn)
/// ratchet_key_[N]_[j]      = DeriveTreeSecret(ratchet_secret_[N]_[j], "key", j, AEAD.Nk)
/// ratchet_secret_[N]_[j+1] = DeriveTreeSecret(ratchet_secret_[N]_[j], "secret", j, KDF.Nh)
/// ```
struct HashRatchet: Sendable, Equatable {
    /// `ratchet_secret_[N]_[next]`; the secrets before it are deleted.
    var secret: Secret
    /// The generation whose key the secret yields next.
    var next: UInt32
    /// Keys of skipped generations kept for late messages, by generation.
    var retained: [UInt32: RatchetKey]
    /// False once the generation counter can advance no further.
    var exhausted = false

    init(secret: Secret) {
        self.secret = secret
        self.next = 0
        self.retained = [:]
    }

    /// Derives the key of the current generation and advances; the old secret is deleted.
    private mutating func advance(_ provider: any CipherSuiteProvider) throws(SecretTreeError) -> RatchetKey {
        guard !exhausted else { throw .generationExhausted }
        do {
            let key = try provider.deriveTreeSecret(
                secret: secret.bytes, label: "key", generation: next, length: provider.aeadKeyLength)
            let nonce = try provider.deriveTreeSecret(
                secret: secret.bytes, label: "nonce", generation: next, length: provider.aeadNonceLength)
            secret = Secret(
                try provider.deriveTreeSecret(
                    secret: secret.bytes, label: "secret", generation: next, length: provider.hashLength))
            let result = RatchetKey(generation: next, key: key, nonce: nonce)
            if next == .max { exhausted = true } else { next += 1 }
            return result
        } catch {
            throw .crypto(error)
        }
    }

    /// The key for the next message this member sends; it is consumed.
    mutating func nextKey(_ provider: any CipherSuiteProvider) throws(SecretTreeError) -> RatchetKey {
        var copy = self
        let key = try copy.advance(provider)
        self = copy
        return key
    }

    /// The key for a received message of the given generation; it is consumed.
    ///
    /// Skipped generations are kept within the configured tolerance; on error the ratchet is unchanged.
    mutating func key(
        for generation: UInt32,
        provider: any CipherSuiteProvider,
        configuration: SecretTreeConfiguration
    ) throws(SecretTreeError) -> RatchetKey {
        if generation < next || exhausted {
            guard let key = retained[generation] else { throw .keyNoLongerAvailable(generation: generation) }
            retained[generation] = nil
            return key
        }
        let distance = generation - next
        guard distance <= configuration.maxForwardDistance else {
            throw .generationTooFarAhead(requested: generation, next: next, limit: configuration.maxForwardDistance)
        }
        var copy = self
        while copy.next < generation {
            let skipped = try copy.advance(provider)
            copy.retained[skipped.generation] = skipped
        }
        let key = try copy.advance(provider)
        copy.prune(newest: generation, configuration: configuration)
        self = copy
        return key
    }

    /// Drops retained keys that fell out of the tolerance window or exceed the count limit.
    private mutating func prune(newest: UInt32, configuration: SecretTreeConfiguration) {
        let oldestKept = newest >= configuration.outOfOrderTolerance ? newest - configuration.outOfOrderTolerance : 0
        retained = retained.filter { $0.key >= oldestKept }
        if retained.count > configuration.maxRetainedKeys {
            let keep = Set(retained.keys.sorted().suffix(configuration.maxRetainedKeys))
            retained = retained.filter { keep.contains($0.key) }
        }
    }
}
