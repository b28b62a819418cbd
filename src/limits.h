/*
** limits.h -- every limit pactum puts on its input, in one place.
** Each is a named constant so that a test can reach it and a user can read why it exists.
*/
#ifndef PACT_LIMITS_H
#define PACT_LIMITS_H

/* Largest agreement file read, in bytes: far above any real contract, small enough that a
** mistaken path (a log, a dump) fails fast instead of filling memory. */
#define PACT_FILE_BYTES_MAX (256u * 1024u * 1024u)

/* Files in one agreement folder. */
#define PACT_FILES_MAX 4096

/* Nesting of blocks: agreement files need three (version, clause, tiers). The parser stops
** descending here, so hostile input cannot exhaust the stack. */
#define PACT_NESTING_MAX 16

/* Items on one statement line. */
#define PACT_LINE_ITEMS_MAX 256

/* Lexical errors in one file before the lexer gives up on it (a wrong file, not a typo). */
#define PACT_LEX_ERRORS_MAX 50

/* Diagnostics kept per run; past this one note says how many more were dropped. */
#define PACT_DIAGNOSTICS_MAX 1000

/* Tiers in one tiers block. */
#define PACT_TIERS_MAX 64

/* Versions in one agreement's history. */
#define PACT_VERSIONS_MAX 10000

/* Longest name considered for "did you mean" suggestions. */
#define PACT_SUGGEST_LEN_MAX 64

#endif
