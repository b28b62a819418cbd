/*
** forecast_stats.c -- the statistics of a forecast's paths in memory that does not grow with
** their number. Each path's results are a row of int64 values in an unlinked temporary file;
** the mean of a column is its exact sum (kept as the paths are run) divided by the number of
** paths, rounded half-even; its percentiles are exact order statistics, selected by reading the
** file eight times, one byte of the values at a time, most significant first (a radix select).
**
** The rule for the index (docs/forecast.md): the p-th percentile of N values is the value of
** rank ceil(p * N / 100) in ascending order, counting from 1 (the nearest-rank method): with
** N = 10 the 10th percentile is the smallest value, the 50th the fifth, the 90th the ninth.
*/
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/mem.h"
#include "engine/forecast_int.h"

int forecast_temp_file(void) {
  const char *dir = getenv("TMPDIR");
  if (!dir || !*dir) dir = "/tmp";
  char path[4096];
  if ((size_t)snprintf(path, sizeof path, "%s/pactum-forecast-XXXXXX", dir) >= sizeof path) {
    errno = ENAMETOOLONG;
    return -1;
  }
  int fd = mkstemp(path);
  if (fd >= 0) unlink(path);
  return fd;
}

static const int PERCENTS[3] = {10, 50, 90};

/* The 0-based rank of the p-th percentile of n values (nearest rank). */
static uint64_t rank_of(uint64_t n, int p) {
  uint64_t r = (n * (uint64_t)p + 99) / 100;
  return r ? r - 1 : 0;
}

static inline uint64_t key_of(int64_t v) { return (uint64_t)v ^ (UINT64_C(1) << 63); }

/* The mean: sum / n rounded half-even (n > 0). */
static int64_t mean_of(PactWide sum, uint64_t n) {
  PactWide q = sum / (PactWide)n, r = sum % (PactWide)n;
  if (r < 0) r = -r;
  PactWide twice = 2 * r;
  if (twice > (PactWide)n || (twice == (PactWide)n && (q % 2) != 0)) q += sum < 0 ? -1 : 1;
  return (int64_t)q;
}

/* One pass: for each column and percentile, counts of the byte at shift among the values whose
** higher bytes are those chosen so far. */
static PactStatus count_pass(int fd, uint64_t paths, uint32_t width, int shift,
                             const uint64_t *prefix, uint64_t *counts, int64_t *buffer,
                             uint64_t rows) {
  memset(counts, 0, (size_t)width * 3 * 256 * sizeof *counts);
  for (uint64_t at = 0; at < paths; at += rows) {
    uint64_t n = paths - at < rows ? paths - at : rows;
    size_t bytes = (size_t)(n * width * sizeof *buffer);
    ssize_t got = pread(fd, buffer, bytes, (off_t)(at * width * sizeof *buffer));
    if (got != (ssize_t)bytes) return PACT_ERR_IO;
    for (uint64_t r = 0; r < n; r++)
      for (uint32_t m = 0; m < width; m++) {
        uint64_t key = key_of(buffer[r * width + m]);
        uint64_t high = shift == 56 ? 0 : key >> (shift + 8);
        unsigned byte = (unsigned)(key >> shift) & 255u;
        for (int j = 0; j < 3; j++)
          if (high == prefix[m * 3 + j]) counts[(m * 3 + j) * 256 + byte]++;
      }
  }
  return PACT_OK;
}

PactStatus forecast_select(int fd, uint64_t paths, uint32_t width, const PactWide *sums,
                           ForecastStat *out) {
  if (paths == 0 || width == 0) return PACT_OK;
  uint64_t rows = (UINT64_C(1) << 20) / ((uint64_t)width * 8) + 1;
  int64_t *buffer = mem_malloc((size_t)(rows * width) * sizeof *buffer);
  uint64_t *counts = mem_malloc((size_t)width * 3 * 256 * sizeof *counts);
  uint64_t *prefix = mem_calloc((size_t)width * 3, sizeof *prefix);
  uint64_t *rank = mem_malloc((size_t)width * 3 * sizeof *rank);
  PactStatus status = buffer && counts && prefix && rank ? PACT_OK : PACT_ERR_NOMEM;
  for (uint32_t m = 0; status == PACT_OK && m < width; m++)
    for (int j = 0; j < 3; j++) rank[m * 3 + j] = rank_of(paths, PERCENTS[j]);
  for (int shift = 56; status == PACT_OK && shift >= 0; shift -= 8) {
    status = count_pass(fd, paths, width, shift, prefix, counts, buffer, rows);
    for (uint32_t i = 0; status == PACT_OK && i < width * 3; i++) {
      const uint64_t *c = &counts[i * 256];
      unsigned b = 0;
      while (b < 255 && rank[i] >= c[b]) rank[i] -= c[b++];
      prefix[i] = (prefix[i] << 8) | b;
    }
  }
  for (uint32_t m = 0; status == PACT_OK && m < width; m++) {
    int64_t v[3];
    for (int j = 0; j < 3; j++) v[j] = (int64_t)(prefix[m * 3 + j] ^ (UINT64_C(1) << 63));
    out[m] = (ForecastStat){mean_of(sums[m], paths), v[0], v[1], v[2]};
  }
  free(buffer);
  free(counts);
  free(prefix);
  free(rank);
  return status;
}
