# Feeds: the local HTTP server the fetch and --follow tests use
# (tests/tools/httpd.c, libmicrohttpd, loopback only).  The unit tests
# start it, so it is built before them.
build/tools/httpd: tests/tools/httpd.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(CPPFLAGS) -o $@ $< $(shell pkg-config --libs libmicrohttpd) -lpthread

all: build/tools/httpd
build/unit_tests build/asan/unit_tests: | build/tools/httpd
