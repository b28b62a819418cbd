/*
** spool.h -- inputs that can be read only once (standard input, a pipe, a FIFO, a terminal),
** kept so that every later reading of the same name reads the very same bytes.
**
** Commands read their event files more than once: import validates a file before it writes
** it, settlement reads event files again when they restate or repeat events, an explanation
** reads the events once more. A pipe read a second time is empty, and a report built from two
** different readings is wrong money. So the first opening of such an input copies all of it
** into an unlinked temporary file (in $TMPDIR, else /tmp), and every opening, the first
** included, reads that copy. A regular file is read where it is.
**
** The copies live until the process ends (their files have no name: nothing is left behind on
** disk). An input is known by its device and inode, not its name: "-" and /dev/stdin are one.
*/
#ifndef PACT_SPOOL_H
#define PACT_SPOOL_H

#include "base/diag.h"
#include "pactum.h"

/*
** A descriptor reading path from its first byte, for the caller to close: the file itself
** when it is regular (or a directory, for the caller to refuse), else a descriptor of the kept
** copy. "-" is standard input. PACT_ERR_IO with errno_out set when the input cannot be opened
** or read, or (with *copy_failed) when the copy cannot be written (a full disk); PACT_ERR_NOMEM.
*/
PactStatus spool_open(const char *path, int *fd_out, int *errno_out, bool *copy_failed);

#endif
