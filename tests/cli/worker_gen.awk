# tests/cli/worker_gen.awk -- a made-up news corpus for the worker tests and
# bench/bench_workers.sh, generated from the hand-written templates below
# (fictional events; no real articles), as JSONL on stdout.
#
#   awk -v docs=20000 -v per=4 -f tests/cli/worker_gen.awk
#
# Incident i happens in city i % NCITY, on a day 3 * int(i / NCITY) days
# after 2021-01-01 (so two incidents of one city are never within the merge's
# one-day tolerance), and is told by `per` articles written from different
# templates with the same facts: every ingest order must give the same
# incidents.  Document ids are "w<incident>-<report>".
#
# With -v change=1 it writes, for each incident, what comes next: a new
# version of its first article (same id; the story now tells of another
# attack, 1,000 days later in another city, with one more dead: far from
# the first, so that storing it takes no merge lock near the first) and
# right after it one more article of the first attack (id
# "w<incident>-<per>").  Stored at the same time, the first takes its
# report out of the incident the second joins.
BEGIN {
    if (docs == "") docs = 20000
    if (per == "") per = 4
    ncity = split("Bamako Niamey Ouagadougou Abuja Mogadishu Nairobi Kabul Baghdad Damascus Khartoum Juba Bangui Kinshasa Islamabad Manila Tripoli", city, " ")
    split("31 28 31 30 31 30 31 31 30 31 30 31", mdays, " ")
    split("January February March April May June July August September October November December", mname, " ")
    nword = split("two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty", words, " ")
    ninc = int((docs + per - 1) / per)
    n = 0
    for (i = 0; i < ninc && n < docs; i++) {
        c = city[i % ncity + 1]
        day = 3 * int(i / ncity)
        date_of(day)
        k = 2 + (i * 7) % 18          # killed: 2..19
        w = 3 + (i * 11) % 40         # wounded
        kind = i % 3
        if (change) {
            date_of(day + 1000)
            t = article(kind, i % 4, city[(i + int(ncity / 2)) % ncity + 1], k + 1, w)
            printf "{\"id\":\"w%d-0\",\"published\":\"%s\",\"title\":\"%s\",\"text\":\"%s\"}\n", i, ymd_next, title, t
            date_of(day)
            t = article(kind, (per + i) % 4, c, k, w)
            printf "{\"id\":\"w%d-%d\",\"published\":\"%s\",\"title\":\"%s\",\"text\":\"%s\"}\n", i, per, ymd_next, title, t
            n += per
            continue
        }
        for (r = 0; r < per && n < docs; r++) {
            pub = ymd_next
            t = article(kind, (r + i) % 4, c, k, w)
            printf "{\"id\":\"w%d-%d\",\"published\":\"%s\",\"title\":\"%s\",\"text\":\"%s\"}\n", i, r, pub, title, t
            n++
        }
    }
}
# Set mon, dom (day of month), year of 2021-01-01 + d, and ymd_next, the
# following day as YYYY-MM-DD (the publication date).
function date_of(d,   y, m, len) {
    y = 2021; m = 1
    for (;;) {
        len = (y % 4 == 0) ? 366 : 365
        if (d < len) break
        d -= len; y++
    }
    for (m = 1; m <= 12; m++) {
        len = mdays[m] + (m == 2 && y % 4 == 0)
        if (d < len) break
        d -= len
    }
    year = y; mon = m; dom = d + 1
    nd = dom + 1; nm = m; ny = y
    if (nd > mdays[m] + (m == 2 && y % 4 == 0)) { nd = 1; nm++ }
    if (nm > 12) { nm = 1; ny++ }
    ymd_next = sprintf("%04d-%02d-%02d", ny, nm, nd)
}
function num(x) { return (x >= 2 && x <= 20) ? words[x - 1] : x }
function article(kind, v, c, k, w,   on) {
    on = "on " mname[mon] " " dom
    if (kind == 0) {
        title = "Bomb kills " k " in " c
        if (v == 0) return "A bomb exploded at a crowded market in " c " " on ", killing " k " people and wounding " w " others, police said. No group has claimed responsibility."
        if (v == 1) return toupper(substr(num(k), 1, 1)) substr(num(k), 2) " people were killed and " w " wounded when a bomb went off in a market in " c " " on ", a police spokesman said."
        if (v == 2) return "At least " k " people died " on " after an explosive device detonated near a bus station in " c ", officials said. " w " people were wounded in the blast."
        return "An explosion tore through a busy street in " c " " on ". The bombing killed " k " people and injured " w ", according to the interior ministry."
    }
    if (kind == 1) {
        title = "Gunmen kill " k " in " c
        if (v == 0) return "Gunmen opened fire on worshippers at a mosque in " c " " on ", killing " k " people and wounding " w ", police said."
        if (v == 1) return "Armed men attacked a mosque in " c " " on " and shot dead " k " people, a local official said. Another " w " people were wounded."
        if (v == 2) return "At least " k " people were killed when gunmen stormed a mosque in " c " " on ", witnesses said. " w " others were injured in the attack."
        return "Attackers armed with rifles killed " k " people at a mosque in " c " " on ", the army said, adding that " w " people were wounded."
    }
    title = "Gunmen kidnap " k " in " c
    if (v == 0) return "Gunmen abducted " k " travellers on a highway near " c " " on ", police said."
    if (v == 1) return "Kidnappers seized " k " people from a bus outside " c " " on ", a police spokesman said."
    if (v == 2) return "Armed men kidnapped " k " passengers on the road to " c " " on ", according to local officials."
    return "At least " k " people were abducted by gunmen near " c " " on ", residents said."
}
