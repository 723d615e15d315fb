/*
 * test_places.c -- place recognition and resolution with the real
 * gazetteer (data/gazetteer.bin; each test says "skipped" and passes when
 * it is not built -- `make check` builds it).
 *
 * The seed cases of issue 3, casing, common words that are also towns,
 * person names, "the capital", demonyms, and the incident location.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "../../src/core/doc.h"
#include "../../src/extract/engine.h"
#include "../../src/extract/places.h"
#include "../../src/text/sentence.h"
#include "../../src/text/token.h"

static sr_engine *engine(void) {
    static sr_engine *e;
    static int tried;
    if (!tried) {
        tried = 1;
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/data", sr_test_root());
        sr_error err;
        if (sr_engine_open(dir, &e, &err) != SR_OK) {
            fprintf(stderr, "  %s\n", err.message);
            e = NULL;
        } else if (!e->gaz) {
            fprintf(stderr, "  skipped: data/gazetteer.bin not built (make data)\n");
        }
    }
    return e && e->gaz ? e : NULL;
}

static sr_doc *run(const char *text) {
    sr_doc *d = NULL;
    sr_error err;
    if (sr_doc_new("t", &d) != SR_OK) return NULL;
    if (sr_doc_set_text(d, text, strlen(text)) != SR_OK ||
        sr_extract(engine(), d, NULL, &err) != SR_OK) {
        sr_doc_free(d);
        return NULL;
    }
    return d;
}

/* The toponym (or anaphor) whose text is `name`, n-th occurrence. */
static const sr_place *find(const sr_doc *d, const char *name, int nth) {
    const sr_places *pl = d->places;
    for (size_t i = 0; pl && i < pl->n; i++) {
        const sr_place *p = &pl->v[i];
        if (p->role == SR_PLACE_DEMONYM) continue;
        if (strlen(name) == p->end - p->start && memcmp(d->text + p->start, name, p->end - p->start) == 0 &&
            nth-- == 0)
            return p;
    }
    return NULL;
}

static char *read_seed(void) {
    char path[4096];
    snprintf(path, sizeof path, "%s/../shared/seed/bamako-resort-attack.txt", sr_test_root());
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    static char buf[65536];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    return buf;
}

TEST(places_seed) {
    if (!engine()) return;
    const char *text = read_seed();
    if (!text) { fprintf(stderr, "  skipped: ../shared/seed missing\n"); return; }
    sr_doc *d = run(text);
    CHECK(d != NULL);
    const sr_place *p = find(d, "Bamako", 0);
    CHECK(p != NULL);
    CHECK_STR(p->country, "ML");
    CHECK(fabs(p->lat - 12.65) < 0.05 && fabs(p->lon + 8.0) < 0.05);
    CHECK_INT(p->geonameid, 2460596);
    p = find(d, "Grand-Bassam", 0);
    CHECK(p != NULL);
    CHECK_STR(p->country, "CI");
    p = find(d, "Mali", 0);
    CHECK(p != NULL);
    CHECK_STR(p->country, "ML");
    CHECK_INT(p->kind, SR_GAZ_COUNTRY);
    /* "a popular restaurant in the capital" */
    const char *rest = strstr(d->text, "restaurant in the capital");
    CHECK(rest != NULL);
    const sr_place *cap = NULL;
    for (size_t i = 0; i < d->places->n; i++)
        if (d->places->v[i].start == (uint32_t)(rest - d->text) + 14) cap = &d->places->v[i];
    CHECK(cap != NULL);
    CHECK_INT(cap->role, SR_PLACE_ANAPHOR);
    CHECK_STR(cap->name, "Bamako");
    CHECK_SPAN(d->text, cap->start, cap->end, "the capital");
    /* months and "Western" are not places */
    CHECK(find(d, "March", 0) == NULL);
    CHECK(find(d, "Western", 0) == NULL);
    /* every span quotes the text */
    for (size_t i = 0; i < d->places->n; i++)
        CHECK(d->places->v[i].start < d->places->v[i].end && d->places->v[i].end <= d->len);
    sr_doc_free(d);
}

TEST(places_case_insensitive) {
    if (!engine()) return;
    sr_doc *d = run("GUNMEN ATTACKED A HOTEL IN BAMAKO ON SUNDAY, OFFICIALS IN MALI SAID. "
                    "THE EU CONDEMNED THE ATTACK ON THE CAPITAL BAMAKO.");
    CHECK(d != NULL);
    const sr_place *p = find(d, "BAMAKO", 0);
    CHECK(p != NULL);
    CHECK_STR(p->country, "ML");
    CHECK(find(d, "EU", 0) == NULL);               /* not Eu, Normandy */
    CHECK(find(d, "THE CAPITAL", 0) == NULL);      /* named right after */
    CHECK(find(d, "BAMAKO", 1) != NULL);
    sr_doc_free(d);
    d = run("gunmen attacked a hotel in bamako on sunday. the police said the attack was over "
            "and that people of the city were safe. officials in mali said more troops would come.");
    CHECK(d != NULL);
    p = find(d, "bamako", 0);
    CHECK(p != NULL);
    CHECK_STR(p->country, "ML");
    CHECK(find(d, "police", 0) == NULL);
    CHECK(find(d, "of", 0) == NULL);
    sr_doc_free(d);
}

TEST(places_common_words_and_people) {
    if (!engine()) return;
    sr_doc *d = run("Police said Mary Smith was at the bar. Of the six, Mary was hurt.");
    CHECK(d != NULL);
    CHECK(find(d, "Police", 0) == NULL);
    CHECK(find(d, "Mary", 0) == NULL);
    CHECK(find(d, "Mary", 1) == NULL);
    CHECK(find(d, "Of", 0) == NULL);
    sr_doc_free(d);
    /* a stop-listed name is a place after a place cue */
    d = run("A bomb exploded in Bar, Montenegro, on Monday.");
    CHECK(d != NULL);
    const sr_place *p = find(d, "Bar", 0);
    CHECK(p != NULL);
    CHECK_STR(p->country, "ME");
    sr_doc_free(d);
    /* a disease named after a place, a month after "in" */
    d = run("Doctors fear the Marburg virus will spread in August, officials in Uganda said.");
    CHECK(d != NULL);
    CHECK(find(d, "Marburg", 0) == NULL);
    CHECK(find(d, "August", 0) == NULL);
    CHECK(find(d, "Uganda", 0) != NULL);
    sr_doc_free(d);
    /* a surname seen after a first name is not a town later on */
    d = run("Captain Adam Moore arrived on Friday. Moore said the road was closed.");
    CHECK(d != NULL);
    CHECK(find(d, "Moore", 0) == NULL);
    CHECK(find(d, "Moore", 1) == NULL);
    sr_doc_free(d);
}

TEST(places_context_and_containment) {
    if (!engine()) return;
    sr_doc *d = run("PARIS, Tenn. - A fire destroyed a barn near Paris on Tuesday.");
    CHECK(d != NULL);
    const sr_place *p = find(d, "PARIS", 0);
    CHECK(p != NULL);
    CHECK_STR(p->country, "US");
    CHECK_STR(p->admin1, "Tennessee");
    sr_doc_free(d);
    d = run("Militants attacked a police post in Kunduz province, Afghanistan.");
    CHECK(d != NULL);
    p = find(d, "Kunduz province", 0);   /* the division's whole name */
    CHECK(p != NULL);
    if (p) {
        CHECK_STR(p->country, "AF");
        CHECK_INT(p->kind, SR_GAZ_ADMIN1);
    }
    sr_doc_free(d);
}

/* A division named by a direction is part of a longer name when a
 * capitalised word follows ("West Java" is not West, nor "Eastern Creek"
 * Eastern); "Eastern province" is the division "Eastern Province". */
TEST(places_direction_divisions_glued) {
    if (!engine()) return;
    sr_doc *d = run("Officials in West Java said the outbreak spread. Police near Eastern Creek found it.");
    CHECK(d != NULL);
    CHECK(find(d, "West", 0) == NULL);
    CHECK(find(d, "Eastern", 0) == NULL);
    sr_doc_free(d);
    d = run("Gunmen attacked a market in Eastern province, Zambia, on Monday.");
    CHECK(d != NULL);
    const sr_place *p = find(d, "Eastern province", 0);   /* the whole name */
    CHECK(p != NULL);
    if (p) CHECK_STR(p->country, "ZM");
    sr_doc_free(d);
}

/* Area points are the centre of the largest piece of land when it holds
 * most of the land (the United States: its lower 48 states, not the
 * Factbook's 38N 97W), else the source's point (Indonesia's largest island
 * is not Indonesia).  Built by scripts/gazetteer/build.js. */
TEST(places_area_points) {
    if (!engine()) return;
    sr_doc *d = run("Officials in the United States and Indonesia said Queensland was spared.");
    CHECK(d != NULL);
    const sr_place *p = find(d, "United States", 0);
    CHECK(p != NULL);
    if (p) {
        CHECK(sr_geo_km(p->lat, p->lon, 39.8, -98.6) < 161);   /* middle of the 48 states */
        CHECK(sr_geo_km(p->lat, p->lon, 38.0, -97.0) > 100);
    }
    p = find(d, "Indonesia", 0);
    CHECK(p != NULL);
    if (p) CHECK(sr_geo_km(p->lat, p->lon, -5.0, 120.0) < 50);   /* the Factbook point */
    p = find(d, "Queensland", 0);
    CHECK(p != NULL);
    if (p) CHECK(sr_geo_km(p->lat, p->lon, -22.5, 144.5) < 50);  /* not its coast */
    sr_doc_free(d);
}

/* A location that the trigger's sentence gives only as a country is
 * narrowed to a place in that country named by the incident's other
 * sentences -- not the dateline, nor a place in another country. */
TEST(places_incident_location_refined) {
    if (!engine()) return;
    sr_doc *d = run("Gunmen abduct 40 students in northwest Nigeria\n\n"
                    "ABUJA (AP) - Gunmen stormed a boarding school on Wednesday, police said. "
                    "The school is in Kagara, Niger state. A delegation from Ghana was in Accra.");
    CHECK(d != NULL);
    uint32_t tok = 0;
    for (size_t i = 0; i < d->toks.n; i++)
        if (strcmp(d->toks.v[i].norm, "abduct") == 0) tok = (uint32_t)i;
    sr_inc_location loc;
    sr_places_locate(d, tok, &loc);
    CHECK(loc.present);
    CHECK_INT(loc.precision, SR_PREC_COUNTRY);
    uint32_t dateline[2] = {0, 1}, all[3] = {0, 1, 2}, abroad[2] = {0, 3};
    sr_places_refine(d, dateline, 2, &loc);          /* where it was filed: no */
    CHECK_INT(loc.precision, SR_PREC_COUNTRY);
    sr_places_refine(d, abroad, 2, &loc);            /* another country: no */
    CHECK_STR(loc.name, "Nigeria");
    sr_places_refine(d, all, 3, &loc);
    CHECK_STR(loc.name, "Kagara");
    CHECK_INT(loc.precision, SR_PREC_CITY);
    CHECK_SPAN(d->text, loc.start, loc.end, "Kagara");
    sr_doc_free(d);
}

/* A town found through another of its names (GeoNames keeps names in
 * many languages) in a country nothing else points to, in a document about
 * another country, is left unresolved: "Boni" in Mali is not Bonn. */
TEST(places_lone_exonym_unresolved) {
    if (!engine()) return;
    sr_doc *d = run("Five Malian soldiers were killed near Boni in the central Mopti region "
                    "of Mali, the army said.");
    CHECK(d != NULL);
    const sr_place *p = find(d, "Boni", 0);
    CHECK(p == NULL || p->gaz == UINT32_MAX);
    p = find(d, "Mopti region", 0);
    CHECK(p != NULL);
    sr_doc_free(d);
    /* another name of a town in a country the document is about stays */
    d = run("Police in Peking, China, arrested two men on Monday.");
    CHECK(d != NULL);
    p = find(d, "Peking", 0);
    CHECK(p != NULL);
    if (p) CHECK_STR(p->country, "CN");
    sr_doc_free(d);
}

/* Arabic names with the article spelt either way, joined by a hyphen:
 * GeoNames has "Deir el-Balah", reporters write "Deir al-Balah". */
TEST(places_arabic_article_spellings) {
    if (!engine()) return;
    sr_doc *d = run("An air strike on a school in Deir al-Balah killed 25 people. Talks were "
                    "held in Sharm el-Sheikh.");
    CHECK(d != NULL);
    const sr_place *p = find(d, "Deir al-Balah", 0);
    CHECK(p != NULL);
    if (p) CHECK_STR(p->country, "PS");
    p = find(d, "Sharm el-Sheikh", 0);
    CHECK(p != NULL);
    if (p) CHECK_STR(p->country, "EG");
    sr_doc_free(d);
}

/* A group's name is no place: "the Taliban" is not Taliban, Turkey; a
 * country's name stays ("Mali" names no group). */
TEST(places_group_names_are_not_places) {
    if (!engine()) return;
    sr_doc *d = run("Gunmen killed a district governor in Herat province on Sunday. The Taliban "
                    "denied involvement, officials in Mali said.");
    CHECK(d != NULL);
    CHECK(find(d, "Taliban", 0) == NULL);
    CHECK(find(d, "Mali", 0) != NULL);
    sr_doc_free(d);
}

/* Names inside hyphenated words are found with their own spans, as
 * context: never an incident's location, nor the document's main place.
 * A hyphenated name with a part that is no place is a name of its own. */
TEST(places_hyphenated_words) {
    if (!engine()) return;
    sr_doc *d = run("Agence France-Presse said a Kabul-based analyst saw the Israeli-Egyptian "
                    "border. Rolls-Royce denied it.");
    CHECK(d != NULL);
    const sr_place *p = find(d, "Kabul", 0);
    CHECK(p != NULL);
    if (p) {
        CHECK_STR(p->country, "AF");
        CHECK(p->cue & SR_PLACE_CUE_PART);
        CHECK_SPAN(d->text, p->start, p->end, "Kabul");
    }
    CHECK(find(d, "France", 0) == NULL);
    CHECK(find(d, "Rolls", 0) == NULL);
    /* demonyms are found as demonyms (find() skips those) */
    int egyptian = 0;
    for (size_t i = 0; d->places && i < d->places->n; i++)
        if (d->places->v[i].role == SR_PLACE_DEMONYM &&
            d->places->v[i].end - d->places->v[i].start == 8 &&
            memcmp(d->text + d->places->v[i].start, "Egyptian", 8) == 0)
            egyptian = 1;
    CHECK(egyptian);
    sr_doc_free(d);
    /* "a London-based monitor" does not say where the attack was */
    d = run("A car bomb killed 12 people, a London-based monitor said.");
    CHECK(d != NULL);
    CHECK(find(d, "London", 0) != NULL);
    uint32_t tok = 0;
    for (size_t i = 0; i < d->toks.n; i++)
        if (strcmp(d->toks.v[i].norm, "bomb") == 0) tok = (uint32_t)i;
    sr_inc_location loc;
    sr_places_locate(d, tok, &loc);
    CHECK(!loc.present);
    sr_doc_free(d);
}

TEST(places_demonyms_are_context_not_places) {
    if (!engine()) return;
    sr_doc *d = run("Ivorian troops were deployed. The attack in the capital killed three.");
    CHECK(d != NULL);
    CHECK(find(d, "Ivorian", 0) == NULL);
    const sr_place *p = find(d, "the capital", 0);
    CHECK(p != NULL);
    CHECK_STR(p->country, "CI");
    sr_doc_free(d);
}

TEST(places_incident_location) {
    if (!engine()) return;
    sr_doc *d = run("Mali has been unstable for years. On Sunday gunmen attacked a hotel in Bamako, "
                    "officials said.");
    CHECK(d != NULL);
    /* the token "attacked" */
    uint32_t tok = 0;
    for (size_t i = 0; i < d->toks.n; i++)
        if (strcmp(d->toks.v[i].norm, "attacked") == 0) tok = (uint32_t)i;
    sr_inc_location loc;
    sr_places_locate(d, tok, &loc);
    CHECK(loc.present);
    CHECK_STR(loc.name, "Bamako");
    CHECK_STR(loc.country, "ML");
    CHECK_INT(loc.precision, SR_PREC_CITY);
    CHECK_SPAN(d->text, loc.start, loc.end, "Bamako");
    /* a sentence without a place gets the document's main place */
    sr_places_locate(d, 0, &loc);
    CHECK(loc.present);
    sr_doc_free(d);
}

/* Resolution is linear in the document: the same text repeated four and
 * sixteen times costs at most about four and sixteen times the context
 * and distance operations (sr_places.resolve_ops), not sixteen and 256
 * times, even though every name recurs in every copy.  Counts, not time.
 * Only the place stage runs (on the gazetteer alone), as in
 * bench/bench_places.c. */
static const sr_gazetteer *gazetteer(void) {
    static sr_gazetteer *g;
    static int tried;
    if (!tried) {
        tried = 1;
        char path[4096];
        sr_error err;
        snprintf(path, sizeof path, "%s/data/gazetteer.bin", sr_test_root());
        if (sr_gaz_open(path, &g, &err) != SR_OK) {
            fprintf(stderr, "  skipped: %s (make data)\n", err.message);
            g = NULL;
        }
    }
    return g;
}

static sr_doc *places_repeated(const char *text, int times) {
    size_t n = strlen(text);
    sr_doc *d = NULL;
    char *buf = malloc(n * (size_t)times + 1);
    if (!buf || sr_doc_new("t", &d) != SR_OK) { free(buf); return NULL; }
    for (int i = 0; i < times; i++) memcpy(buf + n * (size_t)i, text, n);
    if (sr_doc_set_text(d, buf, n * (size_t)times) != SR_OK ||
        sr_tokenize(&d->arena, d->text, d->len, &d->toks) != 0 ||
        sr_split_sentences(&d->arena, d->text, d->len, &d->toks, &d->sents) != 0 ||
        sr_find_places(gazetteer(), NULL, d) != 0) {
        sr_doc_free(d);
        d = NULL;
    }
    free(buf);
    return d;
}

/* How many mentions spell `name`, and how many of those are in country cc. */
static size_t count_named(const sr_doc *d, const char *name, const char *cc, size_t *in_cc) {
    size_t n = 0, k = strlen(name);
    *in_cc = 0;
    for (size_t i = 0; i < d->places->n; i++) {
        const sr_place *p = &d->places->v[i];
        if (p->end - p->start != k || memcmp(d->text + p->start, name, k) != 0) continue;
        n++;
        if (strcmp(p->country, cc) == 0) (*in_cc)++;
    }
    return n;
}

TEST(places_resolution_linear) {
    if (!gazetteer()) return;
    const char *text =
        "BAMAKO, June 18 (Reuters) - Gunmen attacked a hotel in Bamako, Mali, on "
        "Friday. Police in Sikasso and Mopti said troops from Niger and Burkina "
        "Faso had reached Gao. The attackers fled towards Timbuktu, near Kidal. "
        "Residents of Segou, Kayes and Koulikoro said Malian soldiers were seen in "
        "Abidjan and Grand-Bassam, Ivory Coast. In Huntsville, Walker County, "
        "Texas, a man was shot; Alexandria, Cairo and Alexandria, Virginia were "
        "also named, as were Paris, London and Springfield.\n\n";
    sr_doc *d1 = places_repeated(text, 1), *d4 = places_repeated(text, 4),
           *d16 = places_repeated(text, 16);
    CHECK(d1 && d4 && d16);
    if (!d1 || !d4 || !d16) goto out;
    size_t n1 = d1->places->n, n4 = d4->places->n, n16 = d16->places->n;
    uint64_t o1 = d1->places->resolve_ops, o4 = d4->places->resolve_ops,
             o16 = d16->places->resolve_ops;
    CHECK(n1 >= 15);
    CHECK_INT(n4, 4 * n1);           /* every copy recognised alike */
    CHECK_INT(n16, 16 * n1);
    CHECK(o1 > 0);
    /* linear: bounded cost per mention (slack for the distance window,
     * which a single copy does not fill); quadratic would be 16x, 256x */
    CHECK(o4 <= 5 * o1);
    CHECK(o16 <= 5 * o4);
    CHECK(o16 <= 20 * o1);
    /* and the copies resolve alike */
    size_t ml;
    CHECK_INT(count_named(d16, "Bamako", "ML", &ml), 16);
    CHECK_INT(ml, 16);
    CHECK_INT(count_named(d16, "Sikasso", "ML", &ml), 16);
    CHECK_INT(ml, 16);
    CHECK_STR(d16->places->country, d1->places->country);
out:
    sr_doc_free(d1);
    sr_doc_free(d4);
    sr_doc_free(d16);
}
