# Build configuration: the one place that lists dependencies.
#
# PKGS are found with pkg-config; DEBIAN_PKGS is what scripts/deps.sh
# installs when one is missing (same order: a library, then its -dev
# package and the tools the tests use).

PKGS        := libxml-2.0 libutf8proc jansson sqlite3 libcurl libmicrohttpd libpq
DEBIAN_PKGS := build-essential pkg-config clang libclang-rt-14-dev \
               libxml2-dev libutf8proc-dev libjansson-dev \
               libsqlite3-dev sqlite3 libcurl4-openssl-dev libmicrohttpd-dev \
               chromium curl libpq-dev postgresql redis-server

CC       ?= cc
FUZZ_CC  := clang
WARN     := -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter
DATADIR  := $(CURDIR)/data
CPPFLAGS := -Iinclude -D_GNU_SOURCE -DSR_DATADIR='"$(DATADIR)"' \
            $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
CFLAGS   ?= -std=c11 -O2 -g $(WARN)
ASAN_CFLAGS := -std=c11 -O1 -g $(WARN) -fsanitize=address,undefined \
               -fno-omit-frame-pointer -fno-sanitize-recover=undefined
FUZZ_CFLAGS := -std=c11 -O1 -g -fsanitize=fuzzer,address,undefined \
               -Wno-unused-parameter
FUZZ_LIB_CFLAGS := -std=c11 -O1 -g -fsanitize=fuzzer-no-link,address,undefined \
               -Wno-unused-parameter
LDLIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread -lm
