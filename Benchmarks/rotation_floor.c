// The system-call floor of a zero-gap rotation on this machine and file system: what Rotor's
// rotation does in its critical section, in C, with nothing else around it.
// Fills a file to 10 MiB with ~190-byte write(2)s (like rotor-bench's JSON lines), then times
//   link(active, archive); rename(prepared, active); fstat(new); close(old)
// with the next file created beforehand (as Rotor prepares it in the background). Repeats
// ROUNDS times and prints p50 / p99 / max of the whole sequence in microseconds.
// Build: gcc -O2 -o rotation_floor rotation_floor.c
// Usage: rotation_floor [ROUNDS] [DIR]     (defaults: 40, a new directory under /tmp, removed after)
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int cmp(const void *a, const void *b) {
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 40;
    char tmpl[] = "/tmp/rotation_floor_XXXXXX";
    const char *dir = argc > 2 ? argv[2] : mkdtemp(tmpl);
    if (!dir || rounds < 1) { perror("setup"); return 1; }
    char line[191];
    memset(line, 'x', sizeof line - 1);
    line[sizeof line - 1] = '\n';
    char active[512], next[512], archive[512];
    snprintf(active, sizeof active, "%s/floor.log", dir);
    int fd = open(active, O_WRONLY | O_CREAT | O_APPEND | O_TRUNC | O_CLOEXEC, 0644);
    long long *pause = calloc(rounds, sizeof *pause);
    for (int r = 0; r < rounds; r++) {
        for (size_t bytes = 0; bytes + sizeof line <= 10u << 20; bytes += sizeof line)
            if (write(fd, line, sizeof line) != (ssize_t)sizeof line) { perror("write"); return 1; }
        snprintf(next, sizeof next, "%s/.floor.log.next-%d", dir, r);
        snprintf(archive, sizeof archive, "%s/floor.%03d.log", dir, r);
        int nfd = open(next, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0644);
        struct stat st;
        long long t0 = now_ns();
        if (link(active, archive) || rename(next, active) || fstat(nfd, &st) || close(fd)) { perror("rotate"); return 1; }
        pause[r] = now_ns() - t0;
        fd = nfd;
    }
    close(fd);
    for (int r = 0; r < rounds; r++) {
        snprintf(archive, sizeof archive, "%s/floor.%03d.log", dir, r);
        unlink(archive);
    }
    unlink(active);
    if (argc <= 2) rmdir(dir);
    qsort(pause, rounds, sizeof *pause, cmp);
    int i50 = (rounds * 50 + 99) / 100 - 1, i99 = (rounds * 99 + 99) / 100 - 1;
    printf("rotation floor (link+rename+fstat+close) rounds=%d p50=%.1f us p99=%.1f us max=%.1f us\n", rounds,
           pause[i50] / 1e3, pause[i99] / 1e3, pause[rounds - 1] / 1e3);
    return 0;
}
