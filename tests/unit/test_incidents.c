/*
 * test_incidents.c -- incident assembly: the facts of the seed article
 * (../shared/seed/EXPECTED.md on ../shared/seed/bamako-resort-attack.txt;
 * skipped when the research material is absent) and each rule on small texts:
 * hypothetical, negated, denied and generic events, zero counts, sums of
 * parts, active counts, claims, attribution, background incidents,
 * lower-case MUC-4 style text, and the taxonomy table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test.h"
#include "../../src/core/doc.h"
#include "../../src/core/file.h"
#include "../../src/extract/engine.h"
#include "../../src/extract/incident.h"
#include "../../src/extract/incidents.h"

/* One engine for the whole file (loading the gazetteer takes a moment). */
static sr_engine *engine(void) {
    static sr_engine *e;
    if (!e) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/data", sr_test_root());
        sr_error err;
        if (sr_engine_open(dir, &e, &err) != SR_OK) {
            fprintf(stderr, "engine: %s\n", err.message);
            return NULL;
        }
    }
    return e;
}

static sr_doc *extract(const char *text, const char *date) {
    sr_engine *e = engine();
    if (!e) return NULL;
    sr_doc *d;
    if (sr_doc_new("t", &d) != SR_OK) return NULL;
    sr_extract_options o = {date};
    if (sr_doc_set_text(d, text, strlen(text)) != SR_OK || sr_extract(e, d, &o, NULL) != SR_OK) {
        sr_doc_free(d);
        return NULL;
    }
    return d;
}

static size_t ninc(const sr_doc *d) { return d->incidents ? d->incidents->n : 0; }

static const sr_incident *inc(const sr_doc *d, size_t i) { return &d->incidents->v[i]; }

/* Does a filler list hold one whose text is `s`? */
static int has_filler(const sr_doc *d, const sr_fillers *fs, const char *s) {
    for (size_t i = 0; i < fs->n; i++)
        if (fs->v[i].end - fs->v[i].start == strlen(s) &&
            memcmp(d->text + fs->v[i].start, s, strlen(s)) == 0)
            return 1;
    return 0;
}

static int has_source(const sr_incident *in, const char *name, const char *via) {
    for (size_t i = 0; i < in->nsources; i++)
        if (in->sources[i].name && strcmp(in->sources[i].name, name) == 0 &&
            (!via || (in->sources[i].via && strcmp(in->sources[i].via, via) == 0)))
            return 1;
    return 0;
}

static int has_type(const sr_incident *in, const char *t) {
    for (size_t i = 0; i < in->ntypes; i++)
        if (strcmp(in->types[i], t) == 0) return 1;
    return 0;
}

/* Every span of every incident lies in the text (the writer checks text). */
static int spans_ok(const sr_doc *d) {
    for (size_t i = 0; i < ninc(d); i++) {
        const sr_incident *in = inc(d, i);
        const sr_fillers *all[] = {&in->perpetrators, &in->perpetrator_orgs, &in->targets,
                                   &in->victims, &in->weapons, &in->responders, &in->claimed_by};
        for (size_t k = 0; k < 7; k++)
            for (size_t j = 0; j < all[k]->n; j++)
                if (all[k]->v[j].start >= all[k]->v[j].end || all[k]->v[j].end > d->len) return 0;
        for (int k = 0; k < SR_COUNT_N; k++)
            if (in->counts[k].present && (in->counts[k].start >= in->counts[k].end ||
                                          in->counts[k].end > d->len))
                return 0;
        if (in->has_trigger && in->trigger.end > d->len) return 0;
    }
    return 1;
}

/* ---- the seed: ../shared/seed/EXPECTED.md --------------------------------- */

TEST(incidents_seed_expected) {
    size_t n;
    char path[512];
    if (!sr_test_shared("seed/bamako-resort-attack.txt", path, sizeof path))
        SKIP("../shared/seed/bamako-resort-attack.txt is absent");
    char *text;
    CHECK_INT(sr_file_read(path, 1 << 20, &text, &n, NULL), SR_OK);
    sr_doc *d = extract(text, "2017-06-19");
    free(text);
    CHECK(d);
    CHECK(spans_ok(d));
    CHECK_INT(ninc(d), 3);   /* not the warning, not "targeted constantly", not the emergency */

    const sr_incident *m = inc(d, 0);
    CHECK_INT(m->status, SR_STATUS_MAIN);
    CHECK_STR(m->type, "armed_assault");
    CHECK(has_type(m, "hostage_taking"));
    CHECK_STR(m->muc4, "attack");
    CHECK(m->has_site);
    CHECK_SPAN(d->text, m->site.start, m->site.end, "Radisson Blu Hotel");
    CHECK(has_filler(d, &m->perpetrators, "Gunmen") || has_filler(d, &m->perpetrators, "gunmen"));
    int counted = 0;
    for (size_t i = 0; i < m->perpetrators.n; i++) {
        const sr_filler *f = &m->perpetrators.v[i];
        if (!f->has_count) continue;
        CHECK_INT(f->count_min, 3);
        CHECK_INT(f->count_max, 4);
        CHECK_STR(f->source, "Mr Traore");
        counted = 1;
    }
    CHECK(counted);
    CHECK(has_filler(d, &m->victims, "people"));
    CHECK(m->counts[SR_COUNT_KILLED].present);
    CHECK_INT(m->counts[SR_COUNT_KILLED].min, 2);
    CHECK_INT(m->counts[SR_COUNT_KILLED].max, SR_NUM_UNBOUNDED);
    CHECK_STR(m->counts[SR_COUNT_KILLED].source, "officials");
    CHECK(m->counts[SR_COUNT_RELEASED].present);
    CHECK_INT(m->counts[SR_COUNT_RELEASED].min, 20);
    CHECK_STR(m->counts[SR_COUNT_RELEASED].source, "Mr Traore");
    CHECK(has_filler(d, &m->responders, "Malian special forces"));
    CHECK(has_source(m, "Mr Traore", "AFP"));
    CHECK(has_source(m, "a witness", NULL));
    CHECK(has_source(m, "EU Training Mission in Mali", NULL));
    CHECK(has_source(m, "Armed Forces", NULL));
    CHECK(has_source(m, "officials", "Andrea de Georgio"));
    CHECK(m->nsentences >= 4);
    CHECK(m->confidence > 0.5);

    const sr_incident *b1 = inc(d, 1);
    CHECK_INT(b1->status, SR_STATUS_BACKGROUND);
    CHECK_STR(b1->type, "armed_assault");
    CHECK_INT(b1->counts[SR_COUNT_KILLED].min, 5);
    CHECK_INT(b1->counts[SR_COUNT_KILLED].max, 5);
    CHECK(has_filler(d, &b1->perpetrators, "militants"));

    const sr_incident *b2 = inc(d, 2);
    CHECK_INT(b2->status, SR_STATUS_BACKGROUND);
    CHECK_INT(b2->counts[SR_COUNT_KILLED].min, 16);
    CHECK_INT(b2->counts[SR_COUNT_KILLED].max, SR_NUM_UNBOUNDED);
    CHECK(b2->claimed_by.n == 1);
    CHECK_SPAN(d->text, b2->claimed_by.v[0].start, b2->claimed_by.v[0].end, "AQIM");
    CHECK(b2->perpetrator_orgs.n == 1);
    CHECK_STR(b2->perpetrator_orgs.v[0].name, "AQIM");
    CHECK(b2->confidence < m->confidence);

    /* with the times stage, the dates of EXPECTED.md */
    if (d->times) {
        CHECK_STR(m->date.value, "2017-06-18");
        CHECK_INT(m->date.precision, SR_PREC_DAY);
        CHECK_STR(b1->date.value, "2015-03");
        CHECK_INT(b1->date.precision, SR_PREC_MONTH);
        CHECK_STR(b2->date.value, "2016-03");
    }
    /* with the gazetteer, the places of EXPECTED.md */
    if (engine()->gaz) {
        CHECK(m->location.present);
        CHECK_STR(m->location.country, "ML");
        CHECK_STR(m->location.name, "Bamako");
        CHECK(m->location.lat > 12 && m->location.lat < 13.3);
        CHECK(b2->location.present);
        CHECK_STR(b2->location.country, "CI");
    }
    sr_doc_free(d);
}

/* ---- filtering ------------------------------------------------------------- */

TEST(incidents_hypothetical_and_generic_are_not_incidents) {
    sr_doc *d = extract("The embassy warned of possible future attacks on hotels in the capital.\n\n"
                        "The town has been targeted constantly by militants.\n\n"
                        "Officials said the group had threatened to bomb the market.\n\n"
                        "Police denied that an attack took place.",
                        "2020-01-10");
    CHECK(d);
    CHECK_INT(ninc(d), 0);
    sr_doc_free(d);
}

/* A siege and a running toll are states, not one event: no incident of
 * their own, and the toll is not the shelling's. */
TEST(incidents_siege_and_running_toll_are_not_incidents) {
    sr_doc *d = extract("Shelling on a crowded market in El Fasher killed at least 30 civilians on "
                        "Sunday, activists said. The RSF has besieged El Fasher since May. More "
                        "than 10,000 people have been killed since the war began.",
                        "2024-06-03");
    CHECK(d);
    CHECK_INT(ninc(d), 1);
    if (ninc(d) == 1) {
        CHECK_INT(inc(d, 0)->counts[SR_COUNT_KILLED].min, 30);
        CHECK_INT(inc(d, 0)->status, SR_STATUS_MAIN);
    }
    sr_doc_free(d);
}

TEST(incidents_negated_event) {
    sr_doc *d = extract("The device did not explode and there was no attack on the convoy.", NULL);
    CHECK(d);
    CHECK_INT(ninc(d), 0);
    sr_doc_free(d);
}

TEST(incidents_no_one_hurt_is_zero) {
    sr_doc *d = extract("A bomb exploded outside a bank in the city on Monday. No one was hurt, "
                        "police said.",
                        "2020-03-03");
    CHECK(d);
    CHECK_INT(ninc(d), 1);
    const sr_incident *in = inc(d, 0);
    CHECK_STR(in->type, "bombing");
    CHECK(in->counts[SR_COUNT_WOUNDED].present);
    CHECK_INT(in->counts[SR_COUNT_WOUNDED].min, 0);
    CHECK_INT(in->counts[SR_COUNT_WOUNDED].max, 0);
    CHECK_SPAN(d->text, in->counts[SR_COUNT_WOUNDED].start, in->counts[SR_COUNT_WOUNDED].end,
               "No one was hurt");
    CHECK(!in->counts[SR_COUNT_KILLED].present);
    CHECK(has_source(in, "police", NULL));
    sr_doc_free(d);
}

/* ---- counts ---------------------------------------------------------------- */

TEST(incidents_active_counts) {
    sr_doc *d = extract("Gunmen attacked a bus near the border on Tuesday, killing two and "
                        "wounding five, a witness told Reuters.",
                        "2021-05-06");
    CHECK(d);
    CHECK_INT(ninc(d), 1);
    const sr_incident *in = inc(d, 0);
    CHECK_INT(in->counts[SR_COUNT_KILLED].min, 2);
    CHECK_INT(in->counts[SR_COUNT_WOUNDED].min, 5);
    CHECK_INT(in->counts[SR_COUNT_WOUNDED].max, 5);
    CHECK_SPAN(d->text, in->counts[SR_COUNT_WOUNDED].start, in->counts[SR_COUNT_WOUNDED].end,
               "wounding five");
    CHECK_STR(in->counts[SR_COUNT_KILLED].source, "a witness");
    CHECK(has_source(in, "a witness", "Reuters"));
    CHECK(has_filler(d, &in->targets, "bus"));
    CHECK(has_filler(d, &in->perpetrators, "Gunmen"));
    sr_doc_free(d);
}

TEST(incidents_sum_of_parts) {
    sr_doc *d = extract("Three soldiers and 12 civilians were killed when a car bomb exploded "
                        "at a checkpoint, according to the army.",
                        NULL);
    CHECK(d);
    CHECK_INT(ninc(d), 1);
    const sr_incident *in = inc(d, 0);
    CHECK_STR(in->type, "bombing");
    CHECK_INT(in->counts[SR_COUNT_KILLED].min, 15);
    CHECK_INT(in->counts[SR_COUNT_KILLED].max, 15);
    CHECK_STR(in->counts[SR_COUNT_KILLED].source, "the army");
    CHECK(has_filler(d, &in->victims, "civilians"));
    CHECK(has_filler(d, &in->weapons, "car bomb"));
    sr_doc_free(d);
}

TEST(incidents_perpetrators_killed_and_arrests) {
    sr_doc *d = extract("Two attackers were killed and three suspects were arrested after the "
                        "raid on the police station.",
                        NULL);
    CHECK(d);
    CHECK_INT(ninc(d), 1);
    const sr_incident *in = inc(d, 0);
    CHECK_INT(in->counts[SR_COUNT_PERP_KILLED].min, 2);
    CHECK(!in->counts[SR_COUNT_KILLED].present);
    CHECK_INT(in->counts[SR_COUNT_ARRESTED].min, 3);
    sr_doc_free(d);
}

/* ---- claims, background, lower case ---------------------------------------- */

TEST(incidents_claim_and_background) {
    sr_doc *d = extract("Suicide bombers struck a market in Maiduguri on Friday, killing at least "
                        "30 people. Boko Haram claimed responsibility for the attack.\n\n"
                        "In 2014, the group kidnapped 276 schoolgirls from Chibok.",
                        "2019-07-20");
    CHECK(d);
    CHECK_INT(ninc(d), 2);
    const sr_incident *m = inc(d, 0);
    CHECK_INT(m->status, SR_STATUS_MAIN);
    CHECK_STR(m->type, "suicide_bombing");
    CHECK_STR(m->gtd, "Bombing/Explosion");
    CHECK_INT(m->counts[SR_COUNT_KILLED].min, 30);
    CHECK(m->claimed_by.n == 1);
    CHECK_STR(m->claimed_by.v[0].name, "Boko Haram");
    const sr_incident *b = inc(d, 1);
    CHECK_INT(b->status, SR_STATUS_BACKGROUND);
    CHECK_STR(b->type, "kidnapping");
    CHECK_INT(b->counts[SR_COUNT_KIDNAPPED].min, 276);
    sr_doc_free(d);
}

TEST(incidents_lowercase_muc_style) {
    sr_doc *d = extract("san salvador, 3 jan 90 (acan-efe) -- the army reported that about 50 "
                        "peasants have been kidnapped by terrorists of the farabundo marti "
                        "national liberation front (fmln) in san miguel department.",
                        NULL);
    CHECK(d);
    CHECK(ninc(d) >= 1);
    const sr_incident *in = inc(d, 0);
    CHECK_STR(in->type, "kidnapping");
    CHECK_INT(in->counts[SR_COUNT_KIDNAPPED].min, 50);
    CHECK(has_filler(d, &in->perpetrators, "terrorists"));
    CHECK(in->perpetrator_orgs.n >= 1);
    CHECK_STR(in->perpetrator_orgs.v[0].name, "FMLN");
    CHECK(has_filler(d, &in->victims, "peasants"));
    sr_doc_free(d);
}

TEST(incidents_no_violence_no_incident) {
    sr_doc *d = extract("The state of emergency was extended by another six months in April.",
                        "2017-06-19");
    CHECK(d);
    CHECK_INT(ninc(d), 0);
    sr_doc_free(d);
}

/* ---- the taxonomy table ----------------------------------------------------- */

TEST(incidents_taxonomy_table) {
    sr_engine *e = engine();
    CHECK(e);
    CHECK(sr_taxonomy_count(e->inc) >= 14);
    const sr_tax_row *r = sr_taxonomy_find(e->inc, "hostage_taking");
    CHECK(r);
    CHECK_STR(r->muc4, "kidnapping");
    r = sr_taxonomy_find(e->inc, "armed_clash");
    CHECK(r);
    CHECK(r->gtd == NULL);   /* "-": no GTD category */
    CHECK_STR(r->acled, "Battles");
    CHECK(sr_taxonomy_find(e->inc, "no_such_type") == NULL);
}

TEST(incidents_taxonomy_bad_file) {
    char dir[] = "/tmp/sr_tax_XXXXXX";
    CHECK(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/taxonomy.tsv", dir);
    FILE *f = fopen(path, "w");
    CHECK(f);
    fputs("armed_assault\tArmed Assault\tonly three\n", f);
    fclose(f);
    sr_inc_data *data = NULL;
    sr_error err;
    sr_status st = sr_inc_data_load(dir, NULL, &data, &err);
    remove(path);
    rmdir(dir);
    CHECK_INT(st, SR_ERR_DATA);
    CHECK(strstr(err.message, "taxonomy.tsv:1"));
    CHECK(data == NULL);
}

TEST(incidents_other_senses_and_accidents_are_not_incidents) {
    sr_doc *d = extract("The opposition leader attacked the government's budget plan on Tuesday. "
                        "The minister hit back at his critics.\n\n"
                        "A fire broke out in a textile factory on Monday, killing 12 workers, the "
                        "fire department said.",
                        "2019-06-15");
    CHECK(d);
    CHECK_INT(ninc(d), 0);
    sr_doc_free(d);
}

TEST(incidents_casualties_join_the_main_incident) {
    sr_doc *d = extract("Gunmen opened fire on a bus near the border on Sunday. Five passengers "
                        "were killed, a local official said.\n\n"
                        "In 2012, 30 people were killed in floods in the same district.",
                        "2019-06-17");
    CHECK(d);
    CHECK_INT(ninc(d), 1);
    const sr_incident *in = inc(d, 0);
    CHECK_INT(in->counts[SR_COUNT_KILLED].min, 5);
    CHECK_STR(in->counts[SR_COUNT_KILLED].source, "a local official");
    CHECK(has_filler(d, &in->targets, "bus"));
    sr_doc_free(d);
}

TEST(incidents_attackers_killed_apart_and_negated_claim) {
    sr_doc *d = extract("Fighting between the army and rebels killed 14 soldiers and 30 rebels on "
                        "Saturday, a military spokesman said. No group has claimed the attack.",
                        "2019-06-17");
    CHECK(d);
    CHECK_INT(ninc(d), 1);
    const sr_incident *in = inc(d, 0);
    CHECK_STR(in->type, "armed_clash");
    CHECK_INT(in->counts[SR_COUNT_KILLED].min, 14);
    CHECK_INT(in->counts[SR_COUNT_PERP_KILLED].min, 30);
    CHECK_STR(in->counts[SR_COUNT_KILLED].source, "a military spokesman");
    CHECK_INT(in->claimed_by.n, 0);
    sr_doc_free(d);
}

TEST(incidents_title_case_headline_names_no_site) {
    sr_doc *d = extract("Gunmen Storm Hotel in Capital\n\nGunmen stormed the Hotel Splendid in the "
                        "capital on Friday.",
                        "2019-06-17");
    CHECK(d);
    CHECK_INT(ninc(d), 1);
    const sr_incident *in = inc(d, 0);
    CHECK(in->has_site);
    CHECK_SPAN(d->text, in->site.start, in->site.end, "Hotel Splendid");
    sr_doc_free(d);
}

TEST(incidents_separate_attack_is_another_main_incident) {
    sr_doc *d = extract("Gunmen killed three farmers in a village near Mopti on Sunday, the mayor "
                        "said. In a separate attack, a roadside bomb wounded four soldiers near "
                        "Gao, the army said.",
                        "2019-06-17");
    CHECK(d);
    CHECK_INT(ninc(d), 2);
    CHECK_INT(inc(d, 0)->status, SR_STATUS_MAIN);
    CHECK_INT(inc(d, 1)->status, SR_STATUS_MAIN);
    CHECK_INT(inc(d, 0)->counts[SR_COUNT_KILLED].min, 3);
    CHECK(!inc(d, 0)->counts[SR_COUNT_WOUNDED].present);
    CHECK_STR(inc(d, 1)->type, "bombing");
    CHECK_INT(inc(d, 1)->counts[SR_COUNT_WOUNDED].min, 4);
    CHECK_STR(inc(d, 1)->counts[SR_COUNT_WOUNDED].source, "the army");
    sr_doc_free(d);
}

/* "... came two days after a suicide bombing ... killed three": an event
 * told after "<time> after" is an earlier incident of its own, in the
 * background, dated back from the main one; its words give the main one
 * neither its type nor its place ("a week after clashes left 15 dead"). */
TEST(incidents_days_after_a_is_another_incident) {
    sr_doc *d = extract("Militants attack police post in Pakistan's northwest, killing six\n\n"
                        "Militants attacked a police station in Dera Ismail Khan district "
                        "on Friday, killing six policemen, officials said. The attack "
                        "came two days after a suicide bombing at a market in Bannu killed three "
                        "people.",
                        "2024-01-16");
    CHECK(d);
    CHECK_INT(ninc(d), 2);
    if (ninc(d) == 2) {
        CHECK_STR(inc(d, 0)->type, "armed_assault");
        CHECK_INT(inc(d, 0)->counts[SR_COUNT_KILLED].min, 6);
        CHECK_STR(inc(d, 0)->location.name, "Dera Ismail Khan");
        CHECK_STR(inc(d, 0)->date.value, "2024-01-12");
        CHECK_STR(inc(d, 1)->type, "suicide_bombing");
        CHECK_INT(inc(d, 1)->status, SR_STATUS_BACKGROUND);
        CHECK_STR(inc(d, 1)->date.value, "2024-01-10");
        CHECK_SPAN(d->text, inc(d, 1)->date.start, inc(d, 1)->date.end, "two days after");
        CHECK_INT(inc(d, 1)->counts[SR_COUNT_KILLED].min, 3);
        CHECK_STR(inc(d, 1)->location.name, "Bannu");
    }
    sr_doc_free(d);
    d = extract("Gunmen killed at least 20 people in a raid on Mangu on Monday, a local official "
                "said. The attack came a week after clashes in the area left 15 dead.",
                "2024-01-16");
    CHECK(d);
    CHECK_INT(ninc(d), 2);
    if (ninc(d) == 2) {
        CHECK_STR(inc(d, 0)->type, "armed_assault");
        CHECK_STR(inc(d, 1)->type, "armed_clash");
        CHECK_STR(inc(d, 1)->date.value, "2024-01-08");
        CHECK_INT(inc(d, 1)->counts[SR_COUNT_KILLED].min, 15);
    }
    sr_doc_free(d);
    /* "hours after the blast" is the same one */
    d = extract("A car bomb killed five people in Mogadishu on Sunday. Hours after the blast, "
                "police arrested two men, officials said.",
                "2024-01-16");
    CHECK(d);
    CHECK_INT(ninc(d), 1);
    sr_doc_free(d);
}

/* One person: "killed a policeman and a soldier" is 2, "A mayor in the
 * state of Guerrero was shot dead" 1; "a number of people" is no count. */
TEST(incidents_singular_victims_count_one) {
    sr_doc *d = extract("Gunmen killed a policeman and a soldier in Kano on Monday, police said.",
                        "2024-12-07");
    CHECK(d);
    CHECK_INT(ninc(d), 1);
    if (ninc(d) == 1) {
        CHECK_INT(inc(d, 0)->counts[SR_COUNT_KILLED].min, 2);
        CHECK_INT(inc(d, 0)->counts[SR_COUNT_KILLED].max, 2);
    }
    sr_doc_free(d);
    d = extract("A mayor in the southern Mexican state of Guerrero was shot dead on Thursday "
                "by gunmen, prosecutors said.", "2024-12-07");
    CHECK(d);
    CHECK_INT(ninc(d), 1);
    if (ninc(d) == 1) {
        CHECK_INT(inc(d, 0)->counts[SR_COUNT_KILLED].min, 1);
        CHECK(spans_ok(d));
    }
    sr_doc_free(d);
    d = extract("The blast killed a number of people in Kano on Monday, police said.",
                "2024-12-07");
    CHECK(d);
    CHECK_INT(ninc(d), 1);
    if (ninc(d) == 1) CHECK(!inc(d, 0)->counts[SR_COUNT_KILLED].present);
    sr_doc_free(d);
}

/* An earlier event told by month and again by day is one background
 * incident, dated by the day. */
TEST(incidents_month_and_day_are_one_background_incident) {
    sr_doc *d = extract("Three aid workers kidnapped last month in northern Burkina Faso have been "
                        "released, their organisation said on Saturday. The three were seized on "
                        "Nov. 2 near Djibo by armed men.",
                        "2024-12-07");
    CHECK(d);
    size_t nback = 0;
    const sr_incident *b = NULL;
    for (size_t i = 0; i < ninc(d); i++)
        if (inc(d, i)->status == SR_STATUS_BACKGROUND) { nback++; b = inc(d, i); }
    CHECK_INT(nback, 1);
    if (b) {
        CHECK_STR(b->date.value, "2024-11-02");
        CHECK_INT(b->counts[SR_COUNT_KIDNAPPED].min, 3);
    }
    sr_doc_free(d);
}

/* A protest turned violent is a riot; riot police firing tear gas is not
 * an incident of its own. */
TEST(incidents_riot) {
    sr_doc *d = extract("Police arrested 12 people on Tuesday after protesters threw stones and set "
                        "fire to tyres in central Nairobi. Two police officers were injured.",
                        "2024-12-11");
    CHECK(d);
    CHECK_INT(ninc(d), 1);
    if (ninc(d) == 1) {
        CHECK_STR(inc(d, 0)->type, "riot");
        CHECK_INT(inc(d, 0)->counts[SR_COUNT_WOUNDED].min, 2);
    }
    sr_doc_free(d);
    d = extract("Riot police fired tear gas to disperse a crowd in Nairobi on Tuesday.",
                "2024-12-11");
    CHECK(d);
    CHECK_INT(ninc(d), 0);
    sr_doc_free(d);
}

/* Those blamed are perpetrators, not claimants. */
TEST(incidents_blamed_are_perpetrators) {
    sr_doc *d = extract("Five soldiers were killed when their convoy struck a bomb near Boni on "
                        "Sunday, the army said. The army blamed jihadists linked to al-Qaeda.",
                        "2024-03-04");
    CHECK(d);
    CHECK_INT(ninc(d), 1);
    if (ninc(d) == 1) {
        const sr_incident *in = inc(d, 0);
        CHECK(has_filler(d, &in->perpetrators, "jihadists"));
        CHECK_INT(in->perpetrator_orgs.n, 1);
        if (in->perpetrator_orgs.n) CHECK_STR(in->perpetrator_orgs.v[0].name, "al-Qaeda");
        CHECK_INT(in->claimed_by.n, 0);
        CHECK(spans_ok(d));
    }
    sr_doc_free(d);
    d = extract("A bomb killed three people in Kano on Monday. Police blamed the attack on "
                "Boko Haram.", "2024-03-04");
    CHECK(d);
    if (ninc(d) >= 1) {
        CHECK_INT(inc(d, 0)->perpetrator_orgs.n, 1);
        CHECK_INT(inc(d, 0)->claimed_by.n, 0);
    }
    sr_doc_free(d);
}

/* A headline drops "at least": at equal minima the body's count stands. */
TEST(incidents_body_count_over_headline) {
    sr_doc *d = extract("Air strike on school kills 25, health officials say\n\n"
                        "An air strike on a school in Deir al-Balah killed at least 25 people on "
                        "Thursday, health officials said.",
                        "2024-10-11");
    CHECK(d);
    CHECK_INT(ninc(d), 1);
    if (ninc(d) == 1) {
        const sr_count *k = &inc(d, 0)->counts[SR_COUNT_KILLED];
        CHECK_INT(k->min, 25);
        CHECK_INT(k->max, SR_NUM_UNBOUNDED);
        CHECK_SPAN(d->text, k->start, k->end, "killed at least 25 people");
    }
    sr_doc_free(d);
}

/* A word of the weapon is no target: the car of "car bomb"; a word of
 * people naming a place is no victim: the military of "military
 * checkpoint". */
TEST(incidents_weapon_words_are_not_targets) {
    sr_doc *d = extract("A car bomb exploded near a military checkpoint in Afrin on Tuesday, killing "
                        "eight people, a war monitor said.", "2024-12-11");
    CHECK(d);
    CHECK_INT(ninc(d), 1);
    if (ninc(d) == 1) {
        CHECK(has_filler(d, &inc(d, 0)->weapons, "car bomb"));
        CHECK(!has_filler(d, &inc(d, 0)->targets, "car"));
        CHECK(!has_filler(d, &inc(d, 0)->victims, "military"));   /* of the checkpoint */
        CHECK(has_filler(d, &inc(d, 0)->targets, "checkpoint") ||
              has_filler(d, &inc(d, 0)->targets, "military checkpoint"));
    }
    sr_doc_free(d);
}

/* The subject of an active casualty verb is the killer: "Security forces
 * ... killing all five attackers" makes no victims of them, and counts the
 * five attackers. */
TEST(incidents_killers_are_not_victims) {
    sr_doc *d = extract("Gunmen stormed a hotel in Mogadishu on Friday, killing nine people, police "
                        "said. Security forces ended the siege early Saturday after killing all "
                        "five attackers.", "2024-12-08");
    CHECK(d);
    CHECK_INT(ninc(d), 1);
    if (ninc(d) == 1) {
        CHECK(!has_filler(d, &inc(d, 0)->victims, "Security forces"));
        CHECK_INT(inc(d, 0)->counts[SR_COUNT_PERP_KILLED].min, 5);
        CHECK_INT(inc(d, 0)->counts[SR_COUNT_KILLED].min, 9);
    }
    sr_doc_free(d);
}

/* A toll that "rose to" a figure far after the word, "a family of five",
 * and a landmine as the event word. */
TEST(incidents_toll_family_landmine) {
    sr_doc *d = extract("The toll from Sunday's bombing in Quetta rose to 31, officials said on "
                        "Tuesday.", "2024-12-11");
    CHECK(d);
    CHECK_INT(ninc(d), 1);
    if (ninc(d) == 1) CHECK_INT(inc(d, 0)->counts[SR_COUNT_KILLED].min, 31);
    sr_doc_free(d);
    d = extract("Gunmen killed a family of five in Zamfara state on Monday.", "2024-12-11");
    CHECK(d);
    CHECK_INT(ninc(d), 1);
    if (ninc(d) == 1) CHECK_INT(inc(d, 0)->counts[SR_COUNT_KILLED].min, 5);
    sr_doc_free(d);
    d = extract("A dozen soldiers died after their convoy hit a landmine near Gao on Monday.",
                "2024-12-11");
    CHECK(d);
    CHECK_INT(ninc(d), 1);
    if (ninc(d) == 1) {
        CHECK_STR(inc(d, 0)->type, "bombing");
        CHECK_INT(inc(d, 0)->counts[SR_COUNT_KILLED].min, 12);
    }
    sr_doc_free(d);
}

TEST(incidents_partitive_is_not_a_sum) {
    sr_doc *d = extract("Kidnappers freed 15 of the 30 passengers they had abducted from a bus "
                        "last week, a local leader said on Sunday.",
                        "2019-06-17");
    CHECK(d);
    CHECK_INT(ninc(d), 1);
    const sr_incident *in = inc(d, 0);
    CHECK_INT(in->counts[SR_COUNT_KIDNAPPED].min, 30);
    CHECK_INT(in->counts[SR_COUNT_RELEASED].min, 15);
    sr_doc_free(d);
}

TEST(incidents_taxonomy_missing_is_not_found) {
    char dir[] = "/tmp/sr_tax_XXXXXX";
    CHECK(mkdtemp(dir));
    sr_inc_data *data = NULL;
    sr_error err;
    sr_status st = sr_inc_data_load(dir, NULL, &data, &err);
    rmdir(dir);
    CHECK_INT(st, SR_ERR_NOTFOUND);
    CHECK(data == NULL);
}
