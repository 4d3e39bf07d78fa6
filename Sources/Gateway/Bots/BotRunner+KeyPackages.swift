import DeliveryService
import MLS

extension BotRunner {
    /// Publishes KeyPackages when the directory holds fewer than half of ``keyPackageStock`` for the bot, up to the
    /// full stock; their private keys are sealed and saved first, so a Welcome naming one can always be opened.
    func replenish() throws(BotError) {
        guard let client else { return }
        try pruneExpiredBundles()
        let available: Int
        do {
            available = try directory.count(owner: jid, now: now()).available
        } catch {
            throw .directory(error)
        }
        guard available * 2 < keyPackageStock else { return }
        var made: [KeyPackageBundle] = []
        for _ in available..<keyPackageStock {
            do {
                made.append(try client.makeKeyPackage())
            } catch {
                throw .mls(error)
            }
        }
        try saveBundles(made)
        for bundle in made {
            bundles[bundle.ref.bytes] = bundle
        }
        do {
            _ = try directory.publish(
                made.map { KeyPackageUpload(bytes: MLSMessage(body: .keyPackage($0.keyPackage)).tlsEncoded) },
                publisher: jid,
                now: now()
            )
        } catch {
            throw .directory(error)
        }
        logger.info("bot published KeyPackages", metadata: ["bot": "\(jid)", "count": "\(made.count)"])
    }

    /// Forgets the private keys of KeyPackages whose lifetime has ended: no valid Welcome can name them any more.
    func pruneExpiredBundles() throws(BotError) {
        let seconds = UInt64(max(0, now().timeIntervalSince1970))
        let expired = bundles.filter { _, bundle in
            guard case .keyPackage(let lifetime) = bundle.keyPackage.leafNode.source else { return true }
            return lifetime.notAfter < seconds
        }
        guard !expired.isEmpty else { return }
        do {
            try stateStore.save(
                [], deleting: expired.keys.map { (kind: StateKind.keyPackage, name: $0.hexString) }, bot: jid)
        } catch {
            throw .storage(error)
        }
        for ref in expired.keys {
            bundles[ref] = nil
        }
        logger.info("bot forgot expired KeyPackages", metadata: ["bot": "\(jid)", "count": "\(expired.count)"])
    }
}
