/*
 * date.c -- publication dates as the inputs write them, made YYYY-MM-DD.
 *
 * Article dumps carry "published" in many shapes: ISO 8601 dates and
 * date-times, RFC 2822 dates from RSS ("Mon, 19 Jun 2017 10:00:00 GMT"),
 * "June 19, 2017", "19 June 2017", "2017/06/19", "20170619", and Unix times
 * as numbers.  sitrep keeps only the calendar date, as written: a time
 * zone offset never moves the date, because the date the article was
 * dated in its own zone is what its "yesterday" and "on Sunday" mean.
 * Numeric day-month orders that are ambiguous (03/04/2017) are refused
 * rather than guessed.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "formats.h"

static int days_in_month(int y, int m) {
    static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return d[m - 1];
}

static int emit(int y, int m, int d, char out[11]) {
    if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return -1;
    const int v[3] = {y, m, d}, w[3] = {4, 2, 2};
    char *p = out;
    for (int f = 0; f < 3; f++) {
        if (f) *p++ = '-';
        for (int k = w[f] - 1, x = v[f]; k >= 0; k--, x /= 10) p[k] = (char)('0' + x % 10);
        p += w[f];
    }
    *p = '\0';
    return 0;
}

/* A month name or its three-letter abbreviation ("Sept" too): 1..12, else 0. */
static int month_of(const char *w, size_t n) {
    static const char *const names[12] = {"january", "february", "march", "april",
                                          "may", "june", "july", "august",
                                          "september", "october", "november", "december"};
    if (n < 3) return 0;
    for (int i = 0; i < 12; i++) {
        size_t full = strlen(names[i]);
        if ((n == full || n == 3 || (i == 8 && n == 4)) && strncasecmp(w, names[i], n) == 0)
            return i + 1;
    }
    return 0;
}

/* Read up to `max` digits at s[*i]; returns the value and the count in *nd. */
static long digits(const char *s, size_t *i, int max, int *nd) {
    long v = 0;
    *nd = 0;
    while (isdigit((unsigned char)s[*i]) && *nd < max) {
        v = v * 10 + (s[*i] - '0');
        (*i)++;
        (*nd)++;
    }
    return v;
}

sr_status sr_date_from_unix(long long t, char out[11]) {
    if (t > 100000000000LL || t < -100000000000LL) t /= 1000;  /* milliseconds */
    time_t tt = (time_t)t;
    struct tm tm;
    if (!gmtime_r(&tt, &tm)) return SR_ERR_PARSE;
    return emit(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, out) ? SR_ERR_PARSE : SR_OK;
}

sr_status sr_date_parse(const char *s, char out[11]) {
    size_t i = 0;
    while (s[i] == ' ' || s[i] == '\t') i++;
    int nd;
    /* Numeric forms starting with the year: 2017-06-19, 2017/06/19,
     * 2017.06.19, 20170619, each possibly followed by a time. */
    if (isdigit((unsigned char)s[i])) {
        size_t j = i;
        long y = digits(s, &j, 8, &nd);
        if (nd == 8 && !isdigit((unsigned char)s[j]))
            return emit((int)(y / 10000), (int)(y / 100 % 100), (int)(y % 100), out)
                       ? SR_ERR_PARSE : SR_OK;
        if (nd == 4 && (s[j] == '-' || s[j] == '/' || s[j] == '.')) {
            char sep = s[j++];
            long m = digits(s, &j, 2, &nd);
            if (nd == 0 || s[j] != sep) return SR_ERR_PARSE;
            j++;
            long d = digits(s, &j, 2, &nd);
            if (nd == 0 || isdigit((unsigned char)s[j])) return SR_ERR_PARSE;
            if (s[j] && s[j] != 'T' && s[j] != 't' && s[j] != ' ' && s[j] != 'Z' &&
                s[j] != '+')
                return SR_ERR_PARSE;
            return emit((int)y, (int)m, (int)d, out) ? SR_ERR_PARSE : SR_OK;
        }
    }
    /* Worded forms: an optional weekday, then "19 June 2017" or
     * "June 19, 2017"; anything after the year (a time, a zone) is
     * ignored. */
    int day = 0, month = 0, year = 0, words = 0;
    while (s[i] && !year) {
        unsigned char c = (unsigned char)s[i];
        if (isalpha(c)) {
            size_t j = i;
            while (isalpha((unsigned char)s[j])) j++;
            int m = month_of(s + i, j - i);
            if (m && !month) month = m;
            else if (m || ++words > 1 || (month && !day)) return SR_ERR_PARSE;
            /* one leading word (the weekday) is allowed, and "19th" suffixes */
            i = j;
        } else if (isdigit(c)) {
            long v = digits(s, &i, 5, &nd);
            if (isdigit((unsigned char)s[i]) || s[i] == ':') return SR_ERR_PARSE;
            if (nd == 4) {
                if (!month || !day) return SR_ERR_PARSE;
                year = (int)v;
            } else if (nd <= 2 && !day) {
                day = (int)v;
                if (isalpha((unsigned char)s[i])) {  /* 1st, 2nd, 3rd, 19th */
                    size_t j = i;
                    while (isalpha((unsigned char)s[j])) j++;
                    if (j - i != 2) return SR_ERR_PARSE;
                    i = j;
                }
            } else {
                return SR_ERR_PARSE;
            }
        } else if (c == ' ' || c == ',' || c == '.' || c == '\t') {
            i++;
        } else {
            return SR_ERR_PARSE;
        }
    }
    if (!year) return SR_ERR_PARSE;
    return emit(year, month, day, out) ? SR_ERR_PARSE : SR_OK;
}
