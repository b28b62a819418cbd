/*
** file.h -- the text of an agreement file, read whole (the loader and the formatter read it).
*/
#ifndef PACT_FILE_H
#define PACT_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"

/* Reads a whole file (at most PACT_FILE_BYTES_MAX) into *out (free it); reports why it could not
** (E0001, E0003) and returns false. */
bool read_file_text(const char *path, char **out, size_t *out_len, DiagList *diags);

#endif
