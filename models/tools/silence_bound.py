#!/usr/bin/env python3
"""Hindsight bound: the best median delay any silence-only detector can reach at a given false-alert rate.

For a recording DIR in Hearth's replay contracts (events.jsonl, homes.yaml, labels.jsonl, meta.json),
draws synthetic emergencies the way the real-homes README inserts them (a random moment between 10:00
and 16:00 local at which the resident moved in the 10 minutes before), and for each context split
(the room last seen, plus one feature of the half hour before) picks, with hindsight, the limit per
context that minimises the false alerts for a target median delay. False alerts here are only the
daytime silences (starting 10:00-16:00), so the bound is optimistic for any real detector.
"""
import json, datetime as dt, zoneinfo, collections, random, bisect, sys, re

D = sys.argv[1].rstrip('/') + '/'
N_SYN = int(sys.argv[2]) if len(sys.argv) > 2 else 600
P = lambda s: dt.datetime.fromisoformat(s.replace('Z', '+00:00'))
home = open(D + 'homes.yaml').read()
tz = zoneinfo.ZoneInfo(re.search(r'timezone: (\S+)', home).group(1))
room, front = {}, set()
for m in re.finditer(r'\{id: ([\w-]+), kind: (\w+), room: (\w+)(, role: ([\w-]+))?', home):
    room[m.group(1)] = m.group(3)
    if m.group(5) == 'front-door': front.add(m.group(1))
labs = [(P(l['start']), P(l['end'])) for l in map(json.loads, open(D + 'labels.jsonl'))]
outs = [(P(g['start']), P(g['end'])) for g in json.load(open(D + 'meta.json')).get('outages', [])]
ev = []  # signs of life: motion, contacts opening (and the front door either way), power drawn
for e in map(json.loads, open(D + 'events.jsonl')):
    k, s, v = e['kind'], e['sensorId'], e['value']
    if k in ('heartbeat', 'battery') or s not in room: continue
    if k == 'contact' and v != 1 and s not in front: continue
    if k == 'power' and v <= 5: continue
    ev.append((P(e['ts']), s))
ev.sort()
T = [t for t, _ in ev]
learn = T[0] + dt.timedelta(days=28)
excl = [(a - dt.timedelta(hours=1), b + dt.timedelta(hours=1)) for a, b in labs + outs]
excluded = lambda t: any(a <= t <= b for a, b in excl)
judged_days = sum(1 for d in sorted({t.astimezone(tz).date() for t in T if t >= learn}))
lastdoor, ld = [], None
for t, s in ev:
    if s in front: ld = t
    lastdoor.append(ld)

def context(i, feature):
    t0, r = ev[i][0], room[ev[i][1]]
    if lastdoor[i] is not None and (t0 - lastdoor[i]).total_seconds() < 600:
        return ('after-door',)
    j = bisect.bisect_left(T, t0 - dt.timedelta(minutes=30))
    if feature == 'events30': return (r, min(3, (i - j) // 4))
    if feature == 'rooms30': return (r, min(3, len({room[ev[x][1]] for x in range(j, i + 1)})))
    if feature == 'dwell':
        x = i
        while x > 0 and room[ev[x - 1][1]] == r and (t0 - ev[x - 1][0]).total_seconds() < 7200: x -= 1
        return (r, min(3, int((t0 - ev[x][0]).total_seconds() // 900)))
    if feature == 'hour': return (r, t0.astimezone(tz).hour // 2)
    return (r,)

day_silences = []
for i in range(len(ev) - 1):
    t0 = ev[i][0]; g = (ev[i + 1][0] - t0).total_seconds() / 60
    if g >= 15 and t0 >= learn and not excluded(t0) and 10 <= t0.astimezone(tz).hour < 16:
        day_silences.append((i, g))
rnd = random.Random(7)
days = sorted({t.astimezone(tz).date() for t in T if t >= learn})
syn = []
while len(syn) < N_SYN:
    s = (dt.datetime.combine(rnd.choice(days), dt.time(10), tz) + dt.timedelta(seconds=rnd.uniform(0, 6 * 3600))).astimezone(dt.timezone.utc)
    i = bisect.bisect_right(T, s) - 1
    if excluded(s) or i < 0 or (s - T[i]).total_seconds() > 600: continue
    syn.append((i, (s - T[i]).total_seconds() / 60))

LIMITS = list(range(20, 301, 5))
def least_false(feature, median):
    """Fewest daytime false alerts per 30 days with half the emergencies found within `median` minutes."""
    sil, em = collections.defaultdict(list), collections.defaultdict(list)
    for i, g in day_silences: sil[context(i, feature)].append(g)
    for i, off in syn: em[context(i, feature)].append(off)
    need = (len(syn) + 1) // 2
    best = {0: 0.0}  # emergencies found within the median -> fewest false silences
    for c in set(sil) | set(em):
        options = {}
        for L in LIMITS:
            n = sum(L - off <= median for off in em.get(c, []))
            f = sum(g > L for g in sil.get(c, []))
            if n not in options or f < options[n]: options[n] = f
        nxt = {}
        for k, f0 in best.items():
            for n, f in options.items():
                kk = min(need, k + n)
                if kk not in nxt or f0 + f < nxt[kk]: nxt[kk] = f0 + f
        best = nxt
    return best.get(need, float('inf')) * 30 / judged_days

print(f'{len(syn)} synthetic emergencies, {len(day_silences)} daytime silences of 15 min or more, {judged_days} judged days')
print('context                 ' + ' '.join(f'{m:>7d}' for m in (60, 75, 90, 105, 120, 140)) + '   (fewest false alerts / 30 d for that median delay, min)')
for feature in ('room', 'hour', 'events30', 'rooms30', 'dwell'):
    print(f'{"room + " + feature if feature != "room" else "room":22s}  ' + ' '.join(f'{least_false(feature, m):7.2f}' for m in (60, 75, 90, 105, 120, 140)))
