/*
** file.c -- reading an agreement file whole, with a bound on its size.
*/
#include "lang/file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/limits.h"
#include "base/mem.h"

bool read_file_text(const char *path, char **out, size_t *out_len, DiagList *diags) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    diag_add_path(diags, DIAG_ERROR, "E0001", path, "check the path", "cannot read: %s",
                  strerror(errno));
    return false;
  }
  size_t capacity = 65536, len = 0;
  char *text = mem_malloc(capacity);
  bool ok = text != NULL;
  while (ok) {
    if (len == capacity) {
      if (capacity >= PACT_FILE_BYTES_MAX) {
        diag_add_path(diags, DIAG_ERROR, "E0003", path,
                      "agreement files are text; check that this is the right file",
                      "file is larger than %u MiB", PACT_FILE_BYTES_MAX >> 20);
        ok = false;
        break;
      }
      char *bigger = mem_realloc(text, capacity * 2);
      if (!bigger) {
        ok = false;
        break;
      }
      text = bigger;
      capacity *= 2;
    }
    size_t n = fread(text + len, 1, capacity - len, f);
    len += n;
    if (n == 0) {
      if (ferror(f)) {
        diag_add_path(diags, DIAG_ERROR, "E0001", path, "check the path", "cannot read: %s",
                      strerror(errno));
        ok = false;
      }
      break;
    }
  }
  fclose(f);
  if (!ok) {
    free(text);
    return false;
  }
  *out = text;
  *out_len = len;
  return true;
}
