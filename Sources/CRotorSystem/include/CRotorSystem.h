#ifndef CROTOR_SYSTEM_H
#define CROTOR_SYSTEM_H

/// System calls that Swift's Glibc module does not expose (they need _GNU_SOURCE, or are
/// platform-specific), wrapped as plain functions. Each returns 0 on success and an errno value on
/// failure, and loops over EINTR.

/// Renames `oldname` (relative to `olddirfd`) to `newname` (relative to `newdirfd`) unless
/// `newname` exists: renameat2(RENAME_NOREPLACE) on Linux, renameatx_np(RENAME_EXCL) on Darwin.
/// EEXIST when the new name is taken; EINVAL or ENOSYS when the file system or kernel cannot.
int rotor_rename_noreplace(int olddirfd, const char *oldname, int newdirfd, const char *newname);

/// Takes a lock on the one byte at `offset` of the file open as `fd`: an open-file-description
/// lock (F_OFD_SETLK) on Linux, so that it belongs to this descriptor and is released when it is
/// closed, or when the process dies; a process lock (F_SETLK) on other systems.
/// `exclusive` asks for a write lock, otherwise a read (shared) lock; `wait` blocks until it is
/// granted. EAGAIN (or EACCES) when it is held elsewhere and `wait` is 0.
int rotor_lock_byte(int fd, long offset, int exclusive, int wait);

/// Releases the lock on the byte at `offset`.
int rotor_unlock_byte(int fd, long offset);

/// Names the calling thread (as `top -H`, /proc/PID/task/TID/comm and debuggers show it); Linux
/// keeps the first 15 bytes. Returns 0, or an errno value.
int rotor_name_current_thread(const char *name);

#endif
