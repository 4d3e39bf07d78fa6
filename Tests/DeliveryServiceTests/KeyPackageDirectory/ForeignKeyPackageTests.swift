import Foundation
import MLS
import MLSTestSupport
import Testing
import XMPP

@testable import DeliveryService

/// The corpus of foreign KeyPackages (`ForeignObjectCase.all`) published to the directory: each is stored or
/// refused exactly as RFC 9420 says of a KeyPackage outside any group (§10.1), and a refusal stores nothing.
extension KeyPackageDirectoryTests {
    @Test(arguments: ForeignObjectCase.all)
    func publishAcceptsOrRefusesAsTheRFCSays(foreign: ForeignObjectCase) throws {
        let directory = KeyPackageDirectory(store: store, configuration: DirectoryConfiguration())
        let client = try Fixtures.client("bob@example.org")
        let package = try foreign.keyPackage(for: client)
        let upload = KeyPackageUpload(bytes: package.message.tlsEncoded)
        switch foreign.inDirectory {
        case .accepted:
            #expect(try directory.publish([upload], publisher: bob, now: now) == 1)
            // It is served as published.
            let fetched = try directory.fetch(
                target: bob, cipherSuite: Fixtures.suite, requester: alice, now: now)
            #expect(fetched.keyPackages == [upload.bytes])
        case .refused(let rule):
            let error = #expect(throws: DirectoryError.self) {
                try directory.publish([upload], publisher: bob, now: now)
            }
            #expect(error?.code == .invalid)
            #expect(error?.cause as? KeyPackageError == .invalidLeafNode(rule))
            #expect(error?.condition == .badRequest)
            #expect(try directory.count(owner: bob, now: now) == KeyPackageStock(available: 0, hasLastResort: false))
        }
    }
}
