#ifndef CROTOR_SYSLOG_H
#define CROTOR_SYSLOG_H

#include <stdint.h>

/// What a TCP socket's sender knows about the bytes it has sent: how many the peer has not
/// acknowledged yet, and the receive window the peer advertised last.
typedef struct {
    /// Bytes sent (or queued to send) that the peer's TCP has not acknowledged:
    /// `ioctl(SIOCOUTQ)` on Linux.
    int64_t unacknowledged;
    /// The peer's advertised receive window in bytes (`tcp_info.tcpi_snd_wnd`, Linux 5.4 and
    /// later); -1 when the system does not say.
    int64_t peerWindow;
} rotor_tcp_progress;

/// Fills `progress` for the connected TCP socket `fd`. Returns 0, or an errno value (ENOTSUP on
/// systems without these queries, where the caller treats sent bytes as acknowledged).
int rotor_syslog_tcp_progress(int fd, rotor_tcp_progress *progress);

#endif
