/*
** file.h -- the text of an agreement file, read whole (the loader and the formatter read it).
*/
#ifndef PACT_FILE_H
#define PACT_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "pactum.h"

/* Reads a whole file (at most PACT_FILE_BYTES_MAX) into *out (free it). PACT_ERR_IO when it
** cannot be read, said in diags (E0001, E0003); PACT_ERR_NOMEM, said nowhere, when memory ran
** out (the caller answers that, rather than taking the file for one reported). */
PactStatus read_file_text(const char *path, char **out, size_t *out_len, DiagList *diags);

#endif
