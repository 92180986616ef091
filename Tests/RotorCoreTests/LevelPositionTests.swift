import Logging
import RotorCore
import Testing

@Suite struct LevelPositionTests {
    @Test func positionIsTheIndexInAllCases() {
        for (index, level) in Logger.Level.allCases.enumerated() {
            #expect(level.position == index, "\(level)")
        }
    }

    @Test func aPositionGivesBackItsLevel() {
        for level in Logger.Level.allCases {
            #expect(Logger.Level(position: level.position) == level, "\(level)")
        }
        #expect(Logger.Level(position: 7) == .critical)
    }
}
