/*
 * time_calendar.h -- proleptic Gregorian calendar arithmetic for the time
 * rules: day numbers, weekdays, ISO weeks, adding days and months.
 */
#ifndef SR_TIME_CALENDAR_H
#define SR_TIME_CALENDAR_H

typedef struct tc_date {
    int y, m, d;
} tc_date;

/* Days since 1970-01-01 (negative before). */
long tc_days(tc_date t);
tc_date tc_from_days(long days);
/* ISO weekday, Monday 1 .. Sunday 7. */
int tc_weekday(tc_date t);
int tc_month_days(int y, int m);
/* The ISO week (year and number 1..53) a date falls in. */
void tc_iso_week(tc_date t, int *year, int *week);
tc_date tc_add_days(tc_date t, long n);
/* Month arithmetic on (year, month); the day is clamped to the month. */
tc_date tc_add_months(tc_date t, int n);
/* Parse "YYYY-MM-DD" (a valid calendar date); 0 or -1. */
int tc_parse(const char *s, tc_date *out);
/* Is y-m-d a valid date? */
int tc_valid(int y, int m, int d);

#endif
