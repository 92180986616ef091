#define _GNU_SOURCE
#include "CRotorSystem.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <pthread.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/syscall.h>
#endif

int rotor_rename_noreplace(int olddirfd, const char *oldname, int newdirfd, const char *newname) {
#if defined(__linux__) && defined(SYS_renameat2)
    for (;;) {
        if (syscall(SYS_renameat2, olddirfd, oldname, newdirfd, newname, 1 /* RENAME_NOREPLACE */) == 0) return 0;
        if (errno != EINTR) return errno;
    }
#elif defined(__APPLE__)
    for (;;) {
        if (renameatx_np(olddirfd, oldname, newdirfd, newname, RENAME_EXCL) == 0) return 0;
        if (errno != EINTR) return errno;
    }
#else
    (void)olddirfd; (void)oldname; (void)newdirfd; (void)newname;
    return ENOSYS;
#endif
}

static int rotor_lock_command(int wait) {
#if defined(__linux__)
#ifndef F_OFD_SETLK
#define F_OFD_SETLK 37
#define F_OFD_SETLKW 38
#endif
    return wait ? F_OFD_SETLKW : F_OFD_SETLK;
#else
    return wait ? F_SETLKW : F_SETLK;
#endif
}

static int rotor_set_lock(int fd, long offset, short type, int wait) {
    struct flock lock;
    memset(&lock, 0, sizeof lock);
    lock.l_type = type;
    lock.l_whence = SEEK_SET;
    lock.l_start = offset;
    lock.l_len = 1;
    for (;;) {
        if (fcntl(fd, rotor_lock_command(wait), &lock) == 0) return 0;
        if (errno != EINTR) return errno;
    }
}

int rotor_lock_byte(int fd, long offset, int exclusive, int wait) {
    return rotor_set_lock(fd, offset, exclusive ? F_WRLCK : F_RDLCK, wait);
}

int rotor_unlock_byte(int fd, long offset) {
    return rotor_set_lock(fd, offset, F_UNLCK, 0);
}

int rotor_name_current_thread(const char *name) {
#if defined(__linux__)
    char truncated[16];
    snprintf(truncated, sizeof truncated, "%s", name);
    return pthread_setname_np(pthread_self(), truncated);
#elif defined(__APPLE__)
    return pthread_setname_np(name);
#else
    (void)name;
    return 0;
#endif
}
