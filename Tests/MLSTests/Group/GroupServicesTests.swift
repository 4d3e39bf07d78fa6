import Foundation
import MLS
import Testing

struct GroupServicesTests {
    @Test func theCallersClockAndParallelismAreTheOnesKept() {
        let services = GroupServices(now: { Date(timeIntervalSince1970: 42) }, parallelism: 3)
        #expect(services.now() == Date(timeIntervalSince1970: 42))
        #expect(services.parallelism == 3)
    }

    @Test func parallelismIsAtLeastOne() {
        #expect(GroupServices(now: SystemEnvironment.clock, parallelism: 0).parallelism == 1)
    }

    @Test func theSystemServicesUseTheEdgeValues() {
        #expect(GroupServices.system.parallelism == max(SystemEnvironment.parallelism, 1))
        #expect(GroupServices.system.grease)
    }
}
