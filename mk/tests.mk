# Test tools: programs the shell tests use.
build/tools/spancheck: tests/tools/spancheck.c src/core/buf.c src/core/utf8.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(CPPFLAGS) -o $@ $^ $(LDLIBS)

all: build/tools/spancheck
