/*
 * eval_times.h -- `sitrep eval times`: TempEval-3-style scores of the
 * temporal tagger on TimeML files (eval_times.c).
 */
#ifndef SR_EVAL_TIMES_H
#define SR_EVAL_TIMES_H

int sr_eval_times(int argc, char **argv);

#endif
