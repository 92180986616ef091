#include "CRotorSyslog.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#if defined(__linux__)
#include <linux/sockios.h>
#include <linux/tcp.h>
#include <netinet/in.h>
#endif

int rotor_syslog_tcp_progress(int fd, rotor_tcp_progress *progress) {
#if defined(__linux__)
    int queued = 0;
    if (ioctl(fd, SIOCOUTQ, &queued) != 0) return errno;
    progress->unacknowledged = queued;
    struct tcp_info info;
    memset(&info, 0, sizeof info);
    socklen_t length = sizeof info;
    progress->peerWindow = -1;
    if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &length) == 0
        && length >= offsetof(struct tcp_info, tcpi_snd_wnd) + sizeof info.tcpi_snd_wnd) {
        progress->peerWindow = info.tcpi_snd_wnd;
    }
    return 0;
#else
    (void)fd;
    progress->unacknowledged = 0;
    progress->peerWindow = -1;
    return ENOTSUP;
#endif
}
