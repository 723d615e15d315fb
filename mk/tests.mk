# Test tools: programs the shell tests use.
build/tools/spancheck: tests/tools/spancheck.c build/libsitrep.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(CPPFLAGS) -o $@ $< build/libsitrep.a $(LDLIBS)

all: build/tools/spancheck
