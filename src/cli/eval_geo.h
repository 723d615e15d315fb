/*
 * eval_geo.h -- `sitrep eval geo`: place recognition and resolution scored
 * on the LGL and GeoVirus corpora (eval_geo.c).
 */
#ifndef SR_EVAL_GEO_H
#define SR_EVAL_GEO_H

int sr_eval_geo(int argc, char **argv);

#endif
