/*
** ledger.c -- events kept in SQLite (WAL, one transaction per file), read back in date order.
** SQLite gives pactum atomic, crash-safe files for free; pactum adds the rules about ids.
*/
#include "store/ledger.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/limits.h"
#include "base/mem.h"
#include "base/strmap.h"
#include "base/suggest.h"
#include "events/rights.h"
#include "store/daysums.h"
#include "store/months.h"

/* 3: who imported each file (as_party), and imports withdrawn by undo (undos, withdrawn);
** 2: the imports table (who learned what when) and restatements; 1 was never released. */
#define LEDGER_SCHEMA_VERSION "3"

/* The columns of an event, as the events table and the withdrawn table hold them. */
/* The constraints say in the schema what every row must be (so that SQLite refuses a bad one
** written by another program); the readers check the same, and more, of what they read back,
** since a ledger made before the constraints, or edited with them off, has none. */
#define EVENT_COLUMNS_SQL                                                                          \
  "  id TEXT NOT NULL, kind TEXT NOT NULL,"                                                        \
  "  date TEXT NOT NULL CHECK (length(date) = 10),"                                                \
  "  end_date TEXT CHECK (end_date >= date),"                                                      \
  "  party TEXT, counterparty TEXT, stream TEXT, subject TEXT,"                                    \
  "  amount_minor INTEGER CHECK (amount_minor = CAST(amount_minor AS INTEGER)),"                   \
  "  currency TEXT CHECK ((currency IS NULL) = (amount_minor IS NULL)), ref TEXT, note TEXT,"      \
  "  import_seq INTEGER NOT NULL REFERENCES imports(seq), source_line INTEGER NOT NULL,"           \
  "  CHECK (kind <> 'payment' OR amount_minor >= 0),"

/*
** What schema 3 adds to schema 2 (a ledger of schema 2 is migrated on opening): one row per
** undo (the import it withdrew, the day the ledger learned of it), and the events it withdrew,
** moved out of events so that their ids are free to be imported again, and kept for "as known
** on" a day before the undo.
*/
#define UNDO_TABLES_SQL                                                                            \
  "CREATE TABLE IF NOT EXISTS undos("                                                              \
  "  import_seq INTEGER PRIMARY KEY REFERENCES imports(seq), recorded_on TEXT NOT NULL,"           \
  "  recorded_at TEXT NOT NULL, withdrawn INTEGER NOT NULL);"                                      \
  "CREATE TABLE IF NOT EXISTS withdrawn(" EVENT_COLUMNS_SQL                                        \
  "  PRIMARY KEY (id, import_seq)) WITHOUT ROWID;"

/*
** One row per event, kept in the order of its id (WITHOUT ROWID: one B-tree, not a table and an
** index beside it); one row per import that added something, with the day the ledger learned
** its events (recorded_on: "as known on" reads only the imports up to a day) and the party it
** was imported as (NULL: trusted). An index on ref finds restatements; no index on date, which
** would slow every import for a sort that reading the whole ledger back does at once.
*/
static const char schema_sql[] =
    "CREATE TABLE IF NOT EXISTS pactum_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS imports("
    "  seq INTEGER PRIMARY KEY, file TEXT NOT NULL, recorded_on TEXT NOT NULL,"
    "  recorded_at TEXT NOT NULL, added INTEGER NOT NULL, known INTEGER NOT NULL,"
    "  as_party TEXT);"
    "CREATE TABLE IF NOT EXISTS events(" EVENT_COLUMNS_SQL
    "  PRIMARY KEY (id)) WITHOUT ROWID;"
    "CREATE INDEX IF NOT EXISTS events_by_ref ON events(ref) WHERE ref IS NOT NULL;" UNDO_TABLES_SQL
    "INSERT OR IGNORE INTO pactum_meta(key, value) VALUES ('schema', '" LEDGER_SCHEMA_VERSION "');";

/* Schema 2 to 3, in one transaction: a crash leaves the ledger of schema 2 it was. */
static const char migrate_2_sql[] =
    "BEGIN IMMEDIATE;"
    "ALTER TABLE imports ADD COLUMN as_party TEXT;" UNDO_TABLES_SQL
    "UPDATE pactum_meta SET value = '3' WHERE key = 'schema';"
    "COMMIT;";

/*
** Who did what, beside the imports and undos tables (made by the first write that needs it, so
** that a ledger of schema 3 needs no migration): one row per undo (act 'undo'), with the party
** it was made as (NULL: trusted), and one per import or undo recorded on a day before it was
** written, with the reason given (backdated). The machine's time and the day claimed are in
** imports and undos.
*/
#define ACTS_TABLE_SQL                                                                             \
  "CREATE TABLE IF NOT EXISTS acts("                                                               \
  "  import_seq INTEGER NOT NULL REFERENCES imports(seq),"                                         \
  "  act TEXT NOT NULL CHECK (act IN ('import', 'undo')), as_party TEXT,"                          \
  "  backdated TEXT CHECK (backdated IS NULL OR length(backdated) > 0),"                           \
  "  PRIMARY KEY (import_seq, act)) WITHOUT ROWID;"

/* The clock writes are stamped with: the machine's, or a test's (ledger_test_clock). */
static int64_t (*test_clock)(void);

void ledger_test_clock(int64_t (*now)(void)) { test_clock = now; }

/* Now, by the machine's clock (UTC): the stamp a write records (2026-12-03T07:36:14Z) and its
** day. Never the importer's word. */
static PactDate ledger_now(char stamp[21]) {
  time_t now = test_clock ? (time_t)test_clock() : time(NULL);
  struct tm tm;
  if (!gmtime_r(&now, &tm) || strftime(stamp, 21, "%Y-%m-%dT%H:%M:%SZ", &tm) != 20)
    snprintf(stamp, 21, "1970-01-01T00:00:00Z");
  int64_t seconds = (int64_t)now;
  return (PactDate)(seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400));
}

struct Ledger {
  sqlite3 *db;
  char *path;
  /* A read-only descriptor of pactum's own on the file: what the file is is read through it
  ** before SQLite opens anything; a reader of the main file alone (immutable) holds SQLite's
  ** shared lock through it; a writer looks through it for such readers before it checkpoints.
  ** It is closed after the connection, since closing any descriptor of a file drops every lock
  ** the process holds on it. */
  int fd;
  double wait;                       /* a writer: seconds to wait for another writer */
  void (*waiting)(const char *path); /* told once when the wait begins */
  bool told;
  struct timespec busy_since;
  bool in_snapshot; /* a read transaction is open: ledger_snapshot_begin */
  bool immutable;   /* read as immutable, under our shared lock */
  bool writer;
  bool guarded;    /* a write transaction of ours is open: nothing else may commit */
  bool committing; /* its own COMMIT is running */
};

/*
** The ledgers this process has open, by file. POSIX locks belong to the process, not to a
** descriptor: another process's writer sees our readers' locks, but ours does not, and
** closing any descriptor of a file (ours, or SQLite's at sqlite3_close) drops all the
** process's locks on it. So a writer also asks here for immutable readers in this process;
** after a connection closes, their lock is taken again; and our descriptor of a file is closed
** only with the last of its ledgers (until then it is kept in the table, unused).
*/
typedef struct OpenFile {
  dev_t dev;
  ino_t ino;
  int fd;
  const Ledger *ledger; /* NULL: a descriptor waiting to be closed */
} OpenFile;
static OpenFile open_files[64];
static int open_file_count;
static pthread_mutex_t open_files_lock = PTHREAD_MUTEX_INITIALIZER;

static bool file_id(int fd, dev_t *dev, ino_t *ino) {
  struct stat st;
  if (fd < 0 || fstat(fd, &st) != 0) return false;
  *dev = st.st_dev;
  *ino = st.st_ino;
  return true;
}

/* Enters the ledger's descriptor in the table; false when the table is full. */
static bool open_file_add(const Ledger *ledger, int fd) {
  dev_t dev;
  ino_t ino;
  if (!file_id(fd, &dev, &ino)) return false;
  pthread_mutex_lock(&open_files_lock);
  bool ok = open_file_count < (int)(sizeof open_files / sizeof *open_files);
  if (ok) open_files[open_file_count++] = (OpenFile){dev, ino, fd, ledger};
  pthread_mutex_unlock(&open_files_lock);
  return ok;
}

/* Whether another ledger of this process reads the file as immutable. */
static bool immutable_reader_here(const Ledger *self, int fd) {
  dev_t dev;
  ino_t ino;
  if (!file_id(fd, &dev, &ino)) return false;
  bool found = false;
  pthread_mutex_lock(&open_files_lock);
  for (int i = 0; i < open_file_count && !found; i++)
    found = open_files[i].dev == dev && open_files[i].ino == ino && open_files[i].ledger &&
            open_files[i].ledger != self && open_files[i].ledger->immutable;
  pthread_mutex_unlock(&open_files_lock);
  return found;
}

static bool shared_lock(int fd, short type);

/* After a close that may have dropped the process's locks on the file: the immutable readers'
** lock again. */
static void relock_readers(int fd) {
  dev_t dev;
  ino_t ino;
  if (!file_id(fd, &dev, &ino)) return;
  pthread_mutex_lock(&open_files_lock);
  for (int i = 0; i < open_file_count; i++)
    if (open_files[i].dev == dev && open_files[i].ino == ino && open_files[i].ledger &&
        open_files[i].ledger->immutable) {
      shared_lock(open_files[i].fd, F_RDLCK);
      break; /* the lock is the process's: once is enough */
    }
  pthread_mutex_unlock(&open_files_lock);
}

/* Takes the ledger out of the table, closing its descriptor when no other ledger of the process
** has the file open (and the descriptors kept for it till then). */
static void open_file_remove(const Ledger *ledger, int fd) {
  dev_t dev = 0;
  ino_t ino = 0;
  bool known = file_id(fd, &dev, &ino);
  pthread_mutex_lock(&open_files_lock);
  bool listed = false, others = false;
  for (int i = 0; i < open_file_count; i++) {
    bool same = known && open_files[i].dev == dev && open_files[i].ino == ino;
    if (open_files[i].ledger == ledger) {
      open_files[i].ledger = NULL;
      listed = true;
    } else if (same && open_files[i].ledger) {
      others = true;
    }
  }
  if (listed && !others) {
    int kept = 0;
    for (int i = 0; i < open_file_count; i++) {
      bool same =
          known ? open_files[i].dev == dev && open_files[i].ino == ino : open_files[i].fd == fd;
      if (same && !open_files[i].ledger) close(open_files[i].fd);
      else open_files[kept++] = open_files[i];
    }
    open_file_count = kept;
  }
  pthread_mutex_unlock(&open_files_lock);
  if (!listed) close(fd);
}

/* The bytes of SQLite's shared lock on a database file (its unix locking protocol). */
#define SQLITE_SHARED_FIRST 0x40000002
#define SQLITE_SHARED_SIZE  510

/* How long a writer waits for another when nothing says (seconds). */
#define LEDGER_WAIT_DEFAULT 60.0

/*
** Readings that fail without a way to say so. A text read from a row is NULL when SQLite could
** not allocate its copy (a value of the record gets its terminating NUL in memory of its own),
** which it says only in the connection's error code; a question asked of the ledger for a yes
** or no (has_table, ledger_has) has no third answer. Taken as they come, a NULL reads as a
** missing value (an event without its party, a checksum that does not match) and a failed
** question as "no" (a table that is there taken as absent, and a checksum written without it).
** So each is noted, per thread as connections are used: every write checks the note before it
** commits and every reading before it answers, and an error such a failure may have caused (a
** row that fails its checks, a checksum that differs) is reported as the failure it was, not as
** damage.
*/
static _Thread_local int lost_code; /* SQLite's code of the first such failure, or 0 */
static _Thread_local char lost_message[160];
static _Thread_local bool lost_said; /* its diagnostic was given */

static void note_lost(sqlite3 *db, int code) {
  if (lost_code) return;
  lost_code = code ? code : SQLITE_ERROR;
  snprintf(lost_message, sizeof lost_message, "%s",
           code == SQLITE_NOMEM || !db ? sqlite3_errstr(lost_code) : sqlite3_errmsg(db));
}

static const unsigned char *value_text(sqlite3_stmt *st, int column) {
  const unsigned char *text = sqlite3_column_text(st, column);
  if (!text && sqlite3_column_type(st, column) != SQLITE_NULL)
    note_lost(sqlite3_db_handle(st), SQLITE_NOMEM);
  return text;
}

/* The failure noted, said once (E1201), as a status. */
static PactStatus lost_status(const Ledger *ledger, DiagList *diags);

/* Around a public call (which may be within another): the note from here on, then its own
** answer, the outer call's note kept. */
typedef struct LostNote {
  int code;
  bool said;
  char message[160];
} LostNote;

static LostNote lost_begin(void) {
  LostNote outer = {lost_code, lost_said, ""};
  memcpy(outer.message, lost_message, sizeof outer.message);
  lost_code = 0;
  lost_said = false;
  return outer;
}

static PactStatus lost_end(const Ledger *ledger, DiagList *diags, LostNote outer,
                           PactStatus status) {
  if (lost_code && (status == PACT_OK || status == PACT_ERR_INVALID))
    status = lost_status(ledger, diags);
  if (outer.code) {
    lost_code = outer.code;
    lost_said = outer.said;
    memcpy(lost_message, outer.message, sizeof lost_message);
  }
  return status;
}

static PactStatus ledger_fail(Ledger *ledger, DiagList *diags, const char *what) {
  int code = sqlite3_errcode(ledger->db);
  if (code == SQLITE_NOTADB) {
    diag_add_line(diags, DIAG_ERROR, "E1202", ledger->path, 0,
                  "create one: pactum init --ledger FILE", "this file is not a pactum ledger");
    return PACT_ERR_IO;
  }
  if (code == SQLITE_BUSY) {
    diag_add_line(diags, DIAG_ERROR, "E1230", ledger->path, 0,
                  "let it finish and run this again, or wait longer: --wait SECONDS",
                  "another import was still writing the ledger after %g s of waiting; nothing "
                  "was written",
                  ledger->wait);
    return PACT_ERR_IO;
  }
  diag_add_line(diags, DIAG_ERROR, "E1201", ledger->path, 0, NULL, "%s: %s", what,
                sqlite3_errmsg(ledger->db));
  return PACT_ERR_IO;
}

static PactStatus lost_status(const Ledger *ledger, DiagList *diags) {
  if (!lost_said)
    diag_add_line(diags, DIAG_ERROR, "E1201", ledger->path, 0, NULL,
                  "the ledger could not be read: %s", lost_message);
  lost_said = true;
  return lost_code == SQLITE_NOMEM ? PACT_ERR_NOMEM : PACT_ERR_IO;
}

static PactStatus ledger_exec(Ledger *ledger, DiagList *diags, const char *sql) {
  if (sqlite3_exec(ledger->db, sql, NULL, NULL, NULL) == SQLITE_OK) return PACT_OK;
  return ledger_fail(ledger, diags, "the ledger could not be written");
}

/*
** A write (an import, an undo) is one transaction, and nothing in it commits but its own
** COMMIT. SQLite rolls a transaction back by itself after some errors (out of memory, a full
** disk, an I/O error); a statement run after that would run outside any transaction and commit
** alone, leaving half a file in the ledger. The commit hook refuses any commit while one of
** ours is open but its COMMIT, so such a statement fails (and with it the write) instead.
*/
static int commit_guard(void *context) {
  const Ledger *ledger = context;
  return ledger->guarded && !ledger->committing;
}

/* Begins a write transaction (sql ends with BEGIN IMMEDIATE). */
static PactStatus ledger_begin_write(Ledger *ledger, DiagList *diags, const char *sql) {
  PactStatus status = ledger_exec(ledger, diags, sql);
  if (status == PACT_OK) ledger->guarded = true;
  return status;
}

/* Commits it: an error when the transaction is no longer open (rolled back under us), or when
** a value it read came back NULL for want of memory (what it wrote may rest on it). */
static PactStatus ledger_commit(Ledger *ledger, DiagList *diags) {
  PactStatus status;
  if (lost_code) {
    status = lost_status(ledger, diags);
  } else if (sqlite3_get_autocommit(ledger->db)) {
    diag_add_line(diags, DIAG_ERROR, "E1201", ledger->path, 0, NULL,
                  "the ledger could not be written: the write was rolled back after an error");
    status = PACT_ERR_IO;
  } else {
    ledger->committing = true;
    status = ledger_exec(ledger, diags, "COMMIT");
    ledger->committing = false;
  }
  ledger->guarded = false;
  return status;
}

static void ledger_rollback(Ledger *ledger) {
  if (!sqlite3_get_autocommit(ledger->db)) sqlite3_exec(ledger->db, "ROLLBACK", NULL, NULL, NULL);
  ledger->guarded = false;
}

/* The ledger's schema version ("2"), copied into buf; false when the file is no ledger. */
static bool ledger_schema(Ledger *ledger, char *buf, size_t size) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(ledger->db, "SELECT value FROM pactum_meta WHERE key = 'schema'", -1, &st,
                         NULL) != SQLITE_OK)
    return false;
  bool ok = sqlite3_step(st) == SQLITE_ROW;
  if (ok) snprintf(buf, size, "%s", (const char *)value_text(st, 0));
  sqlite3_finalize(st);
  return ok;
}

static void nap(long milliseconds) {
  struct timespec t = {milliseconds / 1000, (milliseconds % 1000) * 1000000L};
  nanosleep(&t, NULL);
}

/*
** A writer's busy handler: another connection holds the write lock (another import, an undo).
** Waits in growing naps, up to the ledger's bound, telling once that it waits; then gives up,
** and the statement fails with SQLITE_BUSY (E1230), having written nothing.
*/
static int ledger_busy(void *context, int count) {
  Ledger *ledger = context;
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  if (count == 0) ledger->busy_since = now;
  double waited = (double)(now.tv_sec - ledger->busy_since.tv_sec) +
                  (double)(now.tv_nsec - ledger->busy_since.tv_nsec) / 1e9;
  if (waited >= ledger->wait) return 0;
  if (!ledger->told && ledger->waiting) {
    ledger->told = true;
    ledger->waiting(ledger->path);
  }
  long step = count < 6 ? 1L << count : 50; /* 1, 2, 4 ... 32, then 50 ms */
  double left = (ledger->wait - waited) * 1000.0;
  nap(left < (double)step ? (long)left + 1 : step);
  return 1;
}

/* What is at a path, as pactum sees it before SQLite opens anything. */
typedef enum {
  KIND_NONE,     /* nothing */
  KIND_EMPTY,    /* a file of no bytes */
  KIND_SQLITE,   /* an SQLite database (a ledger or not) */
  KIND_OTHER,    /* a file that is not an SQLite database */
  KIND_NOT_FILE, /* a folder, a device, a pipe */
  KIND_UNREADABLE
} FileKind;

/* Reads the first bytes of path through a read-only descriptor of its own (kept in *fd);
** *wal: the database is in write-ahead-log mode. Nothing is written. */
static FileKind file_kind(const char *path, int *fd, bool *wal, int *error) {
  *fd = -1;
  *wal = false;
  *error = 0;
  struct stat st;
  if (stat(path, &st) != 0) {
    *error = errno;
    return errno == ENOENT ? KIND_NONE : KIND_UNREADABLE;
  }
  if (!S_ISREG(st.st_mode)) return KIND_NOT_FILE;
  int f = open(path, O_RDONLY | O_CLOEXEC);
  if (f < 0) {
    *error = errno;
    return KIND_UNREADABLE;
  }
  unsigned char head[100];
  ssize_t n = pread(f, head, sizeof head, 0);
  if (n < 0) {
    *error = errno;
    close(f);
    return KIND_UNREADABLE;
  }
  *fd = f;
  if (n == 0) return KIND_EMPTY;
  if (n < (ssize_t)sizeof head || memcmp(head, "SQLite format 3", 16) != 0) return KIND_OTHER;
  *wal = head[18] == 2 || head[19] == 2;
  return KIND_SQLITE;
}

/* Takes (F_RDLCK) or gives back (F_UNLCK) SQLite's shared lock through our descriptor; a
** writer that is closing holds the bytes for a moment, so a few seconds are allowed. */
static bool shared_lock(int fd, short type) {
  struct flock fl;
  memset(&fl, 0, sizeof fl);
  fl.l_type = type;
  fl.l_whence = SEEK_SET;
  fl.l_start = SQLITE_SHARED_FIRST;
  fl.l_len = SQLITE_SHARED_SIZE;
  for (int i = 0; i < 500; i++) {
    if (fcntl(fd, F_SETLK, &fl) == 0) return true;
    if (errno != EACCES && errno != EAGAIN) return false;
    nap(10);
  }
  return false;
}

/* Another process has the ledger open (SQLite's shared lock, or a reader's of our own). */
static bool others_have_it(int fd) {
  if (fd < 0) return true;
  struct flock fl;
  memset(&fl, 0, sizeof fl);
  fl.l_type = F_WRLCK;
  fl.l_whence = SEEK_SET;
  fl.l_start = SQLITE_SHARED_FIRST;
  fl.l_len = SQLITE_SHARED_SIZE;
  return fcntl(fd, F_GETLK, &fl) != 0 || fl.l_type != F_UNLCK;
}

/*
** After a commit, what is committed moves from the log into the main file, as far as the
** readers of the log allow: PASSIVE, so it waits for no one. While another process has the
** ledger open it is left in the log: a reader of the main file alone (immutable) must not see
** its pages change under it; the last connection to close, or the next import, merges it.
*/
static void ledger_checkpoint(Ledger *ledger) {
  if (others_have_it(ledger->fd) || immutable_reader_here(ledger, ledger->fd)) return;
  sqlite3_wal_checkpoint_v2(ledger->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
}

/* path as an SQLite URI with a query: '?', '#' and '%' escaped. */
static char *uri_of(const char *path, const char *query) {
  size_t n = strlen(path);
  char *uri = mem_malloc(3 * n + strlen(query) + 16);
  if (!uri) return NULL;
  char *p = uri;
  p += sprintf(p, "%s", path[0] == '/' ? "file://" : "file:");
  for (const char *s = path; *s; s++) {
    if (*s == '?' || *s == '#' || *s == '%') p += sprintf(p, "%%%02X", (unsigned)(unsigned char)*s);
    else *p++ = *s;
  }
  sprintf(p, "?%s", query);
  return uri;
}

/* Opens the database read-only through a URI (mode=ro or immutable=1); reads its first page
** so that a file SQLite cannot read says so here. */
static int open_read_only(Ledger *ledger, const char *query) {
  char *uri = uri_of(ledger->path, query);
  if (!uri) return SQLITE_NOMEM;
  int rc = sqlite3_open_v2(uri, &ledger->db,
                           SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
  free(uri);
  if (rc != SQLITE_OK) return rc;
  sqlite3_busy_timeout(ledger->db, 5000);
  /* A reader maps the file rather than copying each page it reads through read(2): a reading of
  ** every event (audit, decide, explain's days) costs half the time. */
  sqlite3_exec(ledger->db, "PRAGMA mmap_size = 2147418112", NULL, NULL, NULL);
  sqlite3_stmt *st;
  rc = sqlite3_prepare_v2(ledger->db, "SELECT count(*) FROM sqlite_master", -1, &st, NULL);
  if (rc == SQLITE_OK) {
    rc = sqlite3_step(st) == SQLITE_ROW ? SQLITE_OK : sqlite3_errcode(ledger->db);
    sqlite3_finalize(st);
  }
  return rc;
}

/* Closes the connection; one that writes does not checkpoint on closing under a reader of
** this process that reads as immutable (SQLite's checkpoint on close sees no lock of ours). */
static void close_db(Ledger *ledger) {
  if (!ledger->db) return;
  if (ledger->writer && immutable_reader_here(ledger, ledger->fd))
    sqlite3_db_config(ledger->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  sqlite3_close(ledger->db);
  ledger->db = NULL;
  relock_readers(ledger->fd);
}

/* Whether path+suffix (the log, -wal, or its index, -shm) is there, and its size. */
static bool file_exists(const char *path, const char *suffix, off_t *size) {
  size_t n = strlen(path);
  char *name = mem_malloc(n + strlen(suffix) + 1);
  if (!name) return true; /* the careful answer: read through the log */
  memcpy(name, path, n);
  strcpy(name + n, suffix);
  struct stat st;
  bool there = stat(name, &st) == 0;
  if (there && size) *size = st.st_size;
  free(name);
  return there;
}

/*
** Opens the ledger for reading without writing a byte, nor creating one beside it:
** - a database in rollback mode is read with mode=ro (SQLite's locks as ever);
** - one in write-ahead-log mode whose log (-wal) is there is read with mode=ro, through the
**   log and its index (-shm): a writer may be at work. When the index is missing and cannot be
**   made (a folder that cannot be written), an empty log is as good as none (below); a log with
**   pages in it cannot be read from here (E1231);
** - one whose log is not there holds everything in its main file and is read as immutable,
**   so SQLite makes no log and no index. Its shared lock is taken through our descriptor first,
**   and so a writer that comes while it reads leaves its pages in the log (ledger_checkpoint,
**   and SQLite's checkpoint on close, which needs the lock), and the main file stays whole.
*/
static PactStatus connect_reader(Ledger *ledger, bool wal, DiagList *diags) {
  const char *path = ledger->path;
  if (!wal) {
    int rc = open_read_only(ledger, "mode=ro");
    return rc == SQLITE_OK ? PACT_OK : ledger_fail(ledger, diags, "the ledger could not be read");
  }
  if (!shared_lock(ledger->fd, F_RDLCK)) {
    diag_add_line(diags, DIAG_ERROR, "E1201", path, 0, NULL,
                  "the ledger could not be locked for reading: %s", strerror(errno));
    return PACT_ERR_IO;
  }
  off_t log_size = 0;
  if (file_exists(path, "-wal", &log_size)) {
    int rc = open_read_only(ledger, "mode=ro");
    if (rc == SQLITE_OK) return PACT_OK;
    bool no_index = !file_exists(path, "-shm", NULL);
    if (!(no_index && log_size == 0)) {
      if (!no_index) return ledger_fail(ledger, diags, "the ledger could not be read");
      diag_add_line(diags, DIAG_ERROR, "E1231", path, 0,
                    "merge the log into the ledger once where the folder can be written: "
                    "pactum init --ledger FILE (it changes nothing else)",
                    "the ledger's write-ahead log (%s-wal) holds changes, and its index (-shm) "
                    "is missing and cannot be made in this folder: the ledger cannot be read "
                    "from here without changing it",
                    path);
      return PACT_ERR_IO;
    }
    /* Closing SQLite's descriptor dropped our lock: taken again. */
    close_db(ledger);
    if (!shared_lock(ledger->fd, F_RDLCK)) {
      diag_add_line(diags, DIAG_ERROR, "E1201", path, 0, NULL,
                    "the ledger could not be locked for reading: %s", strerror(errno));
      return PACT_ERR_IO;
    }
  }
  ledger->immutable = true;
  int rc = open_read_only(ledger, "mode=ro&immutable=1");
  return rc == SQLITE_OK ? PACT_OK : ledger_fail(ledger, diags, "the ledger could not be read");
}

/* What an open database is: a ledger (its schema in buf), an empty database, or another
** application's (its first tables named in buf). */
typedef enum { DB_LEDGER, DB_EMPTY, DB_FOREIGN, DB_ERROR } DbKind;

static DbKind db_kind(Ledger *ledger, char *buf, size_t size) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(ledger->db,
                         "SELECT count(*), coalesce(sum(name = 'pactum_meta'), 0),"
                         " group_concat(name, ', ') FROM (SELECT name FROM sqlite_master"
                         " WHERE type IN ('table', 'view') ORDER BY name)",
                         -1, &st, NULL) != SQLITE_OK)
    return DB_ERROR;
  if (sqlite3_step(st) != SQLITE_ROW) {
    sqlite3_finalize(st);
    return DB_ERROR;
  }
  int64_t tables = sqlite3_column_int64(st, 0);
  bool meta = sqlite3_column_int64(st, 1) > 0;
  const char *names = (const char *)value_text(st, 2);
  snprintf(buf, size, "%s", names ? names : "");
  if (names && strlen(names) >= size && size > 4) memcpy(buf + size - 4, "...", 4);
  sqlite3_finalize(st);
  if (tables == 0) return DB_EMPTY;
  if (meta && ledger_schema(ledger, buf, size)) return DB_LEDGER;
  return DB_FOREIGN;
}

typedef enum { OPEN_READ, OPEN_WRITE, OPEN_CREATE } OpenMode;

/* A refusal of what is at the path (E1202): nothing of it was changed. */
static PactStatus refuse(Ledger *ledger, DiagList *diags, OpenMode mode, const char *what) {
  diag_add_line(diags, DIAG_ERROR, "E1202", ledger->path, 0,
                mode == OPEN_CREATE ? "give the new ledger a path of its own: pactum init "
                                      "--ledger NEW.db"
                                    : "name a ledger made by pactum init --ledger FILE",
                "%s, not a pactum ledger; pactum left it as it was", what);
  return PACT_ERR_IO;
}

/*
** Opens the ledger to write it: SQLite read-write, WAL and full sync (a crash at any moment
** leaves the last committed file), our busy handler, and no checkpoint but ours. A new ledger
** gets its tables; one of schema 2 is brought to schema 3.
*/
static PactStatus connect_writer(Ledger *ledger, bool fresh, DiagList *diags) {
  const char *path = ledger->path;
  ledger->immutable = false; /* the probe's lock is not taken again: the writer has SQLite's */
  close_db(ledger);
  ledger->writer = true;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (fresh ? SQLITE_OPEN_CREATE : 0);
  if (sqlite3_open_v2(path, &ledger->db, flags, NULL) != SQLITE_OK) {
    diag_add_line(diags, DIAG_ERROR, "E1202", path, 0,
                  fresh ? "check the folder exists and can be written"
                        : "check that the ledger and its folder can be written",
                  "cannot open the ledger: %s", sqlite3_errmsg(ledger->db));
    return PACT_ERR_IO;
  }
  if (ledger->fd < 0 && (ledger->fd = open(path, O_RDONLY | O_CLOEXEC)) >= 0 &&
      !open_file_add(ledger, ledger->fd)) {
    close(ledger->fd);
    ledger->fd = -1; /* then it never checkpoints: others_have_it */
  }
  sqlite3_busy_handler(ledger->db, ledger_busy, ledger);
  sqlite3_commit_hook(ledger->db, commit_guard, ledger);
  PactStatus status = ledger_exec(ledger, diags,
                                  "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                                  " PRAGMA wal_autocheckpoint=0;");
  if (status == PACT_OK && fresh) status = ledger_exec(ledger, diags, schema_sql);
  char schema[16];
  if (status == PACT_OK && ledger_schema(ledger, schema, sizeof schema) &&
      strcmp(schema, "2") == 0) {
    /* A ledger of the schema before: migrated, its events and imports as they were. */
    DiagMark mark = diag_list_mark(diags);
    if (sqlite3_exec(ledger->db, migrate_2_sql, NULL, NULL, NULL) != SQLITE_OK) {
      status = ledger_fail(ledger, diags,
                           "the ledger could not be brought to schema " LEDGER_SCHEMA_VERSION);
      sqlite3_exec(ledger->db, "ROLLBACK", NULL, NULL, NULL);
      /* Another pactum may have migrated it between our reading and our writing. */
      if (ledger_schema(ledger, schema, sizeof schema) &&
          strcmp(schema, LEDGER_SCHEMA_VERSION) == 0) {
        diag_list_rewind(diags, mark);
        status = PACT_OK;
      }
    } else {
      ledger_checkpoint(ledger);
    }
  }
  if (status == PACT_OK && !ledger_schema(ledger, schema, sizeof schema)) {
    status = ledger_fail(ledger, diags, "the ledger could not be read");
  } else if (status == PACT_OK && strcmp(schema, LEDGER_SCHEMA_VERSION) != 0) {
    diag_add_line(diags, DIAG_ERROR, "E1202", path, 0,
                  "create a new ledger with pactum init and import the event files again",
                  "this ledger has schema %s; this pactum reads schema " LEDGER_SCHEMA_VERSION,
                  schema);
    status = PACT_ERR_IO;
  }
  return status;
}

/*
** Decides what the file is before anything is changed: a missing or empty file (a ledger is
** made only by init), a file that is not an SQLite database, or one that is not a pactum
** ledger, is refused with its bytes as they were (nor is a -wal or -shm made beside it).
** Reading opens the ledger read-only (connect_reader) and migrates nothing.
*/
static PactStatus ledger_connect(const char *path, OpenMode mode, const LedgerWriteOptions *options,
                                 DiagList *diags, Ledger **out) {
  *out = NULL;
  Ledger *ledger = mem_calloc(1, sizeof *ledger);
  if (!ledger || !(ledger->path = mem_strdup(path))) {
    free(ledger);
    return PACT_ERR_NOMEM;
  }
  ledger->fd = -1;
  /* A reader waits out SQLite's busy timeout (5 s), which only a writer's recovery of a log
  ** after a crash can meet. */
  ledger->wait = mode == OPEN_READ ? 5.0 : options ? options->wait_seconds : LEDGER_WAIT_DEFAULT;
  ledger->waiting = options ? options->waiting : NULL;
  /* A connection is used by one thread: no mutexes around each call. Memory statistics cost a
  ** lock per allocation; pactum reads none (this fails harmlessly once SQLite has started). */
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  bool wal = false;
  int error = 0;
  FileKind kind = file_kind(path, &ledger->fd, &wal, &error);
  if (ledger->fd >= 0) open_file_add(ledger, ledger->fd); /* when full: closed on its own */
  PactStatus status = PACT_OK;
  bool fresh = false;
  char what[160];
  switch (kind) {
    case KIND_NONE:
      if (mode == OPEN_CREATE) {
        fresh = true;
      } else {
        diag_add_line(diags, DIAG_ERROR, "E1202", path, 0,
                      "create one first: pactum init --ledger FILE", "there is no ledger here");
        status = PACT_ERR_IO;
      }
      break;
    case KIND_EMPTY:
      if (mode == OPEN_CREATE) fresh = true;
      else status = refuse(ledger, diags, mode, "an empty file (0 bytes)");
      break;
    case KIND_NOT_FILE: status = refuse(ledger, diags, mode, "a folder or a device"); break;
    case KIND_OTHER:
      status = refuse(ledger, diags, mode, "a file that is not an SQLite database");
      break;
    case KIND_UNREADABLE:
      diag_add_line(diags, DIAG_ERROR, "E1201", path, 0, "check that the ledger can be read",
                    "the ledger cannot be read: %s", strerror(error));
      status = PACT_ERR_IO;
      break;
    case KIND_SQLITE:
      status = connect_reader(ledger, wal, diags);
      if (status != PACT_OK) break;
      switch (db_kind(ledger, what, sizeof what)) {
        case DB_ERROR: status = ledger_fail(ledger, diags, "the ledger could not be read"); break;
        case DB_EMPTY:
          if (mode == OPEN_CREATE) fresh = true;
          else status = refuse(ledger, diags, mode, "an SQLite database with no tables");
          break;
        case DB_FOREIGN: {
          char described[256];
          snprintf(described, sizeof described,
                   "an SQLite database of another application "
                   "(tables: %s)",
                   what);
          status = refuse(ledger, diags, mode, described);
          break;
        }
        case DB_LEDGER:
          if (strcmp(what, LEDGER_SCHEMA_VERSION) == 0) break;
          if (strcmp(what, "2") != 0) {
            diag_add_line(
                diags, DIAG_ERROR, "E1202", path, 0,
                "create a new ledger with pactum init and import the event files again",
                "this ledger has schema %s; this pactum reads schema " LEDGER_SCHEMA_VERSION, what);
            status = PACT_ERR_IO;
          } else if (mode == OPEN_READ) {
            diag_add_line(diags, DIAG_ERROR, "E1231", path, 0,
                          "bring it to schema " LEDGER_SCHEMA_VERSION
                          " once, its events as they "
                          "are: pactum init --ledger FILE (or any import)",
                          "this ledger has schema 2, which this pactum reads only once it is "
                          "brought to schema " LEDGER_SCHEMA_VERSION
                          ", and reading does not "
                          "change a ledger");
            status = PACT_ERR_IO;
          }
          break;
      }
      break;
  }
  if (status == PACT_OK && mode != OPEN_READ) status = connect_writer(ledger, fresh, diags);
  if (status != PACT_OK) {
    ledger_close(ledger);
    return status;
  }
  *out = ledger;
  return PACT_OK;
}

PactStatus ledger_create(const char *path, DiagList *diags, Ledger **out) {
  return ledger_connect(path, OPEN_CREATE, NULL, diags, out);
}

PactStatus ledger_open(const char *path, DiagList *diags, Ledger **out) {
  return ledger_connect(path, OPEN_READ, NULL, diags, out);
}

PactStatus ledger_open_write(const char *path, const LedgerWriteOptions *options, DiagList *diags,
                             Ledger **out) {
  return ledger_connect(path, OPEN_WRITE, options, diags, out);
}

void ledger_close(Ledger *ledger) {
  if (!ledger) return;
  ledger->immutable = false;
  close_db(ledger);
  if (ledger->fd >= 0) open_file_remove(ledger, ledger->fd);
  free(ledger->path);
  free(ledger);
}

/* ---------------------------------------------------------------- checksums */

/*
** Each import's events are checksummed as they are written: the count of its rows and the sum
** (mod 2^64) of a 64-bit digest of each row's values, as an event (so the same row read back
** gives the same digest whatever order it is read in), with a digest of the import's own record
** (file, days, counts, party). They are kept in pactum_meta under 'checksum:SEQ', from the import
** numbered 'checksums-from' on (imports recorded before this have none). Every reading sums the
** digests of the rows it reads, import by import, and compares: a changed byte, a row added or
** removed, is an error, not a different amount. Not cryptographic: it finds corruption and
** edits made without pactum's help, not an editor who recomputes the sums.
*/
static inline uint64_t mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ull;
  return x ^ (x >> 33);
}

/* One multiply and a rotation a word (every read digests every row: it must cost little); the
** whole is mixed once at the end (event_digest). */
static inline uint64_t digest_word(uint64_t h, uint64_t w) {
  h = (h ^ w) * 0x9E3779B97F4A7C15ull;
  return h << 31 | h >> 33;
}

/* Eight bytes at a time; the length first, so that "ab" + "c" is not "a" + "bc". */
static uint64_t digest_text(uint64_t h, const char *p, uint32_t len) {
  h = digest_word(h, len);
  uint32_t i = 0;
  for (; i + 8 <= len; i += 8) {
    uint64_t w;
    memcpy(&w, p + i, 8);
    h = digest_word(h, w);
  }
  if (i < len) {
    uint64_t w = 0;
    memcpy(&w, p + i, len - i);
    h = digest_word(h, w);
  }
  return h;
}

static uint64_t event_digest(const Event *e, int64_t import_seq) {
  uint64_t h = 0x6a09e667f3bcc908ull;
  h = digest_text(h, e->id.ptr, e->id.len);
  h = digest_word(h, (uint64_t)e->kind << 32 | (uint32_t)e->date);
  h = digest_word(h, e->has_end ? (uint32_t)e->end : UINT64_MAX);
  h = digest_text(h, e->party.ptr, e->party.len);
  h = digest_text(h, e->counterparty.ptr, e->counterparty.len);
  h = digest_text(h, e->stream.ptr, e->stream.len);
  h = digest_text(h, e->subject.ptr, e->subject.len);
  h = digest_word(h, e->has_amount ? (uint64_t)e->amount_minor : 0x8000000000000001ull);
  h = digest_text(h, e->has_amount ? e->currency.code : "", e->has_amount ? 3 : 0);
  h = digest_text(h, e->ref.ptr, e->ref.len);
  h = digest_text(h, e->note.ptr, e->note.len);
  h = digest_word(h, (uint64_t)e->line << 32 ^ (uint64_t)import_seq);
  return mix64(h);
}

/* Columns first to first + n - 1 of st, into h: integers as such, texts by their bytes. */
static uint64_t digest_columns(uint64_t h, sqlite3_stmt *st, int first, int n) {
  for (int c = first; c < first + n; c++) {
    if (sqlite3_column_type(st, c) == SQLITE_INTEGER) {
      h = digest_word(h, (uint64_t)sqlite3_column_int64(st, c));
    } else if (sqlite3_column_type(st, c) == SQLITE_NULL) {
      h = digest_word(h, 7);
    } else {
      /* A text's bytes as they are stored: no copy (which could fail) is needed for its NUL. */
      const char *bytes = sqlite3_column_type(st, c) == SQLITE_FLOAT
                              ? (const char *)value_text(st, c)
                              : (const char *)sqlite3_column_blob(st, c);
      h = digest_text(h, bytes ? bytes : "", (uint32_t)sqlite3_column_bytes(st, c));
    }
  }
  return h;
}

/*
** The import's record, as the imports table holds it (columns first to first + 6 of st), and,
** from column act on (act, as_party, backdated of the table acts; act < 0: none), the record of
** its backdating, when it has one: an import without (all those recorded before acts) digests
** as it always did.
*/
static uint64_t import_digest(sqlite3_stmt *st, int first, int act) {
  uint64_t h = digest_columns(0xbb67ae8584caa73bull, st, first, 7);
  if (act >= 0 && sqlite3_column_type(st, act) != SQLITE_NULL) h = digest_columns(h, st, act, 3);
  return mix64(h);
}

/* An undo's record (import_seq, recorded_on, recorded_at, withdrawn, then act, as_party,
** backdated of acts), from column first of st. */
static uint64_t undo_digest(sqlite3_stmt *st, int first) {
  return mix64(digest_columns(0x3c6ef372fe94f82bull, st, first, 7));
}

/* A void superseding event's row (id, target, reason, import_seq), from column first. */
static uint64_t void_digest(sqlite3_stmt *st, int first) {
  return mix64(digest_columns(0xa54ff53a5f1d36f1ull, st, first, 4));
}

/* ---------------------------------------------------------------- snapshots */

PactStatus ledger_snapshot_begin(Ledger *ledger, DiagList *diags) {
  if (ledger->in_snapshot) return PACT_OK;
  /* A deferred transaction takes its snapshot at its first read: one is made at once, so the
  ** snapshot is the ledger as it was when the report began, whatever commits later. */
  if (sqlite3_exec(ledger->db, "BEGIN; SELECT count(*) FROM imports", NULL, NULL, NULL) !=
      SQLITE_OK) {
    PactStatus status = ledger_fail(ledger, diags, "the ledger could not be read");
    if (!sqlite3_get_autocommit(ledger->db)) sqlite3_exec(ledger->db, "ROLLBACK", NULL, NULL, NULL);
    return status;
  }
  ledger->in_snapshot = true;
  return PACT_OK;
}

void ledger_snapshot_end(Ledger *ledger) {
  if (!ledger || !ledger->in_snapshot) return;
  sqlite3_exec(ledger->db, "COMMIT", NULL, NULL, NULL);
  ledger->in_snapshot = false;
}

/* ---------------------------------------------------------------- import */

/*
** Binding a value copies it (SQLITE_TRANSIENT) or not (SQLITE_STATIC: an event's texts stay put
** until the next event is read, and each statement is reset before that). A copy can fail for
** want of memory, and a parameter left unbound is NULL: every bind is checked, so that a failure
** fails the write rather than storing an event without its date.
*/
static int bind_text(sqlite3_stmt *st, int index, EventText text) {
  return text.len ? sqlite3_bind_text(st, index, text.ptr, (int)text.len, SQLITE_STATIC)
                  : sqlite3_bind_null(st, index);
}

/* SQLITE_OK, or the first bind's error. A statement of twelve parameters (same_sql) takes the
** event's content only; one of fourteen its import and line too. */
static int bind_event(sqlite3_stmt *st, const Event *e, int64_t import_seq) {
  char day[11], end[11];
  pact_date_format(e->date, day);
  int rc = bind_text(st, 1, e->id);
  if (rc == SQLITE_OK) rc = sqlite3_bind_text(st, 2, event_kind_name(e->kind), -1, SQLITE_STATIC);
  if (rc == SQLITE_OK) rc = sqlite3_bind_text(st, 3, day, 10, SQLITE_TRANSIENT);
  if (rc == SQLITE_OK && e->has_end) pact_date_format(e->end, end);
  if (rc == SQLITE_OK)
    rc =
        e->has_end ? sqlite3_bind_text(st, 4, end, 10, SQLITE_TRANSIENT) : sqlite3_bind_null(st, 4);
  if (rc == SQLITE_OK) rc = bind_text(st, 5, e->party);
  if (rc == SQLITE_OK) rc = bind_text(st, 6, e->counterparty);
  if (rc == SQLITE_OK) rc = bind_text(st, 7, e->stream);
  if (rc == SQLITE_OK) rc = bind_text(st, 8, e->subject);
  if (rc == SQLITE_OK)
    rc = e->has_amount ? sqlite3_bind_int64(st, 9, e->amount_minor) : sqlite3_bind_null(st, 9);
  if (rc == SQLITE_OK)
    rc = e->has_amount ? sqlite3_bind_text(st, 10, e->currency.code, -1, SQLITE_TRANSIENT)
                       : sqlite3_bind_null(st, 10);
  if (rc == SQLITE_OK) rc = bind_text(st, 11, e->ref);
  if (rc == SQLITE_OK) rc = bind_text(st, 12, e->note);
  if (sqlite3_bind_parameter_count(st) < 14) return rc;
  if (rc == SQLITE_OK) rc = sqlite3_bind_int64(st, 13, import_seq);
  if (rc == SQLITE_OK) rc = sqlite3_bind_int64(st, 14, e->line);
  return rc;
}

/* The content columns only: where an event was read from is not part of what it says. */
static const char same_sql[] =
    "SELECT i.file, e.source_line FROM events e JOIN imports i ON i.seq = e.import_seq"
    " WHERE e.id = ?1 AND NOT ("
    " e.kind IS ?2 AND e.date IS ?3 AND e.end_date IS ?4 AND e.party IS ?5 AND"
    " e.counterparty IS ?6 AND e.stream IS ?7 AND e.subject IS ?8 AND e.amount_minor IS ?9 AND"
    " e.currency IS ?10 AND e.ref IS ?11 AND e.note IS ?12)";

static const char insert_sql[] =
    "INSERT INTO events(id, kind, date, end_date, party, counterparty, stream, subject,"
    " amount_minor, currency, ref, note, import_seq, source_line)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
    " ON CONFLICT(id) DO NOTHING";

/* What an import writes for settlement to read, counted and digested as the checksums are:
** its daily sums, the ids of its events kept out of them, and its superseded summed events. */
typedef struct SumPart {
  uint64_t count, digest;
} SumPart;
typedef struct SumDigest {
  SumPart days, unsummed, targets;
} SumDigest;

typedef struct Import {
  Ledger *ledger;
  const char *file;
  int64_t seq;
  DiagList *diags;
  ImportResult *result;
  const ImportOptions *options;
  sqlite3_stmt *insert, *differs, *target;
  bool refused;        /* an event the importing party may not record: nothing lands */
  uint32_t kinds_read; /* with an agreement: a bit per kind of event some clause reads */
  char **parties;      /* its party ids, for "did you mean" */
  char day[11];        /* the day the ledger learns the events */
  uint64_t digest_sum; /* of the rows it writes (see checksums) */
  DaySums *sums;       /* its summed events, by day (daysums.h) */
  sqlite3_stmt *unsummed;
  SumDigest sum_digest; /* of what it writes for settlement to read (see daily sums) */
  EventMonths *months;  /* where its events are, month by month (see months.h) */
} Import;

/* What is wrong with a row read back: its column and why. */
typedef struct RowFault {
  const char *column;
  char why[160];
} RowFault;

static EventText column_text(sqlite3_stmt *st, int column);
static bool row_event(sqlite3_stmt *st, Event *e, RowFault *f);
static bool row_event_at(sqlite3_stmt *st, int base, Event *e, RowFault *f);
static PactStatus report_row(Ledger *ledger, DiagList *diags, sqlite3_stmt *st, const RowFault *f);

/* The event of an id, with where it was imported from (row_event's columns). */
static const char target_sql[] =
    "SELECT e.id, e.kind, e.date, e.end_date, e.party, e.counterparty, e.stream, e.subject,"
    " e.amount_minor, e.currency, e.ref, e.note, e.source_line, i.file, e.import_seq"
    " FROM events e LEFT JOIN imports i ON i.seq = e.import_seq WHERE e.id = ?1";

/* The event of an id through lookup (target_sql), as a RightsFind answers; its texts live until
** the next call. */
static bool lookup_event(sqlite3_stmt *lookup, const char *id, uint32_t len, Event *out,
                         bool *failed) {
  sqlite3_reset(lookup);
  int rc = sqlite3_bind_text(lookup, 1, id, (int)len, SQLITE_TRANSIENT);
  if (rc == SQLITE_OK) rc = sqlite3_step(lookup);
  RowFault f;
  if (rc == SQLITE_ROW && row_event(lookup, out, &f)) return true;
  /* A row changed outside pactum, or a failed read: the rule cannot be applied. */
  if (rc != SQLITE_DONE) *failed = true;
  return false;
}

/* The ledger's event of an id, for the rights rule. */
static bool find_target(void *context, const char *id, uint32_t len, Event *out, bool *failed) {
  return lookup_event(((Import *)context)->target, id, len, out, failed);
}

/* With --as: may the importing party record the event? Reports and remembers when not. */
static PactStatus check_rights(Import *im, const Event *e) {
  char why[600];
  bool may = false;
  PactStatus status = rights_may_record(im->options->agreement, im->options->as, e, find_target, im,
                                        &may, why, sizeof why);
  sqlite3_reset(im->target);
  if (status == PACT_ERR_IO)
    return ledger_fail(im->ledger, im->diags, "the ledger could not be read");
  if (status != PACT_OK) return status;
  if (!may) {
    diag_add_line(im->diags, DIAG_ERROR, "E1207", im->file, e->line,
                  "each party imports the events that are its own to record (docs/ledger.md)",
                  "%s may not record %s '%.*s': %s", im->options->as, event_kind_name(e->kind),
                  (int)e->id.len, e->id.ptr, why);
    im->refused = true;
  }
  return PACT_OK;
}

/* ---------------------------------------------------------------- against the agreement */

/* Which kinds of event some clause of some version reads: an event of another kind would count
** in nothing. A correction withdraws an event of any kind, so it is always read. */
static uint32_t kinds_read(const Agreement *ag) {
  uint32_t kinds = 1u << EVENT_CORRECTION;
  for (uint32_t v = 0; v < ag->version_count; v++)
    for (uint32_t k = 0; k < ag->versions[v].own_count; k++) {
      const Clause *c = ag->versions[v].own[k];
      switch (c->kind) {
        case CLAUSE_REVENUE_SHARE:
          kinds |= 1u << (c->u.share.measure == BASE_PROFIT ? EVENT_PROFIT : EVENT_REVENUE);
          kinds |= 1u << EVENT_PAYMENT;
          break;
        case CLAUSE_CLOUD:
          kinds |= 1u << EVENT_OFFER | 1u << EVENT_RESPONSE | 1u << EVENT_LAUNCH;
          break;
        case CLAUSE_LICENCE: kinds |= 1u << EVENT_USE | 1u << EVENT_GRANT; break;
        case CLAUSE_COMMITMENT: kinds |= 1u << EVENT_PURCHASE; break;
        case CLAUSE_MILESTONE: kinds |= 1u << EVENT_MILESTONE; break;
        default: break;
      }
    }
  return kinds;
}

/* The clause an event of a kind needs, for a person. */
static const char *clause_needed(EventKind kind) {
  switch (kind) {
    case EVENT_REVENUE: return "revenue share based on revenue";
    case EVENT_PROFIT: return "revenue share based on profit";
    case EVENT_PAYMENT: return "revenue share for a payment to settle";
    case EVENT_OFFER:
    case EVENT_RESPONSE:
    case EVENT_LAUNCH: return "cloud clause";
    case EVENT_USE:
    case EVENT_GRANT: return "licence";
    case EVENT_PURCHASE: return "commitment";
    case EVENT_MILESTONE: return "milestone";
    default: return "clause that reads it";
  }
}

/* The role of an event's party (and, for a payment, its counterparty) that must be one of the
** agreement's parties for the event to count; NULL when a third party may stand there (the
** licensee that uses, the provider that answers, a correction that names no one). */
static const char *party_role(EventKind kind) {
  switch (kind) {
    case EVENT_REVENUE:
    case EVENT_PROFIT: return "earner";
    case EVENT_PAYMENT: return "payer";
    case EVENT_PURCHASE: return "buyer";
    case EVENT_OFFER: return "customer";
    case EVENT_LAUNCH: return "launcher";
    case EVENT_GRANT: return "licensor";
    case EVENT_MILESTONE: return "declarer";
    default: return NULL;
  }
}

static void check_party(Import *im, const Event *e, EventText name, const char *role) {
  const Agreement *ag = im->options->agreement;
  if (name.len && terms_party(ag, name.ptr, name.len) >= 0) return;
  char help[400];
  const char *meant = name.len ? suggest_closest(name.ptr, name.len,
                                                 (const char *const *)im->parties, ag->party_count)
                               : NULL;
  if (meant) {
    snprintf(help, sizeof help, "did you mean '%s'? parties are matched exactly, case included",
             meant);
  } else {
    size_t at = (size_t)snprintf(help, sizeof help, "the agreement's parties are ");
    for (uint32_t i = 0; i < ag->party_count && at < sizeof help; i++)
      at += (size_t)snprintf(help + at, sizeof help - at, "%s%s", i ? ", " : "", im->parties[i]);
  }
  if (name.len)
    diag_add_line(im->diags, DIAG_ERROR, "E1209", im->file, e->line, help,
                  "%s '%.*s' names '%.*s' as its %s, which is not a party of the agreement: it "
                  "would count in nothing",
                  event_kind_name(e->kind), (int)e->id.len, e->id.ptr, (int)name.len, name.ptr,
                  role);
  else
    diag_add_line(im->diags, DIAG_ERROR, "E1209", im->file, e->line, help,
                  "%s '%.*s' names no %s: it would count in nothing", event_kind_name(e->kind),
                  (int)e->id.len, e->id.ptr, role);
  im->refused = true;
}

/*
** With --agreement: would the agreement ever settle the event? Its amount in the agreement's
** currency (E1208), its parties the agreement's (E1209), a clause that reads its kind and, for a
** milestone, a milestone of that id (E1210). Reports and remembers when not.
*/
static void check_agreement(Import *im, const Event *e) {
  const Agreement *ag = im->options->agreement;
  if (e->has_amount && ag->has_currency && strcmp(e->currency.code, ag->currency.code) != 0) {
    diag_add_line(im->diags, DIAG_ERROR, "E1208", im->file, e->line,
                  "pactum does not convert currencies; give amounts in the agreement's currency",
                  "event '%.*s' is in %s, but the agreement settles in %s", (int)e->id.len,
                  e->id.ptr, e->currency.code, ag->currency.code);
    im->refused = true;
  }
  const char *role = party_role(e->kind);
  if (role) check_party(im, e, e->party, role);
  if (e->kind == EVENT_PAYMENT) check_party(im, e, e->counterparty, "payee");
  if (!(im->kinds_read & (1u << e->kind))) {
    diag_add_line(im->diags, DIAG_ERROR, "E1210", im->file, e->line,
                  "check the event's kind, or the agreement it is imported for",
                  "%s '%.*s': the agreement has no %s, so it would count in nothing",
                  event_kind_name(e->kind), (int)e->id.len, e->id.ptr, clause_needed(e->kind));
    im->refused = true;
  } else if (e->kind == EVENT_MILESTONE &&
             !terms_milestone(ag, e->subject.ptr, e->subject.len, e->date)) {
    diag_add_line(im->diags, DIAG_ERROR, "E1210", im->file, e->line,
                  "a milestone event's subject is the id of a milestone the agreement declares",
                  "milestone '%.*s': the agreement has no milestone '%.*s', so it would count "
                  "in nothing",
                  (int)e->id.len, e->id.ptr, (int)e->subject.len, e->subject.ptr);
    im->refused = true;
  }
}

/* One event: added, already there identically, or a conflict (reported). */
/* ---------------------------------------------------------------- daily sums */

/*
** What a settlement reads of a ledger (docs/ledger.md, "What a settlement reads"): per import,
** the daily sums of its summed events (daysums.h), the ids of its other events (unsummed: read
** as themselves), and a copy of each summed event a superseding event names (sum_targets: what
** to take out of the sums when the supersession is in force). Each import's 'sums:SEQ' in
** pactum_meta counts and digests the three, from the import numbered 'sums-from' on; a ledger
** with an import before that, or one whose sums overflowed ('none'), is read event by event.
** The tables are made by the first import that writes to them.
*/
static const char sums_tables_sql[] =
    "CREATE TABLE IF NOT EXISTS day_sums(import_seq INTEGER NOT NULL REFERENCES imports(seq),"
    "  kind TEXT NOT NULL, party TEXT NOT NULL, stream TEXT, currency TEXT NOT NULL,"
    "  day INTEGER NOT NULL, amount_minor INTEGER NOT NULL, events INTEGER NOT NULL);"
    "CREATE TABLE IF NOT EXISTS unsummed(import_seq INTEGER NOT NULL, id TEXT NOT NULL,"
    "  PRIMARY KEY (import_seq, id)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS sum_targets(import_seq INTEGER NOT NULL, id TEXT NOT NULL,"
    "  target_seq INTEGER NOT NULL, kind TEXT NOT NULL, party TEXT NOT NULL, stream TEXT,"
    "  currency TEXT NOT NULL, date TEXT NOT NULL, end_date TEXT, amount_minor INTEGER NOT NULL);";

static uint64_t day_sum_digest(const DaySum *d, int64_t import_seq) {
  uint64_t h = 0x3c6ef372fe94f82bull;
  h = digest_word(h, (uint64_t)import_seq << 8 | (uint64_t)d->kind);
  h = digest_text(h, d->party.ptr, d->party.len);
  h = digest_text(h, d->stream.ptr, d->stream.len);
  h = digest_text(h, d->currency.code, 3);
  h = digest_word(h, (uint32_t)d->day);
  h = digest_word(h, (uint64_t)d->amount_minor);
  h = digest_word(h, (uint64_t)d->events);
  return mix64(h);
}

/* A superseded summed event as sum_targets keeps it: the writer's seq, the target's. */
static uint64_t target_digest(const Event *t, int64_t writer_seq, int64_t target_seq) {
  uint64_t h = digest_word(0x510e527fade682d1ull, (uint64_t)writer_seq);
  h = digest_word(h, (uint64_t)target_seq);
  h = digest_word(h, event_digest(t, target_seq));
  return mix64(h);
}

/* An added event: into the day's sums, or its id into unsummed (its digest, the checksum's, into
** the sums' record: a reading of the sums reads such events whole and checks them). */
static PactStatus sum_event(Import *im, const Event *e, uint64_t digest) {
  if (day_sums_takes(e)) return day_sums_add(im->sums, e);
  sqlite3_bind_int64(im->unsummed, 1, im->seq);
  sqlite3_bind_text(im->unsummed, 2, e->id.ptr, (int)e->id.len, SQLITE_STATIC);
  int rc = sqlite3_step(im->unsummed);
  sqlite3_reset(im->unsummed);
  if (rc != SQLITE_DONE)
    return ledger_fail(im->ledger, im->diags, "the ledger could not be written");
  im->sum_digest.unsummed.count++;
  im->sum_digest.unsummed.digest += digest;
  return PACT_OK;
}

/* What sum_targets keeps of a superseded summed event: its money, where it falls, its id. */
static void target_copy(const Event *t, Event *out) {
  memset(out, 0, sizeof *out);
  out->id = t->id;
  out->kind = t->kind;
  out->date = t->date;
  out->has_end = t->has_end;
  out->end = t->end;
  out->party = t->party;
  out->stream = t->stream;
  out->has_amount = true;
  out->amount_minor = t->amount_minor;
  out->currency = t->currency;
}

/* The summed events a superseding event names, where this import brings either side (the
** superseding event driving the join through the index on ref, as early_sql does). */
static const char pairs_sql[] =
    "SELECT DISTINCT t.id, t.kind, t.date, t.end_date, t.party, t.counterparty, t.stream,"
    " t.subject, t.amount_minor, t.currency, t.ref, t.note, t.source_line, ti.file, t.import_seq,"
    " s.kind"
    " FROM events s INDEXED BY events_by_ref CROSS JOIN events t ON t.id = s.ref"
    " JOIN imports ti ON ti.seq = t.import_seq"
    " WHERE s.ref IS NOT NULL AND s.id <> t.id AND (s.import_seq = ?1 OR t.import_seq = ?1)";

/* Keeps a copy of every summed event that a superseding event names, as this import pairs
** them: a reading takes it out of the sums while the supersession is in force. */
static PactStatus record_targets(Import *im) {
  sqlite3_stmt *st, *ins;
  if (sqlite3_prepare_v2(im->ledger->db, pairs_sql, -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(im->ledger, im->diags, "the ledger could not be read");
  if (sqlite3_prepare_v2(im->ledger->db,
                         "INSERT INTO sum_targets(import_seq, id, target_seq, kind, party, stream,"
                         " currency, date, end_date, amount_minor)"
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                         -1, &ins, NULL) != SQLITE_OK) {
    sqlite3_finalize(st);
    return ledger_fail(im->ledger, im->diags, "the ledger could not be written");
  }
  sqlite3_bind_int64(st, 1, im->seq);
  PactStatus status = PACT_OK;
  int rc;
  while (status == PACT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    Event t, copy;
    RowFault f;
    if (!row_event(st, &t, &f)) {
      status = report_row(im->ledger, im->diags, st, &f);
      break;
    }
    EventText by_text = column_text(st, 15);
    EventKind by;
    if (!event_kind_find(by_text.ptr, by_text.len, &by) || !day_sums_takes(&t) ||
        !(by == EVENT_CORRECTION || event_supersedes(by, t.kind)))
      continue;
    int64_t target_seq = sqlite3_column_int64(st, 14);
    target_copy(&t, &copy);
    char day[11], end[11];
    pact_date_format(t.date, day);
    sqlite3_bind_int64(ins, 1, im->seq);
    bind_text(ins, 2, t.id);
    sqlite3_bind_int64(ins, 3, target_seq);
    sqlite3_bind_text(ins, 4, event_kind_name(t.kind), -1, SQLITE_STATIC);
    bind_text(ins, 5, t.party);
    bind_text(ins, 6, t.stream);
    sqlite3_bind_text(ins, 7, t.currency.code, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 8, day, 10, SQLITE_STATIC);
    if (t.has_end) {
      pact_date_format(t.end, end);
      sqlite3_bind_text(ins, 9, end, 10, SQLITE_STATIC);
    } else {
      sqlite3_bind_null(ins, 9);
    }
    sqlite3_bind_int64(ins, 10, t.amount_minor);
    int wrote = sqlite3_step(ins);
    sqlite3_reset(ins);
    if (wrote != SQLITE_DONE) {
      status = ledger_fail(im->ledger, im->diags, "the ledger could not be written");
      break;
    }
    im->sum_digest.targets.count++;
    im->sum_digest.targets.digest += target_digest(&copy, im->seq, target_seq);
  }
  if (status == PACT_OK && rc != SQLITE_DONE)
    status = ledger_fail(im->ledger, im->diags, "the ledger could not be read");
  sqlite3_finalize(st);
  sqlite3_finalize(ins);
  return status;
}

/* Writes the import's daily sums and the record of what it wrote for settlement ('sums:SEQ'). */
static PactStatus write_sums(Import *im) {
  char value[160];
  bool usable = !day_sums_overflowed(im->sums);
  if (usable) {
    sqlite3_stmt *ins;
    if (sqlite3_prepare_v2(im->ledger->db,
                           "INSERT INTO day_sums(import_seq, kind, party, stream, currency, day,"
                           " amount_minor, events) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                           -1, &ins, NULL) != SQLITE_OK)
      return ledger_fail(im->ledger, im->diags, "the ledger could not be written");
    size_t count = day_sums_count(im->sums);
    for (size_t i = 0; i < count; i++) {
      DaySum d;
      day_sums_get(im->sums, i, &d);
      sqlite3_bind_int64(ins, 1, im->seq);
      sqlite3_bind_text(ins, 2, event_kind_name(d.kind), -1, SQLITE_STATIC);
      bind_text(ins, 3, d.party);
      bind_text(ins, 4, d.stream);
      sqlite3_bind_text(ins, 5, d.currency.code, -1, SQLITE_STATIC);
      sqlite3_bind_int64(ins, 6, d.day);
      sqlite3_bind_int64(ins, 7, d.amount_minor);
      sqlite3_bind_int64(ins, 8, (sqlite3_int64)d.events);
      int rc = sqlite3_step(ins);
      sqlite3_reset(ins);
      if (rc != SQLITE_DONE) {
        sqlite3_finalize(ins);
        return ledger_fail(im->ledger, im->diags, "the ledger could not be written");
      }
      im->sum_digest.days.count++;
      im->sum_digest.days.digest += day_sum_digest(&d, im->seq);
    }
    sqlite3_finalize(ins);
    const SumDigest *g = &im->sum_digest;
    snprintf(value, sizeof value, "%llu %016llx %llu %016llx %llu %016llx",
             (unsigned long long)g->days.count, (unsigned long long)g->days.digest,
             (unsigned long long)g->unsummed.count, (unsigned long long)g->unsummed.digest,
             (unsigned long long)g->targets.count, (unsigned long long)g->targets.digest);
  } else {
    /* A day's sum beyond 64 bits: this import is read event by event (so is the ledger). */
    snprintf(value, sizeof value, "none");
  }
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(im->ledger->db,
                         "INSERT OR REPLACE INTO pactum_meta(key, value) VALUES (?1, ?2),"
                         " ('sums-from', coalesce((SELECT value FROM pactum_meta"
                         " WHERE key = 'sums-from'), ?3))",
                         -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(im->ledger, im->diags, "the ledger could not be written");
  char key[40], from[24];
  snprintf(key, sizeof key, "sums:%lld", (long long)im->seq);
  snprintf(from, sizeof from, "%lld", (long long)im->seq);
  sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 3, from, -1, SQLITE_STATIC);
  int rc = sqlite3_step(st);
  sqlite3_finalize(st);
  return rc == SQLITE_DONE ? PACT_OK
                           : ledger_fail(im->ledger, im->diags, "the ledger could not be written");
}

/* ---------------------------------------------------------------- where the events are */

/*
** Where each import's events are, month by month (months.h): one row per import and span of
** months, with how many of its events meet it, the sum of their digests, and the first and last
** of their ids. explain reads the events of its period's months through it, not the whole
** table (docs/ledger.md, "What explain reads"). Each import's record, 'months:SEQ' in
** pactum_meta, counts and digests its rows, as 'sums:SEQ' does its daily sums. An import
** written by an earlier pactum has neither rows nor record, and is read by a scan of the table.
*/
static const char months_table_sql[] =
    "CREATE TABLE IF NOT EXISTS event_months(import_seq INTEGER NOT NULL,"
    "  first_month INTEGER NOT NULL, last_month INTEGER NOT NULL, events INTEGER NOT NULL,"
    "  digest INTEGER NOT NULL, first_id TEXT NOT NULL, last_id TEXT NOT NULL);";

static uint64_t month_row_digest(const EventMonthRow *m, int64_t import_seq) {
  uint64_t h = 0x1f83d9abfb41bd6bull;
  h = digest_word(h, (uint64_t)import_seq);
  h = digest_word(h, (uint64_t)(uint32_t)m->first << 32 | (uint32_t)m->last);
  h = digest_word(h, m->events);
  h = digest_word(h, m->digest);
  h = digest_text(h, m->first_id.ptr, m->first_id.len);
  h = digest_text(h, m->last_id.ptr, m->last_id.len);
  return mix64(h);
}

static PactStatus put_meta(Ledger *ledger, DiagList *diags, const char *key, const char *value);

/* Writes the import's rows of where its events are, and their record ('months:SEQ'). */
static PactStatus write_months(Import *im) {
  sqlite3_stmt *ins;
  if (sqlite3_prepare_v2(im->ledger->db,
                         "INSERT INTO event_months(import_seq, first_month, last_month, events,"
                         " digest, first_id, last_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                         -1, &ins, NULL) != SQLITE_OK)
    return ledger_fail(im->ledger, im->diags, "the ledger could not be written");
  uint64_t count = 0, digest = 0;
  size_t n = event_months_count(im->months);
  for (size_t i = 0; i < n; i++) {
    EventMonthRow m;
    event_months_get(im->months, i, &m);
    sqlite3_bind_int64(ins, 1, im->seq);
    sqlite3_bind_int64(ins, 2, m.first);
    sqlite3_bind_int64(ins, 3, m.last);
    sqlite3_bind_int64(ins, 4, (sqlite3_int64)m.events);
    sqlite3_bind_int64(ins, 5, (sqlite3_int64)m.digest);
    bind_text(ins, 6, m.first_id);
    bind_text(ins, 7, m.last_id);
    int rc = sqlite3_step(ins);
    sqlite3_reset(ins);
    if (rc != SQLITE_DONE) {
      sqlite3_finalize(ins);
      return ledger_fail(im->ledger, im->diags, "the ledger could not be written");
    }
    count++;
    digest += month_row_digest(&m, im->seq);
  }
  sqlite3_finalize(ins);
  char key[40], value[64];
  snprintf(key, sizeof key, "months:%lld", (long long)im->seq);
  snprintf(value, sizeof value, "%llu %016llx", (unsigned long long)count,
           (unsigned long long)digest);
  return put_meta(im->ledger, im->diags, key, value);
}

static PactStatus import_event(Import *im, const Event *e) {
  /* A refused event is written all the same, so that later ones may find it; the file's
  ** transaction is rolled back at its end. */
  if (im->options && im->options->agreement) check_agreement(im, e);
  if (im->options && im->options->as) {
    PactStatus status = check_rights(im, e);
    if (status != PACT_OK) return status;
  }
  int rc = bind_event(im->insert, e, im->seq);
  if (rc == SQLITE_OK) rc = sqlite3_step(im->insert);
  sqlite3_reset(im->insert);
  if (rc != SQLITE_DONE)
    return ledger_fail(im->ledger, im->diags, "the ledger could not be written");
  if (sqlite3_changes(im->ledger->db) == 1) {
    im->result->added++;
    uint64_t digest = event_digest(e, im->seq);
    im->digest_sum += digest;
    PactStatus status = event_months_add(im->months, e, digest);
    return status == PACT_OK ? sum_event(im, e, digest) : status;
  }
  rc = bind_event(im->differs, e, im->seq);
  if (rc == SQLITE_OK) rc = sqlite3_step(im->differs);
  PactStatus status = PACT_OK;
  if (rc == SQLITE_ROW) {
    diag_add_line(im->diags, DIAG_ERROR, "E1203", im->file, e->line,
                  "a correction is a new event with its own id whose ref names the old one",
                  "event '%.*s' differs from the event with the same id imported from %s:%d",
                  (int)e->id.len, e->id.ptr, (const char *)value_text(im->differs, 0),
                  sqlite3_column_int(im->differs, 1));
    status = PACT_ERR_INVALID;
  } else if (rc != SQLITE_DONE) {
    status = ledger_fail(im->ledger, im->diags, "the ledger could not be read");
  } else {
    im->result->known++;
  }
  sqlite3_reset(im->differs);
  return status;
}

/* The kinds whose events a later event of the same kind restates (see feed.h). */
#define RESTATED_KINDS "('revenue', 'payment', 'purchase')"

/*
** The new events that supersede another (restatements and corrections): one naming itself, or
** restating an event of another kind, is an error; one naming an event the ledger does not hold
** is kept, with a warning, and supersedes that event when it arrives.
*/
static const char refs_sql[] =
    "SELECT s.source_line, s.id, s.kind, s.ref, t.kind, ti.file, t.source_line"
    " FROM events s LEFT JOIN events t ON t.id = s.ref"
    " LEFT JOIN imports ti ON ti.seq = t.import_seq"
    " WHERE s.import_seq = ?1 AND s.ref IS NOT NULL"
    " AND (s.kind = 'correction' OR s.kind IN " RESTATED_KINDS
    ")"
    " ORDER BY s.source_line";

/* New events that earlier restatements of another kind name. */
static const char restated_sql[] =
    "SELECT t.source_line, t.id, t.kind, s.id, s.kind, si.file, s.source_line"
    " FROM events t JOIN events s ON s.ref = t.id JOIN imports si ON si.seq = s.import_seq"
    " WHERE t.import_seq = ?1 AND s.import_seq <> ?1 AND s.kind IN " RESTATED_KINDS
    " AND s.kind <> t.kind ORDER BY t.source_line";

/*
** An event is superseded once (feed.c says the same of event files, E1109): a new superseding
** event whose ref another, with another id, already names -- imported before, or on an earlier
** line of the same file -- with that first one, the earliest first.
*/
#define SUPERSEDING_KINDS "('correction', 'revenue', 'payment', 'purchase')"
static const char twice_sql[] =
    "SELECT s.source_line, s.id, s.kind, s.ref, o.id, o.kind, oi.file, o.source_line"
    " FROM events s JOIN events o ON o.ref = s.ref AND o.id <> s.id"
    " JOIN imports oi ON oi.seq = o.import_seq"
    " WHERE s.import_seq = ?1 AND s.ref IS NOT NULL AND s.kind IN " SUPERSEDING_KINDS
    " AND o.kind IN " SUPERSEDING_KINDS " AND (o.import_seq < ?1 OR o.source_line < s.source_line)";
static const char twice_order_sql[] = " ORDER BY s.source_line, o.import_seq, o.source_line";
/* A void superseding event supersedes nothing: another may supersede what it names. */
static const char twice_not_void_sql[] = " AND o.id NOT IN (SELECT id FROM void_superseders)";

static const char *column(sqlite3_stmt *st, int i) {
  const char *text = (const char *)value_text(st, i);
  return text ? text : "";
}

/* Whether the ledger has a table of that name (tables added after a ledger was created). */
static bool has_table(Ledger *ledger, const char *name) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(ledger->db,
                         "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1", -1, &st,
                         NULL) != SQLITE_OK) {
    note_lost(ledger->db, sqlite3_errcode(ledger->db));
    return false;
  }
  sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
  int rc = sqlite3_step(st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) note_lost(ledger->db, rc);
  sqlite3_finalize(st);
  return rc == SQLITE_ROW;
}

/* The table acts in a query, or, in a ledger no write has given it yet, an empty one. */
static const char *acts_source(Ledger *ledger) {
  return has_table(ledger, "acts") ? "acts"
                                   : "(SELECT NULL AS import_seq, NULL AS act, NULL AS as_party,"
                                     " NULL AS backdated WHERE 0)";
}

/*
** Superseding events that take no effect: a restatement or correction recorded under --as by a
** party who may not supersede the event it names, found when that event arrived after it. The
** table is made by the first import that needs it.
*/
static const char void_table_sql[] =
    "CREATE TABLE IF NOT EXISTS void_superseders(id TEXT PRIMARY KEY, target TEXT NOT NULL,"
    " reason TEXT NOT NULL, import_seq INTEGER NOT NULL REFERENCES imports(seq))";

/* The event columns of s (0-14) and of t (15-29), and the recorder of s (30). The superseding
** events drive the join (a few, through the index on ref), each looking its target up by id: an
** import of a million events asks nothing of each of them. */
static const char early_sql[] =
    "SELECT s.id, s.kind, s.date, s.end_date, s.party, s.counterparty, s.stream, s.subject,"
    " s.amount_minor, s.currency, s.ref, s.note, s.source_line, si.file, s.import_seq,"
    " t.id, t.kind, t.date, t.end_date, t.party, t.counterparty, t.stream, t.subject,"
    " t.amount_minor, t.currency, t.ref, t.note, t.source_line, ti.file, t.import_seq,"
    " si.as_party"
    " FROM events s INDEXED BY events_by_ref CROSS JOIN events t ON t.id = s.ref"
    " JOIN imports ti ON ti.seq = t.import_seq JOIN imports si ON si.seq = s.import_seq"
    " WHERE s.ref IS NOT NULL AND t.import_seq = ?1 AND s.id <> t.id AND si.as_party IS NOT NULL"
    " AND (s.kind = 'correction' OR s.kind = t.kind)";

/*
** An event of this import that a superseding event already in the ledger names (recorded
** before it arrived) is superseded only if that event's recorder may supersede it: the rule
** import --as applies when the target is there first, applied now that it is. A recorder
** without the right makes the superseding event void (it takes no effect, and does not count
** itself), said to the importer; without --agreement the right cannot be known, and that is
** said too.
*/
typedef struct EarlyFind {
  const Event *target;  /* the event that arrived */
  sqlite3_stmt *lookup; /* target_sql, for what a chain of corrections names below it */
} EarlyFind;

static bool early_find(void *context, const char *id, uint32_t len, Event *out, bool *failed) {
  EarlyFind *find = context;
  if (len == find->target->id.len && memcmp(id, find->target->id.ptr, len) == 0) {
    *out = *find->target;
    return true;
  }
  return lookup_event(find->lookup, id, len, out, failed);
}

static PactStatus check_early_superseders(Import *im) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(im->ledger->db, early_sql, -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(im->ledger, im->diags, "the ledger could not be read");
  if (sqlite3_prepare_v2(im->ledger->db, target_sql, -1, &im->target, NULL) != SQLITE_OK) {
    sqlite3_finalize(st);
    return ledger_fail(im->ledger, im->diags, "the ledger could not be read");
  }
  sqlite3_bind_int64(st, 1, im->seq);
  PactStatus status = PACT_OK;
  int rc;
  const Agreement *ag = im->options ? im->options->agreement : NULL;
  while (status == PACT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    Event sup, target;
    RowFault f;
    if (!row_event_at(st, 0, &sup, &f) || !row_event_at(st, 15, &target, &f)) {
      status = report_row(im->ledger, im->diags, st, &f);
      break;
    }
    const char *recorder = column(st, 30);
    const char *how = sup.kind == EVENT_CORRECTION ? "withdrawn" : "restated";
    if (!ag) {
      diag_add_line(im->diags, DIAG_WARNING, "W1221", im->file, target.line,
                    "import with --agreement PATH so that pactum can check the right to",
                    "event '%.*s' arrives already %s by '%.*s' (%s:%d), recorded as %s: whether "
                    "%s may supersede it is not checked",
                    (int)target.id.len, target.id.ptr, how, (int)sup.id.len, sup.id.ptr,
                    column(st, 13), sqlite3_column_int(st, 12), recorder, recorder);
      continue;
    }
    char why[600];
    bool may = false;
    EarlyFind find = {&target, im->target};
    PactStatus checked =
        rights_may_record(ag, recorder, &sup, early_find, &find, &may, why, sizeof why);
    if (checked != PACT_OK) {
      status = checked == PACT_ERR_IO
                   ? ledger_fail(im->ledger, im->diags, "the ledger could not be read")
                   : checked;
      break;
    }
    if (may) continue;
    sqlite3_stmt *ins;
    if (ledger_exec(im->ledger, im->diags, void_table_sql) != PACT_OK ||
        sqlite3_prepare_v2(im->ledger->db,
                           "INSERT OR IGNORE INTO void_superseders(id, target, reason, import_seq)"
                           " VALUES (?1, ?2, ?3, ?4)",
                           -1, &ins, NULL) != SQLITE_OK) {
      status = ledger_fail(im->ledger, im->diags, "the ledger could not be written");
      break;
    }
    rc = sqlite3_bind_text(ins, 1, sup.id.ptr, (int)sup.id.len, SQLITE_TRANSIENT);
    if (rc == SQLITE_OK)
      rc = sqlite3_bind_text(ins, 2, target.id.ptr, (int)target.id.len, SQLITE_TRANSIENT);
    if (rc == SQLITE_OK) rc = sqlite3_bind_text(ins, 3, why, -1, SQLITE_TRANSIENT);
    if (rc == SQLITE_OK) rc = sqlite3_bind_int64(ins, 4, im->seq);
    if (rc == SQLITE_OK) rc = sqlite3_step(ins);
    sqlite3_finalize(ins);
    if (rc != SQLITE_DONE) {
      status = ledger_fail(im->ledger, im->diags, "the ledger could not be written");
      break;
    }
    diag_add_line(im->diags, DIAG_WARNING, "W1222", im->file, target.line,
                  "the event stands as imported; the party whose event it is may restate it",
                  "event '%.*s' arrives already %s by '%.*s' (%s:%d), recorded as %s, who may "
                  "not: %s; '%.*s' takes no effect",
                  (int)target.id.len, target.id.ptr, how, (int)sup.id.len, sup.id.ptr,
                  column(st, 13), sqlite3_column_int(st, 12), recorder, why, (int)sup.id.len,
                  sup.id.ptr);
  }
  if (status == PACT_OK && rc != SQLITE_DONE)
    status = ledger_fail(im->ledger, im->diags, "the ledger could not be read");
  sqlite3_finalize(st);
  sqlite3_finalize(im->target);
  im->target = NULL;
  return status;
}

static PactStatus check_refs(Import *im) {
  sqlite3_stmt *st;
  PactStatus status = PACT_OK;
  if (sqlite3_prepare_v2(im->ledger->db, refs_sql, -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(im->ledger, im->diags, "the ledger could not be read");
  sqlite3_bind_int64(st, 1, im->seq);
  while (sqlite3_step(st) == SQLITE_ROW) {
    uint32_t line = (uint32_t)sqlite3_column_int(st, 0);
    const char *id = column(st, 1), *kind = column(st, 2), *ref = column(st, 3);
    bool held = sqlite3_column_type(st, 4) != SQLITE_NULL;
    if (strcmp(id, ref) == 0) {
      diag_add_line(im->diags, DIAG_ERROR, "E1205", im->file, line,
                    "ref names the earlier event this one restates or corrects",
                    "event '%s' names itself in ref", id);
      status = PACT_ERR_INVALID;
    } else if (!held) {
      diag_add_line(im->diags, DIAG_WARNING, "W1206", im->file, line,
                    "check the id; the event it names will be superseded when it is imported",
                    "%s '%s' %s '%s', which the ledger does not hold", kind, id,
                    strcmp(kind, "correction") == 0 ? "corrects" : "restates", ref);
    } else if (strcmp(kind, "correction") != 0 && strcmp(kind, column(st, 4)) != 0) {
      diag_add_line(im->diags, DIAG_ERROR, "E1205", im->file, line,
                    "a restatement is of the same kind; withdraw an event of another kind "
                    "with a correction",
                    "%s '%s' restates '%s', a %s event (%s:%d)", kind, id, ref, column(st, 4),
                    column(st, 5), sqlite3_column_int(st, 6));
      status = PACT_ERR_INVALID;
    }
  }
  sqlite3_finalize(st);
  if (sqlite3_prepare_v2(im->ledger->db, restated_sql, -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(im->ledger, im->diags, "the ledger could not be read");
  sqlite3_bind_int64(st, 1, im->seq);
  while (sqlite3_step(st) == SQLITE_ROW) {
    diag_add_line(im->diags, DIAG_ERROR, "E1205", im->file, (uint32_t)sqlite3_column_int(st, 0),
                  "a restatement is of the same kind; withdraw an event of another kind "
                  "with a correction",
                  "%s '%s' is restated by '%s', a %s event (%s:%d)", column(st, 2), column(st, 1),
                  column(st, 3), column(st, 4), column(st, 5), sqlite3_column_int(st, 6));
    status = PACT_ERR_INVALID;
  }
  sqlite3_finalize(st);
  char twice[sizeof twice_sql + sizeof twice_not_void_sql + sizeof twice_order_sql];
  snprintf(twice, sizeof twice, "%s%s%s", twice_sql,
           has_table(im->ledger, "void_superseders") ? twice_not_void_sql : "", twice_order_sql);
  if (sqlite3_prepare_v2(im->ledger->db, twice, -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(im->ledger, im->diags, "the ledger could not be read");
  sqlite3_bind_int64(st, 1, im->seq);
  int last_line = -1;
  while (sqlite3_step(st) == SQLITE_ROW) {
    int line = sqlite3_column_int(st, 0);
    if (line == last_line) continue; /* the earliest first is named, once */
    last_line = line;
    const char *id = column(st, 1), *kind = column(st, 2), *ref = column(st, 3);
    const char *first = column(st, 4);
    bool withdrawn = strcmp(column(st, 5), "correction") == 0;
    bool corrects = strcmp(kind, "correction") == 0;
    char help[600];
    if (withdrawn)
      snprintf(help, sizeof help,
               "an event is superseded once: '%s' stays withdrawn; record the "
               "figure as a new event with its own id",
               ref);
    else
      snprintf(help, sizeof help, "an event is superseded once: %s '%s' instead",
               corrects ? "correct" : "restate", first);
    diag_add_line(im->diags, DIAG_ERROR, "E1211", im->file, (uint32_t)line, help,
                  "%s '%s' %s '%s', which %s'%s' already %s (%s:%d)", kind, id,
                  corrects ? "corrects" : "restates", ref, withdrawn ? "correction " : "", first,
                  withdrawn ? "withdrew" : "restates", column(st, 6), sqlite3_column_int(st, 7));
    status = PACT_ERR_INVALID;
  }
  sqlite3_finalize(st);
  return status;
}

/*
** An event withdrawn by an undo recorded after this import's day would stand twice as known on
** the days between (the withdrawn one and this one): an import recorded before an undo cannot
** bring back what it withdrew.
*/
static PactStatus check_withdrawn(Import *im) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(im->ledger->db,
                         "SELECT e.source_line, e.id, u.import_seq, u.recorded_on"
                         " FROM withdrawn w JOIN undos u ON u.import_seq = w.import_seq"
                         " JOIN events e ON e.id = w.id"
                         " WHERE e.import_seq = ?1 AND u.recorded_on > ?2 ORDER BY e.source_line",
                         -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(im->ledger, im->diags, "the ledger could not be read");
  sqlite3_bind_int64(st, 1, im->seq);
  sqlite3_bind_text(st, 2, im->day, 10, SQLITE_STATIC);
  PactStatus status = PACT_OK;
  while (sqlite3_step(st) == SQLITE_ROW) {
    diag_add_line(im->diags, DIAG_ERROR, "E1215", im->file, (uint32_t)sqlite3_column_int(st, 0),
                  "record this import on or after the day of the undo (--recorded-on)",
                  "event '%s' was withdrawn on %s (undo of import %d), after %s, the day this "
                  "import is recorded on",
                  column(st, 1), column(st, 3), sqlite3_column_int(st, 2), im->day);
    status = PACT_ERR_INVALID;
  }
  sqlite3_finalize(st);
  return status;
}

/* First pass: is every row of the file good? Nothing is written before this says yes. */
static PactStatus validate_file(const char *path, DiagList *diags, uint64_t *rows) {
  EventReader *reader;
  PactStatus status = event_reader_open(path, diags, &reader);
  if (status != PACT_OK) return status;
  Event e;
  *rows = 0;
  while (event_reader_next(reader, &e)) ++*rows;
  status = event_reader_status(reader);
  if (status == PACT_OK && event_reader_error_count(reader)) status = PACT_ERR_INVALID;
  event_reader_close(reader);
  return status;
}

/* Runs a statement of no result with one integer and one text bound (either may be unused). */
static PactStatus ledger_run(Ledger *ledger, DiagList *diags, const char *sql, int64_t number,
                             const char *text, uint64_t *changes);
static bool ledger_has(Ledger *ledger, const char *sql, const char *day, const char *stamp);

/* One checksum into pactum_meta. */
static PactStatus put_meta(Ledger *ledger, DiagList *diags, const char *key, const char *value) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(ledger->db,
                         "INSERT OR REPLACE INTO pactum_meta(key, value) VALUES (?1, ?2)", -1, &st,
                         NULL) != SQLITE_OK)
    return ledger_fail(ledger, diags, "the ledger could not be written");
  int rc = sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
  if (rc == SQLITE_OK) rc = sqlite3_bind_text(st, 2, value, -1, SQLITE_TRANSIENT);
  if (rc == SQLITE_OK) rc = sqlite3_step(st);
  sqlite3_finalize(st);
  return rc == SQLITE_DONE ? PACT_OK
                           : ledger_fail(ledger, diags, "the ledger could not be written");
}

/* What an undo's checksum covers (undo_digest's columns), of one import (?1) or, with a
** negative seq, of all. */
#define UNDO_RECORD_SQL                                                                            \
  "SELECT u.import_seq, u.recorded_on, u.recorded_at, u.withdrawn, a.act, a.as_party,"             \
  " a.backdated FROM undos u LEFT JOIN %s a ON a.import_seq = u.import_seq AND a.act = 'undo'"

/* Checksums the undo of import seq ('undo:SEQ'), or with a negative seq every undo. */
static PactStatus write_undo_sums(Ledger *ledger, DiagList *diags, int64_t seq) {
  char sql[512];
  snprintf(sql, sizeof sql, UNDO_RECORD_SQL " WHERE ?1 < 0 OR u.import_seq = ?1",
           acts_source(ledger));
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(ledger->db, sql, -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(ledger, diags, "the ledger could not be read");
  sqlite3_bind_int64(st, 1, seq);
  PactStatus status = PACT_OK;
  int rc;
  while (status == PACT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    char key[40], value[24];
    snprintf(key, sizeof key, "undo:%lld", (long long)sqlite3_column_int64(st, 0));
    snprintf(value, sizeof value, "%016llx", (unsigned long long)undo_digest(st, 0));
    status = put_meta(ledger, diags, key, value);
  }
  if (status == PACT_OK && rc != SQLITE_DONE)
    status = ledger_fail(ledger, diags, "the ledger could not be read");
  sqlite3_finalize(st);
  return status;
}

/* Checksums the void superseding events import seq found ('void:ID': the digest and the
** import), or with a negative seq all of them. */
static PactStatus write_void_sums(Ledger *ledger, DiagList *diags, int64_t seq) {
  if (!has_table(ledger, "void_superseders")) return PACT_OK;
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(ledger->db,
                         "SELECT id, target, reason, import_seq FROM void_superseders"
                         " WHERE ?1 < 0 OR import_seq = ?1",
                         -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(ledger, diags, "the ledger could not be read");
  sqlite3_bind_int64(st, 1, seq);
  PactStatus status = PACT_OK;
  int rc;
  while (status == PACT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    char key[600], value[48];
    snprintf(key, sizeof key, "void:%.500s", column(st, 0));
    snprintf(value, sizeof value, "%016llx %lld", (unsigned long long)void_digest(st, 0),
             (long long)sqlite3_column_int64(st, 3));
    status = put_meta(ledger, diags, key, value);
  }
  if (status == PACT_OK && rc != SQLITE_DONE)
    status = ledger_fail(ledger, diags, "the ledger could not be read");
  sqlite3_finalize(st);
  return status;
}

/*
** The first write of a pactum that checksums undos and void superseding events checksums those
** the ledger already holds (made by an earlier pactum, unchecked until now) and says so
** ('acts-checksums'): from then on every one must match its checksum. In the write's
** transaction: a write that adds nothing leaves no trace of it.
*/
static PactStatus begin_act_sums(Ledger *ledger, DiagList *diags) {
  if (ledger_has(ledger, "SELECT 1 FROM pactum_meta WHERE key = 'acts-checksums'", NULL, NULL))
    return PACT_OK;
  PactStatus status = write_undo_sums(ledger, diags, -1);
  if (status == PACT_OK) status = write_void_sums(ledger, diags, -1);
  if (status == PACT_OK) status = put_meta(ledger, diags, "acts-checksums", "1");
  return status;
}

/* Records an act's row in acts (the table made if need be): who made it, and why it was
** backdated (either may be NULL). */
static PactStatus record_act(Ledger *ledger, DiagList *diags, int64_t seq, const char *act,
                             const char *as, const char *backdated) {
  PactStatus status = ledger_exec(ledger, diags, ACTS_TABLE_SQL);
  if (status != PACT_OK) return status;
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(ledger->db,
                         "INSERT INTO acts(import_seq, act, as_party, backdated)"
                         " VALUES (?1, ?2, ?3, ?4)",
                         -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(ledger, diags, "the ledger could not be written");
  sqlite3_bind_int64(st, 1, seq);
  sqlite3_bind_text(st, 2, act, -1, SQLITE_STATIC);
  if (as) sqlite3_bind_text(st, 3, as, -1, SQLITE_STATIC);
  else sqlite3_bind_null(st, 3);
  if (backdated) sqlite3_bind_text(st, 4, backdated, -1, SQLITE_STATIC);
  else sqlite3_bind_null(st, 4);
  int rc = sqlite3_step(st);
  sqlite3_finalize(st);
  return rc == SQLITE_DONE ? PACT_OK
                           : ledger_fail(ledger, diags, "the ledger could not be written");
}

/*
** Recording on a day before today (the machine's, UTC) changes what "as known on" the days
** between answers: it is backdating, a separate act, done only when the importer says why
** (E1260). A day after today is refused (E1261): the ledger cannot have learned anything then.
** what names the act ("oa.csv", "the undo of import 3").
*/
static PactStatus check_recorded_on(Ledger *ledger, DiagList *diags, const char *what, bool has_day,
                                    PactDate day, const char *because) {
  char stamp[21];
  PactDate today = ledger_now(stamp);
  if (!has_day || day == today) return PACT_OK;
  char claimed[11], now[11];
  pact_date_format(day, claimed);
  pact_date_format(today, now);
  if (day > today) {
    diag_add_line(diags, DIAG_ERROR, "E1261", ledger->path, 0,
                  "record it today (leave out --recorded-on) or on an earlier day",
                  "%s would be recorded on %s, after today (%s, UTC): the ledger cannot have "
                  "learned anything on a day still to come",
                  what, claimed, now);
    return PACT_ERR_INVALID;
  }
  if (because && *because) return PACT_OK;
  diag_add_line(diags, DIAG_ERROR, "E1260", ledger->path, 0,
                "say why, and the reason is recorded with it: --backdated-because \"REASON\" "
                "(pactum imports lists it)",
                "%s would be recorded on %s, before today (%s, UTC): that is backdating, which "
                "changes what the ledger answers as known on the days between, and is done only "
                "with a reason",
                what, claimed, now);
  return PACT_ERR_INVALID;
}

/* Opens the import's row in the imports table; its seq numbers the events it adds. Stamped with
** the machine's clock (recorded_at); the day claimed (recorded_on) is today's unless the
** importer gives another. */
static PactStatus begin_import(Import *im, const ImportOptions *options) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(im->ledger->db,
                         "INSERT INTO imports(file, recorded_on, recorded_at, added, known,"
                         " as_party) VALUES (?1, ?2, ?4, 0, 0, ?3)",
                         -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(im->ledger, im->diags, "the ledger could not be written");
  char day[11], stamp[21];
  PactDate today = ledger_now(stamp);
  pact_date_format(options && options->has_recorded_on ? options->recorded_on : today, day);
  sqlite3_bind_text(st, 1, im->file, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, day, 10, SQLITE_STATIC);
  if (options && options->as) sqlite3_bind_text(st, 3, options->as, -1, SQLITE_STATIC);
  else sqlite3_bind_null(st, 3);
  sqlite3_bind_text(st, 4, stamp, 20, SQLITE_STATIC);
  memcpy(im->day, day, sizeof day);
  int rc = sqlite3_step(st);
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE)
    return ledger_fail(im->ledger, im->diags, "the ledger could not be written");
  im->seq = sqlite3_last_insert_rowid(im->ledger->db);
  PactStatus status = begin_act_sums(im->ledger, im->diags);
  if (status != PACT_OK) return status;
  /* Backdating is an act of its own: recorded, with its reason. */
  if (options && options->has_recorded_on && options->recorded_on < today)
    return record_act(im->ledger, im->diags, im->seq, "import", options->as,
                      options->backdated_because);
  return PACT_OK;
}

static PactStatus end_import(Import *im) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(im->ledger->db, "UPDATE imports SET added = ?2, known = ?3 WHERE seq = ?1",
                         -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(im->ledger, im->diags, "the ledger could not be written");
  sqlite3_bind_int64(st, 1, im->seq);
  sqlite3_bind_int64(st, 2, (sqlite3_int64)im->result->added);
  sqlite3_bind_int64(st, 3, (sqlite3_int64)im->result->known);
  int rc = sqlite3_step(st);
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE)
    return ledger_fail(im->ledger, im->diags, "the ledger could not be written");
  /* The checksum of what this import wrote, and of its record as it now stands. */
  uint64_t record = 0;
  char sql[512];
  snprintf(sql, sizeof sql,
           "SELECT i.seq, i.file, i.recorded_on, i.recorded_at, i.added, i.known,"
           " i.as_party, a.act, a.as_party, a.backdated FROM imports i LEFT JOIN %s a"
           " ON a.import_seq = i.seq AND a.act = 'import' WHERE i.seq = ?1",
           acts_source(im->ledger));
  if (sqlite3_prepare_v2(im->ledger->db, sql, -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(im->ledger, im->diags, "the ledger could not be read");
  sqlite3_bind_int64(st, 1, im->seq);
  rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) record = import_digest(st, 0, 7);
  sqlite3_finalize(st);
  if (rc != SQLITE_ROW) return ledger_fail(im->ledger, im->diags, "the ledger could not be read");
  char key[40], value[80];
  snprintf(key, sizeof key, "checksum:%lld", (long long)im->seq);
  snprintf(value, sizeof value, "%llu %016llx %016llx", (unsigned long long)im->result->added,
           (unsigned long long)im->digest_sum, (unsigned long long)record);
  if (sqlite3_prepare_v2(im->ledger->db,
                         "INSERT OR REPLACE INTO pactum_meta(key, value) VALUES (?1, ?2),"
                         " ('checksums-from', coalesce((SELECT value FROM pactum_meta"
                         " WHERE key = 'checksums-from'), ?3))",
                         -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(im->ledger, im->diags, "the ledger could not be written");
  char from[24];
  snprintf(from, sizeof from, "%lld", (long long)im->seq);
  sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 3, from, -1, SQLITE_STATIC);
  rc = sqlite3_step(st);
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE)
    return ledger_fail(im->ledger, im->diags, "the ledger could not be written");
  /* The superseding events this import found void, each checksummed. */
  return write_void_sums(im->ledger, im->diags, im->seq);
}

static void parties_free(char **parties, uint32_t count) {
  if (!parties) return;
  for (uint32_t i = 0; i < count; i++) free(parties[i]);
  free(parties);
}

/* The agreement's party ids as strings, for closest_name; NULL when memory runs out. */
static char **parties_of(const Agreement *ag) {
  char **parties = mem_calloc(ag->party_count + 1, sizeof *parties);
  for (uint32_t i = 0; parties && i < ag->party_count; i++) {
    char *id = mem_malloc((size_t)ag->parties[i].id.len + 1);
    if (!id) {
      parties_free(parties, i);
      return NULL;
    }
    memcpy(id, ag->parties[i].id.ptr, ag->parties[i].id.len);
    id[ag->parties[i].id.len] = '\0';
    parties[i] = id;
  }
  return parties;
}

/* The import's transaction, from its first event to its commit (or its rollback). */
static PactStatus import_events(Import *im, uint64_t rows) {
  Ledger *ledger = im->ledger;
  const ImportOptions *options = im->options;
  DiagList *diags = im->diags;
  ImportResult *result = im->result;
  if (sqlite3_prepare_v2(ledger->db, insert_sql, -1, &im->insert, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(ledger->db, same_sql, -1, &im->differs, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(ledger->db, target_sql, -1, &im->target, NULL) != SQLITE_OK) {
    sqlite3_finalize(im->insert);
    sqlite3_finalize(im->differs);
    return ledger_fail(ledger, diags, "the ledger could not be prepared");
  }
  EventReader *reader = NULL;
  /* A file is one transaction: pages that do not fit the cache spill to the log and are written
  ** again as the transaction goes on. 128 MiB holds a million events' pages. */
  PactStatus status =
      ledger_begin_write(ledger, diags, "PRAGMA cache_size = -131072; BEGIN IMMEDIATE");
  if (status == PACT_OK) status = ledger_exec(ledger, diags, sums_tables_sql);
  if (status == PACT_OK) status = ledger_exec(ledger, diags, months_table_sql);
  if (status == PACT_OK &&
      sqlite3_prepare_v2(ledger->db, "INSERT INTO unsummed(import_seq, id) VALUES (?1, ?2)", -1,
                         &im->unsummed, NULL) != SQLITE_OK)
    status = ledger_fail(ledger, diags, "the ledger could not be prepared");
  if (status == PACT_OK && !(im->sums = day_sums_new())) status = PACT_ERR_NOMEM;
  if (status == PACT_OK && !(im->months = event_months_new())) status = PACT_ERR_NOMEM;
  if (status == PACT_OK) status = begin_import(im, options);
  if (status == PACT_OK) status = event_reader_open(im->file, diags, &reader);
  Event e;
  uint64_t done = 0;
  size_t errors = diags->errors;
  while (status == PACT_OK && event_reader_next(reader, &e)) {
    /* Events refused one by one (E1207-E1210) are each said, up to a bound: a file of a million
    ** rows in another currency is one mistake, not a million lines to read. */
    if (diags->errors - errors >= PACT_EVENT_ERRORS_MAX) {
      diag_add_line(diags, DIAG_ERROR, "E1217", im->file, e.line,
                    "fix the first problems and import the file again",
                    "too many problems: stopped reading after %d errors", PACT_EVENT_ERRORS_MAX);
      status = PACT_ERR_INVALID;
      break;
    }
    status = import_event(im, &e);
    if (options && options->progress && ++done % 65536 == 0)
      options->progress(options->progress_context, done, rows);
  }
  if (status == PACT_OK && reader) status = event_reader_status(reader);
  event_reader_close(reader);
  sqlite3_finalize(im->insert);
  sqlite3_finalize(im->differs);
  sqlite3_finalize(im->target);
  sqlite3_finalize(im->unsummed);
  im->unsummed = NULL;
  if (status == PACT_OK && im->refused) status = PACT_ERR_INVALID;
  if (status == PACT_OK) status = check_refs(im);
  if (status == PACT_OK) status = check_early_superseders(im);
  if (status == PACT_OK) status = check_withdrawn(im);
  if (status == PACT_OK && result->added) status = record_targets(im);
  if (status == PACT_OK && result->added) status = write_sums(im);
  if (status == PACT_OK && result->added) status = write_months(im);
  day_sums_free(im->sums);
  im->sums = NULL;
  event_months_free(im->months);
  im->months = NULL;
  if (status == PACT_OK && result->added == 0) {
    /* Nothing new: the ledger stays byte for byte as it was, not even the import is logged. */
    ledger_rollback(ledger);
    return PACT_OK;
  }
  if (status == PACT_OK) status = end_import(im);
  if (status == PACT_OK) status = ledger_commit(ledger, diags);
  if (status != PACT_OK) {
    ledger_rollback(ledger);
    memset(result, 0, sizeof *result);
    return status;
  }
  if (options && options->progress) options->progress(options->progress_context, rows, rows);
  /* Keep the main file whole: what is committed moves out of the write-ahead log. */
  ledger_checkpoint(ledger);
  return PACT_OK;
}

static PactStatus import_checked(Ledger *ledger, const char *path, const ImportOptions *options,
                                 DiagList *diags, ImportResult *result) {
  memset(result, 0, sizeof *result);
  uint64_t rows;
  PactStatus status = options ? check_recorded_on(ledger, diags, path, options->has_recorded_on,
                                                  options->recorded_on, options->backdated_because)
                              : PACT_OK;
  if (status != PACT_OK) return status;
  status = validate_file(path, diags, &rows);
  if (status != PACT_OK) return status;
  Import im = {
      .ledger = ledger, .file = path, .diags = diags, .result = result, .options = options};
  const Agreement *ag = options ? options->agreement : NULL;
  if (ag) {
    im.kinds_read = kinds_read(ag);
    if (!(im.parties = parties_of(ag))) return PACT_ERR_NOMEM;
  }
  status = import_events(&im, rows);
  parties_free(im.parties, ag ? ag->party_count : 0);
  return status;
}

/* ---------------------------------------------------------------- reading back */

static EventText column_text(sqlite3_stmt *st, int column) {
  const char *text = (const char *)value_text(st, column);
  return (EventText){text, text ? (uint32_t)sqlite3_column_bytes(st, column) : 0};
}

static bool fault(RowFault *f, const char *column, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
static bool fault(RowFault *f, const char *column, const char *format, ...) {
  f->column = column;
  va_list args;
  va_start(args, format);
  vsnprintf(f->why, sizeof f->why, format, args);
  va_end(args);
  return false;
}

/* A text column, or NULL: anything else (a number, a blob) is a fault. */
static bool text_or_null(sqlite3_stmt *st, int column, const char *name, RowFault *f,
                         EventText *out) {
  int type = sqlite3_column_type(st, column);
  if (type != SQLITE_NULL && type != SQLITE_TEXT) return fault(f, name, "a value that is not text");
  *out = column_text(st, column);
  return true;
}

/*
** An event read back, checked as strictly as an event read in: the types of its columns, its
** kind, dates, amount and currency, the fields its kind needs, and the import it names. A row
** that fails was changed outside pactum; it is an error, never a different amount.
*/
static bool row_event_at(sqlite3_stmt *st, int base, Event *e, RowFault *f) {
  memset(e, 0, sizeof *e);
  EventText kind, day, end, currency;
  if (!text_or_null(st, base + 0, "id", f, &e->id)) return false;
  if (!e->id.len) return fault(f, "id", "no id");
  if (!text_or_null(st, base + 1, "kind", f, &kind)) return false;
  if (!event_kind_find(kind.ptr, kind.len, &e->kind))
    return fault(f, "kind", "'%.40s', which is not a kind of event", kind.len ? kind.ptr : "");
  if (!text_or_null(st, base + 2, "date", f, &day)) return false;
  if (day.len != 10 || pact_date_parse(day.ptr, day.len, &e->date) != PACT_OK)
    return fault(f, "date", "'%.40s', which is not a date", day.len ? day.ptr : "");
  if (!text_or_null(st, base + 3, "end_date", f, &end)) return false;
  if (end.len) {
    if (end.len != 10 || pact_date_parse(end.ptr, end.len, &e->end) != PACT_OK)
      return fault(f, "end_date", "'%.40s', which is not a date", end.ptr);
    if (e->end < e->date) return fault(f, "end_date", "an end before the event's date");
    e->has_end = true;
  }
  static const char *const texts[] = {"party", "counterparty", "stream", "subject"};
  EventText *fields[] = {&e->party, &e->counterparty, &e->stream, &e->subject};
  for (int i = 0; i < 4; i++)
    if (!text_or_null(st, base + 4 + i, texts[i], f, fields[i])) return false;
  int type = sqlite3_column_type(st, base + 8);
  if (type != SQLITE_NULL && type != SQLITE_INTEGER) {
    const char *shown = (const char *)value_text(st, base + 8);
    return fault(f, "amount_minor", "'%.40s', which is not an amount in minor units",
                 shown ? shown : "");
  }
  e->has_amount = type == SQLITE_INTEGER;
  e->amount_minor = sqlite3_column_int64(st, base + 8);
  if (!text_or_null(st, base + 9, "currency", f, &currency)) return false;
  if (e->has_amount && !pact_currency_find(currency.ptr, currency.len, &e->currency))
    return fault(f, "currency", "'%.40s', which is not a currency",
                 currency.len ? currency.ptr : "");
  if (!e->has_amount && currency.len) return fault(f, "currency", "a currency without an amount");
  if (!text_or_null(st, base + 10, "ref", f, &e->ref) ||
      !text_or_null(st, base + 11, "note", f, &e->note))
    return false;
  if (sqlite3_column_type(st, base + 12) != SQLITE_INTEGER ||
      sqlite3_column_int64(st, base + 12) < 1 || sqlite3_column_int64(st, base + 12) > UINT32_MAX)
    return fault(f, "source_line", "no line of its file");
  e->line = (uint32_t)sqlite3_column_int64(st, base + 12);
  /* What its kind needs, as import required it. */
  const bool has[EVENT_FIELD_COUNT] = {[EVENT_FIELD_PARTY] = e->party.len > 0,
                                       [EVENT_FIELD_COUNTERPARTY] = e->counterparty.len > 0,
                                       [EVENT_FIELD_STREAM] = e->stream.len > 0,
                                       [EVENT_FIELD_SUBJECT] = e->subject.len > 0,
                                       [EVENT_FIELD_AMOUNT] = e->has_amount,
                                       [EVENT_FIELD_CURRENCY] = e->has_amount,
                                       [EVENT_FIELD_REF] = e->ref.len > 0};
  for (uint32_t todo = event_kind_needs(e->kind); todo; todo &= todo - 1) {
    int field = __builtin_ctz(todo);
    if (!has[field])
      return fault(f, event_field_name((EventField)field), "nothing, which a %s event needs",
                   event_kind_name(e->kind));
  }
  if (e->kind == EVENT_PAYMENT && e->amount_minor < 0)
    return fault(f, "amount_minor", "a negative payment");
  if (sqlite3_column_type(st, base + 13) == SQLITE_NULL)
    return fault(f, "import_seq", "import %lld, which the ledger does not record",
                 (long long)sqlite3_column_int64(st, base + 14));
  return true;
}

static bool row_event(sqlite3_stmt *st, Event *e, RowFault *f) { return row_event_at(st, 0, e, f); }

/* The located error for a row read back that fails its checks. */
static PactStatus report_row(Ledger *ledger, DiagList *diags, sqlite3_stmt *st, const RowFault *f) {
  if (lost_code) return lost_status(ledger, diags);
  const char *id = (const char *)value_text(st, 0);
  const char *file = (const char *)value_text(st, 13);
  char place[300];
  if (file)
    snprintf(place, sizeof place, " (imported from %.200s:%d)", file, sqlite3_column_int(st, 12));
  else place[0] = '\0';
  diag_add_line(diags, DIAG_ERROR, "E1204", ledger->path, 0,
                "the ledger was changed outside pactum: restore it from a copy, or create a new "
                "one and import the event files again",
                "event '%.60s'%s has %s in column %s", id ? id : "", place, f->why, f->column);
  return PACT_ERR_INVALID;
}

/*
** The events in force as known on a day: those imported on or before it that no event imported
** on or before it supersedes (feed.h states the rule: a correction withdraws any event; a
** revenue, payment or purchase event restates the event of the same kind its ref names).
**
** The superseding events are read first (superseders_sql: through the index on ref, a few
** rows), and each event is checked against them as it is read: a NOT EXISTS in SQL would look
** the index up once per event. Date order is a sort of the whole ledger; by id, none.
*/
static const char each_sql[] =
    "SELECT e.id, e.kind, e.date, e.end_date, e.party, e.counterparty, e.stream, e.subject,"
    " e.amount_minor, e.currency, e.ref, e.note, e.source_line, i.file, e.import_seq"
    " FROM events e LEFT JOIN imports i ON i.seq = e.import_seq"
    /* an event of no import is read, to be reported */
    " WHERE i.seq IS NULL OR (i.recorded_on <= ?1 AND i.recorded_at <= ?2)";

/* The events an undo withdrew after the day, as known on it: still there. */
static const char each_withdrawn_sql[] =
    " UNION ALL SELECT w.id, w.kind, w.date, w.end_date, w.party, w.counterparty, w.stream,"
    " w.subject, w.amount_minor, w.currency, w.ref, w.note, w.source_line, i.file, w.import_seq"
    " FROM withdrawn w JOIN imports i ON i.seq = w.import_seq"
    " JOIN undos u ON u.import_seq = w.import_seq WHERE i.recorded_on <= ?1 AND i.recorded_at <= ?2"
    " AND (u.recorded_on > ?1 OR u.recorded_at > ?2)";

static const char superseders_sql[] =
    "SELECT s.ref, s.kind FROM events s JOIN imports si ON si.seq = s.import_seq"
    " WHERE s.ref IS NOT NULL AND si.recorded_on <= ?1 AND si.recorded_at <= ?2"
    " AND (s.kind = 'correction' OR s.kind IN " RESTATED_KINDS ")";

static const char superseders_withdrawn_sql[] =
    " UNION ALL SELECT s.ref, s.kind FROM withdrawn s JOIN imports si ON si.seq = s.import_seq"
    " JOIN undos u ON u.import_seq = s.import_seq"
    " WHERE s.ref IS NOT NULL AND si.recorded_on <= ?1 AND si.recorded_at <= ?2"
    " AND (u.recorded_on > ?1 OR u.recorded_at > ?2)"
    " AND (s.kind = 'correction' OR s.kind IN " RESTATED_KINDS ")";

/* Whether the query of one row answers a row (false too when it cannot be asked); the day is
** ?1, the machine's time ?2. */
static bool ledger_has(Ledger *ledger, const char *sql, const char *day, const char *stamp) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(ledger->db, sql, -1, &st, NULL) != SQLITE_OK) {
    note_lost(ledger->db, sqlite3_errcode(ledger->db));
    return false;
  }
  if (day) sqlite3_bind_text(st, 1, day, 10, SQLITE_STATIC);
  if (stamp) sqlite3_bind_text(st, 2, stamp, -1, SQLITE_STATIC);
  int rc = sqlite3_step(st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) note_lost(ledger->db, rc);
  sqlite3_finalize(st);
  return rc == SQLITE_ROW;
}

/* As known on (or, held, held by the machine's clock on) a day before the first import: the
** ledger held nothing then (W1216). */
static void note_before_first(Ledger *ledger, const char *day, bool held, DiagList *diags) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(
          ledger->db,
          held ? "SELECT MIN(recorded_at) FROM imports" : "SELECT MIN(recorded_on) FROM imports",
          -1, &st, NULL) != SQLITE_OK)
    return;
  if (sqlite3_step(st) == SQLITE_ROW) {
    const char *first = (const char *)value_text(st, 0);
    if (!first)
      diag_add_line(diags, DIAG_WARNING, "W1216", ledger->path, 0,
                    "import event files first: pactum import --ledger FILE EVENTS...",
                    "the ledger has no imports: it held nothing on %s", day);
    else if (strncmp(first, day, 10) > 0)
      diag_add_line(diags, DIAG_WARNING, "W1216", ledger->path, 0,
                    held ? "pactum imports --ledger FILE lists when each import was written"
                         : "pactum imports --ledger FILE lists the day each import was recorded on",
                    "the ledger held nothing on %s: its first import was %s %.20s", day,
                    held ? "written on" : "recorded on", first);
  }
  sqlite3_finalize(st);
}

/* "as openai" or "(trusted)", and "; backdated because ..." or "; with no reason recorded". */
static void describe_act(char *out, size_t size, const char *as, const char *because) {
  snprintf(out, size, "%s%.80s, after that day; %s%.300s%s", as ? "as " : "(trusted)", as ? as : "",
           because ? "backdated because \"" : "with no reason recorded", because ? because : "",
           because ? "\"" : "");
}

/*
** As known on a day, an import or an undo written later but recorded on or before that day
** (--recorded-on, loading history after the fact) changes what the answer for that day was when
** the day came: each such act is said (W1223), with who made it, when it was written and the
** reason given, so that an "as known on" answer rewritten after the fact is never taken for
** the one given then. (--as-held-on answers by the machine's clock, which nothing rewrites.)
*/
static void note_backdated(Ledger *ledger, const char *day, DiagList *diags) {
  static const char help[] =
      "pactum imports --ledger FILE lists every import and undo, who "
      "made it and when; --as-held-on DATE answers with what the ledger "
      "held on that day by the machine's clock";
  const char *acts = acts_source(ledger);
  char sql[1024];
  snprintf(sql, sizeof sql,
           "SELECT i.seq, i.file, i.recorded_on, i.recorded_at, i.as_party, a.backdated, 0"
           " FROM imports i LEFT JOIN %s a ON a.import_seq = i.seq AND a.act = 'import'"
           " WHERE i.recorded_on <= ?1 AND substr(i.recorded_at, 1, 10) > ?1"
           " UNION ALL SELECT u.import_seq, i.file, u.recorded_on, u.recorded_at, a.as_party,"
           " a.backdated, 1 FROM undos u JOIN imports i ON i.seq = u.import_seq"
           " LEFT JOIN %s a ON a.import_seq = u.import_seq AND a.act = 'undo'"
           " WHERE u.recorded_on <= ?1 AND substr(u.recorded_at, 1, 10) > ?1 ORDER BY 1, 7",
           acts, acts);
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(ledger->db, sql, -1, &st, NULL) != SQLITE_OK) return;
  sqlite3_bind_text(st, 1, day, 10, SQLITE_STATIC);
  while (sqlite3_step(st) == SQLITE_ROW) {
    char who[512];
    describe_act(who, sizeof who, (const char *)value_text(st, 4), (const char *)value_text(st, 5));
    bool undo = sqlite3_column_int(st, 6) != 0;
    diag_add_line(diags, DIAG_WARNING, "W1223", ledger->path, 0, help,
                  "as known on %s, %simport %d (%.200s) counts: it was recorded on %s but "
                  "written on %.20s %s",
                  day, undo ? "the undo of " : "", sqlite3_column_int(st, 0), column(st, 1),
                  column(st, 2), column(st, 3), who);
  }
  sqlite3_finalize(st);
}

/* The ids that superseding events name, each with the kinds that name it (a bit per kind). */
typedef struct Superseded {
  StrMap voided; /* void superseding events: id -> 0 (they count for nothing) */
  StrMap ids;    /* ref -> index in kinds */
  uint32_t *kinds;
  uint32_t count, capacity;
  Arena arena; /* the refs */
} Superseded;

static void superseded_free(Superseded *s) {
  strmap_free(&s->voided);
  strmap_free(&s->ids);
  free(s->kinds);
  arena_free(&s->arena);
}

static PactStatus superseded_read(Ledger *ledger, const char *day, const char *stamp,
                                  bool withdrawn, DiagList *diags, Superseded *out) {
  sqlite3_stmt *st;
  /* A void superseding event (void_superseders) supersedes nothing. */
  static const char not_void[] = " AND s.id NOT IN (SELECT id FROM void_superseders)";
  bool voids = has_table(ledger, "void_superseders");
  char sql[sizeof superseders_sql + sizeof superseders_withdrawn_sql + 2 * sizeof not_void];
  snprintf(sql, sizeof sql, "%s%s%s%s", superseders_sql, voids ? not_void : "",
           withdrawn ? superseders_withdrawn_sql : "", withdrawn && voids ? not_void : "");
  if (sqlite3_prepare_v2(ledger->db, sql, -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(ledger, diags, "the ledger could not be read");
  sqlite3_bind_text(st, 1, day, 10, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, stamp, -1, SQLITE_STATIC);
  PactStatus status = PACT_OK;
  int rc;
  while (status == PACT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    EventText ref = column_text(st, 0), kind_text = column_text(st, 1);
    EventKind kind;
    if (!event_kind_find(kind_text.ptr, kind_text.len, &kind)) continue;
    int32_t at = strmap_get(&out->ids, ref.ptr, ref.len);
    if (at < 0) {
      if (out->count == out->capacity) {
        uint32_t capacity = out->capacity ? out->capacity * 2 : 64;
        uint32_t *bigger =
            capacity > out->capacity ? mem_realloc(out->kinds, capacity * sizeof *bigger) : NULL;
        if (!bigger) {
          status = PACT_ERR_NOMEM;
          break;
        }
        out->kinds = bigger;
        out->capacity = capacity;
      }
      char *key = arena_strndup(&out->arena, ref.ptr, ref.len);
      if (!key || !strmap_put(&out->ids, key, ref.len, (int32_t)out->count)) {
        status = PACT_ERR_NOMEM;
        break;
      }
      at = (int32_t)out->count;
      out->kinds[out->count++] = 0;
    }
    out->kinds[at] |= 1u << kind;
  }
  if (status == PACT_OK && rc != SQLITE_DONE)
    status = ledger_fail(ledger, diags, "the ledger could not be read");
  sqlite3_finalize(st);
  if (status != PACT_OK || !voids) return status;
  if (sqlite3_prepare_v2(ledger->db, "SELECT id FROM void_superseders", -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(ledger, diags, "the ledger could not be read");
  while (status == PACT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    EventText id = column_text(st, 0);
    char *key = arena_strndup(&out->arena, id.ptr ? id.ptr : "", id.len);
    if (!key || !strmap_put(&out->voided, key, id.len, 0)) status = PACT_ERR_NOMEM;
  }
  if (status == PACT_OK && rc != SQLITE_DONE)
    status = ledger_fail(ledger, diags, "the ledger could not be read");
  sqlite3_finalize(st);
  return status;
}

static bool is_superseded(const Superseded *s, const Event *e) {
  if (!s->count) return false;
  int32_t at = strmap_get(&s->ids, e->id.ptr, e->id.len);
  if (at < 0) return false;
  uint32_t kinds = s->kinds[at];
  return (kinds & (1u << EVENT_CORRECTION)) ||
         ((kinds & (1u << e->kind)) && event_supersedes(e->kind, e->kind));
}

/* What a reading found of each import's rows: how many, and the sum of their digests. */
typedef struct ReadSums {
  uint64_t *count, *sum; /* by import seq */
  int64_t size;
} ReadSums;

enum { READ_SUMS_SEQ_MAX = 1 << 24 };

static bool read_sums_add(ReadSums *r, int64_t seq, uint64_t digest) {
  if (seq < 0 || seq >= READ_SUMS_SEQ_MAX) return false;
  if (seq >= r->size) {
    int64_t size = r->size ? r->size : 64;
    while (size <= seq) size *= 2;
    uint64_t *count = mem_realloc(r->count, (size_t)size * sizeof *count);
    if (!count) return false;
    r->count = count;
    uint64_t *sum = mem_realloc(r->sum, (size_t)size * sizeof *sum);
    if (!sum) return false;
    r->sum = sum;
    memset(count + r->size, 0, (size_t)(size - r->size) * sizeof *count);
    memset(sum + r->size, 0, (size_t)(size - r->size) * sizeof *sum);
    r->size = size;
  }
  r->count[seq]++;
  r->sum[seq] += digest;
  return true;
}

static PactStatus checksum_error(Ledger *ledger, DiagList *diags, int64_t seq, const char *file,
                                 const char *what) {
  if (lost_code) return lost_status(ledger, diags);
  diag_add_line(diags, DIAG_ERROR, "E1220", ledger->path, 0,
                "the ledger was changed outside pactum (or its file is damaged): restore it from "
                "a copy, or create a new one and import the event files again",
                "import %lld (%.200s) does not match its checksum: %s", (long long)seq,
                file ? file : "?", what);
  return PACT_ERR_INVALID;
}

/*
** Every import is checked against its checksum: its record as it stands, and the rows the
** reading took of it (all of its events when it was recorded by the day and not withdrawn by an
** undo by then, else none).
*/
static PactStatus verify_sums(Ledger *ledger, const char *day, const char *stamp, const ReadSums *r,
                              DiagList *diags) {
  sqlite3_stmt *st;
  char sql[1024];
  snprintf(sql, sizeof sql,
           "SELECT i.seq, i.file, i.recorded_on, i.recorded_at, i.added, i.known,"
           " i.as_party, m.value, u.recorded_on || u.recorded_at,"
           " (SELECT CAST(value AS INTEGER) FROM pactum_meta WHERE key = 'checksums-from'),"
           " a.act, a.as_party, a.backdated"
           " FROM imports i LEFT JOIN pactum_meta m ON m.key = 'checksum:' || i.seq"
           " LEFT JOIN undos u ON u.import_seq = i.seq"
           " LEFT JOIN %s a ON a.import_seq = i.seq AND a.act = 'import'",
           acts_source(ledger));
  if (sqlite3_prepare_v2(ledger->db, sql, -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(ledger, diags, "the ledger could not be read");
  PactStatus status = PACT_OK;
  int rc;
  while (status == PACT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    int64_t seq = sqlite3_column_int64(st, 0);
    const char *file = (const char *)value_text(st, 1);
    const char *value = (const char *)value_text(st, 7);
    const char *undone = (const char *)value_text(st, 8);
    bool since = sqlite3_column_type(st, 9) != SQLITE_NULL;
    if (!value) {
      /* Imports recorded before checksums have none; after the first, each must have one. */
      if (since && seq >= sqlite3_column_int64(st, 9))
        status = checksum_error(ledger, diags, seq, file, "its checksum is missing");
      continue;
    }
    unsigned long long count, sum, record;
    if (sscanf(value, "%llu %llx %llx", &count, &sum, &record) != 3) {
      status = checksum_error(ledger, diags, seq, file, "its checksum cannot be read");
      continue;
    }
    if (import_digest(st, 0, 10) != record) {
      status = checksum_error(ledger, diags, seq, file,
                              "its record (file, days, counts, party or the reason it was "
                              "backdated) was changed");
      continue;
    }
    if (!r) continue; /* the records only (a reading of the daily sums has records of its own) */
    /* Every import is checked, those the day leaves out too (none of their rows read): a
    ** changed day must not hide an import's events unseen. */
    const char *recorded_on = (const char *)value_text(st, 2);
    const char *recorded_at = (const char *)value_text(st, 3);
    /* undone: the undo's day and time, one after the other (2025-03-012026-12-03T14:15:25Z). */
    bool in_force = undone && strlen(undone) > 10 && strncmp(undone, day, 10) <= 0 &&
                    strcmp(undone + 10, stamp) <= 0;
    bool read = recorded_on && strcmp(recorded_on, day) <= 0 && recorded_at &&
                strcmp(recorded_at, stamp) <= 0 && !in_force;
    uint64_t got_count = seq >= 0 && seq < r->size ? r->count[seq] : 0;
    uint64_t got_sum = seq >= 0 && seq < r->size ? r->sum[seq] : 0;
    if (!read) {
      if (got_count)
        status = checksum_error(ledger, diags, seq, file,
                                "events of it were read that it did not write by then");
      continue;
    }
    if (got_count != count) {
      char what[120];
      snprintf(what, sizeof what, "it wrote %llu events and the ledger holds %llu of them", count,
               (unsigned long long)got_count);
      status = checksum_error(ledger, diags, seq, file, what);
    } else if (got_sum != sum) {
      status = checksum_error(ledger, diags, seq, file, "the values of its events were changed");
    }
  }
  if (status == PACT_OK && rc != SQLITE_DONE)
    status = ledger_fail(ledger, diags, "the ledger could not be read");
  sqlite3_finalize(st);
  return status;
}

/* Whether an event read back (st's row) is in force: neither void nor superseded. */
static PactStatus event_in_force(Ledger *ledger, DiagList *diags, sqlite3_stmt *st,
                                 const Superseded *gone, const Event *e, bool *in_force) {
  *in_force = false;
  if (gone->voided.count && e->ref.len && strmap_get(&gone->voided, e->id.ptr, e->id.len) >= 0)
    return PACT_OK; /* void: recorded by a party who may not supersede what it names */
  /* A superseding event the restatements read above did not list (their index and the table
  ** disagree): the reading would count both it and what it supersedes. */
  if (e->ref.len && (e->kind == EVENT_CORRECTION || event_supersedes(e->kind, e->kind))) {
    int32_t at = strmap_get(&gone->ids, e->ref.ptr, e->ref.len);
    if (at < 0 || !(gone->kinds[at] & (1u << e->kind)))
      return report_row(ledger, diags, st,
                        &(RowFault){"ref", "a ref the ledger's index of restatements lacks"});
  }
  *in_force = !is_superseded(gone, e);
  return PACT_OK;
}

/* An event read back (st's row): visited unless it is void or superseded. */
static PactStatus each_event(Ledger *ledger, DiagList *diags, sqlite3_stmt *st,
                             const Superseded *gone, Event *e, LedgerVisit visit, void *context) {
  bool in_force;
  PactStatus status = event_in_force(ledger, diags, st, gone, e, &in_force);
  if (status != PACT_OK || !in_force) return status;
  return visit(context, (const char *)value_text(st, 13), e);
}

static PactStatus verify_acts(Ledger *ledger, DiagList *diags);

/* ---------------------------------------------------------------- reading the daily sums */

/* An import as a reading of the sums sees it. */
typedef struct SumImport {
  bool visible;        /* recorded by the day, not withdrawn by then */
  SumDigest want, got; /* as its record says, as read */
  char *file;
} SumImport;

typedef struct SumRead {
  Ledger *ledger;
  DiagList *diags;
  const char *day, *stamp; /* as ledger_each binds them: the claimed day, the machine's time */
  SumImport *imports;      /* by seq */
  int64_t size;
  const Superseded *gone;
  LedgerVisit visit;
  void *context;
  DaySums *days; /* the day's sums of every import it sees, the superseded taken out */
} SumRead;

static void sum_read_free(SumRead *r) {
  day_sums_free(r->days);
  for (int64_t i = 0; i < r->size; i++) free(r->imports[i].file);
  free(r->imports);
}

static SumImport *sum_import(const SumRead *r, int64_t seq) {
  return seq >= 0 && seq < r->size ? &r->imports[seq] : NULL;
}

static PactStatus sums_error(SumRead *r, int64_t seq, const char *what) {
  SumImport *im = sum_import(r, seq);
  return checksum_error(r->ledger, r->diags, seq, im ? im->file : NULL, what);
}

/* A row of what an import writes beside its events (day_sums, sum_targets, unsummed,
** event_months) read back that is not what pactum writes (E1224). */
static PactStatus record_row_error(Ledger *ledger, DiagList *diags, const char *table, int64_t seq,
                                   const char *column, const char *why) {
  if (lost_code) return lost_status(ledger, diags);
  diag_add_line(diags, DIAG_ERROR, "E1224", ledger->path, 0,
                "the ledger was changed outside pactum: restore it from a copy, or create a new "
                "one and import the event files again",
                "a row of %s of import %lld has %s in column %s", table, (long long)seq, why,
                column);
  return PACT_ERR_INVALID;
}

static PactStatus sum_row_error(SumRead *r, const char *table, int64_t seq, const char *column,
                                const char *why) {
  return record_row_error(r->ledger, r->diags, table, seq, column, why);
}

/*
** The imports the day sees, each with the record of what it wrote for settlement. *usable is
** false when the sums cannot serve (an import before them, or one whose sums overflowed): the
** reading is then event by event.
*/
static PactStatus sum_imports(SumRead *r, bool *usable) {
  *usable = false;
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(
          r->ledger->db,
          "SELECT i.seq, i.file, m.value, i.recorded_on <= ?1 AND i.recorded_at <= ?2"
          " AND (u.import_seq IS NULL OR u.recorded_on > ?1 OR u.recorded_at > ?2),"
          " (SELECT CAST(value AS INTEGER) FROM pactum_meta WHERE key = 'sums-from')"
          " FROM imports i LEFT JOIN pactum_meta m ON m.key = 'sums:' || i.seq"
          " LEFT JOIN undos u ON u.import_seq = i.seq ORDER BY i.seq DESC",
          -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(r->ledger, r->diags, "the ledger could not be read");
  sqlite3_bind_text(st, 1, r->day, 10, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, r->stamp, -1, SQLITE_STATIC);
  PactStatus status = PACT_OK;
  bool usable_so_far = true;
  int rc;
  while (status == PACT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    int64_t seq = sqlite3_column_int64(st, 0);
    if (seq < 0 || seq >= READ_SUMS_SEQ_MAX) {
      status = sums_error(r, seq, "its number is out of range");
      break;
    }
    if (!r->imports) { /* the highest seq comes first */
      if (!(r->imports = mem_calloc((size_t)seq + 1, sizeof *r->imports))) {
        status = PACT_ERR_NOMEM;
        break;
      }
      r->size = seq + 1;
    }
    SumImport *im = sum_import(r, seq);
    const char *file = (const char *)value_text(st, 1);
    if (!im || im->file) {
      status = sums_error(r, seq, "its number is out of order");
      break;
    }
    if (!(im->file = mem_malloc(strlen(file ? file : "") + 1))) {
      status = PACT_ERR_NOMEM;
      break;
    }
    strcpy(im->file, file ? file : "");
    im->visible = sqlite3_column_int(st, 3) == 1;
    if (!im->visible) continue;
    const char *value = (const char *)value_text(st, 2);
    bool since = sqlite3_column_type(st, 4) != SQLITE_NULL;
    if (!value) {
      if (since && seq >= sqlite3_column_int64(st, 4))
        status = sums_error(r, seq, "the record of its daily sums is missing");
      usable_so_far = false;
      continue;
    }
    if (strcmp(value, "none") == 0) {
      usable_so_far = false;
      continue;
    }
    unsigned long long n[6];
    if (sscanf(value, "%llu %llx %llu %llx %llu %llx", &n[0], &n[1], &n[2], &n[3], &n[4], &n[5]) !=
        6) {
      status = sums_error(r, seq, "the record of its daily sums cannot be read");
      break;
    }
    im->want = (SumDigest){{n[0], n[1]}, {n[2], n[3]}, {n[4], n[5]}};
  }
  if (status == PACT_OK && rc != SQLITE_DONE)
    status = ledger_fail(r->ledger, r->diags, "the ledger could not be read");
  sqlite3_finalize(st);
  *usable = status == PACT_OK && usable_so_far;
  return status;
}

/* A row of day_sums (columns 0-7: import_seq, kind, party, stream, currency, day, amount,
** events), checked as strictly as an event read back. */
static PactStatus sum_row(SumRead *r, sqlite3_stmt *st, int64_t *seq, DaySum *d) {
  *seq = sqlite3_column_int64(st, 0);
  memset(d, 0, sizeof *d);
  EventText kind = column_text(st, 1), currency = column_text(st, 4);
  if (sqlite3_column_type(st, 0) != SQLITE_INTEGER)
    return sum_row_error(r, "day_sums", *seq, "import_seq", "no import");
  if (!event_kind_find(kind.ptr, kind.len, &d->kind) ||
      (d->kind != EVENT_REVENUE && d->kind != EVENT_PROFIT))
    return sum_row_error(r, "day_sums", *seq, "kind", "a kind that is not summed");
  if (sqlite3_column_type(st, 2) != SQLITE_TEXT || !(d->party = column_text(st, 2)).len)
    return sum_row_error(r, "day_sums", *seq, "party", "no party");
  int stream_type = sqlite3_column_type(st, 3);
  if (stream_type != SQLITE_NULL && stream_type != SQLITE_TEXT)
    return sum_row_error(r, "day_sums", *seq, "stream", "a value that is not a text");
  d->stream = column_text(st, 3);
  if (!pact_currency_find(currency.ptr, currency.len, &d->currency))
    return sum_row_error(r, "day_sums", *seq, "currency", "a value that is not a currency");
  PactDate lo, hi;
  pact_date_parse("0001-01-01", 10, &lo);
  pact_date_parse("9999-12-31", 10, &hi);
  int64_t day = sqlite3_column_int64(st, 5);
  if (sqlite3_column_type(st, 5) != SQLITE_INTEGER || day < lo || day > hi)
    return sum_row_error(r, "day_sums", *seq, "day", "a value that is not a day");
  d->day = (PactDate)day;
  if (sqlite3_column_type(st, 6) != SQLITE_INTEGER)
    return sum_row_error(r, "day_sums", *seq, "amount_minor", "a value that is not an amount");
  d->amount_minor = sqlite3_column_int64(st, 6);
  if (sqlite3_column_type(st, 7) != SQLITE_INTEGER || sqlite3_column_int64(st, 7) < 1)
    return sum_row_error(r, "day_sums", *seq, "events", "a count that is not one or more");
  d->events = sqlite3_column_int64(st, 7);
  return PACT_OK;
}

/* Whether the reader takes every group the day's sums hold as sums (it would say nothing of
** any of their events); when one is not, the reading is event by event. */
static PactStatus sum_groups(SumRead *r, const LedgerQuery *query, bool *usable) {
  *usable = true;
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(r->ledger->db,
                         "SELECT DISTINCT import_seq, kind, party, stream, currency, 0, 0, 1"
                         " FROM day_sums",
                         -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(r->ledger, r->diags, "the ledger could not be read");
  PactStatus status = PACT_OK;
  int rc;
  while (status == PACT_OK && *usable && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    int64_t seq;
    DaySum d;
    const SumImport *of = sum_import(r, sqlite3_column_int64(st, 0));
    if (sqlite3_column_type(st, 0) == SQLITE_INTEGER && (!of || !of->file)) {
      status = sum_row_error(r, "day_sums", sqlite3_column_int64(st, 0), "import_seq",
                             "an import the ledger does not record");
      break;
    }
    if ((status = sum_row(r, st, &seq, &d)) != PACT_OK) break;
    if (!r->imports[seq].visible) continue;
    Event e;
    day_sum_event(&d, &e);
    *usable = query->summable(query->summable_context, &e);
  }
  if (status == PACT_OK && *usable && rc != SQLITE_DONE)
    status = ledger_fail(r->ledger, r->diags, "the ledger could not be read");
  sqlite3_finalize(st);
  return status;
}

static PactStatus sum_days(SumRead *r) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(r->ledger->db,
                         "SELECT import_seq, kind, party, stream, currency, day, amount_minor,"
                         " events FROM day_sums",
                         -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(r->ledger, r->diags, "the ledger could not be read");
  PactStatus status = PACT_OK;
  int rc;
  while (status == PACT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    int64_t seq;
    DaySum d;
    if ((status = sum_row(r, st, &seq, &d)) != PACT_OK) break;
    SumImport *im = sum_import(r, seq);
    if (!im || !im->file) {
      status =
          sum_row_error(r, "day_sums", seq, "import_seq", "an import the ledger does not record");
      break;
    }
    if (!im->visible) continue;
    im->got.days.count++;
    im->got.days.digest += day_sum_digest(&d, seq);
    status = day_sums_put(r->days, &d);
  }
  if (status == PACT_OK && rc != SQLITE_DONE)
    status = ledger_fail(r->ledger, r->diags, "the ledger could not be read");
  sqlite3_finalize(st);
  return status;
}

/* The events in force kept out of the sums, read whole, as the event-by-event reading reads
** every event (each_event). */
static PactStatus sum_unsummed(SumRead *r) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(
          r->ledger->db,
          "SELECT e.id, e.kind, e.date, e.end_date, e.party, e.counterparty,"
          " e.stream, e.subject, e.amount_minor, e.currency, e.ref, e.note,"
          " e.source_line, i.file, e.import_seq, u.import_seq, u.id"
          " FROM unsummed u LEFT JOIN events e ON e.id = u.id"
          " AND e.import_seq = u.import_seq LEFT JOIN imports i ON i.seq = e.import_seq"
          " ORDER BY e.date, e.id", /* payments in the order a full reading gives */
          -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(r->ledger, r->diags, "the ledger could not be read");
  PactStatus status = PACT_OK;
  int rc;
  while (status == PACT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    int64_t seq = sqlite3_column_int64(st, 15);
    SumImport *im = sum_import(r, seq);
    Event e;
    RowFault f = {0};
    if ((!im || !im->file) && sqlite3_column_type(st, 0) != SQLITE_NULL && !row_event(st, &e, &f)) {
      status = report_row(r->ledger, r->diags, st, &f); /* its import is gone (E1204) */
      break;
    }
    if (!im || !im->file) {
      status =
          sum_row_error(r, "unsummed", seq, "import_seq", "an import the ledger does not record");
      break;
    }
    if (!im->visible) continue;
    if (sqlite3_column_type(st, 0) == SQLITE_NULL) {
      char what[160];
      snprintf(what, sizeof what, "event '%.60s' it wrote is missing", column(st, 16));
      status = sums_error(r, seq, what);
      break;
    }
    if (!row_event(st, &e, &f)) {
      status = report_row(r->ledger, r->diags, st, &f);
      break;
    }
    im->got.unsummed.count++;
    im->got.unsummed.digest += event_digest(&e, seq);
    status = each_event(r->ledger, r->diags, st, r->gone, &e, r->visit, r->context);
  }
  if (status == PACT_OK && rc != SQLITE_DONE)
    status = ledger_fail(r->ledger, r->diags, "the ledger could not be read");
  sqlite3_finalize(st);
  return status;
}

/* The summed events superseded as known on the day, taken out of the sums: their parts and
** their count on each of their days (so that a day only they fell on is no day of the data). */
static PactStatus sum_targets(SumRead *r) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(r->ledger->db,
                         "SELECT import_seq, id, target_seq, kind, party, stream, currency, date,"
                         " end_date, amount_minor FROM sum_targets",
                         -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(r->ledger, r->diags, "the ledger could not be read");
  StrMap done;
  strmap_init(&done);
  Arena arena;
  arena_init(&arena);
  PactStatus status = PACT_OK;
  int rc;
  while (status == PACT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    int64_t seq = sqlite3_column_int64(st, 0), target_seq = sqlite3_column_int64(st, 2);
    SumImport *im = sum_import(r, seq), *target = sum_import(r, target_seq);
    if (!im || !target || !im->file || !target->file) {
      status = sum_row_error(r, "sum_targets", seq, im && im->file ? "target_seq" : "import_seq",
                             "an import the ledger does not record");
      break;
    }
    if (!im->visible) continue;
    Event t;
    memset(&t, 0, sizeof t);
    EventText kind = column_text(st, 3), currency = column_text(st, 6);
    EventText day = column_text(st, 7), end = column_text(st, 8);
    t.id = column_text(st, 1);
    t.party = column_text(st, 4);
    t.stream = column_text(st, 5);
    t.has_amount = true;
    t.amount_minor = sqlite3_column_int64(st, 9);
    const char *bad = NULL;
    if (!t.id.len) bad = "id";
    else if (!event_kind_find(kind.ptr, kind.len, &t.kind)) bad = "kind";
    else if (!t.party.len) bad = "party";
    else if (!pact_currency_find(currency.ptr, currency.len, &t.currency)) bad = "currency";
    else if (day.len != 10 || pact_date_parse(day.ptr, 10, &t.date) != PACT_OK) bad = "date";
    else if (end.len && (end.len != 10 || pact_date_parse(end.ptr, 10, &t.end) != PACT_OK))
      bad = "end_date";
    else if (sqlite3_column_type(st, 9) != SQLITE_INTEGER) bad = "amount_minor";
    t.has_end = end.len > 0;
    if (!bad && !day_sums_takes(&t)) bad = "kind";
    if (bad) {
      status = sum_row_error(r, "sum_targets", seq, bad, "a value pactum does not write");
      break;
    }
    im->got.targets.count++;
    im->got.targets.digest += target_digest(&t, seq, target_seq);
    if (!target->visible || !is_superseded(r->gone, &t)) continue;
    /* Once per event, however many imports paired it with a superseding event. */
    char key[32];
    int key_len = snprintf(key, sizeof key, "%lld:", (long long)target_seq);
    char *whole = arena_alloc(&arena, (size_t)key_len + t.id.len + 1);
    if (!whole) {
      status = PACT_ERR_NOMEM;
      break;
    }
    memcpy(whole, key, (size_t)key_len);
    memcpy(whole + key_len, t.id.ptr, t.id.len);
    uint32_t whole_len = (uint32_t)key_len + t.id.len;
    if (strmap_get(&done, whole, whole_len) >= 0) continue;
    if (!strmap_put(&done, whole, whole_len, 0)) {
      status = PACT_ERR_NOMEM;
      break;
    }
    status = day_sums_take(r->days, &t);
  }
  if (status == PACT_OK && rc != SQLITE_DONE)
    status = ledger_fail(r->ledger, r->diags, "the ledger could not be read");
  sqlite3_finalize(st);
  strmap_free(&done);
  arena_free(&arena);
  return status;
}

/* The sums that stand for events in force: a day none stands on is not given; one whose
** events were all taken out must have nothing left (else the sums and the copies disagree). */
static PactStatus sum_visit(SumRead *r) {
  if (day_sums_overflowed(r->days))
    return sum_row_error(r, "day_sums", 0, "amount_minor", "sums beyond 64 bits");
  size_t count = day_sums_count(r->days);
  for (size_t i = 0; i < count; i++) {
    DaySum d;
    day_sums_get(r->days, i, &d);
    if (d.events < 0 || (d.events == 0 && d.amount_minor != 0))
      return sum_row_error(r, "sum_targets", 0, "amount_minor",
                           "an event the daily sums do not hold");
    if (d.events == 0) continue;
    Event e;
    day_sum_event(&d, &e);
    PactStatus status = r->visit(r->context, r->ledger->path, &e);
    if (status != PACT_OK) return status;
  }
  return PACT_OK;
}

/* Each import the day sees read as its record of the sums says it wrote them. */
static PactStatus sum_verify(SumRead *r, bool unsummed) {
  for (int64_t seq = 0; seq < r->size; seq++) {
    const SumImport *im = &r->imports[seq];
    if (!im->visible) continue;
    const SumPart *want[3] = {&im->want.days, &im->want.unsummed, &im->want.targets};
    const SumPart *got[3] = {&im->got.days, &im->got.unsummed, &im->got.targets};
    static const char *const what[3] = {"daily sums", "events kept out of the daily sums",
                                        "superseded summed events"};
    for (int i = 0; i < 3; i++) {
      if (i == 1 && !unsummed) continue; /* not read yet */
      if (want[i]->count == got[i]->count && want[i]->digest == got[i]->digest) continue;
      char why[200];
      if (want[i]->count != got[i]->count)
        snprintf(why, sizeof why, "it wrote %llu %s and the ledger holds %llu of them",
                 (unsigned long long)want[i]->count, what[i], (unsigned long long)got[i]->count);
      else snprintf(why, sizeof why, "the values of its %s were changed", what[i]);
      return sums_error(r, seq, why);
    }
  }
  return PACT_OK;
}

/*
** The reading of a settlement (query->summable): the daily sums, the events kept out of them,
** and the superseded summed events taken out again, each import checked against its record.
** *used is false, and nothing was visited, when the sums cannot serve this reading.
*/
static PactStatus summed_each(Ledger *ledger, const LedgerQuery *query, const char *day,
                              const char *stamp, const Superseded *gone, DiagList *diags,
                              LedgerVisit visit, void *context, bool *used) {
  *used = false;
  if (!has_table(ledger, "day_sums")) return PACT_OK;
  SumRead r = {ledger, diags, day, stamp, NULL, 0, gone, visit, context, NULL};
  bool usable = false;
  PactStatus status = sum_imports(&r, &usable);
  if (status == PACT_OK && usable && r.imports) status = sum_groups(&r, query, &usable);
  if (status != PACT_OK || !usable || !r.imports) {
    sum_read_free(&r);
    return status;
  }
  *used = true;
  if (!(r.days = day_sums_new())) status = PACT_ERR_NOMEM;
  /* Everything that decides the figures is checked before any of it is given. */
  if (status == PACT_OK) status = sum_days(&r);
  if (status == PACT_OK) status = sum_targets(&r);
  if (status == PACT_OK) status = sum_verify(&r, false);
  if (status == PACT_OK) status = sum_visit(&r);
  if (status == PACT_OK) status = sum_unsummed(&r);
  if (status == PACT_OK) status = sum_verify(&r, true);
  if (status == PACT_OK) status = verify_sums(ledger, day, stamp, NULL, diags);
  if (status == PACT_OK) status = verify_acts(ledger, diags);
  sum_read_free(&r);
  return status;
}

/* ---------------------------------------------------------------- reading a period's events */

/* A row of event_months the period's months meet, with what the reading found of it. */
typedef struct MonthRow {
  EventMonthRow row; /* its ids are copies in the reading's arena */
  uint64_t got_events, got_digest;
} MonthRow;

/* An import as a reading of a period sees it. */
typedef struct MonthImport {
  char *file;        /* NULL: the ledger records no such import */
  bool visible;      /* recorded by the day, not withdrawn by then */
  bool recorded;     /* it has a record of its rows ('months:SEQ') */
  SumPart want, got; /* its rows: as its record says, as read */
  MonthRow *rows;    /* those the period's months meet */
  size_t row_count;
} MonthImport;

/* An event in force whose days meet the period's, kept to be given in order. */
typedef struct Found {
  Event event;
  const char *source;
} Found;

typedef struct MonthRead {
  Ledger *ledger;
  DiagList *diags;
  const char *day, *stamp; /* as ledger_each binds them: the claimed day, the machine's time */
  PactDate first, last;    /* the days asked for, and their months */
  int32_t first_month, last_month;
  const Superseded *gone;
  MonthImport *imports; /* by seq */
  int64_t size;
  Arena arena; /* the files, the rows kept, the events found with their texts */
  Found **found;
  size_t found_count, found_room;
} MonthRead;

static MonthImport *month_import(const MonthRead *r, int64_t seq) {
  return seq >= 0 && seq < r->size ? &r->imports[seq] : NULL;
}

static PactStatus months_error(MonthRead *r, int64_t seq, const char *what) {
  const MonthImport *im = month_import(r, seq);
  return checksum_error(r->ledger, r->diags, seq, im ? im->file : NULL, what);
}

static PactStatus month_row_error(MonthRead *r, int64_t seq, const char *column, const char *why) {
  return record_row_error(r->ledger, r->diags, "event_months", seq, column, why);
}

/* "2029-01", or "2026-04..2032-12" for a row of several months. */
static void months_label(const EventMonthRow *m, char *out, size_t size) {
  if (m->first == m->last)
    snprintf(out, size, "%04d-%02d", (int)(m->first / 12), (int)(m->first % 12 + 1));
  else
    snprintf(out, size, "%04d-%02d..%04d-%02d", (int)(m->first / 12), (int)(m->first % 12 + 1),
             (int)(m->last / 12), (int)(m->last % 12 + 1));
}

/* Every import, whether the day sees it, and its record of where its events are. */
static PactStatus month_imports(MonthRead *r) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(r->ledger->db,
                         "SELECT i.seq, i.file, m.value, i.recorded_on <= ?1"
                         " AND i.recorded_at <= ?2 AND (u.import_seq IS NULL"
                         " OR u.recorded_on > ?1 OR u.recorded_at > ?2)"
                         " FROM imports i LEFT JOIN pactum_meta m ON m.key = 'months:' || i.seq"
                         " LEFT JOIN undos u ON u.import_seq = i.seq ORDER BY i.seq DESC",
                         -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(r->ledger, r->diags, "the ledger could not be read");
  sqlite3_bind_text(st, 1, r->day, 10, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, r->stamp, -1, SQLITE_STATIC);
  PactStatus status = PACT_OK;
  int rc;
  while (status == PACT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    int64_t seq = sqlite3_column_int64(st, 0);
    if (seq < 0 || seq >= READ_SUMS_SEQ_MAX) {
      status = months_error(r, seq, "its number is out of range");
      break;
    }
    if (!r->imports) { /* the highest seq comes first */
      if (!(r->imports = mem_calloc((size_t)seq + 1, sizeof *r->imports))) {
        status = PACT_ERR_NOMEM;
        break;
      }
      r->size = seq + 1;
    }
    MonthImport *im = month_import(r, seq);
    if (!im || im->file) {
      status = months_error(r, seq, "its number is out of order");
      break;
    }
    if (!(im->file = arena_strndup(&r->arena, column(st, 1), strlen(column(st, 1))))) {
      status = PACT_ERR_NOMEM;
      break;
    }
    im->visible = sqlite3_column_int(st, 3) == 1;
    const char *value = (const char *)value_text(st, 2);
    if (!value) continue; /* written by an earlier pactum: read by a scan */
    unsigned long long count, digest;
    if (sscanf(value, "%llu %llx", &count, &digest) != 2) {
      status = months_error(r, seq, "the record of where its events are cannot be read");
      break;
    }
    im->recorded = true;
    im->want = (SumPart){count, digest};
  }
  if (status == PACT_OK && rc != SQLITE_DONE)
    status = ledger_fail(r->ledger, r->diags, "the ledger could not be read");
  sqlite3_finalize(st);
  return status;
}

/* A row of event_months (columns 1-6: first_month, last_month, events, digest, first_id,
** last_id), checked as strictly as a daily sum read back. */
static PactStatus month_row(MonthRead *r, sqlite3_stmt *st, int64_t seq, EventMonthRow *m) {
  static const char *const names[4] = {"first_month", "last_month", "events", "digest"};
  for (int c = 1; c <= 4; c++)
    if (sqlite3_column_type(st, c) != SQLITE_INTEGER)
      return month_row_error(r, seq, names[c - 1], "a value that is not an integer");
  int64_t first = sqlite3_column_int64(st, 1), last = sqlite3_column_int64(st, 2);
  int64_t events = sqlite3_column_int64(st, 3);
  if (first < EVENT_MONTH_MIN || first > EVENT_MONTH_MAX)
    return month_row_error(r, seq, "first_month", "a value that is not a month");
  if (last < first || last > EVENT_MONTH_MAX)
    return month_row_error(r, seq, "last_month", "a value that is not a month from the first on");
  if (events < 1) return month_row_error(r, seq, "events", "a count that is not one or more");
  EventText ids[2];
  for (int c = 5; c <= 6; c++) {
    ids[c - 5] = column_text(st, c);
    if (sqlite3_column_type(st, c) != SQLITE_TEXT || !ids[c - 5].len)
      return month_row_error(r, seq, c == 5 ? "first_id" : "last_id", "no id");
  }
  if (event_id_order(ids[0], ids[1]) > 0)
    return month_row_error(r, seq, "last_id", "an id before the first");
  *m = (EventMonthRow){(int32_t)first,   (int32_t)last,
                       (uint64_t)events, (uint64_t)sqlite3_column_int64(st, 4),
                       ids[0],           ids[1]};
  return PACT_OK;
}

static bool copy_text(Arena *arena, EventText *t) {
  if (!t->len) return true;
  char *copy = arena_strndup(arena, t->ptr, t->len);
  t->ptr = copy;
  return copy != NULL;
}

/*
** Every row of event_months, each import's against its record (all of them, those the day
** does not see too); the rows of the imports the day sees that the period's months meet are
** kept, with their ids.
*/
static PactStatus month_rows(MonthRead *r) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(r->ledger->db,
                         "SELECT import_seq, first_month, last_month, events, digest, first_id,"
                         " last_id FROM event_months",
                         -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(r->ledger, r->diags, "the ledger could not be read");
  PactStatus status = PACT_OK;
  int rc;
  while (status == PACT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    int64_t seq = sqlite3_column_int64(st, 0);
    MonthImport *im = month_import(r, seq);
    if (sqlite3_column_type(st, 0) != SQLITE_INTEGER || !im || !im->file) {
      status = month_row_error(r, seq, "import_seq", "an import the ledger does not record");
      break;
    }
    EventMonthRow m;
    if ((status = month_row(r, st, seq, &m)) != PACT_OK) break;
    if (!im->recorded) {
      char what[120];
      snprintf(what, sizeof what, "the record of where its events are (months:%lld) is missing",
               (long long)seq);
      status = months_error(r, seq, what);
      break;
    }
    im->got.count++;
    im->got.digest += month_row_digest(&m, seq);
    if (!im->visible || m.first > r->last_month || m.last < r->first_month) continue;
    MonthRow *kept = arena_push(&r->arena, (void **)&im->rows, im->row_count, sizeof *kept);
    if (!kept || !copy_text(&r->arena, &m.first_id) || !copy_text(&r->arena, &m.last_id)) {
      status = PACT_ERR_NOMEM;
      break;
    }
    kept->row = m;
    im->row_count++;
  }
  if (status == PACT_OK && rc != SQLITE_DONE)
    status = ledger_fail(r->ledger, r->diags, "the ledger could not be read");
  sqlite3_finalize(st);
  for (int64_t seq = 0; status == PACT_OK && seq < r->size; seq++) {
    const MonthImport *im = &r->imports[seq];
    if (!im->file || !im->recorded) continue;
    if (im->got.count != im->want.count) {
      char what[200];
      snprintf(what, sizeof what,
               "it wrote %llu rows of where its events are and the ledger "
               "holds %llu of them (event_months)",
               (unsigned long long)im->want.count, (unsigned long long)im->got.count);
      status = months_error(r, seq, what);
    } else if (im->got.digest != im->want.digest) {
      status = months_error(r, seq,
                            "the values of its rows of where its events are were changed "
                            "(event_months)");
    }
  }
  return status;
}

static int month_row_order(const void *a, const void *b) {
  const EventMonthRow *x = &((const MonthRow *)a)->row, *y = &((const MonthRow *)b)->row;
  if (x->first != y->first) return x->first < y->first ? -1 : 1;
  return (x->last > y->last) - (x->last < y->last);
}

/* The kept row of those months (rows sorted by month_row_order), or NULL. */
static MonthRow *month_row_find(MonthImport *im, int32_t first, int32_t last) {
  size_t lo = 0, hi = im->row_count;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    const EventMonthRow *m = &im->rows[mid].row;
    if (m->first == first && m->last == last) return &im->rows[mid];
    if (m->first < first || (m->first == first && m->last < last)) lo = mid + 1;
    else hi = mid;
  }
  return NULL;
}

/* A run of ids to read: the ids of some kept rows, which runs of other rows do not overlap. */
typedef struct IdRun {
  EventText first, last;
} IdRun;

static int id_run_order(const void *a, const void *b) {
  return event_id_order(((const IdRun *)a)->first, ((const IdRun *)b)->first);
}

/* Keeps an event in force whose days meet the period's, with its texts, to be given later. */
static PactStatus keep_found(MonthRead *r, const Event *e, const char *source) {
  if (r->found_count == r->found_room) {
    size_t room = r->found_room ? r->found_room * 2 : 1024;
    Found **found = mem_realloc(r->found, room * sizeof *found);
    if (!found) return PACT_ERR_NOMEM;
    r->found = found;
    r->found_room = room;
  }
  Found *f = arena_alloc(&r->arena, sizeof *f);
  if (!f) return PACT_ERR_NOMEM;
  f->event = *e;
  f->source = source;
  EventText *texts[] = {&f->event.id,     &f->event.party,   &f->event.counterparty,
                        &f->event.stream, &f->event.subject, &f->event.ref,
                        &f->event.note};
  for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
    if (!copy_text(&r->arena, texts[i])) return PACT_ERR_NOMEM;
  r->found[r->found_count++] = f;
  return PACT_OK;
}

/* Counts an event of import seq (st's row) in its kept row of those months. */
static PactStatus month_count(MonthRead *r, int64_t seq, MonthImport *im, sqlite3_stmt *st,
                              int32_t first, int32_t last, uint64_t digest) {
  MonthRow *row = month_row_find(im, first, last);
  if (!row) {
    EventMonthRow where = {first, last, 0, 0, {NULL, 0}, {NULL, 0}};
    char label[48], what[200];
    months_label(&where, label, sizeof label);
    snprintf(what, sizeof what,
             "its event '%.60s' falls in %s, where it recorded none of its "
             "events",
             column(st, 0), label);
    return months_error(r, seq, what);
  }
  row->got_events++;
  row->got_digest += digest;
  return PACT_OK;
}

/*
** One event of import seq read back: counted in the kept rows it belongs to (a short span in
** each of its months the period's months meet, a long one in the row of its whole span), and
** kept when it is in force and its days meet the period's.
*/
static PactStatus month_event(MonthRead *r, int64_t seq, MonthImport *im, sqlite3_stmt *st) {
  Event e;
  RowFault f = {0};
  if (!row_event(st, &e, &f)) return report_row(r->ledger, r->diags, st, &f);
  uint64_t digest = event_digest(&e, seq);
  int32_t first, last;
  bool short_span;
  event_months_of(&e, &first, &last, &short_span);
  PactStatus status = PACT_OK;
  if (first <= r->last_month && last >= r->first_month) {
    if (!short_span) {
      status = month_count(r, seq, im, st, first, last, digest);
    } else {
      int32_t from = first < r->first_month ? r->first_month : first;
      int32_t to = last > r->last_month ? r->last_month : last;
      for (int32_t m = from; m <= to && status == PACT_OK; m++)
        status = month_count(r, seq, im, st, m, m, digest);
    }
  }
  if (status != PACT_OK) return status;
  if (e.date > r->last || (e.has_end ? e.end : e.date) < r->first) return PACT_OK;
  bool in_force;
  status = event_in_force(r->ledger, r->diags, st, r->gone, &e, &in_force);
  return status == PACT_OK && in_force ? keep_found(r, &e, im->file) : status;
}

/* The events of import seq that the kept rows name: each run of ids read once, through the
** table's own order (its key), and every kept row's count and digest compared. */
static PactStatus month_events(MonthRead *r, int64_t seq, sqlite3_stmt *st) {
  MonthImport *im = &r->imports[seq];
  qsort(im->rows, im->row_count, sizeof *im->rows, month_row_order);
  IdRun *runs = mem_malloc(im->row_count * sizeof *runs);
  if (!runs) return PACT_ERR_NOMEM;
  for (size_t i = 0; i < im->row_count; i++)
    runs[i] = (IdRun){im->rows[i].row.first_id, im->rows[i].row.last_id};
  qsort(runs, im->row_count, sizeof *runs, id_run_order);
  size_t run_count = 0;
  for (size_t i = 0; i < im->row_count; i++) {
    if (run_count && event_id_order(runs[i].first, runs[run_count - 1].last) <= 0) {
      if (event_id_order(runs[i].last, runs[run_count - 1].last) > 0)
        runs[run_count - 1].last = runs[i].last;
    } else {
      runs[run_count++] = runs[i];
    }
  }
  PactStatus status = PACT_OK;
  for (size_t i = 0; i < run_count && status == PACT_OK; i++) {
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, runs[i].first.ptr, (int)runs[i].first.len, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, runs[i].last.ptr, (int)runs[i].last.len, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, seq);
    sqlite3_bind_text(st, 4, im->file, -1, SQLITE_STATIC);
    int rc;
    while (status == PACT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
      status = month_event(r, seq, im, st);
    if (status == PACT_OK && rc != SQLITE_DONE)
      status = ledger_fail(r->ledger, r->diags, "the ledger could not be read");
  }
  sqlite3_reset(st);
  free(runs);
  for (size_t i = 0; i < im->row_count && status == PACT_OK; i++) {
    const MonthRow *row = &im->rows[i];
    if (row->got_events == row->row.events && row->got_digest == row->row.digest) continue;
    char label[48], what[200];
    months_label(&row->row, label, sizeof label);
    if (row->got_events != row->row.events)
      snprintf(what, sizeof what, "it wrote %llu events in %s and the ledger holds %llu of them",
               (unsigned long long)row->row.events, label, (unsigned long long)row->got_events);
    else snprintf(what, sizeof what, "the values of its events in %s were changed", label);
    status = months_error(r, seq, what);
  }
  return status;
}

static int found_by_date(const void *a, const void *b) {
  const Event *x = &(*(Found *const *)a)->event, *y = &(*(Found *const *)b)->event;
  if (x->date != y->date) return x->date < y->date ? -1 : 1;
  return event_id_order(x->id, y->id);
}

static int found_by_id(const void *a, const void *b) {
  return event_id_order((*(Found *const *)a)->event.id, (*(Found *const *)b)->event.id);
}

/*
** The reading of one period (query->has_days): the events of the months its days meet, found
** through each import's record of where its events are (event_months), each import's rows
** checked against their record and each row's events against the row, then given in date order
** (or by id). *used is false, and nothing was visited, when an import the day sees has no such
** record (written by an earlier pactum): the table is then scanned.
*/
static PactStatus months_each(Ledger *ledger, const LedgerQuery *query, const char *day,
                              const char *stamp, const Superseded *gone, DiagList *diags,
                              LedgerVisit visit, void *context, bool *used) {
  *used = false;
  if (!has_table(ledger, "event_months")) return PACT_OK;
  MonthRead r = {ledger,
                 diags,
                 day,
                 stamp,
                 query->first,
                 query->last,
                 event_month(query->first),
                 event_month(query->last),
                 gone,
                 NULL,
                 0,
                 {0},
                 NULL,
                 0,
                 0};
  arena_init(&r.arena);
  PactStatus status = month_imports(&r);
  if (status == PACT_OK) status = month_rows(&r);
  bool usable = true;
  for (int64_t seq = 0; seq < r.size; seq++)
    if (r.imports[seq].file && r.imports[seq].visible && !r.imports[seq].recorded) usable = false;
  if (status == PACT_OK && usable) {
    *used = true;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(ledger->db,
                           "SELECT e.id, e.kind, e.date, e.end_date, e.party, e.counterparty,"
                           " e.stream, e.subject, e.amount_minor, e.currency, e.ref, e.note,"
                           " e.source_line, ?4, e.import_seq FROM events e"
                           " WHERE e.id >= ?1 AND e.id <= ?2 AND e.import_seq = ?3",
                           -1, &st, NULL) != SQLITE_OK)
      status = ledger_fail(ledger, diags, "the ledger could not be read");
    for (int64_t seq = 0; status == PACT_OK && seq < r.size; seq++)
      if (r.imports[seq].visible && r.imports[seq].row_count) status = month_events(&r, seq, st);
    sqlite3_finalize(st);
  }
  /* Everything the reading trusts is checked before any of it is given. */
  if (status == PACT_OK && *used) status = verify_sums(ledger, day, stamp, NULL, diags);
  if (status == PACT_OK && *used) status = verify_acts(ledger, diags);
  if (status == PACT_OK && r.found_count)
    qsort(r.found, r.found_count, sizeof *r.found, query->by_id ? found_by_id : found_by_date);
  for (size_t i = 0; status == PACT_OK && i < r.found_count; i++)
    status = visit(context, r.found[i]->source, &r.found[i]->event);
  free(r.found);
  free(r.imports);
  arena_free(&r.arena);
  return status;
}

/* ---------------------------------------------------------------- verifying everything */

static PactStatus count_event(void *context, const char *source, const Event *event) {
  (void)source, (void)event;
  ++*(uint64_t *)context;
  return PACT_OK;
}

static bool any_group(void *context, const Event *group) {
  (void)context, (void)group;
  return true;
}

/* What each import's events come to when summed again, as its import summed them. */
typedef struct Resummed {
  DaySums **days; /* by seq, NULL: none yet */
  SumPart *unsummed;
  EventMonths **months; /* where its events are, month by month; NULL: none yet */
  int64_t size;
} Resummed;

static void resummed_free(Resummed *r) {
  for (int64_t i = 0; i < r->size; i++) {
    if (r->days) day_sums_free(r->days[i]);
    if (r->months) event_months_free(r->months[i]);
  }
  free(r->days);
  free(r->unsummed);
  free(r->months);
}

/* Every row of events and withdrawn (an undo keeps the sums of what it withdrew), summed again
** import by import, and counted again in the months of each import's rows of where its events
** are. */
static PactStatus resum(Ledger *ledger, DiagList *diags, Resummed *r) {
  static const char *const sql[2] = {
      "SELECT e.id, e.kind, e.date, e.end_date, e.party, e.counterparty, e.stream, e.subject,"
      " e.amount_minor, e.currency, e.ref, e.note, e.source_line, i.file, e.import_seq"
      " FROM events e LEFT JOIN imports i ON i.seq = e.import_seq",
      "SELECT e.id, e.kind, e.date, e.end_date, e.party, e.counterparty, e.stream, e.subject,"
      " e.amount_minor, e.currency, e.ref, e.note, e.source_line, i.file, e.import_seq"
      " FROM withdrawn e LEFT JOIN imports i ON i.seq = e.import_seq"};
  PactStatus status = PACT_OK;
  for (int t = 0; t < 2 && status == PACT_OK; t++) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(ledger->db, sql[t], -1, &st, NULL) != SQLITE_OK)
      return ledger_fail(ledger, diags, "the ledger could not be read");
    int rc;
    while (status == PACT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
      Event e;
      RowFault f = {0};
      if (!row_event(st, &e, &f)) {
        status = report_row(ledger, diags, st, &f);
        break;
      }
      int64_t seq = sqlite3_column_int64(st, 14);
      if (seq < 0 || seq >= r->size) continue; /* an import without sums, or none (said above) */
      uint64_t digest = event_digest(&e, seq);
      if (!r->months[seq] && !(r->months[seq] = event_months_new())) status = PACT_ERR_NOMEM;
      if (status == PACT_OK) status = event_months_add(r->months[seq], &e, digest);
      if (status != PACT_OK) break;
      if (!day_sums_takes(&e)) {
        r->unsummed[seq].count++;
        r->unsummed[seq].digest += digest;
        continue;
      }
      if (!r->days[seq] && !(r->days[seq] = day_sums_new())) status = PACT_ERR_NOMEM;
      if (status == PACT_OK) status = day_sums_add(r->days[seq], &e);
    }
    if (status == PACT_OK && rc != SQLITE_DONE)
      status = ledger_fail(ledger, diags, "the ledger could not be read");
    sqlite3_finalize(st);
  }
  return status;
}

static PactStatus verify_months(Ledger *ledger, DiagList *diags, const Resummed *again) {
  /* No month is asked for: every row is checked, none kept. */
  MonthRead m = {ledger,
                 diags,
                 "9999-12-31",
                 "9999-12-31T23:59:59Z",
                 0,
                 0,
                 EVENT_MONTH_MAX + 1,
                 0,
                 NULL,
                 NULL,
                 0,
                 {0},
                 NULL,
                 0,
                 0};
  arena_init(&m.arena);
  PactStatus status = month_imports(&m);
  if (status == PACT_OK) status = month_rows(&m);
  for (int64_t seq = 0; status == PACT_OK && seq < m.size; seq++) {
    const MonthImport *im = &m.imports[seq];
    if (!im->file || !im->recorded) continue;
    SumPart rows = {0, 0};
    const EventMonths *months = seq < again->size ? again->months[seq] : NULL;
    size_t count = months ? event_months_count(months) : 0;
    for (size_t i = 0; i < count; i++) {
      EventMonthRow row;
      event_months_get(months, i, &row);
      rows.count++;
      rows.digest += month_row_digest(&row, seq);
    }
    if (rows.count != im->want.count || rows.digest != im->want.digest)
      status = months_error(&m, seq,
                            "its rows of where its events are are not what its events "
                            "give (event_months)");
  }
  free(m.imports);
  arena_free(&m.arena);
  return status;
}

static PactStatus verify_checked(Ledger *ledger, DiagList *diags, LedgerVerifyResult *out) {
  memset(out, 0, sizeof *out);
  PactStatus status = ledger_snapshot_begin(ledger, diags);
  if (status != PACT_OK) return status;
  /* Every row and every import's checksum, as a full reading checks them. */
  status = ledger_each(ledger, &(LedgerQuery){.by_id = true}, diags, count_event, &out->in_force);
  /* Every import's sums as written, and as its events sum again. */
  SumRead r = {ledger, diags, "9999-12-31", "9999-12-31T23:59:59Z", NULL, 0, NULL,
               NULL,   NULL,  NULL};
  Resummed again = {0};
  bool usable = false;
  bool sums = status == PACT_OK && has_table(ledger, "day_sums");
  if (sums) status = sum_imports(&r, &usable);
  if (sums && status == PACT_OK && r.imports) {
    /* Every import counts here, those an undo withdrew too. */
    for (int64_t seq = 0; seq < r.size; seq++) r.imports[seq].visible = false;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(ledger->db,
                           "SELECT i.seq, m.value FROM imports i JOIN pactum_meta m"
                           " ON m.key = 'sums:' || i.seq WHERE m.value <> 'none'",
                           -1, &st, NULL) != SQLITE_OK)
      status = ledger_fail(ledger, diags, "the ledger could not be read");
    while (status == PACT_OK && sqlite3_step(st) == SQLITE_ROW) {
      SumImport *im = sum_import(&r, sqlite3_column_int64(st, 0));
      unsigned long long n[6];
      if (im && sscanf((const char *)value_text(st, 1), "%llu %llx %llu %llx %llu %llx", &n[0],
                       &n[1], &n[2], &n[3], &n[4], &n[5]) == 6) {
        im->visible = true;
        im->want = (SumDigest){{n[0], n[1]}, {n[2], n[3]}, {n[4], n[5]}};
        out->imports_summed++;
      }
    }
    sqlite3_finalize(st);
    if (status == PACT_OK) {
      r.gone = &(Superseded){0};
      if (!(r.days = day_sums_new())) status = PACT_ERR_NOMEM;
    }
    /* As written: the sums (with the copies of superseded events) against their records. */
    if (status == PACT_OK) status = sum_days(&r);
    if (status == PACT_OK) {
      Superseded none = {0};
      strmap_init(&none.voided);
      strmap_init(&none.ids);
      r.gone = &none;
      status = sum_targets(&r);
    }
    if (status == PACT_OK) status = sum_verify(&r, false);
    for (int64_t seq = 0; seq < r.size; seq++) out->day_sums += r.imports[seq].got.days.count;
    /* As the events sum again: the same sums, and the same events kept out of them. */
    if (status == PACT_OK) {
      again.size = r.size;
      again.days = mem_calloc((size_t)r.size, sizeof *again.days);
      again.unsummed = mem_calloc((size_t)r.size, sizeof *again.unsummed);
      again.months = mem_calloc((size_t)r.size, sizeof *again.months);
      if (!again.days || !again.unsummed || !again.months) status = PACT_ERR_NOMEM;
    }
    if (status == PACT_OK) status = resum(ledger, diags, &again);
    for (int64_t seq = 0; status == PACT_OK && seq < r.size; seq++) {
      const SumImport *im = &r.imports[seq];
      if (!im->visible) continue;
      SumPart days = {0, 0};
      size_t count = again.days[seq] ? day_sums_count(again.days[seq]) : 0;
      for (size_t i = 0; i < count; i++) {
        DaySum d;
        day_sums_get(again.days[seq], i, &d);
        days.count++;
        days.digest += day_sum_digest(&d, seq);
      }
      if (days.count != im->want.days.count || days.digest != im->want.days.digest)
        status = sums_error(&r, seq, "its daily sums are not what its events sum to");
      else if (again.unsummed[seq].count != im->want.unsummed.count ||
               again.unsummed[seq].digest != im->want.unsummed.digest)
        status = sums_error(&r, seq, "the events it kept out of its daily sums were changed");
    }
    /* Where each import's events are: its rows as written against their record, and the record
    ** against what its events give again. */
    if (status == PACT_OK && again.months && has_table(ledger, "event_months"))
      status = verify_months(ledger, diags, &again);
  }
  resummed_free(&again);
  sum_read_free(&r);
  /* And the reading a settlement makes, every group taken as sums: the events kept out of them
  ** (unsummed) against their records too. */
  uint64_t read = 0;
  if (status == PACT_OK)
    status = ledger_each(ledger, &(LedgerQuery){.summable = any_group}, diags, count_event, &read);
  ledger_snapshot_end(ledger);
  return status;
}

/* E1220 for a row of undos, acts or void_superseders, named. */
static PactStatus act_error(Ledger *ledger, DiagList *diags, sqlite3_stmt *st, int seq_column,
                            int file_column, const char *format, ...)
    __attribute__((format(printf, 6, 7)));
static PactStatus act_error(Ledger *ledger, DiagList *diags, sqlite3_stmt *st, int seq_column,
                            int file_column, const char *format, ...) {
  char what[700];
  va_list args;
  va_start(args, format);
  vsnprintf(what, sizeof what, format, args);
  va_end(args);
  return checksum_error(ledger, diags, sqlite3_column_int64(st, seq_column),
                        (const char *)value_text(st, file_column), what);
}

/*
** The records every "as known on" answer trusts besides the events: each undo (its days, its
** count, who made it, why it was backdated) and each void superseding event must match its
** checksum, and every checksum must have its row, once the ledger checksums them
** ('acts-checksums'). A changed, added or removed row is E1220, named.
*/
static PactStatus verify_acts(Ledger *ledger, DiagList *diags) {
  if (!ledger_has(ledger, "SELECT 1 FROM pactum_meta WHERE key = 'acts-checksums'", NULL, NULL))
    return PACT_OK;
  const char *acts = acts_source(ledger);
  bool voids = has_table(ledger, "void_superseders");
  char sql[2048];
  sqlite3_stmt *st;
  PactStatus status = PACT_OK;
  int rc = SQLITE_DONE;
  /* 1. Each undo against its checksum: 0-6 its record (undo_digest), 7 the checksum, 8 the
  ** import's file. */
  snprintf(sql, sizeof sql,
           "SELECT u.import_seq, u.recorded_on, u.recorded_at, u.withdrawn, a.act, a.as_party,"
           " a.backdated, m.value, i.file FROM undos u"
           " LEFT JOIN %s a ON a.import_seq = u.import_seq AND a.act = 'undo'"
           " LEFT JOIN pactum_meta m ON m.key = 'undo:' || u.import_seq"
           " LEFT JOIN imports i ON i.seq = u.import_seq ORDER BY u.import_seq",
           acts);
  if (sqlite3_prepare_v2(ledger->db, sql, -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(ledger, diags, "the ledger could not be read");
  while (status == PACT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    const char *value = (const char *)value_text(st, 7);
    unsigned long long sum;
    if (!value)
      status = act_error(ledger, diags, st, 0, 8, "its undo (withdrawn on %.10s) has no checksum",
                         column(st, 1));
    else if (sscanf(value, "%llx", &sum) != 1 || sum != undo_digest(st, 0))
      status = act_error(ledger, diags, st, 0, 8,
                         "its undo (withdrawn on %.10s) was changed (its "
                         "day, time, count, recorder or the reason it was backdated)",
                         column(st, 1));
  }
  if (status == PACT_OK && rc != SQLITE_DONE)
    status = ledger_fail(ledger, diags, "the ledger could not be read");
  sqlite3_finalize(st);
  if (status != PACT_OK) return status;
  /* 2. What a checksum or a record names that the ledger no longer holds: 0 the import, 1 its
  ** file, 2 what (0: an undo's checksum, 1: who made an undo, 2: a void event's checksum), 3 the
  ** void event's id. */
  snprintf(sql, sizeof sql,
           "SELECT CAST(substr(m.key, 6) AS INTEGER) AS s, (SELECT file FROM imports"
           " WHERE seq = CAST(substr(m.key, 6) AS INTEGER)), 0, NULL FROM pactum_meta m"
           " WHERE m.key LIKE 'undo:%%' AND NOT EXISTS (SELECT 1 FROM undos u"
           " WHERE u.import_seq = CAST(substr(m.key, 6) AS INTEGER))"
           " UNION ALL SELECT a.import_seq, (SELECT file FROM imports WHERE seq = a.import_seq), 1,"
           " NULL FROM %s a WHERE a.act = 'undo'"
           " AND NOT EXISTS (SELECT 1 FROM undos u WHERE u.import_seq = a.import_seq)"
           " UNION ALL SELECT CAST(substr(m.value, 18) AS INTEGER), (SELECT file FROM imports"
           " WHERE seq = CAST(substr(m.value, 18) AS INTEGER)), 2, substr(m.key, 6)"
           " FROM pactum_meta m WHERE m.key LIKE 'void:%%'%s",
           acts,
           voids ? " AND NOT EXISTS (SELECT 1 FROM void_superseders v"
                   " WHERE v.id = substr(m.key, 6))"
                 : "");
  if (sqlite3_prepare_v2(ledger->db, sql, -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(ledger, diags, "the ledger could not be read");
  if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    int what = sqlite3_column_int(st, 2);
    if (what == 0) status = act_error(ledger, diags, st, 0, 1, "its undo was removed (undos)");
    else if (what == 1)
      status = act_error(ledger, diags, st, 0, 1,
                         "the ledger says who made an undo of it that "
                         "it does not hold (acts)");
    else
      status = act_error(ledger, diags, st, 0, 1,
                         "its record that '%.100s' takes no effect was "
                         "removed (void_superseders)",
                         column(st, 3));
  } else if (rc != SQLITE_DONE) {
    status = ledger_fail(ledger, diags, "the ledger could not be read");
  }
  sqlite3_finalize(st);
  if (status != PACT_OK || !voids) return status;
  /* 3. Each void superseding event against its checksum: 0-3 its row (void_digest), 4 the
  ** checksum, 5 the file of the import it names. */
  if (sqlite3_prepare_v2(
          ledger->db,
          "SELECT v.id, v.target, v.reason, v.import_seq, m.value, i.file"
          " FROM void_superseders v LEFT JOIN pactum_meta m ON m.key = 'void:' || v.id"
          " LEFT JOIN imports i ON i.seq = v.import_seq ORDER BY v.import_seq, v.id",
          -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(ledger, diags, "the ledger could not be read");
  while (status == PACT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    const char *value = (const char *)value_text(st, 4);
    unsigned long long sum;
    if (!value || sscanf(value, "%llx", &sum) != 1 || sum != void_digest(st, 0))
      status = act_error(ledger, diags, st, 3, 5,
                         "its record that '%.100s' takes no effect (on "
                         "'%.100s') %s (void_superseders)",
                         column(st, 0), column(st, 1), value ? "was changed" : "has no checksum");
  }
  if (status == PACT_OK && rc != SQLITE_DONE)
    status = ledger_fail(ledger, diags, "the ledger could not be read");
  sqlite3_finalize(st);
  return status;
}

static PactStatus each_checked(Ledger *ledger, const LedgerQuery *query, DiagList *diags,
                               LedgerVisit visit, void *context) {
  /* The day claimed (?1) and the machine's time (?2) an import or undo must be within to count:
  ** as known on a day, the days the imports claim; as held on a day, when they were written. */
  char day[11] = "9999-12-31", stamp[21] = "9999-12-31T23:59:59Z";
  bool known_on = query && query->has_known_on;
  bool held_on = query && query->has_held_on && !known_on;
  if (known_on) pact_date_format(query->known_on, day);
  if (held_on) {
    pact_date_format(query->held_on, day);
    snprintf(stamp, sizeof stamp, "%sT23:59:59Z", day);
  }
  if (known_on || held_on) note_before_first(ledger, day, held_on, diags);
  if (known_on) note_backdated(ledger, day, diags);
  /* Withdrawn events are read only as known on a day before their undo, and only when there are
  ** any: the plain reading stays one table in its own order. */
  bool withdrawn = (known_on || held_on) &&
                   ledger_has(ledger,
                              "SELECT 1 FROM undos WHERE recorded_on > ?1 OR recorded_at > ?2"
                              " LIMIT 1",
                              day, stamp);
  Superseded gone = {0};
  strmap_init(&gone.voided);
  strmap_init(&gone.ids);
  arena_init(&gone.arena);
  PactStatus status = superseded_read(ledger, day, stamp, withdrawn, diags, &gone);
  if (status != PACT_OK) {
    superseded_free(&gone);
    return status;
  }
  bool days = query && query->has_days;
  /* A settlement reads the daily sums, when they can serve: not as known on a day before an
  ** undo (the withdrawn events would have to be summed again). A reader of one period reads
  ** the events of its months through each import's record of where they are, when every
  ** import it sees has one: not as known on a day before an undo either. */
  if (query && (days || query->summable) && !withdrawn) {
    bool used = false;
    status = days ? months_each(ledger, query, day, stamp, &gone, diags, visit, context, &used)
                  : summed_each(ledger, query, day, stamp, &gone, diags, visit, context, &used);
    if (status != PACT_OK || used) {
      superseded_free(&gone);
      return status;
    }
  }
  /* By id: the table's own order (WITHOUT ROWID, keyed on id), which needs no sort. */
  char sql[sizeof each_sql + sizeof each_withdrawn_sql + 160];
  if (days) /* the events whose days meet [?3, ?4]: one pass over the table, no index */
    snprintf(sql, sizeof sql,
             "SELECT * FROM (%s%s) WHERE date <= ?4"
             " AND coalesce(end_date, date) >= ?3 ORDER BY %s",
             each_sql, withdrawn ? each_withdrawn_sql : "", query->by_id ? "1" : "3, 1");
  else if (withdrawn) /* by position: the union's columns have no table */
    snprintf(sql, sizeof sql, "%s%s ORDER BY %s", each_sql, each_withdrawn_sql,
             query->by_id ? "1" : "3, 1");
  else
    snprintf(sql, sizeof sql, "%s ORDER BY %s", each_sql,
             query && query->by_id ? "e.id" : "e.date, e.id");
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(ledger->db, sql, -1, &st, NULL) != SQLITE_OK) {
    superseded_free(&gone);
    return ledger_fail(ledger, diags, "the ledger could not be read");
  }
  sqlite3_bind_text(st, 1, day, 10, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, stamp, -1, SQLITE_STATIC);
  char first[11], last[11];
  if (days) {
    pact_date_format(query->first, first);
    pact_date_format(query->last, last);
    sqlite3_bind_text(st, 3, first, 10, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, last, 10, SQLITE_STATIC);
  }
  int rc;
  Event e;
  ReadSums sums = {0};
  while (status == PACT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    RowFault f = {0};
    if (!row_event(st, &e, &f)) {
      status = report_row(ledger, diags, st, &f);
      break;
    }
    int64_t seq = sqlite3_column_int64(st, 14);
    if (!read_sums_add(&sums, seq, event_digest(&e, seq))) {
      status =
          seq < 0 || seq >= READ_SUMS_SEQ_MAX
              ? report_row(ledger, diags, st, &(RowFault){"import_seq", "an import out of range"})
              : PACT_ERR_NOMEM;
      break;
    }
    status = each_event(ledger, diags, st, &gone, &e, visit, context);
  }
  if (status == PACT_OK && rc != SQLITE_DONE)
    status = ledger_fail(ledger, diags, "the ledger could not be read");
  sqlite3_finalize(st);
  superseded_free(&gone);
  /* Some days' events are not an import's whole: the records are checked, and the reader
  ** checks what it read against the figures (explain: E1225). */
  if (status == PACT_OK) status = verify_sums(ledger, day, stamp, days ? NULL : &sums, diags);
  if (status == PACT_OK) status = verify_acts(ledger, diags);
  free(sums.count);
  free(sums.sum);
  return status;
}

/* ---------------------------------------------------------------- imports and undo */

static PactStatus imports_checked(Ledger *ledger, DiagList *diags,
                                  PactStatus (*visit)(void *context,
                                                      const LedgerImportInfo *import),
                                  void *context) {
  /* What the listing shows is what every reading trusts: checked first. */
  PactStatus checked = verify_sums(ledger, "9999-12-31", "9999-12-31T23:59:59Z", NULL, diags);
  if (checked == PACT_OK) checked = verify_acts(ledger, diags);
  if (checked != PACT_OK) return checked;
  sqlite3_stmt *st;
  char sql[1024];
  snprintf(sql, sizeof sql,
           "SELECT i.seq, i.file, i.recorded_on, i.recorded_at, i.as_party, i.added,"
           " i.known, u.recorded_on, u.recorded_at, u.withdrawn, ai.backdated, au.as_party,"
           " au.backdated FROM imports i LEFT JOIN undos u ON u.import_seq = i.seq"
           " LEFT JOIN %s ai ON ai.import_seq = i.seq AND ai.act = 'import'"
           " LEFT JOIN %s au ON au.import_seq = u.import_seq AND au.act = 'undo' ORDER BY i.seq",
           acts_source(ledger), acts_source(ledger));
  if (sqlite3_prepare_v2(ledger->db, sql, -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(ledger, diags, "the ledger could not be read");
  PactStatus status = PACT_OK;
  int rc;
  while (status == PACT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    LedgerImportInfo info = {
        sqlite3_column_int64(st, 0),
        column(st, 1),
        column(st, 2),
        column(st, 3),
        (const char *)value_text(st, 4),
        (uint64_t)sqlite3_column_int64(st, 5),
        (uint64_t)sqlite3_column_int64(st, 6),
        (const char *)value_text(st, 7),
        (const char *)value_text(st, 8),
        (uint64_t)sqlite3_column_int64(st, 9),
        (const char *)value_text(st, 10),
        (const char *)value_text(st, 11),
        (const char *)value_text(st, 12),
    };
    status = visit(context, &info);
  }
  if (status == PACT_OK && rc != SQLITE_DONE)
    status = ledger_fail(ledger, diags, "the ledger could not be read");
  sqlite3_finalize(st);
  return status;
}

/* Runs a statement of no result with one integer and one text bound (either may be unused). */
static PactStatus ledger_run(Ledger *ledger, DiagList *diags, const char *sql, int64_t number,
                             const char *text, uint64_t *changes) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(ledger->db, sql, -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(ledger, diags, "the ledger could not be written");
  sqlite3_bind_int64(st, 1, number);
  if (text) sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
  int rc = sqlite3_step(st);
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) return ledger_fail(ledger, diags, "the ledger could not be written");
  if (changes) *changes = (uint64_t)sqlite3_changes(ledger->db);
  return PACT_OK;
}

/* Is the undo of import seq one the ledger can record on day? Reports why not. */
static PactStatus undo_allowed(Ledger *ledger, int64_t seq, const char *day, const char *as,
                               DiagList *diags) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(ledger->db,
                         "SELECT i.file, i.recorded_on, u.recorded_on,"
                         " (SELECT MIN(seq) FROM imports), (SELECT MAX(seq) FROM imports),"
                         " i.as_party"
                         " FROM (SELECT 1) LEFT JOIN imports i ON i.seq = ?1"
                         " LEFT JOIN undos u ON u.import_seq = i.seq",
                         -1, &st, NULL) != SQLITE_OK)
    return ledger_fail(ledger, diags, "the ledger could not be read");
  sqlite3_bind_int64(st, 1, seq);
  PactStatus status = PACT_OK;
  if (sqlite3_step(st) != SQLITE_ROW) {
    status = ledger_fail(ledger, diags, "the ledger could not be read");
  } else if (sqlite3_column_type(st, 0) == SQLITE_NULL) {
    char help[160] = "the ledger has no imports yet";
    if (sqlite3_column_type(st, 3) != SQLITE_NULL)
      snprintf(help, sizeof help,
               "its imports are numbered %lld to %lld: pactum imports "
               "--ledger FILE lists them",
               (long long)sqlite3_column_int64(st, 3), (long long)sqlite3_column_int64(st, 4));
    diag_add_line(diags, DIAG_ERROR, "E1212", ledger->path, 0, help,
                  "the ledger has no import %lld", (long long)seq);
    status = PACT_ERR_INVALID;
  } else if (sqlite3_column_type(st, 2) != SQLITE_NULL) {
    diag_add_line(diags, DIAG_ERROR, "E1213", ledger->path, 0,
                  "an import is withdrawn once; import the file again to bring its events back",
                  "import %lld (%s) was already withdrawn on %s", (long long)seq, column(st, 0),
                  column(st, 2));
    status = PACT_ERR_INVALID;
  } else if (strcmp(column(st, 1), day) > 0) {
    diag_add_line(diags, DIAG_ERROR, "E1214", ledger->path, 0,
                  "record the undo on or after the day of the import (--recorded-on)",
                  "import %lld (%s) was recorded on %s: it cannot be withdrawn on %s, before it "
                  "was made",
                  (long long)seq, column(st, 0), column(st, 1), day);
    status = PACT_ERR_INVALID;
  } else if (as && (sqlite3_column_type(st, 5) == SQLITE_NULL || strcmp(column(st, 5), as) != 0)) {
    /* A party takes back what it put in, and only that. */
    const char *by = (const char *)value_text(st, 5);
    char made[200];
    if (by) snprintf(made, sizeof made, "was imported as %.80s", by);
    else snprintf(made, sizeof made, "was imported trusted (without --as)");
    diag_add_line(diags, DIAG_ERROR, "E1262", ledger->path, 0,
                  by ? "withdraw it as the party that imported it (--as), or trusted (without --as)"
                     : "only a trusted undo (without --as) withdraws a trusted import",
                  "import %lld (%s) %s: %s may withdraw only an import it made", (long long)seq,
                  column(st, 0), made, as);
    status = PACT_ERR_INVALID;
  }
  sqlite3_finalize(st);
  return status;
}

static PactStatus undo_checked(Ledger *ledger, int64_t seq, const UndoOptions *options,
                               DiagList *diags, UndoResult *result) {
  memset(result, 0, sizeof *result);
  char day[11], stamp[21];
  PactDate today = ledger_now(stamp);
  pact_date_format(options && options->has_recorded_on ? options->recorded_on : today, day);
  const char *as = options ? options->as : NULL;
  const char *because = options ? options->backdated_because : NULL;
  char what[64];
  snprintf(what, sizeof what, "the undo of import %lld", (long long)seq);
  PactStatus status = options ? check_recorded_on(ledger, diags, what, options->has_recorded_on,
                                                  options->recorded_on, because)
                              : PACT_OK;
  if (status != PACT_OK) return status;
  bool backdated = options && options->has_recorded_on && options->recorded_on < today;
  status = ledger_begin_write(ledger, diags, "BEGIN IMMEDIATE");
  if (status != PACT_OK) return status;
  status = undo_allowed(ledger, seq, day, as, diags);
  if (status == PACT_OK) status = begin_act_sums(ledger, diags);
  /* The events move to withdrawn, whole: history is kept, and their ids are free again. */
  if (status == PACT_OK)
    status = ledger_run(ledger, diags,
                        "INSERT INTO withdrawn SELECT id, kind, date, end_date, party,"
                        " counterparty, stream, subject, amount_minor, currency, ref, note,"
                        " import_seq, source_line FROM events WHERE import_seq = ?1",
                        seq, NULL, &result->withdrawn);
  if (status == PACT_OK)
    status = ledger_run(ledger, diags, "DELETE FROM events WHERE import_seq = ?1", seq, NULL, NULL);
  if (status == PACT_OK) {
    char sql[200];
    snprintf(sql, sizeof sql,
             "INSERT INTO undos(import_seq, recorded_on, recorded_at, withdrawn)"
             " VALUES (?1, substr(?2, 1, 10), substr(?2, 11), %llu)",
             (unsigned long long)result->withdrawn);
    char day_stamp[32];
    snprintf(day_stamp, sizeof day_stamp, "%s%s", day, stamp);
    status = ledger_run(ledger, diags, sql, seq, day_stamp, NULL);
  }
  /* Who made it (NULL: trusted), always said; why it was backdated, when it was. */
  if (status == PACT_OK)
    status = record_act(ledger, diags, seq, "undo", as, backdated ? because : NULL);
  if (status == PACT_OK) status = write_undo_sums(ledger, diags, seq);
  if (status == PACT_OK) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(ledger->db,
                           "SELECT COUNT(*) FROM imports i WHERE i.seq > ?1 AND i.known > 0"
                           " AND NOT EXISTS (SELECT 1 FROM undos u WHERE u.import_seq = i.seq)",
                           -1, &st, NULL) == SQLITE_OK) {
      sqlite3_bind_int64(st, 1, seq);
      if (sqlite3_step(st) == SQLITE_ROW)
        result->later_known = (uint64_t)sqlite3_column_int64(st, 0);
      sqlite3_finalize(st);
    }
  }
  if (status == PACT_OK) status = ledger_commit(ledger, diags);
  if (status != PACT_OK) {
    ledger_rollback(ledger);
    memset(result, 0, sizeof *result);
    return status;
  }
  ledger_checkpoint(ledger);
  return PACT_OK;
}

PactStatus ledger_import(Ledger *ledger, const char *path, const ImportOptions *options,
                         DiagList *diags, ImportResult *result) {
  LostNote outer = lost_begin();
  return lost_end(ledger, diags, outer, import_checked(ledger, path, options, diags, result));
}

PactStatus ledger_verify(Ledger *ledger, DiagList *diags, LedgerVerifyResult *out) {
  LostNote outer = lost_begin();
  return lost_end(ledger, diags, outer, verify_checked(ledger, diags, out));
}

PactStatus ledger_each(Ledger *ledger, const LedgerQuery *query, DiagList *diags, LedgerVisit visit,
                       void *context) {
  LostNote outer = lost_begin();
  return lost_end(ledger, diags, outer, each_checked(ledger, query, diags, visit, context));
}

PactStatus ledger_imports(Ledger *ledger, DiagList *diags,
                          PactStatus (*visit)(void *context, const LedgerImportInfo *import),
                          void *context) {
  LostNote outer = lost_begin();
  return lost_end(ledger, diags, outer, imports_checked(ledger, diags, visit, context));
}

PactStatus ledger_undo(Ledger *ledger, int64_t seq, const UndoOptions *options, DiagList *diags,
                       UndoResult *result) {
  LostNote outer = lost_begin();
  return lost_end(ledger, diags, outer, undo_checked(ledger, seq, options, diags, result));
}
