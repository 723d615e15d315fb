/*
 * merge.h -- which incident a report joins, and what an incident says when
 * its reports disagree.  Backend independent: it works through the
 * operations of store_backend.h (docs/store.md states the rules).
 */
#ifndef SR_STORE_MERGE_H
#define SR_STORE_MERGE_H

#include "store_backend.h"

/* Distance limits (km) by the coarser place precision of the two sides. */
#define SR_MERGE_KM_SITE   25.0
#define SR_MERGE_KM_CITY   50.0
#define SR_MERGE_KM_ADMIN1 200.0

/* Great-circle distance in km. */
double sr_km_between(double lat1, double lon1, double lat2, double lon2);

/* Does report r agree with incident inc?  1 with *score (higher is a
 * closer match) and the reason in `why`; 0 with what disagrees in `why`. */
int sr_merge_agree(const sr_report *r, const sr_store_incident *inc,
                   double *score, char *why, size_t cap);

/* Find the incident stored report `report_id` (of document `doc_id`)
 * joins, or start one; link them.  *joined says which happened. */
sr_status sr_merge_report(sr_store *s, int64_t doc_id, int64_t report_id,
                          const sr_report *r, int64_t *incident, int *joined,
                          sr_error *err);

/* The same, where `own` lists the incidents that earlier reports of this
 * document are in (never joined, whatever the backend returns). */
sr_status sr_merge_report_own(sr_store *s, int64_t doc_id, int64_t report_id,
                              const sr_report *r, const sr_ids *own, int64_t *incident,
                              int *joined, sr_error *err);

/* Recompute an incident's reconciled values from all its reports; remove
 * it when it has none left. */
sr_status sr_merge_reconcile(sr_store *s, int64_t incident_id, sr_error *err);

/* Add report r (just linked to a stored incident) to that incident's
 * reconciled values without reading its other reports: the same result as
 * sr_merge_reconcile(), in time independent of the number of reports. */
sr_status sr_merge_join(sr_store *s, int64_t incident_id, const sr_report *r,
                        const char *doc_key, const char *title, const char *published,
                        sr_error *err);

/* Free the parsed records merge.c keeps on a store handle (see
 * sr_merge_join); NULL is fine. */
void sr_merge_cache_free(struct sr_merge_cache *c);

/* Build the record of a new incident whose one report is r. */
sr_status sr_merge_start(sr_store *s, int64_t incident_id, const sr_report *r,
                         const char *doc_key, const char *title, const char *published,
                         sr_error *err);

#endif
