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

PactStatus read_file_text(const char *path, char **out, size_t *out_len, DiagList *diags) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    diag_add_path(diags, DIAG_ERROR, "E0001", path, "check the path", "cannot read: %s",
                  strerror(errno));
    return PACT_ERR_IO;
  }
  size_t capacity = 65536, len = 0;
  char *text = mem_malloc(capacity);
  PactStatus status = text ? PACT_OK : PACT_ERR_NOMEM;
  while (status == PACT_OK) {
    if (len == capacity) {
      if (capacity >= PACT_FILE_BYTES_MAX) {
        diag_add_path(diags, DIAG_ERROR, "E0003", path,
                      "agreement files are text; check that this is the right file",
                      "file is larger than %u MiB", PACT_FILE_BYTES_MAX >> 20);
        status = PACT_ERR_IO;
        break;
      }
      char *bigger = mem_realloc(text, capacity * 2);
      if (!bigger) {
        status = PACT_ERR_NOMEM;
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
        status = PACT_ERR_IO;
      }
      break;
    }
  }
  fclose(f);
  if (status != PACT_OK) {
    free(text);
    return status;
  }
  *out = text;
  *out_len = len;
  return PACT_OK;
}
