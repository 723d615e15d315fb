/*
 * sitrep1.c -- the sitrep/1 writer: one document as one JSON object
 * (docs/schema.md).  Field names are a contract: evaluations and
 * downstream tools read them.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/doc.h"
#include "../core/error.h"
#include "../extract/incident.h"
#include "../extract/mentions.h"

const char *const sr_count_names[SR_COUNT_N] = {
    "killed", "wounded", "hostages", "kidnapped", "released",
    "perpetrators_killed", "arrested"};

const char *sr_precision_name(sr_precision p) {
    static const char *const names[] = {"unknown", "day", "month", "year",
                                        "site", "city", "admin1", "country"};
    return (unsigned)p < sizeof names / sizeof *names ? names[p] : "unknown";
}

static void write_doc_meta(sr_json *j, const sr_doc *d) {
    static const char *const keys[SR_FIELD_COUNT_] = {"id", "title", "url",
                                                      "published", "lang"};
    sr_json_key(j, "doc");
    sr_json_obj_begin(j);
    for (int f = 0; f < SR_FIELD_COUNT_; f++) {
        sr_json_key(j, keys[f]);
        /* "published" shows the date times were resolved against. */
        const char *v = f == SR_FIELD_PUBLISHED && d->ref_date ? d->ref_date : d->field[f];
        if (f == SR_FIELD_LANG && !v) v = "en";
        sr_json_str(j, v);
    }
    sr_json_key(j, "bytes");
    sr_json_int(j, (int64_t)d->len);
    if (d->extra) {
        sr_json_key(j, "extra");
        sr_json_raw(j, d->extra, d->extra_len);
    }
    sr_json_obj_end(j);
}

static void write_filler(sr_json *j, const sr_doc *d, const sr_filler *f) {
    sr_json_obj_begin(j);
    sr_json_text_span(j, d, f->start, f->end);
    if (f->name) { sr_json_key(j, "name"); sr_json_str(j, f->name); }
    if (f->has_count) {
        sr_json_key(j, "count");
        sr_json_obj_begin(j);
        sr_json_key(j, "min"); sr_json_bound(j, f->count_min);
        sr_json_key(j, "max"); sr_json_bound(j, f->count_max);
        sr_json_obj_end(j);
    }
    if (f->source) { sr_json_key(j, "source"); sr_json_str(j, f->source); }
    sr_json_obj_end(j);
}

static void write_fillers(sr_json *j, const sr_doc *d, const char *key,
                          const sr_fillers *fs) {
    sr_json_key(j, key);
    sr_json_arr_begin(j);
    for (size_t i = 0; i < fs->n; i++) write_filler(j, d, &fs->v[i]);
    sr_json_arr_end(j);
}

static void write_incident(sr_json *j, const sr_doc *d, const sr_incident *in,
                           size_t ordinal) {
    sr_json_obj_begin(j);
    sr_json_key(j, "id");
    {
        sr_buf id = SR_BUF_INIT;
        sr_buf_printf(&id, "%s/%zu", d->field[SR_FIELD_ID] ? d->field[SR_FIELD_ID] : "",
                      ordinal);
        sr_json_strn(j, id.data, id.len);
        sr_buf_free(&id);
    }
    sr_json_key(j, "type"); sr_json_str(j, in->type);
    sr_json_key(j, "types");
    sr_json_arr_begin(j);
    for (size_t i = 0; i < in->ntypes; i++) sr_json_str(j, in->types[i]);
    sr_json_arr_end(j);
    sr_json_key(j, "taxonomy");
    sr_json_obj_begin(j);
    sr_json_key(j, "gtd"); sr_json_str(j, in->gtd);
    sr_json_key(j, "acled"); sr_json_str(j, in->acled);
    sr_json_key(j, "acled_sub"); sr_json_str(j, in->acled_sub);
    sr_json_key(j, "muc4"); sr_json_str(j, in->muc4);
    sr_json_obj_end(j);
    sr_json_key(j, "status");
    sr_json_str(j, in->status == SR_STATUS_MAIN ? "main" : "background");
    sr_json_key(j, "confidence"); sr_json_double(j, in->confidence, 3);
    sr_json_key(j, "trigger");
    if (in->has_trigger) write_filler(j, d, &in->trigger); else sr_json_null(j);

    sr_json_key(j, "date");
    sr_json_obj_begin(j);
    sr_json_key(j, "value"); sr_json_str(j, in->date.value);
    sr_json_key(j, "precision"); sr_json_str(j, sr_precision_name(in->date.precision));
    if (in->date.end > in->date.start) {
        sr_json_text_span(j, d, in->date.start, in->date.end);
    } else {
        sr_json_key(j, "text"); sr_json_null(j);
        sr_json_key(j, "span"); sr_json_null(j);
    }
    sr_json_obj_end(j);

    sr_json_key(j, "location");
    if (in->location.present) {
        const sr_inc_location *l = &in->location;
        sr_json_obj_begin(j);
        sr_json_key(j, "name"); sr_json_str(j, l->name);
        sr_json_key(j, "country"); sr_json_str(j, l->country);
        sr_json_key(j, "admin1"); sr_json_str(j, l->admin1);
        sr_json_key(j, "lat"); sr_json_double(j, l->lat, 5);
        sr_json_key(j, "lon"); sr_json_double(j, l->lon, 5);
        sr_json_key(j, "geonameid");
        if (l->geonameid > 0) sr_json_int(j, l->geonameid); else sr_json_null(j);
        sr_json_key(j, "precision"); sr_json_str(j, sr_precision_name(l->precision));
        sr_json_text_span(j, d, l->start, l->end);
        sr_json_obj_end(j);
    } else {
        sr_json_null(j);
    }
    sr_json_key(j, "site");
    if (in->has_site) write_filler(j, d, &in->site); else sr_json_null(j);
    write_fillers(j, d, "perpetrators", &in->perpetrators);
    write_fillers(j, d, "perpetrator_orgs", &in->perpetrator_orgs);
    write_fillers(j, d, "targets", &in->targets);
    write_fillers(j, d, "victims", &in->victims);
    write_fillers(j, d, "weapons", &in->weapons);
    write_fillers(j, d, "responders", &in->responders);

    sr_json_key(j, "casualties");
    sr_json_obj_begin(j);
    for (int k = 0; k < SR_COUNT_N; k++) {
        const sr_count *c = &in->counts[k];
        sr_json_key(j, sr_count_names[k]);
        if (!c->present) { sr_json_null(j); continue; }
        sr_json_obj_begin(j);
        sr_json_key(j, "min"); sr_json_bound(j, c->min);
        sr_json_key(j, "max"); sr_json_bound(j, c->max);
        sr_json_text_span(j, d, c->start, c->end);
        sr_json_key(j, "source"); sr_json_str(j, c->source);
        sr_json_obj_end(j);
    }
    sr_json_obj_end(j);
    write_fillers(j, d, "claimed_by", &in->claimed_by);

    sr_json_key(j, "sources");
    sr_json_arr_begin(j);
    for (size_t i = 0; i < in->nsources; i++) {
        const sr_source_ref *s = &in->sources[i];
        sr_json_obj_begin(j);
        sr_json_key(j, "name"); sr_json_str(j, s->name);
        sr_json_key(j, "via"); sr_json_str(j, s->via);
        sr_json_key(j, "span"); sr_json_span(j, s->start, s->end);
        sr_json_obj_end(j);
    }
    sr_json_arr_end(j);
    sr_json_key(j, "sentences");
    sr_json_arr_begin(j);
    for (size_t i = 0; i < in->nsentences; i++) {
        uint32_t s = in->sentences[i];
        if (s < d->sents.n) sr_json_span(j, d->sents.v[s].start, d->sents.v[s].end);
    }
    sr_json_arr_end(j);
    sr_json_obj_end(j);
}

sr_status sr_doc_to_json(const sr_doc *d, unsigned flags, char **out, size_t *len) {
    *out = NULL;
    sr_buf b = SR_BUF_INIT;
    sr_json j;
    sr_json_init(&j, &b, (flags & SR_JSON_PRETTY) != 0);
    sr_json_obj_begin(&j);
    sr_json_key(&j, "schema"); sr_json_str(&j, SITREP_SCHEMA);
    write_doc_meta(&j, d);
    sr_json_key(&j, "incidents");
    sr_json_arr_begin(&j);
    if (d->incidents)
        for (size_t i = 0; i < d->incidents->n; i++)
            write_incident(&j, d, &d->incidents->v[i], i + 1);
    sr_json_arr_end(&j);
    if (flags & SR_JSON_MENTIONS) {
        sr_json_key(&j, "mentions");
        sr_json_obj_begin(&j);
        for (size_t i = 0; i < d->nsections; i++) {
            sr_json_key(&j, d->sections[i].name);
            d->sections[i].write(&j, d, d->sections[i].data);
        }
        sr_json_obj_end(&j);
    }
    sr_json_key(&j, "warnings");
    sr_json_arr_begin(&j);
    for (size_t i = 0; i < d->nwarnings; i++) sr_json_str(&j, d->warnings[i]);
    sr_json_arr_end(&j);
    sr_json_obj_end(&j);
    if (b.oom) { sr_buf_free(&b); return SR_ERR_NOMEM; }
    *out = sr_buf_steal(&b, len);
    return SR_OK;
}
