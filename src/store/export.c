/*
 * export.c -- writing incidents in the formats of export.h.
 *
 * The plain formats take the stored columns; the ACLED-like and GTD-like
 * ones also read the incident's JSON record (taxonomy mappings, sources,
 * evidence) with jansson.  CSV follows RFC 4180 for fields (a field with a
 * comma, quote or line break is quoted, quotes doubled) but ends lines with
 * LF, as most tools expect (docs/export.md).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"

int sr_export_format_parse(const char *name, sr_export_format *out) {
    static const char *const names[] = {"table", "jsonl", "csv", "geojson", "acled", "gtd"};
    for (int i = 0; i < 6; i++)
        if (strcmp(name, names[i]) == 0) {
            *out = (sr_export_format)i;
            return 0;
        }
    return -1;
}

static void csv_field(sr_buf *b, const char *s, int first) {
    if (!first) sr_buf_addc(b, ',');
    if (!s) return;
    if (!strpbrk(s, ",\"\r\n")) {
        sr_buf_adds(b, s);
        return;
    }
    sr_buf_addc(b, '"');
    for (; *s; s++) {
        if (*s == '"') sr_buf_addc(b, '"');
        sr_buf_addc(b, *s);
    }
    sr_buf_addc(b, '"');
}

static void csv_int(sr_buf *b, int present, int64_t v) {
    sr_buf_addc(b, ',');
    if (present) sr_buf_printf(b, "%lld", (long long)v);
}

static void csv_real(sr_buf *b, int present, double v) {
    sr_buf_addc(b, ',');
    if (present) sr_buf_printf(b, "%.5f", v);
}

/* a '\n'-separated list as "a; b; c" */
static void csv_list(sr_buf *b, const char *list) {
    sr_buf tmp = SR_BUF_INIT;
    for (const char *p = list; p && *p; p++) {
        if (*p == '\n') sr_buf_adds(&tmp, "; ");
        else sr_buf_addc(&tmp, *p);
    }
    csv_field(b, tmp.data ? tmp.data : "", 0);
    sr_buf_free(&tmp);
}

static const char *js(json_t *o, const char *k) {
    json_t *v = json_is_object(o) ? json_object_get(o, k) : NULL;
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* "AFP (Mr Traore); BBC" from the record's sources, distinct entries. */
static void sources_text(sr_buf *b, json_t *rec) {
    json_t *srcs = json_object_get(rec, "sources"), *s;
    size_t i;
    sr_buf seen = SR_BUF_INIT;
    json_array_foreach(srcs, i, s) {
        const char *name = js(s, "name"), *via = js(s, "via");
        sr_buf one = SR_BUF_INIT;
        if (via && name) sr_buf_printf(&one, "%s (%s)", via, name);
        else sr_buf_adds(&one, via ? via : name ? name : "");
        if (one.len && (!seen.data || !strstr(seen.data, one.data))) {
            if (b->len) sr_buf_adds(b, "; ");
            sr_buf_adds(b, one.data);
            sr_buf_adds(&seen, one.data);
            sr_buf_addc(&seen, '\n');
        }
        sr_buf_free(&one);
    }
    sr_buf_free(&seen);
}

/* The first evidence sentence, as a summary/notes field. */
static const char *first_evidence(json_t *rec) {
    return js(json_array_get(json_object_get(rec, "evidence"), 0), "text");
}

static const char *first_line(const char *list, char *out, size_t cap) {
    if (!list || !*list) return NULL;
    size_t n = strcspn(list, "\n");
    if (n >= cap) n = cap - 1;
    memcpy(out, list, n);
    out[n] = '\0';
    return out;
}

static const char *CSV_HEAD =
    "id,date,date_precision,type,status,place,admin1,country,lat,lon,place_precision,"
    "killed,killed_min,killed_max,wounded,wounded_min,wounded_max,perpetrator_orgs,"
    "actors,reports\n";

/* ACLED-like: ACLED's column names for what sitrep knows (docs/export.md). */
static const char *ACLED_HEAD =
    "event_id_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,"
    "country,admin1,location,latitude,longitude,geo_precision,source,notes,fatalities\n";

/* GTD-like: the Global Terrorism Database's column names (docs/export.md). */
static const char *GTD_HEAD =
    "eventid,iyear,imonth,iday,approxdate,country_txt,provstate,city,latitude,longitude,"
    "specificity,attacktype1_txt,gname,claimed,nkill,nwound,summary,scite1,dbsource\n";

void sr_export_begin(sr_exporter *x, sr_export_format fmt, sr_buf *out) {
    x->fmt = fmt;
    x->out = out;
    x->n = 0;
    switch (fmt) {
    case SR_EXPORT_TABLE:
        sr_buf_printf(out, "%-7s %-10s %-18s %-10s %-22s %-2s %-12s %-7s %s\n", "ID", "DATE",
                      "TYPE", "STATUS", "PLACE", "CC", "KILLED", "WOUNDED", "REPORTS");
        break;
    case SR_EXPORT_CSV: sr_buf_adds(out, CSV_HEAD); break;
    case SR_EXPORT_ACLED: sr_buf_adds(out, ACLED_HEAD); break;
    case SR_EXPORT_GTD: sr_buf_adds(out, GTD_HEAD); break;
    case SR_EXPORT_GEOJSON:
        sr_buf_adds(out, "{\"type\":\"FeatureCollection\",\"features\":[\n");
        break;
    case SR_EXPORT_JSONL: break;
    }
}

static void count_text(char *out, size_t cap, const sr_store_count *c) {
    if (!c->present) snprintf(out, cap, "-");
    else if (c->lo == c->value && c->hi == c->value) snprintf(out, cap, "%lld", (long long)c->value);
    else if (c->hi < 0 && c->lo == c->value) snprintf(out, cap, "%lld+", (long long)c->value);
    else if (c->hi < 0) snprintf(out, cap, "%lld (%lld+)", (long long)c->value, (long long)c->lo);
    else snprintf(out, cap, "%lld (%lld-%lld)", (long long)c->value, (long long)c->lo,
                  (long long)c->hi);
}

static int time_precision(const char *p) {   /* ACLED: 1 day, 2 week/month, 3 year */
    if (!p) return 3;
    return strcmp(p, "day") == 0 ? 1 : strcmp(p, "month") == 0 ? 2 : 3;
}

static int geo_precision(const char *p) {    /* ACLED: 1 town, 2 near/district, 3 region */
    if (!p) return 3;
    if (strcmp(p, "site") == 0 || strcmp(p, "city") == 0) return 1;
    return strcmp(p, "admin1") == 0 ? 2 : 3;
}

static int specificity(const char *p) {      /* GTD: 1 city known .. 4 admin1, 5 unknown */
    if (!p) return 5;
    if (strcmp(p, "site") == 0 || strcmp(p, "city") == 0) return 1;
    return strcmp(p, "admin1") == 0 ? 4 : 5;
}

static void write_acled(sr_buf *b, const sr_store_incident *inc, json_t *rec) {
    char id[48], one[256];
    snprintf(id, sizeof id, "%s%lld", inc->country ? inc->country : "XX", (long long)inc->id);
    json_t *tax = json_object_get(rec, "taxonomy");
    csv_field(b, id, 1);
    csv_field(b, inc->date, 0);
    sr_buf_addc(b, ',');
    if (inc->date) sr_buf_printf(b, "%.4s", inc->date);
    csv_int(b, 1, time_precision(inc->date ? inc->date_precision : NULL));
    csv_field(b, js(tax, "acled"), 0);
    csv_field(b, js(tax, "acled_sub"), 0);
    const char *actor = first_line(inc->orgs, one, sizeof one);
    csv_field(b, actor ? actor : "Unidentified Armed Group", 0);
    csv_field(b, inc->country, 0);
    csv_field(b, inc->admin1, 0);
    csv_field(b, inc->place, 0);
    csv_real(b, inc->has_geo, inc->lat);
    csv_real(b, inc->has_geo, inc->lon);
    csv_int(b, 1, geo_precision(inc->place_precision));
    sr_buf src = SR_BUF_INIT;
    sources_text(&src, rec);
    csv_field(b, src.data ? src.data : "", 0);
    sr_buf_free(&src);
    csv_field(b, first_evidence(rec), 0);
    csv_int(b, 1, inc->killed.present ? inc->killed.value : 0);
    sr_buf_addc(b, '\n');
}

static void write_gtd(sr_buf *b, const sr_store_incident *inc, json_t *rec) {
    char one[256];
    int y = 0, m = 0, d = 0;
    if (inc->date) sscanf(inc->date, "%d-%d-%d", &y, &m, &d);
    sr_buf_printf(b, "%lld,%d,%d,%d", (long long)inc->id, y, m, d);
    csv_field(b, inc->date_precision && strcmp(inc->date_precision, "day") != 0 ? inc->date : NULL,
              0);
    csv_field(b, inc->country, 0);
    csv_field(b, inc->admin1, 0);
    csv_field(b, inc->place, 0);
    csv_real(b, inc->has_geo, inc->lat);
    csv_real(b, inc->has_geo, inc->lon);
    csv_int(b, 1, specificity(inc->place_precision));
    csv_field(b, js(json_object_get(rec, "taxonomy"), "gtd"), 0);
    const char *g = first_line(inc->orgs, one, sizeof one);
    csv_field(b, g ? g : "Unknown", 0);
    csv_int(b, 1, json_array_size(json_object_get(rec, "claimed_by")) > 0);
    csv_int(b, inc->killed.present, inc->killed.value);
    csv_int(b, inc->wounded.present, inc->wounded.value);
    csv_field(b, first_evidence(rec), 0);
    sr_buf src = SR_BUF_INIT;
    sources_text(&src, rec);
    csv_field(b, src.data ? src.data : "", 0);
    sr_buf_free(&src);
    csv_field(b, "sitrep", 0);
    sr_buf_addc(b, '\n');
}

static void write_csv(sr_buf *b, const sr_store_incident *inc) {
    sr_buf_printf(b, "%lld", (long long)inc->id);
    csv_field(b, inc->date, 0);
    csv_field(b, inc->date_precision, 0);
    csv_field(b, inc->type, 0);
    csv_field(b, inc->main ? "main" : "background", 0);
    csv_field(b, inc->place, 0);
    csv_field(b, inc->admin1, 0);
    csv_field(b, inc->country, 0);
    csv_real(b, inc->has_geo, inc->lat);
    csv_real(b, inc->has_geo, inc->lon);
    csv_field(b, inc->place_precision, 0);
    for (int c = 0; c < 2; c++) {
        const sr_store_count *k = c ? &inc->wounded : &inc->killed;
        csv_int(b, k->present, k->value);
        csv_int(b, k->present, k->lo);
        csv_int(b, k->present && k->hi >= 0, k->hi);
    }
    csv_list(b, inc->orgs);
    csv_list(b, inc->actors);
    csv_int(b, 1, inc->nreports);
    sr_buf_addc(b, '\n');
}

static void json_str(sr_buf *b, const char *s) {
    if (!s) { sr_buf_adds(b, "null"); return; }
    json_t *t = json_string(s);
    char *e = t ? json_dumps(t, JSON_ENCODE_ANY) : NULL;
    sr_buf_adds(b, e ? e : "null");
    free(e);
    json_decref(t);
}

static void write_geojson(sr_buf *b, const sr_store_incident *inc, size_t n) {
    if (n) sr_buf_adds(b, ",\n");
    sr_buf_adds(b, "{\"type\":\"Feature\",\"id\":");
    sr_buf_printf(b, "%lld,\"geometry\":", (long long)inc->id);
    if (inc->has_geo)
        sr_buf_printf(b, "{\"type\":\"Point\",\"coordinates\":[%.5f,%.5f]}", inc->lon, inc->lat);
    else sr_buf_adds(b, "null");
    sr_buf_adds(b, ",\"properties\":{\"date\":");
    json_str(b, inc->date);
    sr_buf_adds(b, ",\"type\":");
    json_str(b, inc->type);
    sr_buf_printf(b, ",\"status\":\"%s\",\"place\":", inc->main ? "main" : "background");
    json_str(b, inc->place);
    sr_buf_adds(b, ",\"country\":");
    json_str(b, inc->country);
    sr_buf_adds(b, ",\"killed\":");
    if (inc->killed.present) sr_buf_printf(b, "%lld", (long long)inc->killed.value);
    else sr_buf_adds(b, "null");
    sr_buf_adds(b, ",\"wounded\":");
    if (inc->wounded.present) sr_buf_printf(b, "%lld", (long long)inc->wounded.value);
    else sr_buf_adds(b, "null");
    sr_buf_printf(b, ",\"reports\":%lld}}", (long long)inc->nreports);
}

void sr_export_incident(sr_exporter *x, const sr_store_incident *inc) {
    sr_buf *b = x->out;
    char k[48], w[48];
    switch (x->fmt) {
    case SR_EXPORT_TABLE:
        count_text(k, sizeof k, &inc->killed);
        count_text(w, sizeof w, &inc->wounded);
        sr_buf_printf(b, "%-7lld %-10s %-18.18s %-10s %-22.22s %-2s %-12s %-7s %lld\n",
                      (long long)inc->id, inc->date ? inc->date : "?", inc->type,
                      inc->main ? "main" : "background", inc->place ? inc->place : "?",
                      inc->country ? inc->country : "?", k, w, (long long)inc->nreports);
        break;
    case SR_EXPORT_JSONL:
        sr_buf_adds(b, inc->json);
        sr_buf_addc(b, '\n');
        break;
    case SR_EXPORT_CSV: write_csv(b, inc); break;
    case SR_EXPORT_GEOJSON: write_geojson(b, inc, x->n); break;
    case SR_EXPORT_ACLED:
    case SR_EXPORT_GTD: {
        json_t *rec = json_loads(inc->json, 0, NULL);
        if (x->fmt == SR_EXPORT_ACLED) write_acled(b, inc, rec);
        else write_gtd(b, inc, rec);
        json_decref(rec);
        break;
    }
    }
    x->n++;
}

void sr_export_end(sr_exporter *x) {
    if (x->fmt == SR_EXPORT_GEOJSON) sr_buf_adds(x->out, "\n]}\n");
}
