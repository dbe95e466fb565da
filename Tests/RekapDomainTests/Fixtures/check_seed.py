#!/usr/bin/env python3
"""Recompute every sum and percentage of rekap submission fixtures with exact decimals.

Usage:  python3 check_seed.py                # seed + accepted/ + demo submissions + rejected/expected.json
        python3 check_seed.py FILE.json ...  # only these files

Exit status 0 when the seed reproduces the expected figures and every other file is consistent
except the deliberate errors listed in KNOWN (demo data meant to produce findings).
"""
import json, os, sys, glob
from decimal import Decimal, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..', '..', '..'))
SEED = os.path.join(HERE, 'accepted', 'dumai-timur-2023.json')
DEMO = os.path.join(ROOT, 'Sources', 'RekapCLI', 'DemoData', 'submissions')

# Deliberate inconsistencies (file basename -> set of JSON pointers expected to disagree).
KNOWN = {
    # document error: Tabel 2.5 lines sum to 11,173,987,993 but its JUMLAH says 11,371,987,993
    'dumai-timur-2023.json': {'/budget/total/pagu_murni'},
    # demo: kegiatan pagu 5.000.000 above its sub kegiatan (program, total and belanja follow the reported figure)
    '14.72.03-2023.json': {'/budget/programs/1/kegiatan/0/pagu'},
    '14.72.02-2023.json': {'/budget/total/pagu_murni'},  # copy of the seed
    '14.72.06-2023.json': {'/indicators/0/reported_capaian'},
}

def D(x):
    # strings or JSON numbers (parsed from their text as Decimal, never via float)
    if isinstance(x, (str, Decimal)):
        return Decimal(x)
    raise TypeError('not an exact decimal: %r' % (x,))

def pct(num, den):
    return (num / den * 100) if den else None

def r2(x):
    return None if x is None else x.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)

def capaian(ind):
    t, r = D(ind['target']), D(ind['realisasi'])
    if ind.get('polarity', 'higher') == 'lower':
        return (2 * t - r) / t * 100
    return r / t * 100

def check(path, verbose=True):
    doc = json.load(open(path, encoding="utf-8"), parse_float=Decimal, parse_int=Decimal)
    name = os.path.basename(path)
    diffs, figures = [], {}
    for i, ind in enumerate(doc.get('indicators', [])):
        c = capaian(ind)
        figures['capaian ' + ind['code']] = r2(c)
        if 'reported_capaian' in ind and abs(c - D(ind['reported_capaian'])) > Decimal('0.01'):
            diffs.append(('/indicators/%d/reported_capaian' % i, D(ind['reported_capaian']), r2(c)))
    b = doc.get('budget')
    if b:
        tp = tr = tm = Decimal(0); has_murni = False
        for pi, p in enumerate(b.get('programs', [])):
            sp = sr = Decimal(0)
            for ki, k in enumerate(p.get('kegiatan', [])):
                kp = sum((D(s['pagu']) for s in k.get('sub_kegiatan', [])), Decimal(0))
                kr = sum((D(s['realisasi']) for s in k.get('sub_kegiatan', [])), Decimal(0))
                base = '/budget/programs/%d/kegiatan/%d' % (pi, ki)
                if k.get('sub_kegiatan'):
                    if kp != D(k['pagu']): diffs.append((base + '/pagu', D(k['pagu']), kp))
                    if kr != D(k['realisasi']): diffs.append((base + '/realisasi', D(k['realisasi']), kr))
                sp += D(k['pagu']); sr += D(k['realisasi'])
            base = '/budget/programs/%d' % pi
            if p.get('kegiatan'):
                if sp != D(p['pagu']): diffs.append((base + '/pagu', D(p['pagu']), sp))
                if sr != D(p['realisasi']): diffs.append((base + '/realisasi', D(p['realisasi']), sr))
            figures['penyerapan ' + p.get('code', p['name'])] = r2(pct(D(p['realisasi']), D(p['pagu'])))
            tp += D(p['pagu']); tr += D(p['realisasi'])
            if 'pagu_murni' in p: tm += D(p['pagu_murni']); has_murni = True
        t = b.get('total')
        if t:
            if D(t['pagu']) != tp: diffs.append(('/budget/total/pagu', D(t['pagu']), tp))
            if D(t['realisasi']) != tr: diffs.append(('/budget/total/realisasi', D(t['realisasi']), tr))
            if 'pagu_murni' in t and has_murni and D(t['pagu_murni']) != tm:
                diffs.append(('/budget/total/pagu_murni', D(t['pagu_murni']), tm))
            figures['penyerapan total'] = r2(pct(D(t['realisasi']), D(t['pagu'])))
        bel = b.get('belanja')
        if bel and t:
            bp = sum((D(v['pagu']) for v in bel.values()), Decimal(0))
            br = sum((D(v['realisasi']) for v in bel.values()), Decimal(0))
            if bp != D(t['pagu']): diffs.append(('/budget/belanja (pagu sum)', bp, D(t['pagu'])))
            if br != D(t['realisasi']): diffs.append(('/budget/belanja (realisasi sum)', br, D(t['realisasi'])))
        figures['computed total pagu/realisasi'] = (tp, tr)
    for i, row in enumerate(doc.get('pbb', [])):
        figures['pbb %s' % row['kelurahan']] = r2(pct(D(row['realisasi']), D(row['ketetapan'])))
    if verbose:
        print('==', os.path.relpath(path, ROOT))
        for k, v in figures.items(): print('   %-40s %s' % (k, v))
        for d in diffs: print('   DIFF %s reported %s computed %s' % d)
    return doc, figures, diffs

def main(argv):
    ok = True
    files = argv or ([SEED] + sorted(glob.glob(os.path.join(HERE, 'accepted', '*.json')))
                     + sorted(glob.glob(os.path.join(DEMO, '*.json'))))
    seen = set()
    for f in files:
        if f in seen: continue
        seen.add(f)
        doc, fig, diffs = check(f)
        known = KNOWN.get(os.path.basename(f), set())
        got = {d[0] for d in diffs}
        if got != known:
            print('   !! unexpected differences: extra %s missing %s' % (sorted(got - known), sorted(known - got))); ok = False
        if os.path.samefile(f, SEED):
            exp = {'penyerapan total': '98.51', 'penyerapan 7.01.01': '98.51', 'penyerapan 7.01.02': '96.78',
                   'penyerapan 7.01.03': '98.62', 'penyerapan 7.01.04': '99.62', 'capaian IKM': '105.43',
                   'capaian PTPU': '100.00', 'capaian PPKC': '100.00'}
            for k, v in exp.items():
                if str(fig[k]) != v: print('   !! %s = %s, expected %s' % (k, fig[k], v)); ok = False
            if fig['computed total pagu/realisasi'] != (Decimal('12763150960'), Decimal('12572858329')):
                print('   !! totals'); ok = False
            # murni: Tabel 2.5 lines vs its own JUMLAH (a document error, kept as reported)
            murni = sum(D(p['pagu_murni']) for p in doc['budget']['programs'] if 'pagu_murni' in p)
            print('   Tabel 2.5 lines sum %s vs printed JUMLAH %s (difference %s)' % (
                murni, doc['budget']['total']['pagu_murni'], D(doc['budget']['total']['pagu_murni']) - murni))
            ikm = doc['indicators'][0]
            print('   IKM capaian exact %s (report prints %s)' % (capaian(ikm), ikm['reported_capaian']))
    if not argv:
        ok = check_rejected() and ok
    print('OK' if ok else 'FAILED')
    return 0 if ok else 1

def check_rejected():
    rej = os.path.join(HERE, 'rejected')
    exp_path = os.path.join(rej, 'expected.json')
    if not os.path.exists(exp_path): return True
    exp = json.load(open(exp_path))
    reasons = {'utf8', 'json', 'not-object', 'format', 'required', 'type', 'enum', 'date', 'amount',
               'decimals', 'range', 'duplicate', 'region', 'scope'}
    listed = {e['file'] for e in exp}
    present = {os.path.basename(p) for p in glob.glob(os.path.join(rej, '*.json'))} - {'expected.json'}
    ok = True
    if listed != present:
        print('!! rejected/expected.json vs files: unlisted %s, missing %s' % (sorted(present - listed), sorted(listed - present))); ok = False
    for e in exp:
        if e['reason'] not in reasons: print('!! bad reason', e); ok = False
        if not (e['pointer'] == '' or e['pointer'].startswith('/')): print('!! bad pointer', e); ok = False
    print('== rejected: %d files listed, %d distinct reasons' % (len(exp), len({e['reason'] for e in exp})))
    return ok

if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
