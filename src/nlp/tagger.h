/*
 * tagger.h -- a linear-chain sequence tagger (structured averaged
 * perceptron) and its model file.
 *
 * How it works.  Each token of a sequence carries a list of hashed
 * features (features.h).  The model holds one weight per (feature bucket,
 * label) and one per (previous label, label) transition; the score of a
 * labelling is the sum of the weights it uses, and decoding finds the best
 * labelling with the Viterbi algorithm in O(tokens x labels^2).  Training
 * (sr_trainer_*) is Collins' structured perceptron: decode, and where the
 * prediction differs from the gold labelling add the gold features' weights
 * and subtract the predicted ones; the saved weights are the average over
 * all steps (computed lazily), which generalises far better than the last
 * weights.
 *
 * Why hashing.  Features are 64-bit hashes of strings ("w-1=by"); the
 * model keeps 2^bits buckets, feature h uses bucket h & (2^bits - 1).  No
 * feature dictionary is stored or looked up, the model is one flat array
 * of floats, and a file can be used in place: sr_model_load() maps it
 * read-only, checks it, and decodes straight from the mapping, so loading
 * costs a checksum pass and the pages are shared by every process.
 *
 * File format (little-endian; all sizes checked on load):
 *
 *   offset  size  field
 *   0       8     magic "SRTAGGR\0"
 *   8       4     format version (SR_MODEL_VERSION)
 *   12      4     byte-order mark 0x01020304
 *   16      4     feature-extraction version the model was trained with
 *   20      4     number of labels L (2..SR_MODEL_MAX_LABELS)
 *   24      4     bits (hash buckets = 2^bits, 8..24)
 *   28      4     reserved, 0
 *   32      8     FNV-1a 64 checksum of every byte after the header
 *   40      32    params: 8 floats for the application (thresholds...)
 *   72      ..    header padding to 128 bytes (zero)
 *   128     16*L  label names, NUL-padded
 *   ...     4*(L+1)*L   transitions: row L is "start", row p is after label p
 *   ...     4*2^bits*L  weights: bucket-major, L floats per bucket
 */
#ifndef SR_TAGGER_H
#define SR_TAGGER_H

#include <stddef.h>
#include <stdint.h>

#include "sitrep.h"
#include "features.h"

#define SR_MODEL_VERSION 1u
#define SR_MODEL_MAX_LABELS 32u
#define SR_MODEL_LABEL_LEN 16u
#define SR_MODEL_HEADER 128u
#define SR_MODEL_NPARAMS 8u

typedef struct sr_model sr_model;

/* Check a model image in memory and make a model that reads it in place
 * (buf must stay valid and be 4-byte aligned; it is not copied).  Any
 * inconsistency -- size, magic, version, byte order, label count, checksum,
 * feature version -- gives SR_ERR_DATA with a message naming it. */
sr_status sr_model_parse(const void *buf, size_t len, const char *name,
                         sr_model **out, sr_error *err);

/* Map a model file read-only and parse it. */
sr_status sr_model_load(const char *path, sr_model **out, sr_error *err);

void sr_model_free(sr_model *m);

uint32_t sr_model_nlabels(const sr_model *m);
const char *sr_model_label(const sr_model *m, uint32_t i);
/* Index of a label name, or -1. */
int sr_model_find_label(const sr_model *m, const char *name);
float sr_model_param(const sr_model *m, unsigned i);
uint32_t sr_model_bits(const sr_model *m);

/* Best labelling of a sequence: labels[i] for each token; when margin is
 * not NULL, margin[i] = emission score of labels[i] minus that of label 0
 * (the "outside" label), a confidence for spans.  When bias is not NULL,
 * bias[y] is added to label y's score at every token before decoding
 * (e.g. a negative bias[0] trades precision for recall).  `work` must hold sr_model_work_size(f->n)
 * bytes.  Returns the path score. */
/* Emission scores of every label for every item: emit[i * L + y]. */
void sr_model_emissions(const sr_model *m, const sr_feats *f, float *emit);

size_t sr_model_work_size(const sr_model *m, size_t ntok);
float sr_model_decode(const sr_model *m, const sr_feats *f, const float *bias, void *work,
                      uint8_t *labels, float *margin);

/* ---- training ----------------------------------------------------------- */

typedef struct sr_trainer sr_trainer;

sr_status sr_trainer_new(uint32_t nlabels, const char *const *label_names,
                         uint32_t bits, sr_trainer **out);
void sr_trainer_free(sr_trainer *t);

/* Cost-augmented training (0, 0 = the plain perceptron): while learning,
 * decoding adds `miss` to label 0 where the gold label is another, and
 * `other` to every other wrong label, so the weights must win by that
 * margin; a miss cost above the other pushes towards recall. */
void sr_trainer_set_costs(sr_trainer *t, float miss, float other);

/* One perceptron step on a sequence with gold labels; returns the number
 * of tokens the current weights got wrong. */
size_t sr_trainer_learn(sr_trainer *t, const sr_feats *f, const uint8_t *gold);

/* The averaged weights as a model image (malloc'd; free() it), with the
 * given application params (up to SR_MODEL_NPARAMS). */
sr_status sr_trainer_image(const sr_trainer *t, const float *params, unsigned nparams,
                           void **out, size_t *len);

/* The mean of several trainers' averaged weights as one model image (an
 * ensemble of perceptrons trained on different orders costs no more at
 * extraction than one).  All must have the same labels and bits. */
sr_status sr_trainers_image(const sr_trainer *const *ts, size_t k, const float *params,
                            unsigned nparams, void **out, size_t *len);

/* Write an image to a file (written to a temporary name, then renamed). */
sr_status sr_model_write(const char *path, const void *img, size_t len, sr_error *err);

#endif
