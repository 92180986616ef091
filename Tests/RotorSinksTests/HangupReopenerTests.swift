import Foundation
import Logging
import RotorCore
import RotorRotation
import RotorSinks
import RotorTestKit
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// `SIGHUP` sent to this very process: serialized, since a reopener is process-wide.
@Suite(.serialized) struct HangupReopenerTests {
    private func eventually(_ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if condition() { return true }
            usleep(1_000)
        }
        return condition()
    }

    @Test func aHangupReopensEverySinkAfterAnExternalRename() throws {
        try withTemporaryDirectory { dir in
            var options = FileSinkConfiguration()
            options.externalChangeRecords = 1_000_000
            options.externalChangeInterval = .seconds(3_600)  // only the signal may reopen
            let router = try LevelRouterSink.files(in: dir, baseName: "app", levels: .info ... .error) { path in
                try RotatingFileSink(
                    path: path, formatter: PlainLineFormatter(), strategy: NeverRotation(), options: options)
            }
            let hangups = try RotorSignals.reopenOnHangup([router])
            defer { hangups.cancel() }
            router.log(record("before", level: .info))
            router.log(record("before", level: .error))
            for level in ["info", "error"] {
                try FileManager.default.moveItem(atPath: "\(dir)/app_\(level).log", toPath: "\(dir)/app_\(level).log.1")
            }
            #expect(kill(getpid(), SIGHUP) == 0)
            #expect(eventually { hangups.reopenCount == 1 })
            router.log(record("after", level: .info))
            router.log(record("after", level: .error))
            router.close()
            for level in ["info", "error"] {
                #expect(try lines(of: "\(dir)/app_\(level).log.1") == ["\(level) before"])
                #expect(try lines(of: "\(dir)/app_\(level).log") == ["\(level) after"])
            }
        }
    }

    @Test func onlyOneReopenerRunsAndCancelRestoresTheDisposition() throws {
        var before = sigaction()
        sigaction(SIGHUP, nil, &before)
        let first = try RotorSignals.reopenOnHangup([])
        #expect(throws: SinkError.self) { _ = try RotorSignals.reopenOnHangup([]) }
        first.cancel()
        first.cancel()  // harmless
        var after = sigaction()
        sigaction(SIGHUP, nil, &after)
        let handler = { (action: sigaction) in unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self) }
        #expect(handler(after) == handler(before))
        let second = try RotorSignals.reopenOnHangup([])  // free again
        second.cancel()
    }
}
