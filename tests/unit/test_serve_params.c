/*
 * test_serve_params.c -- the request side of sitrep serve without HTTP:
 * query-string decoding and its bounds, GET /api/incidents parameters,
 * watch filters (parse, canonical JSON, matching, versions), the token
 * check, and sr_api_handle() routing, auth and errors on a scratch store.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test.h"
#include "../../src/serve/api.h"
#include "../../src/serve/params.h"
#include "../../src/serve/watch.h"

static sr_status parse(sr_params *p, const char *qs) {
    sr_params_init(p);
    return sr_params_parse(p, qs, strlen(qs), NULL);
}

TEST(serve_params_decode) {
    sr_params p;
    CHECK_INT(parse(&p, "a=1&b=x%20y+z&c&=v&&d=%zz%4"), SR_OK);
    CHECK_STR(sr_params_get(&p, "a"), "1");
    CHECK_STR(sr_params_get(&p, "b"), "x y z");
    CHECK_STR(sr_params_get(&p, "c"), "");
    CHECK_STR(sr_params_get(&p, "d"), "%zz%4");
    CHECK(sr_params_get(&p, "e") == NULL);
    sr_params_free(&p);
    CHECK_INT(parse(&p, "a=%00"), SR_ERR_ARG);
    sr_params_free(&p);
    CHECK_INT(parse(&p, "a=%ff"), SR_ERR_ARG);
    sr_params_free(&p);
    CHECK_INT(parse(&p, "a=%0a"), SR_ERR_ARG);
    sr_params_free(&p);
    char many[400] = "";
    for (int i = 0; i < 40; i++) strcat(many, "k=1&");
    CHECK_INT(parse(&p, many), SR_ERR_TOOBIG);
    CHECK_INT(p.n, SR_PARAMS_MAX);
    sr_params_free(&p);
    char *big = malloc(SR_PARAM_MAX_LEN + 10);
    memset(big, 'a', SR_PARAM_MAX_LEN + 9);
    memcpy(big, "k=", 2);
    big[SR_PARAM_MAX_LEN + 9] = '\0';
    CHECK_INT(parse(&p, big), SR_ERR_TOOBIG);
    sr_params_free(&p);
    free(big);
}

TEST(serve_params_incidents) {
    sr_params p;
    sr_incidents_request rq;
    sr_error err;
    CHECK_INT(parse(&p, "country=ML&near=12.65,-8,50&since=2017&until=2017-06-30&type=bombing"
                        "&actor=AQIM&text=hotel&min_killed=2&status=main&limit=10&offset=5"
                        "&format=geojson"), SR_OK);
    CHECK_INT(sr_params_incidents(&p, &rq, &err), SR_OK);
    CHECK_STR(rq.q.country, "ML");
    CHECK(rq.q.near && rq.q.lat == 12.65 && rq.q.lon == -8 && rq.q.km == 50);
    CHECK_STR(rq.q.since, "2017");
    CHECK_STR(rq.q.until, "2017-06-30");
    CHECK_INT(rq.q.min_killed, 2);
    CHECK_INT(rq.limit, 10);
    CHECK_INT(rq.offset, 5);
    CHECK_INT(rq.format, SR_OUT_GEOJSON);
    sr_params_free(&p);
    CHECK_INT(parse(&p, ""), SR_OK);
    CHECK_INT(sr_params_incidents(&p, &rq, &err), SR_OK);
    CHECK_INT(rq.limit, SR_PAGE_DEFAULT);
    CHECK_INT(rq.q.min_killed, -1);
    sr_params_free(&p);
    static const char *const BAD[] = {
        "country=ml", "country=MLI", "near=1,2", "near=91,0,1", "near=0,181,1", "near=0,0,-1",
        "near=0,0,nan", "since=2017-13", "since=2017-02-32", "until=17", "type=Bombing",
        "type=a;b", "min_killed=-1", "min_killed=1e3", "status=all", "limit=0", "limit=5001",
        "offset=-1", "format=xml", "bogus=1", "actor=", "text=", NULL};
    for (int i = 0; BAD[i]; i++) {
        CHECK_INT(parse(&p, BAD[i]), SR_OK);
        if (sr_params_incidents(&p, &rq, &err) != SR_ERR_ARG) {
            sr_test_fail(__FILE__, __LINE__, "accepted %s", BAD[i]);
            sr_params_free(&p);
            return;
        }
        sr_params_free(&p);
    }
}

TEST(serve_watch_filter) {
    sr_watch_filter f, g;
    char url[2048];
    sr_error err;
    const char *json = "{\"url\":\"http://127.0.0.1:9/h\",\"types\":[\"bombing\"],"
                       "\"country\":\"SO\",\"near\":{\"lat\":2.04,\"lon\":45.34,\"km\":50},"
                       "\"min_killed\":1,\"text\":\"Hotel\"}";
    CHECK_INT(sr_watch_filter_parse(json, strlen(json), &f, url, &err), SR_OK);
    CHECK_STR(url, "http://127.0.0.1:9/h");
    sr_buf b = SR_BUF_INIT;
    sr_watch_filter_json(&f, &b);
    CHECK_INT(sr_watch_filter_parse(b.data, b.len, &g, NULL, &err), SR_OK);
    CHECK_INT(g.ntypes, 1);
    CHECK_STR(g.types[0], "bombing");
    CHECK_INT(g.min_killed, 1);
    sr_buf_free(&b);

    sr_store_incident inc;
    memset(&inc, 0, sizeof inc);
    inc.type = "bombing";
    inc.country = "SO";
    inc.has_geo = 1;
    inc.lat = 2.03;
    inc.lon = 45.33;
    inc.killed.present = 1;
    inc.killed.value = 12;
    inc.json = "{\"evidence\":[{\"text\":\"a car bomb outside a hotel\"}]}";
    CHECK(sr_watch_match(&f, &inc));
    inc.type = "kidnapping";
    CHECK(!sr_watch_match(&f, &inc));
    inc.type = "bombing";
    inc.lat = 9.0;   /* far away */
    CHECK(!sr_watch_match(&f, &inc));
    inc.lat = 2.03;
    inc.killed.present = 0;
    CHECK(!sr_watch_match(&f, &inc));
    inc.killed.present = 1;
    inc.json = "{}";
    CHECK(!sr_watch_match(&f, &inc));
    inc.json = "{\"hotel\":[\"x\"]}";   /* a member name is not text */
    CHECK(!sr_watch_match(&f, &inc));
    inc.json = "{\"a\":[{\"b\":\"the HOTEL gate\"}]}";
    CHECK(sr_watch_match(&f, &inc));
    sr_watch_filter any;
    CHECK_INT(sr_watch_filter_parse("{}", 2, &any, NULL, &err), SR_OK);
    CHECK(sr_watch_match(&any, &inc));

    char v1[17], v2[17];
    sr_watch_version("{\"a\":1}", v1);
    sr_watch_version("{\"a\":2}", v2);
    CHECK_INT(strlen(v1), 16);
    CHECK(strcmp(v1, v2) != 0);

    static const char *const BAD[] = {
        "[]", "{\"url\":\"ftp://x\"}", "{\"url\":\"http://a b\"}", "{}",
        "{\"url\":\"http://x\",\"types\":\"bombing\"}",
        "{\"url\":\"http://x\",\"country\":\"Mali\"}",
        "{\"url\":\"http://x\",\"near\":{\"lat\":1,\"lon\":2}}",
        "{\"url\":\"http://x\",\"min_killed\":-2}", "{\"url\":\"http://x\",\"zzz\":1}",
        "{\"url\":\"http://x\",\"url\":\"http://y\"}", "{", NULL};
    for (int i = 0; BAD[i]; i++)
        if (sr_watch_filter_parse(BAD[i], strlen(BAD[i]), &g, url, &err) == SR_OK) {
            sr_test_fail(__FILE__, __LINE__, "accepted %s", BAD[i]);
            return;
        }
}

TEST(serve_token) {
    CHECK(sr_api_token_ok("secret-123", "Bearer secret-123"));
    CHECK(!sr_api_token_ok("secret-123", "Bearer secret-12"));
    CHECK(!sr_api_token_ok("secret-123", "Bearer secret-1234"));
    CHECK(!sr_api_token_ok("secret-123", "bearer secret-123"));
    CHECK(!sr_api_token_ok("secret-123", "Basic secret-123"));
    CHECK(!sr_api_token_ok("secret-123", NULL));
    CHECK(!sr_api_token_ok(NULL, "Bearer "));
    CHECK(!sr_api_token_ok("", "Bearer "));
}

static int call(sr_api *api, const char *method, const char *path, const char *qs,
                const char *auth, const char *body, sr_buf *out) {
    sr_params p;
    sr_params_init(&p);
    sr_params_parse(&p, qs, strlen(qs), NULL);
    sr_api_request req = {method, path, &p, auth, "text/plain", body, strlen(body)};
    sr_api_response res = {0, NULL, SR_BUF_INIT};
    sr_api_handle(api, &req, &res);
    sr_params_free(&p);
    sr_buf_free(out);
    *out = res.body;
    return res.status;
}

TEST(serve_api_routes) {
    char path[] = "/tmp/sitrep-test-api-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    close(fd);
    sr_api_config cfg = {path, "token-12345", NULL};
    sr_api *api;
    sr_error err;
    CHECK_INT(sr_api_open(&cfg, &api, &err), SR_OK);
    sr_buf b = SR_BUF_INIT;
    CHECK_INT(call(api, "GET", "/healthz", "", NULL, "", &b), 200);
    CHECK(strstr(b.data, "\"ok\":true"));
    CHECK_INT(call(api, "GET", "/api/incidents", "", NULL, "", &b), 200);
    CHECK(strstr(b.data, "\"incidents\":[]"));
    CHECK_INT(call(api, "GET", "/api/incidents", "limit=x", NULL, "", &b), 400);
    CHECK(strstr(b.data, "\"error\":\"limit"));
    CHECK_INT(call(api, "GET", "/api/incidents/1", "", NULL, "", &b), 404);
    if (!api->engine) {   /* the reads work without it; extraction says why not */
        CHECK_INT(call(api, "POST", "/api/extract", "", NULL, "Gunmen killed two.", &b), 503);
        CHECK(strstr(b.data, "extraction is unavailable"));
        sr_buf_free(&b);
        sr_api_close(api);
        unlink(path);
        SKIP("extraction checks: %s", "the engine did not load");
    }
    CHECK_INT(call(api, "POST", "/api/documents", "", NULL, "Gunmen killed two.", &b), 401);
    CHECK_INT(call(api, "POST", "/api/documents", "", "Bearer nope", "Gunmen killed two.", &b),
              401);
    const char *art = "Gunmen killed two people in Bamako, Mali, on Sunday, police said.";
    CHECK_INT(call(api, "POST", "/api/documents", "date=2017-06-19", "Bearer token-12345", art,
                   &b), 201);
    CHECK(strstr(b.data, "\"outcome\":\"added\""));
    CHECK_INT(call(api, "POST", "/api/documents", "date=2017-06-19", "Bearer token-12345", art,
                   &b), 200);
    CHECK(strstr(b.data, "\"outcome\":\"unchanged\""));
    CHECK_INT(call(api, "POST", "/api/extract", "", NULL, "<script>x</script> Gunmen killed "
                   "two people in Bamako.", &b), 200);
    CHECK(strstr(b.data, "\"schema\":\"sitrep/1\""));
    CHECK(!strstr(b.data, "</script>") || strstr(b.data, "<\\/script>") ||
          strstr(b.data, "\"<script>x</script>"));
    CHECK_INT(call(api, "POST", "/api/extract", "", NULL, "", &b), 400);
    CHECK_INT(call(api, "GET", "/api/stats", "", NULL, "", &b), 200);
    CHECK(strstr(b.data, "\"documents\":1"));
    CHECK_INT(call(api, "GET", "/api/watches", "", NULL, "", &b), 401);
    CHECK_INT(call(api, "GET", "/api/watches", "", "Bearer token-12345", "", &b), 200);
    CHECK_INT(call(api, "PUT", "/api/stats", "", NULL, "", &b), 405);
    CHECK_INT(call(api, "GET", "/api/nothing", "", NULL, "", &b), 404);
    sr_buf_free(&b);
    sr_api_close(api);
    unlink(path);
    char side[64];
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
}
