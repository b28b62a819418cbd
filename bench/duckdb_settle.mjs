// duckdb_settle.mjs -- the settlement `pactum settle --agreement agreements/microsoft-openai`
// computes, done in DuckDB SQL, as a peer for bench/settle.sh.
//
//   node bench/duckdb_settle.mjs NODE_DIR TERMS.csv EVENTS.csv    the events read from the file
//   node bench/duckdb_settle.mjs NODE_DIR TERMS.csv DB.duckdb     from DuckDB's own file (below)
//   node bench/duckdb_settle.mjs NODE_DIR --load EVENTS.csv DB.duckdb
//
// NODE_DIR is where `npm install --prefix` put @duckdb/node-api (build/bench/node). TERMS is
// bench/settle_terms.csv: one row per wording of a revenue-share clause (the clause, its
// version, payer and payee, whose revenue or profit it takes and from which streams, its rate
// as a fraction, its first and last day, its cap and what the cap counts), read off the
// agreement's .pact files by hand.
//
// For each wording and each calendar quarter it is in force (cut by the days the events
// cover), the base is the sum of the events' parts in those days: a single-day event counts
// whole; an event that spans days is split in whole cents, as evenly as possible, the leftover
// cents to the earliest days, a negative amount the same with its sign (docs/settle.md), worked
// out by arithmetic on each span, without expanding it into days. The amount is rate x base
// rounded half-even to the cent, all in integers (BIGINT cents, HUGEINT sums and products),
// then the cap is applied in order, period after period (a recursive query).
//
// Prints one line per obligation and one per payer and payee, tab-separated, amounts in cents:
//   O clause version period first last base amount_before_cap amount
//   T payer payee amount amount_without_cap
// DuckDB uses every core it has (threads = the number of CPUs).
import { createRequire } from 'node:module';
import path from 'node:path';

const [nodeDir, termsPath, eventsPath] = process.argv.slice(2);
if (!eventsPath) {
  process.stderr.write('usage: node duckdb_settle.mjs NODE_DIR TERMS.csv EVENTS.csv|DB.duckdb\n' +
                       '       node duckdb_settle.mjs NODE_DIR --load EVENTS.csv DB.duckdb\n');
  process.exit(2);
}
const require = createRequire(path.resolve(nodeDir, 'package.json'));
const { DuckDBInstance } = require('@duckdb/node-api');

const quote = (s) => `'${s.replaceAll("'", "''")}'`;
const csvEvents = (file) => `read_csv(${quote(file)}, header = true, auto_detect = false, delim = ',',
  quote = '"', escape = '"',
  columns = {'id': 'VARCHAR', 'kind': 'VARCHAR', 'date': 'DATE', 'end': 'DATE',
             'party': 'VARCHAR', 'stream': 'VARCHAR', 'amount': 'DECIMAL(18,2)',
             'currency': 'VARCHAR', 'note': 'VARCHAR'})`;

// --load: the events into a DuckDB database file of their own (table events, amounts in
// cents), once, untimed: the peer of a pactum ledger is DuckDB over its own file.
if (termsPath === '--load') {
  const dbPath = process.argv[5];
  const instance = await DuckDBInstance.create(dbPath);
  const connection = await instance.connect();
  await connection.run(`CREATE OR REPLACE TABLE events AS
    SELECT id, kind, "date", "end", party, stream, CAST(amount * 100 AS BIGINT) AS cents, currency
    FROM ${csvEvents(eventsPath)}; CHECKPOINT;`);
  process.exit(0);
}
const ownFile = eventsPath.endsWith('.duckdb');
const events = ownFile ? 'events' : `(SELECT *, CAST(amount * 100 AS BIGINT) AS cents FROM ${csvEvents(eventsPath)})`;

const sql = `
CREATE TEMP TABLE terms AS
SELECT * FROM read_csv(${quote(termsPath)}, header = true, auto_detect = false,
  columns = {'clause': 'VARCHAR', 'version': 'VARCHAR', 'payer': 'VARCHAR', 'payee': 'VARCHAR',
             'measure': 'VARCHAR', 'party': 'VARCHAR', 'streams': 'VARCHAR', 'rate_num': 'BIGINT',
             'rate_den': 'BIGINT', 'first': 'DATE', 'last': 'DATE', 'cap_cents': 'BIGINT',
             'cap_group': 'VARCHAR'});

-- One pass over the file: single-day events summed per party, stream and day; spans kept one
-- by one (a sum of spans does not split like its parts).
CREATE TEMP TABLE agg AS
SELECT kind, party, stream, "date" AS d0, coalesce("end", "date") AS d1,
       sum(cents) AS cents
FROM ${events} AS e
WHERE kind IN ('revenue', 'profit')
GROUP BY kind, party, stream, "date", "end", CASE WHEN "end" > "date" THEN id END;

-- The periods: each wording's days, cut by the days the events cover, by calendar quarter.
CREATE TEMP TABLE seg AS
WITH covered AS (SELECT min(d0) AS lo, max(d1) AS hi FROM agg),
quarters AS (
  SELECT CAST(unnest(generate_series(date_trunc('quarter', lo), hi, INTERVAL 3 MONTH)) AS DATE) AS q
  FROM covered
)
SELECT t.*, q.q,
       CAST(greatest(q.q, t.first, c.lo) AS DATE) AS lo,
       CAST(least(q.q + INTERVAL 3 MONTH - INTERVAL 1 DAY, coalesce(t.last, c.hi), c.hi) AS DATE) AS hi
FROM terms t, quarters q, covered c
WHERE greatest(q.q, t.first, c.lo) <= least(q.q + INTERVAL 3 MONTH - INTERVAL 1 DAY, coalesce(t.last, c.hi), c.hi);

CREATE TEMP TABLE ob AS
WITH RECURSIVE
base AS (
  SELECT g.clause, g.version, g.q,
         sum(CASE WHEN a.d0 = a.d1 THEN CAST(a.cents AS HUGEINT)
                  ELSE sign(a.cents) * (
                    (least(g.hi, a.d1) - greatest(g.lo, a.d0) + 1) * CAST(abs(a.cents) // (a.d1 - a.d0 + 1) AS HUGEINT)
                    + greatest(0, least(least(g.hi, a.d1) - a.d0 + 1, abs(a.cents) % (a.d1 - a.d0 + 1))
                                  - (greatest(g.lo, a.d0) - a.d0)))
             END) AS base
  FROM seg g JOIN agg a
    ON a.kind = g.measure AND a.party = g.party
   AND (coalesce(g.streams, '') = '' OR instr(g.streams, '|' || a.stream || '|') > 0)
   AND a.d0 <= g.hi AND a.d1 >= g.lo
  GROUP BY g.clause, g.version, g.q
),
exact AS (
  SELECT g.*, CAST(coalesce(b.base, 0) AS HUGEINT) AS base,
         CAST(coalesce(b.base, 0) AS HUGEINT) * g.rate_num AS num,
         row_number() OVER (PARTITION BY g.cap_group ORDER BY g.lo) AS n
  FROM seg g LEFT JOIN base b USING (clause, version, q)
),
floored AS (
  SELECT *, num // rate_den - CASE WHEN num % rate_den < 0 THEN 1 ELSE 0 END AS fq,
         num % rate_den + CASE WHEN num % rate_den < 0 THEN rate_den ELSE 0 END AS fr
  FROM exact
),
rounded AS (  -- half-even
  SELECT *, fq + CASE WHEN 2 * fr > rate_den OR (2 * fr = rate_den AND fq % 2 <> 0) THEN 1 ELSE 0 END AS before
  FROM floored
),
run AS (
  SELECT r.cap_group, r.n, r.before,
         CASE WHEN r.cap_cents IS NOT NULL AND r.before > r.cap_cents THEN greatest(r.cap_cents, 0)
              ELSE r.before END AS amount,
         CASE WHEN r.cap_cents IS NOT NULL AND r.before > r.cap_cents THEN greatest(r.cap_cents, 0)
              ELSE r.before END AS paid
  FROM rounded r WHERE r.n = 1
  UNION ALL
  SELECT r.cap_group, r.n, r.before,
         CASE WHEN r.cap_cents IS NOT NULL AND r.before > r.cap_cents - p.paid
              THEN greatest(r.cap_cents - p.paid, 0) ELSE r.before END,
         p.paid + CASE WHEN r.cap_cents IS NOT NULL AND r.before > r.cap_cents - p.paid
                       THEN greatest(r.cap_cents - p.paid, 0) ELSE r.before END
  FROM run p JOIN rounded r ON r.cap_group = p.cap_group AND r.n = p.n + 1
)
SELECT r.clause, r.version, r.payer, r.payee, r.q, r.lo, r.hi, r.base, r.before, u.amount
FROM rounded r JOIN run u USING (cap_group, n);
`;

const instance = await DuckDBInstance.create(ownFile ? eventsPath : ':memory:',
                                             ownFile ? { access_mode: 'READ_ONLY' } : {});
const connection = await instance.connect();
await connection.run(sql);
const obligations = await connection.runAndReadAll(`
  SELECT 'O', clause, version, strftime(q, '%Y') || '-Q' || quarter(q), CAST(lo AS VARCHAR),
         CAST(hi AS VARCHAR), CAST(base AS VARCHAR), CAST(before AS VARCHAR), CAST(amount AS VARCHAR)
  FROM ob ORDER BY lo, clause, version`);
const totals = await connection.runAndReadAll(`
  SELECT 'T', payer, payee, CAST(sum(amount) AS VARCHAR), CAST(sum(before) AS VARCHAR)
  FROM ob GROUP BY payer, payee ORDER BY payer, payee`);
const lines = [];
for (const row of obligations.getRows()) lines.push(row.join('\t'));
for (const row of totals.getRows()) lines.push(row.join('\t'));
process.stdout.write(lines.join('\n') + '\n');
