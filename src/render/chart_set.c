/*
** chart_set.c -- charts being built, in an arena of their own (chart_set.h).
*/
#include <stdarg.h>
#include <stdio.h>

#include "render/chart_set.h"

void chart_set_init(ChartSet *set) {
  *set = (ChartSet){0};
  arena_init(&set->arena);
}

Chart *chart_set_add(ChartSet *set, ChartXKind x_kind, const PactCurrency *currency) {
  Chart *c = arena_push(&set->arena, (void **)&set->charts, set->count, sizeof *set->charts);
  if (!c) return NULL;
  set->count++;
  *c =
      (Chart){.x_kind = x_kind, .currency = currency->code, .minor_digits = currency->minor_digits};
  return c;
}

const char *chart_set_text(ChartSet *set, const char *format, ...) {
  char buf[512];
  va_list args;
  va_start(args, format);
  int n = vsnprintf(buf, sizeof buf, format, args);
  va_end(args);
  if (n < 0) return NULL;
  return arena_strndup(&set->arena, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

void chart_set_free(ChartSet *set) {
  arena_free(&set->arena);
  *set = (ChartSet){0};
}
