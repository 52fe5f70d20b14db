#!/usr/bin/env python3
"""similar.py LANG FILE: for each line of FILE (your LANG.tsv), the set's items that share the
most words with it. An item of the set about the SAME EVENT (another outlet's or another
language's report of it) means: drop your line. Word overlap misses reports in another
language, so also think whether the event is a famous one the set surely holds."""
import sys, re
base = '/work/main/rules/testdata/regional'
lang, fn = sys.argv[1], sys.argv[2]
def words(t): return {w for w in re.findall(r'\w{4,}', t.lower())}
items = []
for part in ('dev', 'holdout'):
    for line in open(f'{base}/{part}/{lang}.tsv'):
        c = line.rstrip('\n').split('\t'); items.append((c[0], c[3], words(c[3])))
for n, line in enumerate(open(fn), 1):
    c = line.rstrip('\n').split('\t')
    if len(c) != 6: continue
    w = words(c[2] + ' ' + c[3])
    best = sorted(((len(w & s) / (len(w | s) or 1), i, t) for i, t, s in items), reverse=True)[:3]
    hits = [b for b in best if b[0] > 0.15]
    if hits:
        print(f'{n}: {c[2][:100]}')
        for sc, i, t in hits: print(f'    {sc:.2f} {t[:160]}')
