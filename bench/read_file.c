/*
** read_file.c -- the floor for `pactum settle` in bench/settle.sh: merely reading the file.
**
**   read_file FILE
**
** read()s FILE in blocks of 1 MiB and counts its newlines (memchr), as `wc -l` does, and
** prints the count. Nothing is parsed. Only C11 and POSIX; built by bench/settle.sh.
*/
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc != 2) {
    fputs("usage: read_file FILE\n", stderr);
    return 2;
  }
  int fd = open(argv[1], O_RDONLY);
  if (fd < 0) {
    fprintf(stderr, "read_file: %s: %s\n", argv[1], strerror(errno));
    return 1;
  }
  enum { BLOCK = 1 << 20 };
  char *buf = malloc(BLOCK);
  if (!buf) {
    fputs("read_file: out of memory\n", stderr);
    return 1;
  }
  unsigned long long lines = 0;
  for (;;) {
    ssize_t n = read(fd, buf, BLOCK);
    if (n < 0) {
      if (errno == EINTR) continue;
      fprintf(stderr, "read_file: %s: %s\n", argv[1], strerror(errno));
      return 1;
    }
    if (n == 0) break;
    const char *p = buf, *end = buf + n;
    while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
      lines++;
      p++;
    }
  }
  close(fd);
  free(buf);
  printf("%llu\n", lines);
  return 0;
}
