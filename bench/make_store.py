"""Build an SQLite store of N generated facts, fast, through the store's own schema.

The store holds what a year or more of event data and articles looks like to the analysis:

- 200 states (three-letter codes ``AAA``, ``AAB``, ...), with a latent camp each (4 camps:
  cooperation likelier inside a camp, conflict across);
- 2,000 leaders (10 a state): most act for their state (President, Foreign Minister, no title),
  one in eight does not (Opposition leader, Rebel commander, Former President), one in forty
  has no known state;
- 1,000 firms (owned by a state; one in twenty with no known owner) and 30 organisations;
- facts dated over ten years (2015-2024): 3 % undated, 2 % dated by month only; relation
  types drawn from the whole vocabulary (structural and unsigned ones included), Goldstein
  values on half of the event facts and CAMEO codes on a quarter;
- 70 % coded event data (no article) and 30 % facts of articles, six facts an article, one of
  them a repeated mention of another (same ends and type, another sentence); LEADS facts
  carry a title (acting or not);
- coded events carry a source URL (one of 40 outlets), and one in ten is another coding of the
  event before it (same ends, type, day and code; its own weight; from another page, or from the
  same page one time in four): what the event rules merge.

Facts are written with ``executemany`` in transactions of 200,000 rows into a store created
by :class:`~diplograph.graph.stores.sqlite_store.SQLiteStore` (so the tables, indexes and schema
version are the store's own); the secondary indexes are dropped while rows go in and rebuilt
at the end, which is how SQLite loads bulk data fastest.

Usage::

    .venv/bin/python bench/make_store.py --facts 1000000 --out bench/out/facts-1m.sqlite
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import sqlite3
import string
import sys
import time
from pathlib import Path

import numpy as np

STATES = 200
LEADERS_PER_STATE = 10
FIRMS = 1000
ORGANIZATIONS = 30
OUTLETS = 40
BATCH = 200_000
FIRST_DAY = np.datetime64("2015-01-01")
DAYS = 3653  # ten years
ARTICLE_SHARE = 0.3
FACTS_PER_ARTICLE = 6

ACTING_ROLES = ("President", "Prime Minister", "Foreign Minister", "Defence Minister", "Ambassador", None)
NOT_ACTING_ROLES = ("Opposition leader", "Rebel commander", "Former President")


def _codes(n: int) -> list[str]:
    return ["".join(t) for t in itertools.islice(itertools.product(string.ascii_uppercase, repeat=3), n)]


def actors(rng: np.random.Generator) -> tuple[list[tuple], dict[str, np.ndarray]]:
    """Actor rows ``(id, kind, name, country, role)`` and, per kind, the array of ids."""
    states = _codes(STATES)
    rows = [(code, "State", f"State {code}", None, None) for code in states]
    leaders = []
    for s, code in enumerate(states):
        for j in range(LEADERS_PER_STATE):
            i = s * LEADERS_PER_STATE + j
            if i % 8 == 7:
                role = NOT_ACTING_ROLES[i % len(NOT_ACTING_ROLES)]
            else:
                role = ACTING_ROLES[i % len(ACTING_ROLES)]
            country = None if i % 40 == 13 else code
            leaders.append(f"leader-{i:05d}")
            rows.append((leaders[-1], "Leader", f"Leader {i}", country, role))
    firms = []
    for i in range(FIRMS):
        firms.append(f"firm-{i:05d}")
        rows.append((firms[-1], "Firm", f"Firm {i}", None if i % 20 == 7 else states[int(rng.integers(STATES))], None))
    orgs = [f"ORG{i:02d}" for i in range(ORGANIZATIONS)]
    rows += [(code, "Organization", f"Organisation {code}", None, None) for code in orgs]
    pools = {k: np.array(v, dtype=object) for k, v in (("State", states), ("Leader", leaders), ("Firm", firms), ("Organization", orgs))}
    return rows, pools


def _ends(rng: np.random.Generator, pools: dict[str, np.ndarray], camp_of: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Subject and object ids of ``n`` facts, and whether their states share a camp."""
    kind_p = np.array([0.6, 0.22, 0.1, 0.08])  # state, leader, firm, organisation
    state_s = rng.integers(0, STATES, n)
    state_o = (state_s + rng.integers(1, STATES, n)) % STATES
    out = []
    for state in (state_s, state_o):
        kind = rng.choice(4, size=n, p=kind_p)
        ids = pools["State"][state].copy()
        lead = kind == 1
        ids[lead] = pools["Leader"][state[lead] * LEADERS_PER_STATE + rng.integers(0, LEADERS_PER_STATE, lead.sum())]
        firm = kind == 2
        ids[firm] = pools["Firm"][rng.integers(0, FIRMS, firm.sum())]
        org = kind == 3
        ids[org] = pools["Organization"][rng.integers(0, ORGANIZATIONS, org.sum())]
        out.append(ids)
    return out[0], out[1], camp_of[state_s] == camp_of[state_o]


def fact_rows(start: int, n: int, rng: np.random.Generator, pools, camp_of, relations) -> tuple[list[tuple], list[tuple]]:
    """Rows of ``n`` facts numbered from ``start`` (in the store's FACT_COLUMNS order) and of their articles."""
    from diplograph.graph.model.vocabulary import RELATIONS

    coop, confl, other = relations
    subj, obj, same = _ends(rng, pools, camp_of, n)
    kind = rng.random(n)
    coop_p = np.where(same, 0.8, 0.35)
    rel = np.where(
        kind < 0.1,
        other[rng.integers(0, len(other), n)],
        np.where(rng.random(n) < coop_p, coop[rng.integers(0, len(coop), n)], confl[rng.integers(0, len(confl), n)]),
    )
    day = (FIRST_DAY + rng.integers(0, DAYS, n).astype("timedelta64[D]")).astype(str)
    shape = rng.random(n)
    dates = np.where(shape < 0.03, None, np.where(shape < 0.05, np.char.ljust(day.astype("U7"), 7), day)).astype(object)
    confidence = np.round(rng.uniform(0.5, 1.0, n), 3)
    number = np.arange(start, start + n)
    in_article = (number % 10) < ARTICLE_SHARE * 10
    article_no = number // FACTS_PER_ARTICLE
    # one repeated mention an article: the fact after the first repeats the first's ends and type
    repeat = in_article & (number % FACTS_PER_ARTICLE == 1) & ((number - 1) % 10 < ARTICLE_SHARE * 10)
    prev = np.flatnonzero(repeat) - 1
    ok = prev >= 0
    rows_r, rows_p = np.flatnonzero(repeat)[ok], prev[ok]
    subj[rows_r], obj[rows_r], rel[rows_r], dates[rows_r] = subj[rows_p], obj[rows_p], rel[rows_p], dates[rows_p]
    g_draw = rng.random(n)
    # one coded event in ten is another coding of the one before (same ends, type, day and code; another outlet, or
    # the same one): what one story syndicated to many sites looks like in event data
    recoded = np.flatnonzero(~in_article & (number % 10 == 9))
    recoded = recoded[recoded >= 1]
    before = recoded - 1
    subj[recoded], obj[recoded], rel[recoded], dates[recoded] = subj[before], obj[before], rel[before], dates[before]
    g_draw[recoded] = g_draw[before]
    outlet = rng.integers(0, OUTLETS, n)
    page = number.copy()
    same_page = recoded[rng.random(len(recoded)) < 0.25]  # a quarter coded twice from the same page
    outlet[same_page], page[same_page] = outlet[same_page - 1], page[same_page - 1]
    plover = {r.value: spec.plover for r, spec in RELATIONS.items()}
    goldstein_default = {r.value: spec.goldstein for r, spec in RELATIONS.items()}
    goldstein_noise = np.round(rng.uniform(-1.5, 1.5, n), 1)
    cameo_codes = np.array(["042", "057", "036", "112", "163", "0874", "190", "0431"], dtype=object)
    cameo_pick = cameo_codes[rng.integers(0, len(cameo_codes), n)]
    cameo_pick[recoded] = cameo_pick[before]
    roles = np.array([*ACTING_ROLES, *NOT_ACTING_ROLES], dtype=object)[rng.integers(0, len(ACTING_ROLES) + len(NOT_ACTING_ROLES), n)]
    # built a column at a time and zipped into rows (no Python branch a fact)
    keys = [hashlib.sha1(f"gen|{num}".encode()).hexdigest() for num in number.tolist()]
    none = np.full(n, None, dtype=object)
    arts = np.where(in_article, np.char.add("gen:", article_no.astype(str)).astype(object), none)
    index = (number % FACTS_PER_ARTICLE).astype(object)
    sentences = np.where(in_article, [f"Sentence {i} of article {a}." for i, a in zip(index.tolist(), article_no.tolist())], none)
    goldstein = np.clip(np.vectorize(goldstein_default.get, otypes=[float])(rel) + goldstein_noise, -10, 10).astype(object)
    goldstein = np.where(~in_article & (g_draw < 0.5), goldstein, none)
    cameo = np.where(~in_article & (g_draw >= 0.5) & (g_draw < 0.75), cameo_pick, none)
    urls = np.where(in_article, none, [f"https://outlet{o}.example/{p}" for o, p in zip(outlet.tolist(), page.tolist())])
    event_ids = np.where(in_article, none, number.astype(str).astype(object))
    facts = list(zip(
        keys, subj.tolist(), rel.tolist(), obj.tolist(), dates.tolist(), arts.tolist(), sentences.tolist(),
        np.where(in_article, index, none).tolist(), confidence.tolist(), [plover[r] for r in rel.tolist()], cameo.tolist(),
        none.tolist(), none.tolist(), np.where(rel == "LEADS", roles, none).tolist(), goldstein.tolist(), urls.tolist(),
        event_ids.tolist(), ["make_store 1"] * n,
    ))
    inside = np.flatnonzero(in_article)
    first = inside[np.r_[True, article_no[inside][1:] != article_no[inside][:-1]]] if len(inside) else inside
    articles = [(f"gen:{a}", f"Generated article {a}", dates[i], "generated", None, "make_store", f"Generated text of article {a}.")
                for i, a in zip(first.tolist(), article_no[first].tolist())]
    return facts, articles


def build(path: Path, n_facts: int, seed: int = 0) -> dict:
    """Write a store of ``n_facts`` generated facts at ``path`` (replaced if present); return counts and seconds."""
    from diplograph.graph.stores.sqlite_store import FACT_COLUMNS, SQLiteStore
    from diplograph.graph.model.vocabulary import RELATIONS

    t0 = time.perf_counter()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    SQLiteStore(path).close()
    rng = np.random.default_rng(seed)
    actor_rows, pools = actors(rng)
    camp_of = rng.integers(0, 4, STATES)
    relations = tuple(
        np.array([r.value for r, s in RELATIONS.items() if test(s)], dtype=object)
        for test in (lambda s: s.sign > 0, lambda s: s.sign < 0, lambda s: s.sign == 0)
    )
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    # the key index takes rows in random (hash) order: a page cache of 1 GB keeps its inserts off the disk
    db.execute("PRAGMA cache_size=-1048576")
    indexes = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").fetchall()
    for name, _ in indexes:
        db.execute(f'DROP INDEX "{name}"')
    db.execute("BEGIN")
    db.executemany("INSERT INTO actors (id, kind, name, country, role) VALUES (?, ?, ?, ?, ?)", actor_rows)
    db.executemany("INSERT INTO aliases (actor_id, alias) VALUES (?, ?)", [(r[0], r[2]) for r in actor_rows])
    db.execute("COMMIT")
    insert = f"INSERT INTO facts ({FACT_COLUMNS}) VALUES ({', '.join('?' * 18)})"
    for start in range(0, n_facts, BATCH):
        facts, articles = fact_rows(start, min(BATCH, n_facts - start), rng, pools, camp_of, relations)
        db.execute("BEGIN")
        db.executemany("INSERT OR IGNORE INTO articles (id, title, date, source, url, origin, text) VALUES (?, ?, ?, ?, ?, ?, ?)", articles)
        db.executemany("INSERT OR IGNORE INTO mentions (article_id, actor_id) VALUES (?, ?)",
                       [(f[5], end) for f in facts if f[5] is not None for end in (f[1], f[3])])
        db.executemany(insert, facts)
        db.execute("COMMIT")
        print(f"  {start + len(facts):,} facts written ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    for _, sql in indexes:
        db.execute(sql)
    counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("actors", "articles", "facts")}
    db.close()
    return {**counts, "seconds": round(time.perf_counter() - t0, 1), "bytes": path.stat().st_size}


def main() -> None:
    """Command line: ``--facts N --out PATH [--seed S]``; prints the counts and seconds."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--facts", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    print(build(args.out, args.facts, args.seed))


if __name__ == "__main__":
    main()
