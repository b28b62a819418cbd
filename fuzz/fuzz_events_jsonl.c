/*
** fuzz_events_jsonl.c -- libFuzzer target for the JSON Lines event reader: fuzz_events_csv.c's
** checks with the formats swapped (the input is read as "fuzz.jsonl", its events written out
** as CSV and read back). See that file for what is checked.
**
** Build: clang -fsanitize=fuzzer,address,undefined -g -O1 -std=c11 -D_POSIX_C_SOURCE=200809L
**        -Iinclude -Isrc fuzz/fuzz_events_jsonl.c src/[a-z]*.c -o fuzz_events_jsonl
*/
#define FUZZ_EVENTS_NAME         "fuzz.jsonl"
#define FUZZ_EVENTS_OTHER        "fuzz.csv"
#define FUZZ_EVENTS_OTHER_IS_CSV 1

#include "fuzz_events_csv.c"
