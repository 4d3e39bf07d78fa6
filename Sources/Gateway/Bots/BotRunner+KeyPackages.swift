import DeliveryService
import MLS

extension BotRunner {
    /// Publishes KeyPackages when the directory holds fewer than half of ``keyPackageStock`` for the bot, up to the
    /// full stock; their private keys are sealed and saved first, so a Welcome naming one can always be opened.
    func replenish() throws(BotError) {
        guard let client else { return }
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
}
