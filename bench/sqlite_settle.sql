-- sqlite_settle.sql -- the settlement `pactum settle --agreement agreements/microsoft-openai`
-- computes, done with the sqlite3 shell, as a peer for bench/settle.sh:
--
--   sqlite3 -bail :memory: ".import --csv EVENTS.csv ev" ".import --csv bench/settle_terms.csv terms" \
--     ".read bench/sqlite_settle.sql"
--
-- `.import` makes the tables from the files (every column TEXT, as the shell does). Then the
-- same work as bench/duckdb_settle.mjs, in integers only: amounts become integer cents (the
-- generated files always write two decimals, so dropping the point is exact), days become day
-- numbers (unixepoch / 86400). Single-day events are summed per party, stream and day, spans
-- kept one by one and split by arithmetic (whole cents, as evenly as possible, the leftover
-- cents to the earliest days, a negative amount the same with its sign); each wording's base
-- per quarter, rate x base rounded half-even, the cap applied period after period.
--
-- Prints, tab-separated, amounts in cents:
--   O clause version period first last base amount_before_cap amount
--   T payer payee amount amount_without_cap

CREATE TEMP TABLE agg AS
SELECT kind, party, stream, date AS d0t, CASE WHEN "end" = '' THEN date ELSE "end" END AS d1t,
       sum(CAST(replace(amount, '.', '') AS INTEGER)) AS cents
FROM ev
WHERE kind IN ('revenue', 'profit')
GROUP BY kind, party, stream, date, "end", CASE WHEN "end" <> '' AND "end" <> date THEN id END;

-- The periods: each wording's days, cut by the days the events cover, by calendar quarter.
CREATE TEMP TABLE seg AS
WITH RECURSIVE
covered AS (SELECT min(d0t) AS lo, max(d1t) AS hi FROM agg),
quarters(q) AS (
  SELECT date(lo, 'start of month', '-' || ((CAST(strftime('%m', lo) AS INTEGER) - 1) % 3) || ' months')
  FROM covered
  UNION ALL
  SELECT date(q, '+3 months') FROM quarters, covered WHERE date(q, '+3 months') <= covered.hi
),
bounded AS (
  SELECT t.clause, t.version, t.payer, t.payee, t.measure, t.party, t.streams,
         CAST(t.rate_num AS INTEGER) AS rate_num, CAST(t.rate_den AS INTEGER) AS rate_den,
         CAST(NULLIF(t.cap_cents, '') AS INTEGER) AS cap_cents, t.cap_group, q.q,
         max(q.q, t.first, c.lo) AS lo,
         min(date(q.q, '+3 months', '-1 day'), coalesce(NULLIF(t.last, ''), c.hi), c.hi) AS hi
  FROM terms t, quarters q, covered c
)
SELECT * FROM bounded WHERE lo <= hi;

CREATE TEMP TABLE ob AS
WITH RECURSIVE
spans AS (
  SELECT kind, party, stream, d0t, d1t, cents,
         unixepoch(d0t) / 86400 AS d0, unixepoch(d1t) / 86400 AS d1
  FROM agg
),
base AS (
  SELECT g.clause, g.version, g.q,
         sum(CASE WHEN a.d0 = a.d1 THEN a.cents
                  ELSE (CASE WHEN a.cents < 0 THEN -1 ELSE 1 END) * (
                    (min(g.hid, a.d1) - max(g.lod, a.d0) + 1) * (abs(a.cents) / (a.d1 - a.d0 + 1))
                    + max(0, min(min(g.hid, a.d1) - a.d0 + 1, abs(a.cents) % (a.d1 - a.d0 + 1))
                             - (max(g.lod, a.d0) - a.d0)))
             END) AS base
  FROM (SELECT *, unixepoch(lo) / 86400 AS lod, unixepoch(hi) / 86400 AS hid FROM seg) g
  JOIN spans a
    ON a.kind = g.measure AND a.party = g.party
   AND (g.streams = '' OR instr(g.streams, '|' || a.stream || '|') > 0)
   AND a.d0t <= g.hi AND a.d1t >= g.lo
  GROUP BY g.clause, g.version, g.q
),
exact AS (
  SELECT g.*, coalesce(b.base, 0) AS base, coalesce(b.base, 0) * g.rate_num AS num,
         row_number() OVER (PARTITION BY g.cap_group ORDER BY g.lo) AS n
  FROM seg g LEFT JOIN base b USING (clause, version, q)
),
floored AS (
  SELECT *, num / rate_den - CASE WHEN num % rate_den < 0 THEN 1 ELSE 0 END AS fq,
         num % rate_den + CASE WHEN num % rate_den < 0 THEN rate_den ELSE 0 END AS fr
  FROM exact
),
rounded AS (  -- half-even
  SELECT *, fq + CASE WHEN 2 * fr > rate_den OR (2 * fr = rate_den AND fq % 2 <> 0) THEN 1 ELSE 0 END AS before
  FROM floored
),
run(cap_group, n, amount, paid) AS (
  SELECT cap_group, n,
         CASE WHEN cap_cents IS NOT NULL AND before > cap_cents THEN max(cap_cents, 0) ELSE before END,
         CASE WHEN cap_cents IS NOT NULL AND before > cap_cents THEN max(cap_cents, 0) ELSE before END
  FROM rounded WHERE n = 1
  UNION ALL
  SELECT r.cap_group, r.n,
         CASE WHEN r.cap_cents IS NOT NULL AND r.before > r.cap_cents - p.paid
              THEN max(r.cap_cents - p.paid, 0) ELSE r.before END,
         p.paid + CASE WHEN r.cap_cents IS NOT NULL AND r.before > r.cap_cents - p.paid
                       THEN max(r.cap_cents - p.paid, 0) ELSE r.before END
  FROM run p JOIN rounded r ON r.cap_group = p.cap_group AND r.n = p.n + 1
)
SELECT r.clause, r.version, r.payer, r.payee, r.q, r.lo, r.hi, r.base, r.before, u.amount
FROM rounded r JOIN run u USING (cap_group, n);

.mode tabs
.headers off
SELECT 'O', clause, version,
       strftime('%Y', q) || '-Q' || ((CAST(strftime('%m', q) AS INTEGER) + 2) / 3), lo, hi, base,
       before, amount
FROM ob ORDER BY lo, clause, version;
SELECT 'T', payer, payee, sum(amount), sum(before) FROM ob GROUP BY payer, payee ORDER BY payer, payee;
