# mk/times.mk -- the temporal tagger's evaluation (issue 4).
#
# `make eval-times` scores `sitrep eval times` on the TempEval-3 TimeBank
# and AQUAINT files under ../shared/data/tempeval3 (strict and relaxed
# recognition, value and type P/R/F1); docs/times.md explains the figures.

.PHONY: eval-times
EVALS += eval-times
eval-times: build/sitrep
	build/sitrep eval times
