/*
** decide_cmd.c -- pactum decide: what a party may do on a date, and why.
*/
#include "cli.h"

int cmd_decide(const Options *o) {
  return usage_error(o->command, "not built yet", NULL);
}
