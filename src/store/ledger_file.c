/*
** ledger_file.c -- the ledger's file and the connection to it: what is at the path before
** SQLite opens anything, the locks and the process's table of its open files, opening to read
** (without writing a byte) or to write, the write transaction and its guard, snapshots, and the
** clock writes are stamped with. SQLite gives pactum atomic, crash-safe files for free; pactum
** adds the rules about ids (ledger_import.c).
*/
#include "store/ledger_int.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/mem.h"

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

/* The clock writes are stamped with: the machine's, or a test's (ledger_test_clock). */
static int64_t (*test_clock)(void);

void ledger_test_clock(int64_t (*now)(void)) { test_clock = now; }

/* Now, by the machine's clock (UTC): the stamp a write records (2026-12-03T07:36:14Z) and its
** day. Never the importer's word. */
PactDate ledger_now(char stamp[21]) {
  time_t now = test_clock ? (time_t)test_clock() : time(NULL);
  struct tm tm;
  if (!gmtime_r(&now, &tm) || strftime(stamp, 21, "%Y-%m-%dT%H:%M:%SZ", &tm) != 20)
    snprintf(stamp, 21, "1970-01-01T00:00:00Z");
  int64_t seconds = (int64_t)now;
  return (PactDate)(seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400));
}

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

PactStatus ledger_fail(Ledger *ledger, DiagList *diags, const char *what) {
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

PactStatus ledger_exec(Ledger *ledger, DiagList *diags, const char *sql) {
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
PactStatus ledger_begin_write(Ledger *ledger, DiagList *diags, const char *sql) {
  PactStatus status = ledger_exec(ledger, diags, sql);
  if (status == PACT_OK) ledger->guarded = true;
  return status;
}

/* Commits it: an error when the transaction is no longer open (rolled back under us), or when
** a value it read came back NULL for want of memory (what it wrote may rest on it). */
PactStatus ledger_commit(Ledger *ledger, DiagList *diags) {
  PactStatus status;
  if (ledger_lost()) {
    status = ledger_lost_status(ledger, diags);
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

void ledger_rollback(Ledger *ledger) {
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
  if (ok) snprintf(buf, size, "%s", (const char *)ledger_value_text(st, 0));
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
void ledger_checkpoint(Ledger *ledger) {
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

/* A read-only connection that could not be made, as a status: out of memory when there is no
** connection for want of it (its URI, or SQLite's own), not a ledger that cannot be read. */
static PactStatus read_failed(Ledger *ledger, int rc, DiagList *diags) {
  if (rc == SQLITE_NOMEM && !ledger->db) return PACT_ERR_NOMEM;
  return ledger_fail(ledger, diags, "the ledger could not be read");
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
    return rc == SQLITE_OK ? PACT_OK : read_failed(ledger, rc, diags);
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
    if (rc == SQLITE_NOMEM && !ledger->db) return PACT_ERR_NOMEM; /* see read_failed */
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
  return rc == SQLITE_OK ? PACT_OK : read_failed(ledger, rc, diags);
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
  const char *names = (const char *)ledger_value_text(st, 2);
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

/* What an SQLite database at the path is, as mode opens it: a ledger of this schema; one of
** schema 2, to be brought to this one by a writer; an empty one (*fresh for a new ledger);
** anything else is refused. */
static PactStatus check_database(Ledger *ledger, OpenMode mode, bool *fresh, DiagList *diags) {
  char what[160];
  switch (db_kind(ledger, what, sizeof what)) {
    case DB_ERROR: return ledger_fail(ledger, diags, "the ledger could not be read");
    case DB_EMPTY:
      if (mode != OPEN_CREATE)
        return refuse(ledger, diags, mode, "an SQLite database with no tables");
      *fresh = true;
      return PACT_OK;
    case DB_FOREIGN: {
      char described[256];
      snprintf(described, sizeof described,
               "an SQLite database of another application "
               "(tables: %s)",
               what);
      return refuse(ledger, diags, mode, described);
    }
    case DB_LEDGER:
      if (strcmp(what, LEDGER_SCHEMA_VERSION) == 0) return PACT_OK;
      if (strcmp(what, "2") != 0) {
        diag_add_line(diags, DIAG_ERROR, "E1202", ledger->path, 0,
                      "create a new ledger with pactum init and import the event files again",
                      "this ledger has schema %s; this pactum reads schema " LEDGER_SCHEMA_VERSION,
                      what);
        return PACT_ERR_IO;
      }
      if (mode == OPEN_READ) {
        diag_add_line(diags, DIAG_ERROR, "E1231", ledger->path, 0,
                      "bring it to schema " LEDGER_SCHEMA_VERSION
                      " once, its events as they "
                      "are: pactum init --ledger FILE (or any import)",
                      "this ledger has schema 2, which this pactum reads only once it is "
                      "brought to schema " LEDGER_SCHEMA_VERSION
                      ", and reading does not "
                      "change a ledger");
        return PACT_ERR_IO;
      }
      return PACT_OK;
  }
  return PACT_OK;
}

/* What is at the path, as mode opens it (an SQLite database read through connect_reader):
** *fresh when a new ledger is to be made there; anything else is refused. */
static PactStatus check_file(Ledger *ledger, OpenMode mode, FileKind kind, bool wal, int error,
                             bool *fresh, DiagList *diags) {
  switch (kind) {
    case KIND_NONE:
      if (mode == OPEN_CREATE) {
        *fresh = true;
        return PACT_OK;
      }
      diag_add_line(diags, DIAG_ERROR, "E1202", ledger->path, 0,
                    "create one first: pactum init --ledger FILE", "there is no ledger here");
      return PACT_ERR_IO;
    case KIND_EMPTY:
      if (mode != OPEN_CREATE) return refuse(ledger, diags, mode, "an empty file (0 bytes)");
      *fresh = true;
      return PACT_OK;
    case KIND_NOT_FILE: return refuse(ledger, diags, mode, "a folder or a device");
    case KIND_OTHER: return refuse(ledger, diags, mode, "a file that is not an SQLite database");
    case KIND_UNREADABLE:
      diag_add_line(diags, DIAG_ERROR, "E1201", ledger->path, 0,
                    "check that the ledger can be read", "the ledger cannot be read: %s",
                    strerror(error));
      return PACT_ERR_IO;
    case KIND_SQLITE: {
      PactStatus status = connect_reader(ledger, wal, diags);
      return status == PACT_OK ? check_database(ledger, mode, fresh, diags) : status;
    }
  }
  return PACT_OK;
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
  bool wal = false, fresh = false;
  int error = 0;
  FileKind kind = file_kind(path, &ledger->fd, &wal, &error);
  if (ledger->fd >= 0) open_file_add(ledger, ledger->fd); /* when full: closed on its own */
  PactStatus status = check_file(ledger, mode, kind, wal, error, &fresh, diags);
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
