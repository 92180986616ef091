/* syslog_peer: the floor for `rotor-bench --sink syslog`. Sends N RFC 5424 messages shaped like
 * Rotor's (same header fields, same structured data, same text) to URL, as a small C program
 * would: one send(2) per datagram (unix:PATH, udp://127.0.0.1:PORT), or octet-counted frames
 * written 64 KiB at a time (tcp://127.0.0.1:PORT), then for TCP a half-close and a wait for the
 * receiver to close, as Rotor's close() does. Prints one JSON line.
 *
 *   gcc -O2 -o syslog_peer Benchmarks/syslog_peer.c && ./syslog_peer tcp://127.0.0.1:5514 1000000
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static int send_all(int fd, const char *p, size_t n) {
    while (n > 0) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: syslog_peer unix:PATH|udp://127.0.0.1:PORT|tcp://127.0.0.1:PORT N\n");
        return 2;
    }
    const char *url = argv[1];
    long n = atol(argv[2]);
    int stream = strncmp(url, "tcp://", 6) == 0;
    int fd;
    if (strncmp(url, "unix:", 5) == 0) {
        struct sockaddr_un a = {.sun_family = AF_UNIX};
        strncpy(a.sun_path, url + 5, sizeof a.sun_path - 1);
        fd = socket(AF_UNIX, SOCK_DGRAM, 0);
        if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) { perror("connect"); return 1; }
    } else {
        const char *hostport = url + 6;
        const char *colon = strrchr(hostport, ':');
        if (!colon) { fprintf(stderr, "no port\n"); return 2; }
        char host[64] = {0};
        memcpy(host, hostport, (size_t)(colon - hostport) < 63 ? (size_t)(colon - hostport) : 63);
        struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((unsigned short)atoi(colon + 1))};
        inet_pton(AF_INET, host, &a.sin_addr);
        fd = socket(AF_INET, stream ? SOCK_STREAM : SOCK_DGRAM, 0);
        if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) { perror("connect"); return 1; }
    }
    char hostname[256] = "-";
    gethostname(hostname, sizeof hostname - 1);
    int pid = getpid();
    static char out[1 << 16];
    size_t used = 0;
    char message[1024];
    double start = now();
    for (long seq = 0; seq < n; seq++) {
        struct timespec t;
        clock_gettime(CLOCK_REALTIME, &t);
        struct tm tm;
        gmtime_r(&t.tv_sec, &tm);
        int len = snprintf(message, sizeof message,
            "<14>1 %04d-%02d-%02dT%02d:%02d:%02d.%06ldZ %s rotor-bench %d - [rotor@32473 label=\"bench\" "
            "latency=\"%g\" path=\"/api/v1/items/%ld\" thread=\"0\" user_id=\"%ld\"] request handled",
            tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, t.tv_nsec / 1000,
            hostname, pid, (double)(seq % 1000) / 1000, seq, seq);
        if (!stream) {
            if (send_all(fd, message, (size_t)len) != 0) { perror("send"); return 1; }
            continue;
        }
        if (used + (size_t)len + 16 > sizeof out) {
            if (send_all(fd, out, used) != 0) { perror("send"); return 1; }
            used = 0;
        }
        used += (size_t)snprintf(out + used, sizeof out - used, "%d ", len);
        memcpy(out + used, message, (size_t)len);
        used += (size_t)len;
    }
    if (stream) {
        if (used && send_all(fd, out, used) != 0) { perror("send"); return 1; }
        shutdown(fd, SHUT_WR);
        char byte;
        while (recv(fd, &byte, 1, 0) > 0) {}
    }
    close(fd);
    double seconds = now() - start;
    printf("{\"peer\":\"syslog_peer.c\",\"url\":\"%s\",\"records\":%ld,\"seconds\":%.6f,\"records_per_second\":%.0f}\n",
           url, n, seconds, n / seconds);
    return 0;
}
