import Foundation
import Gateway
import Testing

@Suite struct BotStateKeyTests {
    @Test(arguments: [String(repeating: "0f", count: 32), Data(repeating: 1, count: 32).base64EncodedString()])
    func aKeyIs32BytesInHexOrBase64(_ text: String) throws {
        _ = try BotStateKey(text: text)
    }

    @Test(arguments: [
        "", "00", String(repeating: "zz", count: 32), Data(repeating: 1, count: 16).base64EncodedString(),
    ])
    func anythingElseIsRefused(_ text: String) {
        #expect {
            try BotStateKey(text: text)
        } throws: { error in
            guard case BotError.invalidStateKey = error else { return false }
            return true
        }
    }

    @Test func keyErrorsNameTheSettingAndNeedAConfigurationChange() {
        let rejected = BotError.sealedRecordRejected(kind: "identity", name: "")
        #expect("\(rejected)".hasPrefix("[bots_state] key: the bots' saved state (identity) does not open"))
        #expect(rejected.isConfigurationError)
        #expect(BotError.invalidStateKey.isConfigurationError)
        let malformed = BotError.malformedRecord(kind: "room", name: "lobby@mls.localhost")
        #expect("\(malformed)" == "a bot's saved state (room lobby@mls.localhost) opens but does not decode")
        #expect(!malformed.isConfigurationError)
    }
}
