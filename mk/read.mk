# Readers: the tool the reader shell tests use to check sitrep/1 JSONL.
build/tools/jsonlcheck: tests/tools/jsonlcheck.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(CPPFLAGS) -o $@ $^ $(LDLIBS)

all: build/tools/jsonlcheck
