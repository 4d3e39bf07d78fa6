/// How many primitive operations of each kind a figure needs at least.
public struct OperationCount: Sendable, Codable, Equatable {
    public var sign = 0
    public var verify = 0
    public var hpkeSeal = 0
    public var hpkeOpen = 0
    /// A fresh random HPKE key pair.
    public var hpkeGenerate = 0
    /// `DeriveKeyPair` from a path or leaf secret.
    public var hpkeDerive = 0
    public var aeadSeal = 0
    public var aeadOpen = 0

    public init(
        sign: Int = 0, verify: Int = 0, hpkeSeal: Int = 0, hpkeOpen: Int = 0, hpkeGenerate: Int = 0,
        hpkeDerive: Int = 0, aeadSeal: Int = 0, aeadOpen: Int = 0
    ) {
        self.sign = sign
        self.verify = verify
        self.hpkeSeal = hpkeSeal
        self.hpkeOpen = hpkeOpen
        self.hpkeGenerate = hpkeGenerate
        self.hpkeDerive = hpkeDerive
        self.aeadSeal = aeadSeal
        self.aeadOpen = aeadOpen
    }

    /// The time these operations take at the measured per-operation costs, in seconds.
    public func seconds(at costs: PrimitiveCosts) -> Double {
        Double(sign) * costs.sign + Double(verify) * costs.verify + Double(hpkeSeal) * costs.hpkeSeal
            + Double(hpkeOpen) * costs.hpkeOpen + Double(hpkeGenerate) * costs.hpkeGenerate
            + Double(hpkeDerive) * costs.hpkeDerive + Double(aeadSeal) * costs.aeadSeal
            + Double(aeadOpen) * costs.aeadOpen
    }

    /// E.g. `2 sign + 18 verify + 9 hpke_seal`.
    public var summary: String {
        let parts: [(Int, String)] = [
            (sign, "sign"), (verify, "verify"), (hpkeSeal, "hpke_seal"), (hpkeOpen, "hpke_open"),
            (hpkeGenerate, "hpke_keygen"), (hpkeDerive, "hpke_derive"), (aeadSeal, "aead_seal"),
            (aeadOpen, "aead_open"),
        ]
        let shown = parts.filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
        return shown.isEmpty ? "nothing" : shown.joined(separator: " + ")
    }
}
