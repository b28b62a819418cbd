/*
** events.c -- the event model: its kinds and fields and their names, what each kind needs, and
** what supersedes what. The reader is reader.c (opening, input, splitting) with validate.c (the
** checks every row must pass) and the two formats, events_csv.c and events_jsonl.c.
*/
#include "events/events.h"

#include <string.h>

#include "events/model_int.h"

#define FIELD_BIT(f) (1u << (f))

/* ------------------------------------------------------------- kinds and fields */

const char *const events_kind_names[EVENT_KIND_COUNT] = {
    "revenue", "profit", "payment", "purchase",  "offer",      "response",
    "launch",  "use",    "grant",   "milestone", "correction",
};

/* Kinds by first letter and length, which no two kinds share: one probe and one compare.
** An entry is the kind + 1; 0 is none. */
const uint8_t events_kind_slots[26][16] = {
    ['r' - 'a'][7] = 1 + EVENT_REVENUE,     ['p' - 'a'][6] = 1 + EVENT_PROFIT,
    ['p' - 'a'][7] = 1 + EVENT_PAYMENT,     ['p' - 'a'][8] = 1 + EVENT_PURCHASE,
    ['o' - 'a'][5] = 1 + EVENT_OFFER,       ['r' - 'a'][8] = 1 + EVENT_RESPONSE,
    ['l' - 'a'][6] = 1 + EVENT_LAUNCH,      ['u' - 'a'][3] = 1 + EVENT_USE,
    ['g' - 'a'][5] = 1 + EVENT_GRANT,       ['m' - 'a'][9] = 1 + EVENT_MILESTONE,
    ['c' - 'a'][10] = 1 + EVENT_CORRECTION,
};

static const char *const FIELD_NAMES[EVENT_FIELD_COUNT] = {
    "id",     "kind",    "date",   "end",      "party", "counterparty",
    "stream", "subject", "amount", "currency", "ref",   "note",
};

/* Fields the same way: first letter and length tell them apart. */
static const uint8_t FIELD_SLOTS[26][16] = {
    ['i' - 'a'][2] = 1 + EVENT_FIELD_ID,     ['k' - 'a'][4] = 1 + EVENT_FIELD_KIND,
    ['d' - 'a'][4] = 1 + EVENT_FIELD_DATE,   ['e' - 'a'][3] = 1 + EVENT_FIELD_END,
    ['p' - 'a'][5] = 1 + EVENT_FIELD_PARTY,  ['c' - 'a'][12] = 1 + EVENT_FIELD_COUNTERPARTY,
    ['s' - 'a'][6] = 1 + EVENT_FIELD_STREAM, ['s' - 'a'][7] = 1 + EVENT_FIELD_SUBJECT,
    ['a' - 'a'][6] = 1 + EVENT_FIELD_AMOUNT, ['c' - 'a'][8] = 1 + EVENT_FIELD_CURRENCY,
    ['r' - 'a'][3] = 1 + EVENT_FIELD_REF,    ['n' - 'a'][4] = 1 + EVENT_FIELD_NOTE,
};

/* What each kind needs beyond id, kind and date (docs/events.md, "What each kind needs"). */
#define NEEDS(a, b, c)                                                                             \
  (FIELD_BIT(EVENT_FIELD_##a) | FIELD_BIT(EVENT_FIELD_##b) | FIELD_BIT(EVENT_FIELD_##c))
const uint32_t events_kind_needs[EVENT_KIND_COUNT] = {
    [EVENT_REVENUE] = NEEDS(PARTY, AMOUNT, CURRENCY),
    [EVENT_PROFIT] = NEEDS(PARTY, AMOUNT, CURRENCY),
    [EVENT_PAYMENT] = NEEDS(PARTY, AMOUNT, CURRENCY),
    [EVENT_PURCHASE] = NEEDS(PARTY, AMOUNT, CURRENCY),
    [EVENT_OFFER] = NEEDS(PARTY, COUNTERPARTY, STREAM),
    [EVENT_RESPONSE] = NEEDS(SUBJECT, REF, REF),
    [EVENT_LAUNCH] = NEEDS(PARTY, COUNTERPARTY, STREAM),
    [EVENT_USE] = NEEDS(PARTY, SUBJECT, SUBJECT),
    [EVENT_GRANT] = NEEDS(PARTY, COUNTERPARTY, SUBJECT),
    [EVENT_MILESTONE] = NEEDS(SUBJECT, SUBJECT, SUBJECT),
    [EVENT_CORRECTION] = NEEDS(REF, REF, REF),
};

uint32_t event_kind_needs(EventKind kind) {
  return (unsigned)kind < EVENT_KIND_COUNT ? events_kind_needs[kind] : 0;
}

const char *event_kind_name(EventKind kind) {
  return (unsigned)kind < EVENT_KIND_COUNT ? events_kind_names[kind] : "unknown";
}

bool event_supersedes(EventKind by, EventKind target) {
  if (by == EVENT_CORRECTION) return true;
  return by == target && (by == EVENT_REVENUE || by == EVENT_PAYMENT || by == EVENT_PURCHASE);
}

bool event_kind_supersedes(EventKind kind) {
  return kind == EVENT_CORRECTION || kind == EVENT_REVENUE || kind == EVENT_PAYMENT ||
         kind == EVENT_PURCHASE;
}

bool event_kind_find(const char *name, size_t len, EventKind *out) {
  unsigned slot = events_name_slot(events_kind_slots, name, len);
  if (slot == 0 || !events_same_bytes(name, events_kind_names[slot - 1], len)) return false;
  if (out) *out = (EventKind)(slot - 1);
  return true;
}

const char *event_field_name(EventField field) {
  return (unsigned)field < EVENT_FIELD_COUNT ? FIELD_NAMES[field] : "unknown";
}

EventField event_field_find(const char *name, size_t len) {
  unsigned slot = events_name_slot(FIELD_SLOTS, name, len);
  if (slot == 0 || !events_same_bytes(name, FIELD_NAMES[slot - 1], len)) return EVENT_FIELD_COUNT;
  return (EventField)(slot - 1);
}
