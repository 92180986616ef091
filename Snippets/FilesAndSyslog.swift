// "Shipping Rotor's logs": a rotating file for completeness and a syslog sink for the live view,
// both behind one swift-log handler. Compiled, not run (it needs a collector on 127.0.0.1:514).
import Logging
import Rotor
import RotorSyslog

let file = try RotatingFileSink(path: "/var/log/app/app.log", formatter: JSONFormatter(),
                                strategy: try SizeRotation(maxBytes: 50 << 20))
let syslog = try SyslogSink(url: "tcp://127.0.0.1:514")
LoggingSystem.bootstrap { label in
    RotorLogHandler(label: label, sink: MultiplexSink([file, syslog]))
}
