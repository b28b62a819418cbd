/*
** test_faults.c -- the ledger under a failing machine. A shim between SQLite and the files (a
** VFS of its own, made the default) fails the n-th write, fsync, truncate or read, makes a write
** short, lies about a read, or cuts the power at the n-th write or fsync, dropping (or tearing,
** sector by sector) everything not yet synced; and the n-th allocation, SQLite's or pactum's,
** fails. For every n in turn, in a child process, an import of one file into a ledger that
** holds another:
**   - the ledger is then exactly as before the import or exactly as after it (its events in
**     force, its imports, and pactum verify's reading of every row, checksum and daily sum);
**   - as after it only if the import said it landed, as before it only if it said it did not
**     (a power cut says nothing, and may leave either);
**   - importing the file again completes it: the ledger is then as after.
** And for a settlement read over the ledger (from its daily sums) and an explanation of one of
** its obligations (the period's events), every n: the figures are right or the report fails,
** never other figures, and the ledger's bytes do not change.
**
** The sweeps end where n passes the last operation of its kind. The sanitizer build, where each
** child costs some 60 ms, tries every 2nd n of the I/O faults and every 25th allocation;
** FAULTS_STRIDE=k sets every k-th n for all; FAULTS_VERBOSE=1 says each outcome.
*/
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/mem.h"
#include "engine/settle.h"
#include "feed/feed.h"
#include "render/explain.h"
#include "store/ledger.h"
#include "sink.h"
#include "unit.h"
#include "clean.h"

static const char agreement_text[] =
    "agreement faults {\n  currency USD\n  party a \"A\"\n  party b \"B\"\n  party c \"C\"\n}\n"
    "version v1 {\n  effective 2020-01-01\n  source contract \"test\"\n"
    "  revenue-share fee {\n    says \"fee\"\n    payer a\n    payee c\n"
    "    base revenue of a\n    rate 12.5%\n    settle quarterly\n    due 30 days after period "
    "end\n"
    "  }\n"
    "  revenue-share capped {\n    says \"capped\"\n    payer b\n    payee c\n"
    "    base revenue of b\n    rate 37.5%\n    cap USD 12,345.67 counting all versions\n"
    "    settle quarterly\n  }\n}\n";

/* ---------------------------------------------------------------- the shim */

typedef enum FaultKind {
  FAULT_NONE,
  FAULT_WRITE,       /* the n-th write or truncate fails (SQLITE_IOERR_WRITE), once */
  FAULT_DISK_FULL,   /* from the n-th write on, every write fails (SQLITE_FULL) */
  FAULT_SHORT_WRITE, /* the n-th write writes half its bytes (SQLITE_FULL, as a short write) */
  FAULT_SYNC,        /* the n-th fsync fails, once */
  FAULT_SYNC_ALWAYS, /* from the n-th fsync on, every fsync fails */
  FAULT_READ,        /* the n-th read fails (SQLITE_IOERR_READ) */
  FAULT_SHORT_READ,  /* the n-th read says the file ended halfway (zeros after) */
  FAULT_READ_FLIP,   /* the n-th read returns its bytes with one bit flipped, as if fine */
  FAULT_POWER,       /* the power goes at the n-th write, truncate or fsync: the unsynced is lost */
  FAULT_POWER_TORN,  /* the same, but each unsynced sector is kept or lost at random */
  FAULT_SQLITE_MALLOC, /* SQLite's n-th allocation fails */
  FAULT_PACT_MALLOC,   /* pactum's n-th allocation fails */
} FaultKind;

static const char *const kind_names[] = {
    "none",          "write",      "disk-full", "short-write", "fsync",           "fsync-always",
    "read",          "short-read", "read-flip", "power-loss",  "torn-power-loss", "sqlite-malloc",
    "pactum-malloc",
};

static FaultKind fault_kind;
static long fault_at;    /* the operation of its kind that fails (1: the first) */
static long fault_count; /* operations of its kind so far */
static bool fault_hit;   /* whether the fault happened */
static uint64_t torn_seed;

/* Counts an operation of class k; true when it is the one to fail (or one after it, for the
** faults that last). */
static bool fault_now(FaultKind k) {
  bool lasting = fault_kind == FAULT_DISK_FULL || fault_kind == FAULT_SYNC_ALWAYS;
  bool same =
      k == fault_kind ||
      (k == FAULT_WRITE && (fault_kind == FAULT_DISK_FULL || fault_kind == FAULT_SHORT_WRITE)) ||
      (k == FAULT_SYNC && fault_kind == FAULT_SYNC_ALWAYS) ||
      (k == FAULT_READ && (fault_kind == FAULT_SHORT_READ || fault_kind == FAULT_READ_FLIP));
  if (!same) return false;
  fault_count++;
  if (fault_count == fault_at || (lasting && fault_count > fault_at)) {
    fault_hit = true;
    return true;
  }
  return false;
}

/* A file pactum's ledger is kept in (the database, its log, a journal): what it held when last
** synced, while it has unsynced changes, so that a power cut can put it back. */
typedef struct Durable {
  char path[512];
  bool pending;          /* changed since it was last synced */
  unsigned char *synced; /* its bytes then */
  sqlite3_int64 synced_size;
} Durable;

#define DURABLE_MAX 16
static Durable durable[DURABLE_MAX];

typedef struct ShimFile {
  sqlite3_file base;
  sqlite3_file *real;
  int durable; /* index in durable, or -1 (a temporary file) */
} ShimFile;

static sqlite3_vfs *real_vfs;
static sqlite3_vfs shim_vfs;

static int durable_slot(const char *path) {
  for (int i = 0; i < DURABLE_MAX; i++)
    if (durable[i].path[0] && strcmp(durable[i].path, path) == 0) return i;
  for (int i = 0; i < DURABLE_MAX; i++)
    if (!durable[i].path[0]) {
      snprintf(durable[i].path, sizeof durable[i].path, "%s", path);
      return i;
    }
  return -1;
}

static unsigned char *read_whole(const char *path, sqlite3_int64 *size) {
  *size = 0;
  int fd = open(path, O_RDONLY);
  if (fd < 0) return NULL;
  struct stat st;
  unsigned char *data = NULL;
  if (fstat(fd, &st) == 0 && (data = malloc((size_t)st.st_size + 1)) != NULL) {
    ssize_t got = pread(fd, data, (size_t)st.st_size, 0);
    *size = got > 0 ? got : 0;
  }
  close(fd);
  return data;
}

/* Before the first change after a sync: what the file held. */
static void durable_note_change(ShimFile *f) {
  if (f->durable < 0) return;
  Durable *d = &durable[f->durable];
  if (d->pending) return;
  d->synced = read_whole(d->path, &d->synced_size);
  d->pending = true;
}

static void durable_synced(ShimFile *f) {
  if (f->durable < 0) return;
  Durable *d = &durable[f->durable];
  free(d->synced);
  d->synced = NULL;
  d->pending = false;
}

static uint64_t torn_next(void) {
  torn_seed ^= torn_seed << 13;
  torn_seed ^= torn_seed >> 7;
  torn_seed ^= torn_seed << 17;
  return torn_seed;
}

/* The power goes: every file is left as it was last synced, or (torn) with each 512-byte sector
** changed since either as it was or as it is, and its length either; then the process is gone. */
static void power_cut(void) {
  for (int i = 0; i < DURABLE_MAX; i++) {
    Durable *d = &durable[i];
    if (!d->path[0] || !d->pending) continue;
    sqlite3_int64 now_size = 0;
    unsigned char *now = read_whole(d->path, &now_size);
    sqlite3_int64 size = d->synced_size;
    unsigned char *out = malloc((size_t)(now_size > size ? now_size : size) + 1);
    if (!out) _exit(98);
    if (size) memcpy(out, d->synced, (size_t)size);
    if (fault_kind == FAULT_POWER_TORN) {
      if (torn_next() % 2) size = now_size;
      for (sqlite3_int64 at = 0; at < now_size; at += 512) {
        sqlite3_int64 n = now_size - at < 512 ? now_size - at : 512;
        bool keep_new = at >= d->synced_size || torn_next() % 2;
        if (keep_new) memcpy(out + at, now + at, (size_t)n);
      }
    }
    int fd = open(d->path, O_WRONLY);
    if (fd >= 0) {
      if (size && pwrite(fd, out, (size_t)size, 0) != (ssize_t)size) _exit(98);
      if (ftruncate(fd, size) != 0) _exit(98);
      close(fd);
    }
    free(now);
    free(out);
  }
  _exit(99);
}

static bool power_now(void) {
  if (fault_kind != FAULT_POWER && fault_kind != FAULT_POWER_TORN) return false;
  return ++fault_count == fault_at;
}

static int shim_close(sqlite3_file *file) {
  ShimFile *f = (ShimFile *)file;
  int rc = f->real->pMethods ? f->real->pMethods->xClose(f->real) : SQLITE_OK;
  return rc;
}

static int shim_read(sqlite3_file *file, void *buf, int amount, sqlite3_int64 offset) {
  ShimFile *f = (ShimFile *)file;
  if (fault_now(FAULT_READ)) {
    if (fault_kind == FAULT_READ) return SQLITE_IOERR_READ;
    int rc = f->real->pMethods->xRead(f->real, buf, amount, offset);
    if (fault_kind == FAULT_SHORT_READ) {
      memset((char *)buf + amount / 2, 0, (size_t)(amount - amount / 2));
      return SQLITE_IOERR_SHORT_READ;
    }
    if (amount > 0)
      ((unsigned char *)buf)[(size_t)(fault_at * 7919) % (size_t)amount] ^=
          (unsigned char)(1u << (fault_at % 8));
    return rc;
  }
  return f->real->pMethods->xRead(f->real, buf, amount, offset);
}

static int shim_write(sqlite3_file *file, const void *buf, int amount, sqlite3_int64 offset) {
  ShimFile *f = (ShimFile *)file;
  if (power_now()) power_cut();
  if (fault_now(FAULT_WRITE)) {
    if (fault_kind == FAULT_WRITE) return SQLITE_IOERR_WRITE;
    if (fault_kind == FAULT_DISK_FULL) return SQLITE_FULL;
    durable_note_change(f);
    f->real->pMethods->xWrite(f->real, buf, amount / 2, offset);
    return SQLITE_FULL;
  }
  durable_note_change(f);
  return f->real->pMethods->xWrite(f->real, buf, amount, offset);
}

static int shim_truncate(sqlite3_file *file, sqlite3_int64 size) {
  ShimFile *f = (ShimFile *)file;
  if (power_now()) power_cut();
  if (fault_now(FAULT_WRITE))
    return fault_kind == FAULT_DISK_FULL ? SQLITE_FULL : SQLITE_IOERR_TRUNCATE;
  durable_note_change(f);
  return f->real->pMethods->xTruncate(f->real, size);
}

static int shim_sync(sqlite3_file *file, int flags) {
  ShimFile *f = (ShimFile *)file;
  if (power_now()) power_cut();
  if (fault_now(FAULT_SYNC)) return SQLITE_IOERR_FSYNC;
  int rc = f->real->pMethods->xSync(f->real, flags);
  if (rc == SQLITE_OK) durable_synced(f);
  return rc;
}

static int shim_file_size(sqlite3_file *file, sqlite3_int64 *size) {
  ShimFile *f = (ShimFile *)file;
  return f->real->pMethods->xFileSize(f->real, size);
}
static int shim_lock(sqlite3_file *file, int level) {
  ShimFile *f = (ShimFile *)file;
  return f->real->pMethods->xLock(f->real, level);
}
static int shim_unlock(sqlite3_file *file, int level) {
  ShimFile *f = (ShimFile *)file;
  return f->real->pMethods->xUnlock(f->real, level);
}
static int shim_check_reserved(sqlite3_file *file, int *out) {
  ShimFile *f = (ShimFile *)file;
  return f->real->pMethods->xCheckReservedLock(f->real, out);
}
static int shim_file_control(sqlite3_file *file, int op, void *arg) {
  ShimFile *f = (ShimFile *)file;
  return f->real->pMethods->xFileControl(f->real, op, arg);
}
static int shim_sector_size(sqlite3_file *file) {
  ShimFile *f = (ShimFile *)file;
  return f->real->pMethods->xSectorSize(f->real);
}
static int shim_device(sqlite3_file *file) {
  ShimFile *f = (ShimFile *)file;
  return f->real->pMethods->xDeviceCharacteristics(f->real);
}
static int shim_shm_map(sqlite3_file *file, int page, int size, int extend, void volatile **out) {
  ShimFile *f = (ShimFile *)file;
  return f->real->pMethods->xShmMap(f->real, page, size, extend, out);
}
static int shim_shm_lock(sqlite3_file *file, int offset, int n, int flags) {
  ShimFile *f = (ShimFile *)file;
  return f->real->pMethods->xShmLock(f->real, offset, n, flags);
}
static void shim_shm_barrier(sqlite3_file *file) {
  ShimFile *f = (ShimFile *)file;
  f->real->pMethods->xShmBarrier(f->real);
}
static int shim_shm_unmap(sqlite3_file *file, int delete_flag) {
  ShimFile *f = (ShimFile *)file;
  return f->real->pMethods->xShmUnmap(f->real, delete_flag);
}
/* No memory map: every page is read through shim_read, where the faults are. */
static int shim_fetch(sqlite3_file *file, sqlite3_int64 offset, int amount, void **out) {
  (void)file, (void)offset, (void)amount;
  *out = NULL;
  return SQLITE_OK;
}
static int shim_unfetch(sqlite3_file *file, sqlite3_int64 offset, void *p) {
  (void)file, (void)offset, (void)p;
  return SQLITE_OK;
}

static const sqlite3_io_methods shim_methods = {
    3,
    shim_close,
    shim_read,
    shim_write,
    shim_truncate,
    shim_sync,
    shim_file_size,
    shim_lock,
    shim_unlock,
    shim_check_reserved,
    shim_file_control,
    shim_sector_size,
    shim_device,
    shim_shm_map,
    shim_shm_lock,
    shim_shm_barrier,
    shim_shm_unmap,
    shim_fetch,
    shim_unfetch,
};

static int shim_open(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *file, int flags,
                     int *out_flags) {
  (void)vfs;
  ShimFile *f = (ShimFile *)file;
  f->real = (sqlite3_file *)(f + 1);
  f->durable = -1;
  int rc = real_vfs->xOpen(real_vfs, name, f->real, flags, out_flags);
  if (rc != SQLITE_OK) {
    f->base.pMethods = NULL;
    return rc;
  }
  if (name && (flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_WAL | SQLITE_OPEN_MAIN_JOURNAL)))
    f->durable = durable_slot(name);
  f->base.pMethods = &shim_methods;
  return SQLITE_OK;
}

static int shim_delete(sqlite3_vfs *vfs, const char *name, int sync_dir) {
  (void)vfs;
  if (power_now()) power_cut();
  int slot = durable_slot(name);
  if (slot >= 0) {
    free(durable[slot].synced);
    durable[slot].synced = NULL;
    durable[slot].pending = false;
  }
  return real_vfs->xDelete(real_vfs, name, sync_dir);
}

static int shim_access(sqlite3_vfs *vfs, const char *name, int flags, int *out) {
  (void)vfs;
  return real_vfs->xAccess(real_vfs, name, flags, out);
}
static int shim_full_pathname(sqlite3_vfs *vfs, const char *name, int size, char *out) {
  (void)vfs;
  return real_vfs->xFullPathname(real_vfs, name, size, out);
}
static int shim_randomness(sqlite3_vfs *vfs, int size, char *out) {
  (void)vfs;
  return real_vfs->xRandomness(real_vfs, size, out);
}
static int shim_sleep(sqlite3_vfs *vfs, int micros) {
  (void)vfs;
  return real_vfs->xSleep(real_vfs, micros);
}
static int shim_current_time(sqlite3_vfs *vfs, double *out) {
  (void)vfs;
  return real_vfs->xCurrentTime(real_vfs, out);
}
static int shim_last_error(sqlite3_vfs *vfs, int size, char *out) {
  (void)vfs;
  return real_vfs->xGetLastError(real_vfs, size, out);
}
static int shim_current_time_int64(sqlite3_vfs *vfs, sqlite3_int64 *out) {
  (void)vfs;
  return real_vfs->xCurrentTimeInt64(real_vfs, out);
}

/* Made the default, so that every ledger the library opens goes through it. */
static void shim_install(void) {
  real_vfs = sqlite3_vfs_find(NULL);
  shim_vfs = (sqlite3_vfs){
      .iVersion = 2,
      .szOsFile = (int)sizeof(ShimFile) + real_vfs->szOsFile,
      .mxPathname = real_vfs->mxPathname,
      .zName = "pactum-faults",
      .xOpen = shim_open,
      .xDelete = shim_delete,
      .xAccess = shim_access,
      .xFullPathname = shim_full_pathname,
      .xRandomness = shim_randomness,
      .xSleep = shim_sleep,
      .xCurrentTime = shim_current_time,
      .xGetLastError = shim_last_error,
      .xCurrentTimeInt64 = shim_current_time_int64,
  };
  sqlite3_vfs_register(&shim_vfs, 1);
}

/* SQLite's allocator, with the same failure switch. */
static sqlite3_mem_methods real_mem;
static bool sqlite_malloc_now(void) { return fault_now(FAULT_SQLITE_MALLOC); }
static void *shim_malloc(int n) { return sqlite_malloc_now() ? NULL : real_mem.xMalloc(n); }
static void *shim_realloc(void *p, int n) {
  return sqlite_malloc_now() ? NULL : real_mem.xRealloc(p, n);
}
static void shim_free(void *p) { real_mem.xFree(p); }
static int shim_size(void *p) { return real_mem.xSize(p); }
static int shim_roundup(int n) { return real_mem.xRoundup(n); }
static int shim_mem_init(void *p) { return real_mem.xInit(p); }
static void shim_mem_shutdown(void *p) { real_mem.xShutdown(p); }

static void shim_malloc_install(void) {
  sqlite3_config(SQLITE_CONFIG_GETMALLOC, &real_mem);
  static sqlite3_mem_methods m;
  m = (sqlite3_mem_methods){shim_malloc,  shim_free,     shim_realloc,      shim_size,
                            shim_roundup, shim_mem_init, shim_mem_shutdown, NULL};
  sqlite3_config(SQLITE_CONFIG_MALLOC, &m);
}

/* ---------------------------------------------------------------- the ledger's state */

static char folder[] = "/tmp/pactum-faults.XXXXXX";
static char file_a[600], file_b[600], base_db[600], work_db[600], after_db[600];
static const PactAgreement *agreement;

typedef struct Text {
  char *data;
  size_t size;
  FILE *out;
} Text;

static PactStatus state_event(void *context, const char *source, const Event *e) {
  (void)source;
  Text *t = context;
  char day[11], end[11] = "";
  pact_date_format(e->date, day);
  if (e->has_end) pact_date_format(e->end, end);
  fprintf(t->out, "%.*s %s %s %s %.*s %.*s %lld %.*s\n", (int)e->id.len, e->id.ptr,
          event_kind_name(e->kind), day, end, (int)e->party.len, e->party.ptr,
          (int)e->counterparty.len, e->counterparty.ptr, (long long)e->amount_minor,
          (int)e->ref.len, e->ref.ptr);
  return PACT_OK;
}

static PactStatus state_import(void *context, const LedgerImportInfo *i) {
  Text *t = context;
  fprintf(t->out, "import %lld %s %llu %llu %s\n", (long long)i->seq, i->file,
          (unsigned long long)i->added, (unsigned long long)i->known,
          i->withdrawn_on ? i->withdrawn_on : "-");
  return PACT_OK;
}

/*
** What the ledger holds, as one text: its imports, every event in force (by id), and what
** pactum verify counts; NULL when any of it cannot be read or does not check (said on stderr
** when loud).
*/
static char *ledger_state(const char *path, bool loud) {
  Text t = {0};
  t.out = open_memstream(&t.data, &t.size);
  DiagList diags;
  diag_list_init(&diags);
  Ledger *ledger = NULL;
  LedgerVerifyResult v;
  PactStatus status = ledger_open(path, &diags, &ledger);
  if (status == PACT_OK) status = ledger_snapshot_begin(ledger, &diags);
  if (status == PACT_OK) status = ledger_imports(ledger, &diags, state_import, &t);
  if (status == PACT_OK) {
    LedgerQuery q = {.by_id = true};
    status = ledger_each(ledger, &q, &diags, state_event, &t);
  }
  if (status == PACT_OK) status = ledger_verify(ledger, &diags, &v);
  if (status == PACT_OK)
    fprintf(t.out, "verified %llu %llu %llu\n", (unsigned long long)v.in_force,
            (unsigned long long)v.imports_summed, (unsigned long long)v.day_sums);
  if (ledger) {
    ledger_snapshot_end(ledger);
    ledger_close(ledger);
  }
  fclose(t.out);
  if (status != PACT_OK || diags.errors) {
    if (loud) diag_render_all(stderr, &diags, false);
    free(t.data);
    t.data = NULL;
  }
  diag_list_free(&diags);
  return t.data;
}

/* ---------------------------------------------------------------- settling, as settle does */

/* Every obligation and total of a settlement of the ledger from its daily sums (as settle
** reads it), or with explain, the explanation of one obligation (as explain reads it: the
** period's events, by the record of where they are); NULL when the reading failed. */
static char *report_text(const char *path, bool explain) {
  Text t = {0};
  t.out = open_memstream(&t.data, &t.size);
  DiagList diags;
  diag_list_init(&diags);
  FeedOptions options = {.ledger = path};
  Feed *feed = NULL;
  SettleOptions settle_options = {0};
  Sink k = {agreement, &settle_options, &diags, NULL, 0};
  PactStatus status = feed_open(&options, &diags, &feed);
  if (status == PACT_OK) feed_set_summable(feed, sink_summable, &k);
  if (status == PACT_OK) status = feed_all(feed, &diags, sink_start, sink_visit, &k);
  if (status == PACT_OK) status = settle_finish(k.s);
  if (status == PACT_OK && explain) {
    feed_set_summable(feed, NULL, NULL);
    ExplainRequest request = {"capped", "2024-Q2", NULL, feed, true};
    status = explain_write(k.s, &request, &diags, t.out);
    if (status == PACT_OK && (diags.errors || diags.lost)) status = PACT_ERR_INVALID;
  } else if (status == PACT_OK && !diags.errors && !diags.lost) {
    size_t n;
    const Obligation *o = settle_obligations(k.s, &n);
    for (size_t i = 0; i < n; i++)
      fprintf(t.out, "%.*s v%u %d..%d base %lld amount %lld cum %lld\n", (int)o[i].clause->id.len,
              o[i].clause->id.ptr, o[i].clause->version, (int)o[i].first, (int)o[i].last,
              (long long)o[i].base_minor, (long long)o[i].amount_minor,
              (long long)o[i].cumulative_minor);
    const SettleTotal *tot = settle_totals(k.s, &n);
    for (size_t i = 0; i < n; i++)
      fprintf(t.out, "total %d->%d %lld %lld %lld\n", tot[i].payer, tot[i].payee,
              (long long)tot[i].amount_minor, (long long)tot[i].uncapped_minor,
              (long long)tot[i].paid_minor);
  } else if (status == PACT_OK) {
    status = PACT_ERR_INVALID;
  }
  settle_free(k.s);
  feed_close(feed);
  diag_list_free(&diags);
  fclose(t.out);
  if (status != PACT_OK) {
    free(t.data);
    return NULL;
  }
  return t.data;
}

/* ---------------------------------------------------------------- files */

static void write_text(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  fputs(text, f);
  fclose(f);
}

static void remove_ledger(const char *path) {
  char side[640];
  unlink(path);
  snprintf(side, sizeof side, "%s-wal", path);
  unlink(side);
  snprintf(side, sizeof side, "%s-shm", path);
  unlink(side);
  snprintf(side, sizeof side, "%s-journal", path);
  unlink(side);
}

static bool copy_file(const char *from, const char *to) {
  sqlite3_int64 size;
  unsigned char *data = read_whole(from, &size);
  if (!data) return false;
  FILE *f = fopen(to, "wb");
  bool ok = f && fwrite(data, 1, (size_t)size, f) == (size_t)size;
  if (f) fclose(f);
  free(data);
  return ok;
}

static PactStatus import_file(const char *db, const char *file, bool create) {
  DiagList diags;
  diag_list_init(&diags);
  Ledger *ledger = NULL;
  ImportResult result;
  PactStatus status =
      create ? ledger_create(db, &diags, &ledger) : ledger_open_write(db, NULL, &diags, &ledger);
  if (status == PACT_OK) status = ledger_import(ledger, file, NULL, &diags, &result);
  if (ledger) ledger_close(ledger);
  if (status == PACT_OK && (diags.errors || diags.lost)) status = PACT_ERR_INVALID;
  if (getenv("FAULTS_VERBOSE")) diag_render_all(stderr, &diags, false);
  diag_list_free(&diags);
  return status;
}

/* ---------------------------------------------------------------- the sweeps */

static char *state_before, *state_after, *state_undone, *report_expected, *explain_expected;
static long stride_io = 1, stride_malloc = 1;

static long stride_of(FaultKind kind) {
  return kind == FAULT_SQLITE_MALLOC || kind == FAULT_PACT_MALLOC ? stride_malloc : stride_io;
}

/* The tally of one kind of fault. */
typedef struct Tally {
  long tried;   /* faults injected */
  long refused; /* the import said it did not land (or the report failed) */
  long landed;  /* the import said it landed (or the report was right) */
  long cut;     /* power cuts */
  long wrong;   /* a ledger neither as before nor as after, or a wrong figure */
} Tally;

static long total_faults, total_wrong;

/* A child's exit status: bit 0 the operation failed, bit 1 the fault happened; 99 a power cut. */
static int child_status(PactStatus status) {
  return (status == PACT_OK ? 0 : 1) | (fault_hit ? 2 : 0);
}

static void arm(FaultKind kind, long n) {
  fault_kind = kind;
  fault_at = n;
  fault_count = 0;
  fault_hit = false;
  torn_seed = 0x9E3779B97F4A7C15u ^ (uint64_t)n * 0xBF58476D1CE4E5B9u;
  if (kind == FAULT_PACT_MALLOC) {
    mem_allocation_count = 0;
    mem_fail_countdown = n;
  }
}

/* Runs fn in a child with the fault armed; returns its exit status, or -1 when it died. */
static int run_child(FaultKind kind, long n, int (*fn)(void)) {
  fflush(NULL);
  pid_t pid = fork();
  if (pid == 0) {
    arm(kind, n);
    int code = fn();
    if (kind == FAULT_PACT_MALLOC) fault_hit = mem_fail_countdown == 0;
    _exit(code | (fault_hit ? 2 : 0));
  }
  int status;
  if (pid < 0 || waitpid(pid, &status, 0) != pid) return -1;
  if (WIFSIGNALED(status)) {
    fprintf(stderr, "%s fault %ld: the child died of signal %d\n", kind_names[kind], n,
            WTERMSIG(status));
    return -1;
  }
  return WEXITSTATUS(status);
}

/* A write under faults: from a ledger at rest (start), the child's write, which takes the
** ledger from before to after, and how to finish it when it did not land. */
typedef struct Write {
  const char *name;
  const char *start;
  int (*child)(void);
  PactStatus (*finish)(void);
  const char *before, *after;
} Write;

static int child_import(void) { return child_status(import_file(work_db, file_b, false)); }
static PactStatus finish_import(void) { return import_file(work_db, file_b, false); }

static PactStatus undo_import_2(void) {
  DiagList diags;
  diag_list_init(&diags);
  Ledger *ledger = NULL;
  UndoResult result;
  PactStatus status = ledger_open_write(work_db, NULL, &diags, &ledger);
  if (status == PACT_OK) status = ledger_undo(ledger, 2, NULL, &diags, &result);
  if (ledger) ledger_close(ledger);
  if (status == PACT_OK && (diags.errors || diags.lost)) status = PACT_ERR_INVALID;
  if (getenv("FAULTS_VERBOSE")) diag_render_all(stderr, &diags, false);
  diag_list_free(&diags);
  return status;
}
static int child_undo(void) { return child_status(undo_import_2()); }

static void write_sweep(const Write *w, FaultKind kind) {
  Tally t = {0};
  for (long n = 1; n < 200000; n += stride_of(kind)) {
    remove_ledger(work_db);
    if (!copy_file(w->start, work_db)) {
      CHECK(!"the ledger could not be copied");
      return;
    }
    int code = run_child(kind, n, w->child);
    if (code < 0) {
      t.wrong++;
      continue;
    }
    bool power = code == 99, hit = power || (code & 2), failed = !power && (code & 1);
    char *state = ledger_state(work_db, false);
    if (!hit) {
      /* n is past the last operation of its kind: the write ran as usual. */
      if (failed || !state || strcmp(state, w->after) != 0) t.wrong++;
      free(state);
      break;
    }
    t.tried++;
    if (power) t.cut++;
    else if (failed) t.refused++;
    else t.landed++;
    bool as_before = state && strcmp(state, w->before) == 0;
    bool as_after = state && strcmp(state, w->after) == 0;
    bool right = power ? (as_before || as_after) : failed ? as_before : as_after;
    /* Doing it again (when it did not land) completes it. */
    bool again = as_after || w->finish() == PACT_OK;
    char *completed = ledger_state(work_db, !again);
    bool complete = again && completed && strcmp(completed, w->after) == 0;
    if (!right || !complete) {
      t.wrong++;
      if (t.wrong <= 3) {
        fprintf(stderr, "%s fault at %ld: the %s %s; the ledger is %s; doing it again %s\n",
                kind_names[kind], n, w->name,
                power    ? "lost its power"
                : failed ? "failed"
                         : "landed",
                !state      ? "unreadable"
                : as_before ? "as before"
                : as_after  ? "as after"
                            : "neither",
                complete ? "completes it" : "does not complete it");
        if (!state) free(ledger_state(work_db, true));
      }
    }
    free(state);
    free(completed);
  }
  printf("%-6s %-16s %5ld faults: %5ld refused, %5ld landed, %5ld power cuts, %ld wrong\n", w->name,
         kind_names[kind], t.tried, t.refused, t.landed, t.cut, t.wrong);
  CHECK(t.tried > 0);
  CHECK_EQ_INT(t.wrong, 0);
  total_faults += t.tried;
  total_wrong += t.wrong;
}

static char report_out[600];

static bool report_explains; /* the report swept: explain, else settle */

static int child_report(void) {
  char *text = report_text(after_db, report_explains);
  if (!text) return child_status(PACT_ERR_IO);
  FILE *f = fopen(report_out, "w");
  fputs(text, f);
  fclose(f);
  free(text);
  return child_status(PACT_OK);
}

static void report_sweep(FaultKind kind, bool explain) {
  Tally t = {0};
  report_explains = explain;
  const char *expected = explain ? explain_expected : report_expected;
  sqlite3_int64 size_before, size_now;
  unsigned char *bytes_before = read_whole(after_db, &size_before);
  for (long n = 1; n < 200000; n += stride_of(kind)) {
    unlink(report_out);
    int code = run_child(kind, n, child_report);
    if (code < 0) {
      t.wrong++;
      continue;
    }
    bool hit = code & 2, failed = code & 1;
    sqlite3_int64 got_size;
    char *got = failed ? NULL : (char *)read_whole(report_out, &got_size);
    if (got) got[got_size] = 0;
    bool right = failed || (got && strcmp(got, expected) == 0);
    unsigned char *bytes_now = read_whole(after_db, &size_now);
    bool unchanged = bytes_now && size_now == size_before &&
                     memcmp(bytes_now, bytes_before, (size_t)size_now) == 0;
    free(bytes_now);
    free(got);
    if (!hit) {
      if (failed || !right || !unchanged) t.wrong++;
      break;
    }
    t.tried++;
    if (failed) t.refused++;
    else t.landed++;
    if (!right || !unchanged) {
      t.wrong++;
      if (t.wrong <= 3)
        fprintf(stderr, "%s fault at %ld during %s: %s%s\n", kind_names[kind], n,
                explain ? "an explanation" : "a settlement", right ? "" : "other figures",
                unchanged ? "" : " the ledger changed");
    }
  }
  free(bytes_before);
  printf("%-7s %-16s %5ld faults: %5ld failed, %5ld right, %ld wrong\n",
         explain ? "explain" : "settle", kind_names[kind], t.tried, t.refused, t.landed, t.wrong);
  CHECK(t.tried > 0);
  CHECK_EQ_INT(t.wrong, 0);
  total_faults += t.tried;
  total_wrong += t.wrong;
}

/* ---------------------------------------------------------------- the files */

/* File A: revenue of a and b (days, months, a quarter), payments, a restatement. File B: more
** of each, a restatement and a correction of A's events, some of A's events again. */
static const char events_a[] =
    "id,kind,date,end,party,counterparty,stream,amount,currency,ref\n"
    "a1,revenue,2024-01-15,,a,,retail,1000.00,USD,\n"
    "a2,revenue,2024-02-01,2024-02-29,a,,retail,2900.01,USD,\n"
    "a3,revenue,2024-03-01,2024-05-31,b,,cloud,12345.67,USD,\n"
    "a4,revenue,2024-04-02,,b,,cloud,-50.00,USD,\n"
    "a5,payment,2024-05-10,,a,c,,120.00,USD,\n"
    "a6,revenue,2024-06-30,,a,,retail,77.77,USD,\n"
    "a7,revenue,2024-01-20,,a,,retail,10.00,USD,a1\n"
    "a8,revenue,2024-07-01,2024-12-31,b,,cloud,40000.00,USD,\n";

static const char events_b[] =
    "id,kind,date,end,party,counterparty,stream,amount,currency,ref\n"
    "a6,revenue,2024-06-30,,a,,retail,77.77,USD,\n"
    "b1,revenue,2024-08-15,,a,,retail,555.55,USD,\n"
    "b2,revenue,2024-09-01,2024-09-30,a,,retail,3000.00,USD,\n"
    "b3,revenue,2024-03-01,2024-05-31,b,,cloud,12000.00,USD,a3\n"
    "b4,correction,2024-10-01,,a,,,,,a2\n"
    "b5,payment,2024-11-14,,b,c,,4000.00,USD,\n"
    "b6,revenue,2025-01-01,2025-03-31,b,,cloud,9999.99,USD,\n"
    "b7,revenue,2024-12-31,,a,,retail,0.01,USD,\n";

int main(void) {
  shim_malloc_install();
  shim_install();
  const char *stride_env = getenv("FAULTS_STRIDE");
#if defined(__SANITIZE_ADDRESS__)
  stride_io = 2;
  stride_malloc = 25;
#endif
  if (stride_env && atol(stride_env) > 0) stride_io = stride_malloc = atol(stride_env);
  PactAgreement *ag = load_clean("faults.pact", agreement_text, sizeof agreement_text - 1);
  if (!ag) return check_summary();
  agreement = ag;
  if (!mkdtemp(folder)) return 1;
  snprintf(file_a, sizeof file_a, "%s/a.csv", folder);
  snprintf(file_b, sizeof file_b, "%s/b.csv", folder);
  snprintf(base_db, sizeof base_db, "%s/base.db", folder);
  snprintf(work_db, sizeof work_db, "%s/work.db", folder);
  snprintf(after_db, sizeof after_db, "%s/after.db", folder);
  snprintf(report_out, sizeof report_out, "%s/report.txt", folder);
  write_text(file_a, events_a);
  write_text(file_b, events_b);

  /* The ledger before (holding A) and after (A, then B), each at rest. */
  CHECK_EQ_INT(import_file(base_db, file_a, true), PACT_OK);
  CHECK(copy_file(base_db, after_db));
  CHECK_EQ_INT(import_file(after_db, file_b, false), PACT_OK);
  state_before = ledger_state(base_db, true);
  state_after = ledger_state(after_db, true);
  report_expected = report_text(after_db, false);
  explain_expected = report_text(after_db, true);
  CHECK(state_before && state_after && report_expected && explain_expected);
  if (!state_before || !state_after || !report_expected || !explain_expected)
    return check_summary();
  /* The explanation lists the quarter's events: a3's restatement b3 over its three months. */
  CHECK(strstr(explain_expected, "\"b3\"") && !strstr(explain_expected, "\"a3\""));
  CHECK(strcmp(state_before, state_after) != 0);
  /* Not a vacuous comparison: B changes what is in force and what is owed. */
  CHECK(strstr(state_after, "b3 revenue") && !strstr(state_before, "b3 revenue"));
  CHECK(strstr(report_expected, "capped v0") && strstr(report_expected, "cum 1234567"));
  if (getenv("FAULTS_VERBOSE")) fputs(report_expected, stderr);

  static const FaultKind import_faults[] = {
      FAULT_WRITE, FAULT_DISK_FULL, FAULT_SHORT_WRITE, FAULT_SYNC,          FAULT_SYNC_ALWAYS,
      FAULT_READ,  FAULT_POWER,     FAULT_POWER_TORN,  FAULT_SQLITE_MALLOC, FAULT_PACT_MALLOC,
  };
  /* The undo of B from the ledger after: what it leaves. */
  remove_ledger(work_db);
  CHECK(copy_file(after_db, work_db));
  CHECK_EQ_INT(undo_import_2(), PACT_OK);
  state_undone = ledger_state(work_db, true);
  CHECK(state_undone && strcmp(state_undone, state_after) != 0);
  const Write writes[] = {
      {"import", base_db, child_import, finish_import, state_before, state_after},
      {"undo", after_db, child_undo, undo_import_2, state_after, state_undone},
  };
  for (size_t w = 0; w < sizeof writes / sizeof *writes && state_undone; w++)
    for (size_t i = 0; i < sizeof import_faults / sizeof *import_faults; i++)
      write_sweep(&writes[w], import_faults[i]);
  static const FaultKind report_faults[] = {
      FAULT_READ, FAULT_SHORT_READ, FAULT_READ_FLIP, FAULT_SQLITE_MALLOC, FAULT_PACT_MALLOC,
  };
  for (int explain = 0; explain < 2; explain++)
    for (size_t i = 0; i < sizeof report_faults / sizeof *report_faults; i++)
      report_sweep(report_faults[i], explain);
  printf(
      "%ld faults injected (every %ld. I/O operation, every %ld. allocation), %ld left a wrong "
      "ledger or figure\n",
      total_faults, stride_io, stride_malloc, total_wrong);

  free(state_before);
  free(state_after);
  free(state_undone);
  free(report_expected);
  free(explain_expected);
  pact_agreement_free(ag);
  char command[700];
  snprintf(command, sizeof command, "rm -rf '%s'", folder);
  if (system(command) != 0) fprintf(stderr, "could not remove %s\n", folder);
  return check_summary();
}
