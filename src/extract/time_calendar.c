/*
 * time_calendar.c -- see time_calendar.h.
 *
 * Day numbers use the usual era decomposition of the Gregorian calendar
 * (400-year eras of 146097 days, years starting in March so that the leap
 * day is last), which makes conversion branch-free and exact for any year.
 */
#include "time_calendar.h"

#include <string.h>

long tc_days(tc_date t) {
    long y = t.y - (t.m <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;                                 /* [0, 399] */
    long mp = (t.m + 9) % 12;                                 /* March = 0 */
    long doy = (153 * mp + 2) / 5 + t.d - 1;                  /* [0, 365] */
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;         /* [0, 146096] */
    return era * 146097 + doe - 719468;
}

tc_date tc_from_days(long z) {
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    tc_date t;
    t.d = (int)(doy - (153 * mp + 2) / 5 + 1);
    t.m = (int)(mp < 10 ? mp + 3 : mp - 9);
    t.y = (int)(yoe + era * 400 + (t.m <= 2));
    return t;
}

int tc_weekday(tc_date t) {
    long z = tc_days(t);               /* 1970-01-01 was a Thursday (4) */
    long w = (z + 3) % 7;
    if (w < 0) w += 7;
    return (int)w + 1;
}

static int leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int tc_month_days(int y, int m) {
    static const int D[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12) return 0;
    return m == 2 && leap(y) ? 29 : D[m - 1];
}

int tc_valid(int y, int m, int d) {
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= tc_month_days(y, m);
}

void tc_iso_week(tc_date t, int *year, int *week) {
    /* The week belongs to the year of its Thursday. */
    tc_date th = tc_add_days(t, 4 - tc_weekday(t));
    tc_date jan1 = {th.y, 1, 1};
    *year = th.y;
    *week = (int)((tc_days(th) - tc_days(jan1)) / 7 + 1);
}

tc_date tc_add_days(tc_date t, long n) { return tc_from_days(tc_days(t) + n); }

tc_date tc_add_months(tc_date t, int n) {
    long k = (long)t.y * 12 + (t.m - 1) + n;
    tc_date r;
    r.y = (int)(k >= 0 ? k / 12 : (k - 11) / 12);
    r.m = (int)(k - (long)r.y * 12) + 1;
    int md = tc_month_days(r.y, r.m);
    r.d = t.d > md ? md : t.d;
    return r;
}

int tc_parse(const char *s, tc_date *out) {
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-') return -1;
    int v[8], k = 0;
    for (int i = 0; i < 10; i++) {
        if (i == 4 || i == 7) continue;
        if (s[i] < '0' || s[i] > '9') return -1;
        v[k++] = s[i] - '0';
    }
    tc_date t = {v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3], v[4] * 10 + v[5], v[6] * 10 + v[7]};
    if (!tc_valid(t.y, t.m, t.d)) return -1;
    *out = t;
    return 0;
}
