#!/usr/bin/env python3
# usage: python3 streaming-jobs/dedupe-state-size.py EVENTS.jsonl   (BENCHMARKS.md, "State per resident: the live de-duplication")
# State the live de-duplication keeps per home: before (every event's identity for 6 h, processing
# time ~ event time in a steady flow) and after (per home/sensor/kind: newest + readings within 150 s, <= 64).
import json, sys, collections, datetime, bisect
WINDOW = 150_000; TTL6H = 6 * 3600_000; CAP = 64
def ms(ts): return int(datetime.datetime.fromisoformat(ts.replace('Z', '+00:00')).timestamp() * 1000)
def vstr(v):  # Java's "" + double
    v = float(v); return repr(v) if v != int(v) or abs(v) >= 1e7 else f"{int(v)}.0"
by_home = collections.defaultdict(list)
for line in open(sys.argv[1]):
    e = json.loads(line)
    by_home[e['homeId']].append((ms(e['ts']), e['sensorId'], e['kind'], float(e['value'])))
old_mean = []; old_max = []; new_mean = []; new_max = []; old_ent_max = []; keys_new = []
for home, evs in by_home.items():
    evs.sort()
    # before: entries alive = events in the trailing 6 h; bytes = key (2 B key group + 1 B length + key chars + 1 B namespace) + TTL value (8 + 1)
    sizes = [2 + 1 + len(f"{home}/{s}/{t}/{k}/{vstr(v)}") + 1 + 9 for t, s, k, v in evs]
    times = [t for t, *_ in evs]
    # sample at each hour
    t0, t1 = times[0] + TTL6H, times[-1]
    pref = [0]
    for x in sizes: pref.append(pref[-1] + x)
    samples_b = []; samples_n = []
    t = t0
    while t <= t1:
        lo = bisect.bisect_right(times, t - TTL6H); hi = bisect.bisect_right(times, t)
        samples_b.append(pref[hi] - pref[lo]); samples_n.append(hi - lo)
        t += 3600_000
    if not samples_b: continue
    old_mean.append(sum(samples_b) / len(samples_b)); old_max.append(max(samples_b)); old_ent_max.append(max(samples_n))
    # after: replay the memory per key, sample the sum of value sizes hourly
    mem = {}  # key -> list of ts
    keyb = {}
    nb = []; nxt = t0; i = 0
    for (t, s, k, v) in evs:
        while nxt < t and nxt <= t1:
            nb.append(sum(2 + 1 + keyb[q] + 1 + 8 + 4 + 11 + 12 * len(m) for q, m in mem.items())); nxt += 3600_000  # key; TTL time, byte[] length, format+newest+count, readings
        key = (s, k); keyb[key] = len(f"{home}/{s}/{k}")
        m = mem.setdefault(key, [])
        m.append(t); newest = max(m); m[:] = [x for x in m if x >= newest - WINDOW][-CAP:]
    if nb:
        new_mean.append(sum(nb) / len(nb)); new_max.append(max(nb)); keys_new.append(len(mem))
n = len(old_mean)
print(f"{sys.argv[1]}: {n} homes")
print(f"before: mean {sum(old_mean)/n:,.0f} B per home (max over hours, mean of homes {sum(old_max)/n:,.0f} B; entries at most {max(old_ent_max):,})")
print(f"after:  mean {sum(new_mean)/len(new_mean):,.0f} B per home (max {sum(new_max)/len(new_max):,.0f} B); keys per home {sum(keys_new)/len(keys_new):.1f}")
