#!/usr/bin/env python3
"""check.py DIR NAME — checks DIR/NAME.tsv, a helper's batch of items (for example
/work/shared/eval55/en.tsv): six tab-separated columns (label, countries, title, lead, url,
outlet), labels 0/1, country codes, and that no url (or title) is already in the project's
evaluation set, in another helper's file of DIR, or earlier in the file.

The one checker of every batch. Its earlier forms are in git history: batch12/check.py
(b86cfc6) read /work/shared/evalNN/ and did not look at the other helpers' files (from batch
46 a copy of it did); batch51/check.py (5f09c6b) also dropped a url's fragment, so that a
dataset's rows were one item, until batch 53."""
import sys, re, os
base = '/work/main/rules/testdata/regional'
VALID = {'KZ', 'KG', 'TJ', 'TM', 'UZ', 'AF', 'RU'}
def norm(u):
    # a dataset's row or a corpus's line (github.com/...#id=N, #L12) is its own item
    u = u.strip()
    frag = ''
    if 'github.com/' in u and '#' in u:
        frag = '#' + u.split('#', 1)[1]
    u = re.sub(r'^https?://(www\.|m\.)?', '', u.split('?')[0].split('#')[0]).rstrip('/').lower()
    u = re.sub(r'/blob/[0-9a-f]{40}/', '/blob/HEAD/', u)
    return u + frag.lower()
def tnorm(t): return re.sub(r'\W+', ' ', t.lower()).strip()
used, titles = set(), set()
for f in os.listdir(base + '/sources'):
    for line in open(base + '/sources/' + f):
        c = line.rstrip('\n').split('\t')
        if len(c) > 1 and not line.startswith('#'):
            used.add(norm(c[1]))
for part in ('dev', 'holdout'):
    for f in os.listdir(f'{base}/{part}'):
        for line in open(f'{base}/{part}/{f}'):
            c = line.rstrip('\n').split('\t')
            if len(c) > 3:
                titles.add(tnorm(c[3].split(' — ')[0]))
here, name = sys.argv[1].rstrip('/'), sys.argv[2]
sib_u, sib_t = set(), set()
for f in os.listdir(here):
    if f.endswith('.tsv') and f != name + '.tsv':
        for line in open(f'{here}/{f}'):
            c = line.rstrip('\n').split('\t')
            if len(c) == 6:
                sib_u.add(norm(c[4])); sib_t.add(tnorm(c[2]))
seen, seent = set(), set()
ok = rel = 0
for n, line in enumerate(open(f'{here}/{name}.tsv'), 1):
    line = line.rstrip('\n')
    if not line.strip() or line.startswith('#'):
        continue
    c = line.split('\t')
    if len(c) != 6:
        print(f'line {n}: {len(c)} columns, want 6'); continue
    label, countries, title, lead, url, outlet = c
    bad = []
    if label not in ('0', '1'): bad.append('label must be 0 or 1')
    cs = [x.strip() for x in countries.split(',') if x.strip()]
    if any(x not in VALID for x in cs): bad.append(f'country codes {cs} (allowed {sorted(VALID)})')
    if norm(url) in used: bad.append('url already in the project set')
    if norm(url) in sib_u: bad.append("url already in another helper's file of this batch")
    if norm(url) in seen: bad.append('url twice in this file')
    if tnorm(title) in titles: bad.append('title already in the project set')
    if tnorm(title) in sib_t: bad.append("title already in another helper's file of this batch")
    if tnorm(title) in seent: bad.append('title twice in this file')
    if not title.strip(): bad.append('empty title')
    if bad:
        print(f'line {n}: ' + '; '.join(bad))
    else:
        ok += 1; rel += label == '1'
    seen.add(norm(url)); seent.add(tnorm(title))
print(f'{name}: {ok} good lines, {rel} relevant')
