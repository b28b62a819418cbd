# pactum -- plain GNU Makefile. `make run`, `make test`, `make bench`, `make fuzz`.
# The build uses pkg-config for outside libraries; scripts/deps.sh installs what is missing.

BUILD   ?= build
CC      ?= cc
PKGS    := sqlite3
OPT     ?= -O2
WARN    := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wvla -Wformat=2 -Wcast-qual -Wundef -Wno-unused-parameter
ifneq ($(CI)$(STRICT),)
WARN    += -Werror
endif
SAN     ?=
# DEFS=-DPACT_DEBUG: stop at the first invariant that does not hold (src/base/invariant.h).
DEFS    ?=
CFLAGS  ?= $(OPT) -g
ALL_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L $(DEFS) $(WARN) $(CFLAGS) $(SAN) -Iinclude -Isrc \
              $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# What a program that embeds the library is compiled with: pactum.h only.
PUBLIC_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) $(CFLAGS) $(SAN) -Iinclude
LDLIBS  := $(SAN) $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lsqlite3) -pthread

# The library, one folder per layer (docs/architecture.md), a module's files in a folder of its
# layer when it has several (src/engine/decide/); the program in src/cli.
LIB_SRC := $(filter-out src/cli/%,$(wildcard src/*/*.c src/*/*/*.c))
CLI_SRC := $(wildcard src/cli/*.c)
TEST_SRC := $(wildcard tests/unit/test_*.c)
# Tests of the public interface: pactum.h alone, no src/ on the include path, the public archive.
API_TEST_SRC := $(wildcard tests/api/test_*.c)

LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ := $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%) $(API_TEST_SRC:tests/%.c=$(BUILD)/tests/%)

PACTUM  := $(BUILD)/pactum

# The library's version (from pactum.h) and its shared object's name: the major number changes
# when a program built against an earlier one could break.
VERSION := $(shell sed -n 's/^\#define PACT_VERSION "\(.*\)"/\1/p' include/pactum.h)
SOMAJOR := $(firstword $(subst ., ,$(VERSION)))
SONAME  := libpactum.so.$(SOMAJOR)
# The library's objects are position-independent (for the shared object) and keep every name
# inside but what pactum.h declares (its `#pragma GCC visibility push(default)`).
$(LIB_OBJ): OBJ_FLAGS := -fPIC -fvisibility=hidden
LIBS    := $(BUILD)/libpactum.a $(BUILD)/libpactum-internal.a $(BUILD)/libpactum.so.$(VERSION)

.PHONY: all deps run test test-suite test-asan fuzz fuzz-long bench simulate man install clean

all: $(PACTUM) $(TEST_BIN) $(LIBS)

# V=1 shows each command in full.
ifeq ($(V),1)
Q :=
say = @true
else
Q := @
say = @printf '  %-6s %s\n'
endif

$(BUILD)/%.o: %.c $(wildcard include/*.h src/*/*.h src/*/*/*.h) Makefile
	@mkdir -p $(dir $@)
	$(say) CC $@
	$(Q)$(CC) $(ALL_CFLAGS) $(OBJ_FLAGS) -c $< -o $@

# Three forms of the library:
#   libpactum.a           what a program links: one object whose only global names are those
#                         of pactum.h (ld -r, then every hidden name made local), so that a
#                         program's own str_eq or json_int cannot clash with the library's
#   libpactum.so.VERSION  the same as a shared object, with its soname
#   libpactum-internal.a  every object as it is, for the tests and fuzz targets that reach
#                         inside (as SQLite's testfixture links the library with its private
#                         names visible)
$(BUILD)/libpactum-internal.a: $(LIB_OBJ)
	@rm -f $@
	$(say) AR $@
	$(Q)ar rcs $@ $^

$(BUILD)/libpactum.o: $(LIB_OBJ)
	$(say) LD $@
	$(Q)ld -r -o $@ $^ && objcopy --localize-hidden $@

$(BUILD)/libpactum.a: $(BUILD)/libpactum.o
	@rm -f $@
	$(say) AR $@
	$(Q)ar rcs $@ $^

$(BUILD)/libpactum.so.$(VERSION): $(LIB_OBJ)
	$(say) LINK $@
	$(Q)$(CC) $(ALL_CFLAGS) -shared -Wl,-soname,$(SONAME) -o $@ $^ $(LDLIBS)
	$(Q)ln -sf libpactum.so.$(VERSION) $(BUILD)/$(SONAME)
	$(Q)ln -sf $(SONAME) $(BUILD)/libpactum.so

# The program is a client of the library like any other: compiled with include/ alone on its
# path, and linked with the public archive, so that it can reach nothing pactum.h does not say.
$(CLI_OBJ): $(BUILD)/%.o: %.c include/pactum.h src/cli/cli.h Makefile
	@mkdir -p $(dir $@)
	$(say) CC $@
	$(Q)$(CC) $(PUBLIC_CFLAGS) -c $< -o $@

$(PACTUM): $(CLI_OBJ) $(BUILD)/libpactum.a
	$(say) LINK $@
	$(Q)$(CC) $(ALL_CFLAGS) $^ -o $@ $(LDLIBS)

$(BUILD)/tests/unit/%: tests/unit/%.c tests/unit/unit.h $(BUILD)/libpactum-internal.a
	@mkdir -p $(dir $@)
	$(say) LINK $@
	$(Q)$(CC) $(ALL_CFLAGS) -Itests/unit $< $(BUILD)/libpactum-internal.a -o $@ $(LDLIBS)

$(BUILD)/tests/api/%: tests/api/%.c tests/unit/unit.h include/pactum.h $(BUILD)/libpactum.a
	@mkdir -p $(dir $@)
	$(say) LINK $@
	$(Q)$(CC) $(PUBLIC_CFLAGS) -Itests/unit $< $(BUILD)/libpactum.a -o $@ $(LDLIBS)

deps:
	@scripts/deps.sh

# The main job: the terms in force today, what each amendment changed, and what each payment
# clause owes over the bundled example events (reported figures, projections and estimates).
run: deps
	@$(MAKE) --no-print-directory all >/dev/null
	@$(PACTUM) check agreements/microsoft-openai
	@$(PACTUM) history agreements/microsoft-openai
	@$(PACTUM) show agreements/microsoft-openai
	@echo
	@echo "the example events (examples/microsoft-openai/README.md: every figure and its source),"
	@echo "loaded into a fresh ledger, build/run.db, and settled:"
	@rm -f build/run.db build/run.db-wal build/run.db-shm
	@$(PACTUM) init --ledger build/run.db >/dev/null
	@$(PACTUM) import --ledger build/run.db examples/microsoft-openai/events.csv
	@$(PACTUM) settle --agreement agreements/microsoft-openai --ledger build/run.db --by year
	@echo
	@echo "what the 2026 amendment changed in money: the same events under the 2025-10-28 terms, as if"
	@echo "they had stayed in force (a), and under the 2026-04-27 terms (b):"
	@$(PACTUM) compare --agreement agreements/microsoft-openai --ledger build/run.db --a 2025-10-28 --b actual
	@echo
	@echo "and over the revenue reported for 2026-2030 with its ranges (examples/microsoft-openai/reported.pact),"
	@echo "projected after the example's events to 2025 (actual.csv): 10,000 seeded paths, both terms on each:"
	@$(PACTUM) forecast --agreement agreements/microsoft-openai --scenario examples/microsoft-openai/reported.pact --events examples/microsoft-openai/actual.csv --a 2025-10-28 --b actual
	@$(PACTUM) forecast --agreement agreements/microsoft-openai --scenario examples/microsoft-openai/reported.pact --events examples/microsoft-openai/actual.csv --a 2025-10-28 --b actual --format svg >build/forecast.svg
	@$(PACTUM) report --agreement agreements/microsoft-openai --ledger build/run.db --on 2026-12-31 --a 2025-10-28 --b actual -o build/report.html
	@echo
	@echo "the report, with the terms, the settlement, the comparison, their charts and every obligation explained: build/report.html"
	@echo "the forecast's charts (each side's mean in its 10th-90th percentile band; the quarter the cap binds in): build/forecast.svg"
	@echo "every obligation, quarter by quarter: $(PACTUM) settle --agreement agreements/microsoft-openai --ledger build/run.db"
	@echo "why one is what it is: $(PACTUM) explain --agreement agreements/microsoft-openai --ledger build/run.db --clause openai-pays-microsoft --period 2029-Q1"

# The whole suite: a normal build, then the same tests under AddressSanitizer and
# UndefinedBehaviorSanitizer with the invariants checked (PACT_DEBUG), then a short fuzzing run
# of every parser of outside input.
test: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory BUILD=build/asan OPT=-O1 DEFS=-DPACT_DEBUG \
	  SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" all
	@FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_TARGETS="$(FUZZ_TARGETS)" tests/run.sh build build/asan

test-suite: all
	@tests/run.sh $(BUILD)

FUZZ_TARGETS := $(patsubst fuzz/fuzz_%.c,%,$(wildcard fuzz/fuzz_*.c))
FUZZ_SECONDS ?= 20

fuzz: deps
	@scripts/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# The long run the issue asks for: ten minutes per target.
fuzz-long: deps
	@scripts/fuzz.sh 600 $(FUZZ_TARGETS)

bench: deps
	@$(MAKE) --no-print-directory all
	@# Each runs even when one before it misses a target; make fails if any did.
	@status=0; bench/run.sh || status=$$?; bench/settle.sh || status=$$?; bench/decide.sh || status=$$?; bench/ledger.sh || status=$$?; bench/compare.sh || status=$$?; bench/forecast.sh || status=$$?; exit $$status

# A long run of the ledger simulation (tests/unit/test_feed.c): 50 seeds of 400 steps each.
simulate: all
	@PACTUM_SIM_SEEDS=$${PACTUM_SIM_SEEDS:-50} PACTUM_SIM_STEPS=$${PACTUM_SIM_STEPS:-400} $(BUILD)/tests/unit/test_feed

# The manual page, written by the program from the texts and the option table its help prints.
man: $(BUILD)/pactum.1

$(BUILD)/pactum.1: $(PACTUM)
	$(say) GEN $@
	$(Q)$(PACTUM) help --man >$@.tmp && mv $@.tmp $@

# make install PREFIX=DIR (default /usr/local; DESTDIR=ROOT stages it under ROOT): the program,
# the public header, the library, the manual page and pactum.pc for pkg-config.
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
INCLUDEDIR ?= $(PREFIX)/include
LIBDIR     ?= $(PREFIX)/lib
MANDIR     ?= $(PREFIX)/share/man
# The libraries installed in LIBDIR: the archive and the shared object (with its links: the
# soname, which programs load, and the plain name, which the linker finds).
INSTALL_LIBS := $(BUILD)/libpactum.a $(BUILD)/libpactum.so.$(VERSION)

install: $(PACTUM) $(INSTALL_LIBS) $(BUILD)/pactum.1
	$(say) INSTALL $(DESTDIR)$(PREFIX)
	$(Q)install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(LIBDIR)/pkgconfig \
	  $(DESTDIR)$(MANDIR)/man1
	$(Q)install -m 755 $(PACTUM) $(DESTDIR)$(BINDIR)/pactum
	$(Q)install -m 644 include/pactum.h $(DESTDIR)$(INCLUDEDIR)/pactum.h
	$(Q)install -m 644 $(INSTALL_LIBS) $(DESTDIR)$(LIBDIR)/
	$(Q)ln -sf libpactum.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	$(Q)ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libpactum.so
	$(Q)install -m 644 $(BUILD)/pactum.1 $(DESTDIR)$(MANDIR)/man1/pactum.1
	$(Q)sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBDIR@|$(LIBDIR)|g' \
	  -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|g' -e 's|@VERSION@|$(VERSION)|g' \
	  pactum.pc.in >$(DESTDIR)$(LIBDIR)/pkgconfig/pactum.pc

clean:
	rm -rf build
