# mk/models.mk -- the learned role tagger (src/nlp, src/extract/roles.c).
#
# `make model` retrains data/models/roles.model and relevance.model from
# ../shared/data/muc4/train.jsonl, choosing the decoding biases on
# dev.jsonl (--tune); training is deterministic, so the same sources,
# lexicons and data give the same bytes.  The models are committed, so
# `make model` is only needed after a change to the features, the
# lexicons or the options below.  `make eval-muc4` scores the full
# extraction (the incidents' fillers) and the role tagger alone on
# dev.jsonl with CEAF-REE.

MUC4_DIR    ?= ../shared/data/muc4
MODEL_OPTS  ?= --epochs 10 --bits 17 --tune

.PHONY: model eval-muc4
model: build/sitrep
	build/sitrep train $(MODEL_OPTS) --dev $(MUC4_DIR)/dev.jsonl \
	    -o data/models/roles.model --relevance data/models/relevance.model \
	    $(MUC4_DIR)/train.jsonl

EVALS += eval-muc4
eval-muc4: build/sitrep
	@if [ -f $(MUC4_DIR)/dev.jsonl ]; then build/sitrep eval muc4 $(MUC4_DIR)/dev.jsonl && \
	    build/sitrep eval muc4 --from roles $(MUC4_DIR)/dev.jsonl; \
	else echo "eval-muc4: $(MUC4_DIR)/dev.jsonl not found, skipped"; fi
