# mk/incidents.mk -- rules of incident assembly (src/extract/incident*).
#
# `make docs` regenerates docs/taxonomy.md from data/taxonomy.tsv, the one
# source of truth for the taxonomy mapping (tests/cli/taxonomy_doc.sh fails
# when the committed page is stale).

.PHONY: docs
docs: docs/taxonomy.md

docs/taxonomy.md: data/taxonomy.tsv scripts/taxonomy-md.sh
	@mkdir -p $(@D)
	scripts/taxonomy-md.sh $< > $@.tmp && mv $@.tmp $@
