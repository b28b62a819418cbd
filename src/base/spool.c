/*
** spool.c -- see spool.h. One process-wide table of the one-pass inputs copied so far, guarded
** by a mutex: readers may be opened from the threads that read a large file in two parts.
*/
#include "base/spool.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/mem.h"

typedef struct Spooled {
  dev_t dev; /* the input, by what it is rather than by name: "-" and /dev/stdin are one */
  ino_t ino;
  int fd; /* the unlinked copy, read with mmap or pread: its offset is never used */
} Spooled;

static pthread_mutex_t spool_lock = PTHREAD_MUTEX_INITIALIZER;
static Spooled *spooled;
static size_t spooled_count;

enum { SPOOL_COPY_BYTES = 1 << 16 };

/* Writes all of buf, or false with errno set (a full disk, a quota). */
static bool write_all(int fd, const char *buf, size_t len) {
  while (len) {
    ssize_t n = write(fd, buf, len);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n == 0) errno = ENOSPC;
      return false;
    }
    buf += n;
    len -= (size_t)n;
  }
  return true;
}

/* An unlinked temporary file in $TMPDIR (else /tmp), or -1 with errno set. */
static int temporary_file(void) {
  const char *dir = getenv("TMPDIR");
  if (!dir || !*dir) dir = "/tmp";
  size_t len = strlen(dir);
  char *path = mem_malloc(len + sizeof "/pactum-input-XXXXXX");
  if (!path) {
    errno = ENOMEM;
    return -1;
  }
  memcpy(path, dir, len);
  memcpy(path + len, "/pactum-input-XXXXXX", sizeof "/pactum-input-XXXXXX");
  int fd = mkstemp(path);
  if (fd >= 0) unlink(path);
  int saved = errno;
  free(path);
  errno = saved;
  return fd;
}

/* Copies everything from `from` into a new unlinked file: its descriptor, or -1 with errno
** (and *copy_failed when it was the copy, not the input, that failed). */
static int copy_input(int from, bool *copy_failed) {
  int to = temporary_file();
  if (to < 0) {
    *copy_failed = true;
    return -1;
  }
  char *buf = mem_malloc(SPOOL_COPY_BYTES);
  if (!buf) {
    close(to);
    errno = ENOMEM;
    return -1;
  }
  for (;;) {
    ssize_t n = read(from, buf, SPOOL_COPY_BYTES);
    if (n < 0 && errno == EINTR) continue;
    if (n == 0) break;
    if (n < 0 || !write_all(to, buf, (size_t)n)) {
      *copy_failed = n >= 0;
      int saved = errno;
      free(buf);
      close(to);
      errno = saved;
      return -1;
    }
  }
  free(buf);
  return to;
}

/* The kept copy of an input, or -1. Called with the lock held. */
static int spooled_fd(const struct stat *st) {
  for (size_t i = 0; i < spooled_count; i++)
    if (spooled[i].dev == st->st_dev && spooled[i].ino == st->st_ino) return spooled[i].fd;
  return -1;
}

/* Copies the one-pass input open as `from` and keeps it. Called with the lock held. */
static PactStatus spool_keep(const struct stat *st, int from, int *copy, int *error,
                             bool *copy_failed) {
  Spooled *bigger = mem_realloc(spooled, (spooled_count + 1) * sizeof *bigger);
  if (!bigger) return PACT_ERR_NOMEM;
  spooled = bigger;
  int fd = copy_input(from, copy_failed);
  if (fd < 0) {
    *error = errno;
    return errno == ENOMEM ? PACT_ERR_NOMEM : PACT_ERR_IO;
  }
  spooled[spooled_count++] = (Spooled){st->st_dev, st->st_ino, fd};
  *copy = fd;
  return PACT_OK;
}

/*
** A FIFO is looked up before it is opened: opening one whose writer has gone would wait for
** another writer for ever. A kept copy is handed out as a new descriptor of its own.
*/
PactStatus spool_open(const char *path, int *fd_out, int *errno_out, bool *copy_failed) {
  *fd_out = -1;
  *errno_out = 0;
  *copy_failed = false;
  bool is_stdin = strcmp(path, "-") == 0;
  struct stat st;
  if ((is_stdin ? fstat(STDIN_FILENO, &st) : stat(path, &st)) != 0) {
    *errno_out = errno;
    return PACT_ERR_IO;
  }
  if (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode)) {
    /* Read where it is (a directory for the caller to refuse); standard input redirected
    ** from a file is read from its start. */
    *fd_out = is_stdin ? dup(STDIN_FILENO) : open(path, O_RDONLY | O_CLOEXEC);
    if (*fd_out < 0) *errno_out = errno;
    return *fd_out < 0 ? PACT_ERR_IO : PACT_OK;
  }
  pthread_mutex_lock(&spool_lock);
  PactStatus status = PACT_OK;
  int copy = spooled_fd(&st);
  if (copy < 0) {
    int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      *errno_out = errno;
      status = PACT_ERR_IO;
    } else {
      status = spool_keep(&st, fd, &copy, errno_out, copy_failed);
      if (!is_stdin) close(fd);
    }
  }
  if (status == PACT_OK) {
    *fd_out = dup(copy);
    if (*fd_out < 0) *errno_out = errno, status = PACT_ERR_IO;
  }
  pthread_mutex_unlock(&spool_lock);
  return status;
}
