/*
 * fuzz_timeml.c -- libFuzzer harness for the TimeML reader
 * (extract/time_timeml.h) that `sitrep eval times` and the temporal
 * benchmark use.
 *
 * The input is parsed as a TimeML document.  On success: the text is
 * NUL-terminated at its length, every TIMEX3 span lies inside it in
 * order of its end, and the creation time is empty or ten bytes.  An
 * error must name the document.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/extract/time_timeml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    sr_timeml t;
    sr_error err = {0};
    if (sr_timeml_parse("fuzz.tml", (const char *)data, size, &t, &err) != SR_OK) {
        if (strncmp(err.message, "fuzz.tml", 8) != 0 || t.text || t.v) abort();
        return 0;
    }
    if (!t.text || t.text[t.len] != '\0') abort();
    size_t dl = strlen(t.dct);
    if (dl != 0 && dl != 10) abort();
    for (size_t i = 0; i < t.n; i++) {
        if (t.v[i].start > t.v[i].end || t.v[i].end > t.len) abort();
        if (i && t.v[i].end < t.v[i - 1].end && t.v[i].start >= t.v[i - 1].start) abort();
    }
    sr_timeml_free(&t);
    return 0;
}
