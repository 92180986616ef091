// The system-call floor of a zero-gap rotation on this machine and file system, in C, with
// nothing of Rotor's around it.
//
// Fills a file to 10 MiB with 191-byte write(2)s (like rotor-bench's JSON lines), then times one
// rotation, with the next file created beforehand (as Rotor prepares it in the background).
// Repeats ROUNDS times and prints p50 / p99 / max in microseconds.
//
// Without a MODE, the classic floor: the whole sequence
//   link(active, archive); rename(prepared, active); fstat(new); close(old)
// on one line. Benchmarks/compare.sh runs the modes "swap" (Rotor's pause now: the descriptor swap,
// then the name switch in the background) and "legacy" (that old sequence, as an informative row).
//
// With MODEs, each one is run in turn (ROUNDS rotations each) and every step is timed on its own;
// "pause" is what a writer would wait for (the steps inside the critical section) and "background"
// what runs after it, off the writer's path:
//   null      two clock reads and nothing else: the noise floor of a timed section on this machine
//   legacy    link; rename; fstat; close                (paths, all in the pause)
//   at        linkat; renameat; fstat; close            (relative to a directory descriptor, all in the pause)
//   lstat     fstatat(prepared, AT_SYMLINK_NOFOLLOW)    in the pause; linkat, renameat, close after
//             (Rotor's rotation since its third session: the descriptor swap and one check that the
//             prepared file still has its name; the names are switched by a background job)
//   swap      nothing in the pause but the descriptor swap; fstatat, linkat, renameat, close after
//   exchange  renameat2(prepared, active, RENAME_EXCHANGE) in the pause; then
//             renameat2(prepared name, archive, RENAME_NOREPLACE) and close after
//   fdatasync fdatasync(old) alone (what syncOnRotation adds to the pause)
//   write     one 191-byte write(2) into the new file right after the rotation (the first write
//             into a fresh file, which the writer pays after the pause), then linkat, renameat and
//             close: Rotor's background switch, whose rename replaces the active name with a file
//             that already holds records (ext4's auto_da_alloc then starts writing that file back)
//   write-exchange  the same write, then linkat; renameat2(prepared, active, RENAME_EXCHANGE);
//             unlinkat(prepared name); close: the same names without a rename over an existing file
//
// Build: gcc -O2 -o rotation_floor rotation_floor.c -lpthread
// Usage: rotation_floor [ROUNDS] [DIR] [MODE...]
//        (defaults: 40 rounds, a new directory under /tmp, removed after; DIR "-" for the default)
// Environment: FLOOR_FILE_BYTES (default 10485760) the size each file is filled to.
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE (1 << 0)
#endif
#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

static long long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int cmp(const void *a, const void *b) {
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

static int rename2(int olddir, const char *old, int newdir, const char *new, unsigned flags) {
    return (int)syscall(SYS_renameat2, olddir, old, newdir, new, flags);
}

enum { MAX_STEPS = 8 };

struct series {
    const char *name;
    int pause;  // 1: inside the writer's critical section
    long long *ns;
};

struct run {
    int rounds;
    int steps;
    struct series step[MAX_STEPS];
    long long *total_pause;
    long long *total_background;
};

static void add_step(struct run *run, const char *name, int pause) {
    run->step[run->steps].name = name;
    run->step[run->steps].pause = pause;
    run->step[run->steps].ns = calloc(run->rounds, sizeof(long long));
    run->steps++;
}

static void print_series(const char *mode, const char *what, long long *ns, int rounds) {
    qsort(ns, rounds, sizeof *ns, cmp);
    int i50 = (rounds * 50 + 99) / 100 - 1, i99 = (rounds * 99 + 99) / 100 - 1;
    printf("%-9s %-34s p50=%7.1f us p99=%7.1f us max=%7.1f us\n", mode, what, ns[i50] / 1e3, ns[i99] / 1e3,
           ns[rounds - 1] / 1e3);
}

static size_t file_bytes(void) {
    const char *text = getenv("FLOOR_FILE_BYTES");
    long long bytes = text ? atoll(text) : 0;
    return bytes > 0 ? (size_t)bytes : 10u << 20;
}

static int fill(int fd) {
    static char line[191];
    if (line[0] == 0) {
        memset(line, 'x', sizeof line - 1);
        line[sizeof line - 1] = '\n';
    }
    size_t limit = file_bytes();
    for (size_t bytes = 0; bytes + sizeof line <= limit; bytes += sizeof line)
        if (write(fd, line, sizeof line) != (ssize_t)sizeof line) return -1;
    return 0;
}

#define CHECK(call)                                                                                                \
    do {                                                                                                           \
        if ((call) != 0) {                                                                                         \
            perror(#call);                                                                                         \
            exit(1);                                                                                               \
        }                                                                                                          \
    } while (0)

// Times one mode: ROUNDS rotations of files filled to FLOOR_FILE_BYTES in `dir`.
static void run_mode(const char *mode, int rounds, const char *dir) {
    struct run run = {.rounds = rounds};
    run.total_pause = calloc(rounds, sizeof(long long));
    run.total_background = calloc(rounds, sizeof(long long));
    int dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirfd < 0) {
        perror("open dir");
        exit(1);
    }
    int legacy = !strcmp(mode, "legacy"), at = !strcmp(mode, "at"), lstat_mode = !strcmp(mode, "lstat");
    int swap = !strcmp(mode, "swap"), exchange = !strcmp(mode, "exchange"), null = !strcmp(mode, "null");
    int sync = !strcmp(mode, "fdatasync"), first_write = !strcmp(mode, "write");
    int write_exchange = !strcmp(mode, "write-exchange");
    if (legacy || at) {
        add_step(&run, legacy ? "link" : "linkat", 1);
        add_step(&run, legacy ? "rename" : "renameat", 1);
        add_step(&run, "fstat(new)", 1);
        add_step(&run, "close(old)", 1);
    } else if (lstat_mode) {
        add_step(&run, "fstatat(prepared, NOFOLLOW)", 1);
        add_step(&run, "linkat (background)", 0);
        add_step(&run, "renameat (background)", 0);
        add_step(&run, "close(old) (background)", 0);
    } else if (swap) {
        add_step(&run, "nothing (descriptor swap)", 1);
        add_step(&run, "fstatat(prepared) (background)", 0);
        add_step(&run, "linkat (background)", 0);
        add_step(&run, "renameat (background)", 0);
        add_step(&run, "close(old) (background)", 0);
    } else if (exchange) {
        add_step(&run, "renameat2(EXCHANGE)", 1);
        add_step(&run, "renameat2(NOREPLACE) (background)", 0);
        add_step(&run, "close(old) (background)", 0);
    } else if (null) {
        add_step(&run, "nothing", 1);
    } else if (sync) {
        add_step(&run, "fdatasync(old)", 1);
        add_step(&run, "linkat (background)", 0);
        add_step(&run, "renameat (background)", 0);
        add_step(&run, "close(old) (background)", 0);
    } else if (first_write) {
        add_step(&run, "fstatat(prepared, NOFOLLOW)", 1);
        add_step(&run, "first write(2) into new file", 0);
        add_step(&run, "linkat (background)", 0);
        add_step(&run, "renameat (background)", 0);
        add_step(&run, "close(old) (background)", 0);
    } else if (write_exchange) {
        add_step(&run, "fstatat(prepared, NOFOLLOW)", 1);
        add_step(&run, "first write(2) into new file", 0);
        add_step(&run, "linkat (background)", 0);
        add_step(&run, "renameat2(EXCHANGE) (background)", 0);
        add_step(&run, "unlinkat(prepared) (background)", 0);
        add_step(&run, "close(old) (background)", 0);
    } else {
        fprintf(stderr, "unknown mode %s\n", mode);
        exit(2);
    }
    char active[64], next[64], archive[64], path[600];
    snprintf(active, sizeof active, "%s.log", mode);
    int fd = openat(dirfd, active, O_WRONLY | O_CREAT | O_APPEND | O_TRUNC | O_CLOEXEC, 0644);
    static const char line[191] = "x";
    for (int r = 0; r < rounds; r++) {
        CHECK(fill(fd));
        snprintf(next, sizeof next, ".%s.log.next-%d", mode, r);
        snprintf(archive, sizeof archive, "%s.%04d.log", mode, r);
        int nfd = openat(dirfd, next, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0644);
        if (nfd < 0) {
            perror("openat next");
            exit(1);
        }
        struct stat st;
        long long t[MAX_STEPS + 1];
        int s = 0;
        t[0] = now_ns();
        if (legacy) {
            char a[600], n[600];
            snprintf(path, sizeof path, "%s/%s", dir, active);
            snprintf(a, sizeof a, "%s/%s", dir, archive);
            snprintf(n, sizeof n, "%s/%s", dir, next);
            t[0] = now_ns();
            CHECK(link(path, a));
            t[++s] = now_ns();
            CHECK(rename(n, path));
            t[++s] = now_ns();
            CHECK(fstat(nfd, &st));
            t[++s] = now_ns();
            CHECK(close(fd));
            t[++s] = now_ns();
        } else if (at) {
            CHECK(linkat(dirfd, active, dirfd, archive, 0));
            t[++s] = now_ns();
            CHECK(renameat(dirfd, next, dirfd, active));
            t[++s] = now_ns();
            CHECK(fstat(nfd, &st));
            t[++s] = now_ns();
            CHECK(close(fd));
            t[++s] = now_ns();
        } else if (lstat_mode || first_write) {
            CHECK(fstatat(dirfd, next, &st, AT_SYMLINK_NOFOLLOW));
            t[++s] = now_ns();
            if (first_write) {
                if (write(nfd, line, sizeof line) != (ssize_t)sizeof line) exit(1);
                t[++s] = now_ns();
            }
            CHECK(linkat(dirfd, active, dirfd, archive, 0));
            t[++s] = now_ns();
            CHECK(renameat(dirfd, next, dirfd, active));
            t[++s] = now_ns();
            CHECK(close(fd));
            t[++s] = now_ns();
        } else if (write_exchange) {
            CHECK(fstatat(dirfd, next, &st, AT_SYMLINK_NOFOLLOW));
            t[++s] = now_ns();
            if (write(nfd, line, sizeof line) != (ssize_t)sizeof line) exit(1);
            t[++s] = now_ns();
            CHECK(linkat(dirfd, active, dirfd, archive, 0));
            t[++s] = now_ns();
            CHECK(rename2(dirfd, next, dirfd, active, RENAME_EXCHANGE));
            t[++s] = now_ns();
            CHECK(unlinkat(dirfd, next, 0));
            t[++s] = now_ns();
            CHECK(close(fd));
            t[++s] = now_ns();
        } else if (swap) {
            t[++s] = now_ns();
            CHECK(fstatat(dirfd, next, &st, AT_SYMLINK_NOFOLLOW));
            t[++s] = now_ns();
            CHECK(linkat(dirfd, active, dirfd, archive, 0));
            t[++s] = now_ns();
            CHECK(renameat(dirfd, next, dirfd, active));
            t[++s] = now_ns();
            CHECK(close(fd));
            t[++s] = now_ns();
        } else if (exchange) {
            CHECK(rename2(dirfd, next, dirfd, active, RENAME_EXCHANGE));
            t[++s] = now_ns();
            CHECK(rename2(dirfd, next, dirfd, archive, RENAME_NOREPLACE));
            t[++s] = now_ns();
            CHECK(close(fd));
            t[++s] = now_ns();
        } else if (null) {
            t[++s] = now_ns();
            CHECK(linkat(dirfd, active, dirfd, archive, 0));
            CHECK(renameat(dirfd, next, dirfd, active));
            CHECK(close(fd));
        } else if (sync) {
            CHECK(fdatasync(fd));
            t[++s] = now_ns();
            CHECK(linkat(dirfd, active, dirfd, archive, 0));
            t[++s] = now_ns();
            CHECK(renameat(dirfd, next, dirfd, active));
            t[++s] = now_ns();
            CHECK(close(fd));
            t[++s] = now_ns();
        }
        long long pause = 0, background = 0;
        for (int i = 0; i < run.steps; i++) {
            long long d = t[i + 1] - t[i];
            run.step[i].ns[r] = d;
            if (run.step[i].pause) pause += d; else background += d;
        }
        run.total_pause[r] = pause;
        run.total_background[r] = background;
        fd = nfd;
    }
    close(fd);
    for (int r = 0; r < rounds; r++) {
        snprintf(archive, sizeof archive, "%s.%04d.log", mode, r);
        unlinkat(dirfd, archive, 0);
    }
    unlinkat(dirfd, active, 0);
    close(dirfd);
    for (int i = 0; i < run.steps; i++) print_series(mode, run.step[i].name, run.step[i].ns, rounds);
    if (run.steps > 1) {
        print_series(mode, "= pause (writer's critical section)", run.total_pause, rounds);
        print_series(mode, "= background", run.total_background, rounds);
    }
    fflush(stdout);
}


// ---- Live modes: a writer thread and a background thread, as in Rotor ----
//
// The writer (this thread) writes 191-byte lines without pause; at each file's limit it moves to
// the prepared next file (the pause: one fstatat of the prepared file, as Rotor's writer does)
// and hands the old descriptor to a background thread, which switches the names, closes the old
// file and prepares the next one. Every write is timed, so the figures show what a writer is
// really held up by: the pause, and any write(2) slowed by the background's name switch.
//   live-rename         background: linkat(active, archive); renameat(prepared, active)
//                       (Rotor's switch: a rename over an existing name)
//   live-exchange       background: renameat2(prepared, active, RENAME_EXCHANGE);
//                       renameat2(prepared name, archive, RENAME_NOREPLACE)
//   live-link-exchange  background: linkat(active, archive); renameat2(prepared, active,
//                       RENAME_EXCHANGE); unlinkat(prepared name)
//   live-control        background: closes the old file only (the names are not switched)
#include <pthread.h>
#include <stdatomic.h>

struct live {
    const char *mode;
    int dirfd;
    int rounds;
    _Atomic int job;        // round number whose names are to be switched, -1 when idle
    _Atomic int next_fd;    // prepared descriptor for the next rotation, -1 when not ready
    _Atomic int done;       // rounds finished by the background
    int old_fd;
    long long *background_ns;
    _Atomic int stop;
};

static void live_prepare(struct live *live, int round) {
    char next[64];
    snprintf(next, sizeof next, ".%s.log.next-%d", live->mode, round);
    int fd = openat(live->dirfd, next, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) {
        perror("openat next");
        exit(1);
    }
    atomic_store(&live->next_fd, fd);
}

static void *live_background(void *arg) {
    struct live *live = arg;
    const char *mode = live->mode;
    char active[64], next[64], archive[64];
    snprintf(active, sizeof active, "%s.log", mode);
    while (!atomic_load(&live->stop)) {
        int r = atomic_load(&live->job);
        if (r < 0) {
            struct timespec nap = {0, 20000};
            nanosleep(&nap, NULL);
            continue;
        }
        long long t0 = now_ns();
        snprintf(next, sizeof next, ".%s.log.next-%d", mode, r);
        snprintf(archive, sizeof archive, "%s.%04d.log", mode, r);
        int d = live->dirfd;
        if (!strcmp(mode, "live-rename")) {
            CHECK(linkat(d, active, d, archive, 0));
            CHECK(renameat(d, next, d, active));
        } else if (!strcmp(mode, "live-exchange")) {
            CHECK(rename2(d, next, d, active, RENAME_EXCHANGE));
            CHECK(rename2(d, next, d, archive, RENAME_NOREPLACE));
        } else if (!strcmp(mode, "live-link-exchange")) {
            CHECK(linkat(d, active, d, archive, 0));
            CHECK(rename2(d, next, d, active, RENAME_EXCHANGE));
            CHECK(unlinkat(d, next, 0));
        }
        close(live->old_fd);
        live->background_ns[r] = now_ns() - t0;
        live_prepare(live, r + 1);
        atomic_store(&live->job, -1);
        atomic_fetch_add(&live->done, 1);
    }
    return NULL;
}

static void run_live(const char *mode, int rounds, const char *dir) {
    struct live live = {.mode = mode, .rounds = rounds};
    live.dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    live.background_ns = calloc(rounds, sizeof(long long));
    atomic_store(&live.job, -1);
    long long *pause = calloc(rounds, sizeof(long long));
    long long *slowest_during = calloc(rounds, sizeof(long long));
    long long *slowest_outside = calloc(rounds, sizeof(long long));
    char active[64], next[64], archive[64];
    snprintf(active, sizeof active, "%s.log", mode);
    int fd = openat(live.dirfd, active, O_WRONLY | O_CREAT | O_APPEND | O_TRUNC | O_CLOEXEC, 0644);
    live_prepare(&live, 0);
    pthread_t thread;
    pthread_create(&thread, NULL, live_background, &live);
    static char line[191];
    memset(line, 'x', sizeof line - 1);
    line[sizeof line - 1] = '\n';
    size_t limit = file_bytes();
    int background_round = -1;  // the round whose background phase is running
    long long waited = 0;
    for (int r = 0; r <= rounds; r++) {
        for (size_t bytes = 0; bytes + sizeof line <= limit; bytes += sizeof line) {
            long long t0 = now_ns();
            if (write(fd, line, sizeof line) != (ssize_t)sizeof line) exit(1);
            long long d = now_ns() - t0;
            if (background_round >= 0 && atomic_load(&live.done) > background_round) background_round = -1;
            if (background_round >= 0) {
                if (d > slowest_during[background_round]) slowest_during[background_round] = d;
            } else if (r > 0 && d > slowest_outside[r - 1]) {
                slowest_outside[r - 1] = d;
            }
        }
        if (r == rounds) break;
        // The rotation: wait for the prepared file if it is not ready (counted apart).
        long long w0 = now_ns();
        while (atomic_load(&live.next_fd) < 0 || atomic_load(&live.job) >= 0) {
        }
        waited += now_ns() - w0;
        snprintf(next, sizeof next, ".%s.log.next-%d", mode, r);
        struct stat st;
        long long t0 = now_ns();
        int nfd = atomic_exchange(&live.next_fd, -1);
        CHECK(fstatat(live.dirfd, next, &st, AT_SYMLINK_NOFOLLOW));
        int old = fd;
        fd = nfd;
        pause[r] = now_ns() - t0;
        live.old_fd = old;
        background_round = r;
        if (!strcmp(mode, "live-control")) {
            close(old);
            live_prepare(&live, r + 1);
            atomic_fetch_add(&live.done, 1);
            background_round = -1;
        } else {
            atomic_store(&live.job, r);
        }
    }
    while (atomic_load(&live.job) >= 0) {
    }
    atomic_store(&live.stop, 1);
    pthread_join(thread, NULL);
    close(fd);
    int leftover = atomic_load(&live.next_fd);
    if (leftover >= 0) close(leftover);
    for (int r = 0; r <= rounds + 1; r++) {
        snprintf(archive, sizeof archive, "%s.%04d.log", mode, r);
        unlinkat(live.dirfd, archive, 0);
        snprintf(next, sizeof next, ".%s.log.next-%d", mode, r);
        unlinkat(live.dirfd, next, 0);
    }
    unlinkat(live.dirfd, active, 0);
    close(live.dirfd);
    print_series(mode, "pause: fstatat(prepared) + swap", pause, rounds);
    if (strcmp(mode, "live-control")) {
        print_series(mode, "background: names + close(old)", live.background_ns, rounds);
    }
    print_series(mode, "slowest write during background", slowest_during, rounds);
    print_series(mode, "slowest write otherwise", slowest_outside, rounds);
    if (waited > 1000000) printf("%-9s waited %.1f ms in all for prepared files\n", mode, waited / 1e6);
    fflush(stdout);
}

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 40;
    char tmpl[] = "/tmp/rotation_floor_XXXXXX";
    int given = argc > 2 && strcmp(argv[2], "-") != 0;
    const char *dir = given ? argv[2] : mkdtemp(tmpl);
    if (!dir || rounds < 1) {
        perror("setup");
        return 1;
    }
    if (argc > 3) {
        for (int i = 3; i < argc; i++) {
            if (!strncmp(argv[i], "live-", 5)) run_live(argv[i], rounds, dir); else run_mode(argv[i], rounds, dir);
        }
        if (!given) rmdir(dir);
        return 0;
    }
    // The classic floor, one line.
    char line[191];
    memset(line, 'x', sizeof line - 1);
    line[sizeof line - 1] = '\n';
    char active[512], next[512], archive[512];
    snprintf(active, sizeof active, "%s/floor.log", dir);
    int fd = open(active, O_WRONLY | O_CREAT | O_APPEND | O_TRUNC | O_CLOEXEC, 0644);
    long long *pause = calloc(rounds, sizeof *pause);
    for (int r = 0; r < rounds; r++) {
        CHECK(fill(fd));
        snprintf(next, sizeof next, "%s/.floor.log.next-%d", dir, r);
        snprintf(archive, sizeof archive, "%s/floor.%03d.log", dir, r);
        int nfd = open(next, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0644);
        struct stat st;
        long long t0 = now_ns();
        if (link(active, archive) || rename(next, active) || fstat(nfd, &st) || close(fd)) {
            perror("rotate");
            return 1;
        }
        pause[r] = now_ns() - t0;
        fd = nfd;
    }
    close(fd);
    for (int r = 0; r < rounds; r++) {
        snprintf(archive, sizeof archive, "%s/floor.%03d.log", dir, r);
        unlink(archive);
    }
    unlink(active);
    if (!given) rmdir(dir);
    qsort(pause, rounds, sizeof *pause, cmp);
    int i50 = (rounds * 50 + 99) / 100 - 1, i99 = (rounds * 99 + 99) / 100 - 1;
    printf("rotation floor (link+rename+fstat+close) rounds=%d p50=%.1f us p99=%.1f us max=%.1f us\n", rounds,
           pause[i50] / 1e3, pause[i99] / 1e3, pause[rounds - 1] / 1e3);
    return 0;
}
