"""loaders/loading.py: articles from files to a store through the Python API, with the
progress and error callbacks the CLI uses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from diplograph.graph.model.errors import InputError
from diplograph.graph.stores.sqlite_store import SQLiteStore
from diplograph.loaders.extract import Extractor
from diplograph.loaders.loading import extract_articles, load_articles


def _articles(tmp_path: Path) -> list[str]:
    good = tmp_path / "a.jsonl"
    good.write_text(
        json.dumps({"id": "x1", "date": "2019-09-25", "text": "Russia supports Venezuela."}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "x2", "date": "2020-01-10", "text": "The United States imposed sanctions on Iran."}) + "\n"
    )
    empty = tmp_path / "b.txt"
    empty.write_text("")
    return [str(good), str(empty)]


def test_load_articles_counts_reports_errors_and_progress_and_a_second_load_adds_nothing(tmp_path: Path) -> None:
    paths = _articles(tmp_path)
    errors, progress = [], []
    with SQLiteStore(tmp_path / "graph.sqlite") as store:
        first = load_articles(paths, store, on_error=lambda e: errors.append(str(e)),
                              on_progress=lambda done, stored: progress.append((done, stored)))
        second = load_articles(paths, store)
        facts = sorted((f.subject.id, f.relation.value, f.object.id) for f in store.iter_facts())
    assert errors == [f"{paths[0]}:2: not JSON: Expecting property name enclosed in double quotes (column 2)",
                      f"{paths[1]}: empty file"]
    assert [str(e) for e in first.errors] == errors
    assert progress == [(1, 0), (2, 0)]
    assert (first.read, first.already_stored, first.added.articles) == (2, 0, 2)
    assert facts == [("RUS", "SUPPORTS", "VEN"), ("USA", "SANCTIONS", "IRN")]
    assert (second.read, second.already_stored, second.added.articles, second.added.facts) == (2, 2, 0, 0)


def test_extract_articles_yields_facts_in_input_order_and_stores_nothing(tmp_path: Path) -> None:
    paths = _articles(tmp_path)
    errors = []
    results = [(article.id, [(f.subject.id, f.relation.value, f.object.id) for f in facts])
               for article, facts in extract_articles(paths, on_error=errors.append)]
    assert results == [("x1", [("RUS", "SUPPORTS", "VEN")]), ("x2", [("USA", "SANCTIONS", "IRN")])]
    assert len(errors) == 2
    assert not (tmp_path / "graph.sqlite").exists()


def test_a_load_started_again_parses_only_the_articles_not_stored_yet(tmp_path: Path) -> None:
    """Resuming a killed load: the articles the store holds are skipped before extraction."""
    class Counting(Extractor):
        parsed: list[str] = []

        def extract_many(self, articles, **kw):
            def seen(items):
                for article in items:
                    self.parsed.append(article.id)
                    yield article
            return super().extract_many(seen(articles), **kw)

    lines = [json.dumps({"id": f"a{i}", "text": text}) for i, text in
             enumerate(["Russia supports Venezuela.", "The United States sanctions Iran.", "China trades with Brazil."])]
    part, whole = tmp_path / "part.jsonl", tmp_path / "whole.jsonl"
    part.write_text(lines[0] + "\n")
    whole.write_text("\n".join(lines) + "\n")
    with SQLiteStore(tmp_path / "graph.sqlite") as store:
        load_articles([str(part)], store)  # the load that was killed after its first article
        extractor = Counting()
        summary = load_articles([str(whole)], store, extractor=extractor)
        assert extractor.parsed == ["a1", "a2"]
        assert (summary.read, summary.already_stored, summary.added.articles) == (3, 1, 2)
        assert store.stats().articles == 3


def test_two_worker_processes_store_the_facts_of_one(tmp_path: Path) -> None:
    """--workers 2: extraction in two processes, one writer, the very same facts as one worker."""
    from locations import DATA

    articles = tmp_path / "some.jsonl"
    articles.write_text("".join((DATA / "corpus35" / "articles.jsonl").read_text(encoding="utf-8").splitlines(True)[:12]),
                        encoding="utf-8")
    stored = []
    for workers in (1, 2):
        with SQLiteStore(tmp_path / f"w{workers}.sqlite") as store:
            summary = load_articles([str(articles)], store, workers=workers)
            assert summary.errors == [] and summary.added.articles == 12
            stored.append([(f.key, f.subject.id, f.relation.value, f.object.id, f.date, f.confidence, f.sentence)
                           for f in store.iter_facts()])
    assert len(stored[0]) > 20
    assert stored[1] == stored[0]


def test_one_path_as_str_or_path_is_read_as_one_file_not_as_characters(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "one.txt").write_text("Russia supports Venezuela.")
    (tmp_path / "o").write_text("The United States imposed sanctions on Iran.")  # a file named like a character
    monkeypatch.chdir(tmp_path)
    for path in ("one.txt", Path("one.txt")):
        facts = [(f.subject.id, f.relation.value, f.object.id) for _, fs in extract_articles(path) for f in fs]
        assert facts == [("RUS", "SUPPORTS", "VEN")]
    with SQLiteStore(tmp_path / "graph.sqlite") as store:
        summary = load_articles(tmp_path / "one.txt", store)
        assert (summary.read, summary.added.articles, summary.errors) == (1, 1, [])


def test_extract_articles_without_on_error_raises_the_input_error_after_the_good_articles(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Russia supports Venezuela.")
    missing = tmp_path / "missing.txt"
    with pytest.raises(InputError, match="missing.txt: no such file or folder"):
        list(extract_articles([str(missing)]))
    seen = []
    with pytest.raises(InputError, match="missing.txt: no such file or folder"):
        for article, _ in extract_articles([missing, good]):
            seen.append(article.origin)
    assert seen == [str(good)]
    with SQLiteStore(tmp_path / "graph.sqlite") as store:  # load_articles reports in its summary
        summary = load_articles([missing, good], store)
    assert [str(e) for e in summary.errors] == [f"{missing}: no such file or folder"]
    assert summary.added.articles == 1


def test_odd_characters_in_jsonl_lose_no_article_and_no_fact(tmp_path: Path) -> None:
    path = tmp_path / "odd.jsonl"
    path.write_text(
        '{"id": "sur", "date": "2024-05-01", "text": "Russia supports Venezuela. \\ud800 France sanctioned Iran."}\n'
        '{"id": "nul", "date": "2024-05-01", "text": "Russia supports\\u0000 Venezuela. France sanctioned Iran."}\n',
        encoding="utf-8",
    )
    results = [(article.id, [(f.subject.id, f.relation.value, f.object.id) for f in facts], [f.sentence for f in facts])
               for article, facts in extract_articles(path)]
    assert [(id_, facts) for id_, facts, _ in results] == [
        ("sur", [("RUS", "SUPPORTS", "VEN"), ("FRA", "SANCTIONS", "IRN")]),
        ("nul", [("RUS", "SUPPORTS", "VEN"), ("FRA", "SANCTIONS", "IRN")]),
    ]
    assert not any("\x00" in sentence for _, _, sentences in results for sentence in sentences)


def test_an_article_whose_extraction_fails_is_reported_once_and_the_rest_extracted(tmp_path: Path, monkeypatch, caplog) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "boom", "text": "Russia supports Venezuela."}) + "\n"
                    + json.dumps({"id": "ok", "text": "France sanctioned Iran."}) + "\n")
    extract_doc = Extractor.extract_doc

    def failing_on_boom(self, doc, article):  # a rule failure on one article, as a bad input can cause
        if article.id == "boom":
            raise UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed")
        return extract_doc(self, doc, article)

    monkeypatch.setattr(Extractor, "extract_doc", failing_on_boom)
    errors: list[InputError] = []
    with caplog.at_level("WARNING"):
        done = [article.id for article, _ in extract_articles(path, on_error=errors.append)]
    assert done == ["ok"]
    assert [str(e) for e in errors] == [
        f"{path}:1: extraction failed on article boom: UnicodeEncodeError: 'utf-8' codec can't encode character '\\ud800' "
        "in position 0: surrogates not allowed"]
    assert [r.getMessage() for r in caplog.records] == []  # handed to on_error, not logged as well


def test_an_id_stored_with_another_text_is_kept_with_a_warning_unless_replace(tmp_path: Path, ex) -> None:
    first = tmp_path / "first.jsonl"
    first.write_text(json.dumps({"id": "w1", "date": "2021-03-04", "text": "Chile supports Peru."}) + "\n")
    second = tmp_path / "second.jsonl"
    second.write_text(json.dumps({"id": "w0", "date": "2021-03-04", "text": "Chile supports Peru. Peru thanks Chile."}) + "\n"
                      + json.dumps({"id": "w1", "date": "2021-03-05", "text": "Chile condemns Bolivia."}) + "\n")
    warnings = []

    def facts(store):
        return sorted((f.subject.id, f.relation.value, f.object.id, f.article_id) for f in store.iter_facts())

    with SQLiteStore(tmp_path / "graph.sqlite") as store:
        load_articles([str(first)], store, extractor=ex)
        before = facts(store)
        kept = load_articles([str(second)], store, extractor=ex, on_warning=warnings.append)
        assert [str(w) for w in warnings] == [
            f"{second}:2: article w1 is stored with another text; the stored one is kept (--replace re-extracts it)"]
        assert [str(w) for w in kept.warnings] == [str(w) for w in warnings] and not kept.errors
        assert (kept.read, kept.already_stored, kept.changed, kept.replaced, kept.added.articles) == (2, 0, 1, 0, 1)
        assert [f for f in facts(store) if f[3] == "w1"] == [f for f in before if f[3] == "w1"] == [("CHL", "SUPPORTS", "PER", "w1")]
        assert store.articles_by_id(["w1"])["w1"].text == "Chile supports Peru."
        replaced = load_articles([str(second)], store, extractor=ex, replace=True)
        assert (replaced.already_stored, replaced.changed, replaced.replaced, replaced.added.articles) == (1, 1, 1, 1)
        assert [f for f in facts(store) if f[3] == "w1"] == [("CHL", "OPPOSES", "BOL", "w1")]
        after = facts(store), store.stats()
        again = load_articles([str(second)], store, extractor=ex, replace=True)  # loading twice changes nothing
        assert (again.already_stored, again.changed, again.added.articles, again.warnings) == (2, 0, 0, [])
        assert (facts(store), store.stats()) == after


def test_a_text_stored_under_another_id_is_left_out_as_a_copy_unless_kept(tmp_path: Path, ex) -> None:
    wire = "Kenya supports Uganda."
    first = tmp_path / "wire.jsonl"
    first.write_text(json.dumps({"id": "wire-1", "date": "2022-05-06", "text": wire}) + "\n"
                     + json.dumps({"id": "paper-1", "date": "2022-05-06", "text": "Kenya supports\n  Uganda. "}) + "\n")
    second = tmp_path / "paper.txt"
    second.write_text(wire + "\n")
    with SQLiteStore(tmp_path / "graph.sqlite") as store:
        one = load_articles([str(first)], store, extractor=ex)
        assert [str(w) for w in one.warnings] == [
            f"{first}:2: article paper-1 has the text of article wire-1; left out as a copy (--keep-copies loads it)"]
        assert (one.read, one.copies, one.added.articles, one.added.facts) == (2, 1, 1, 1)
        two = load_articles([str(second)], store, extractor=ex)
        assert (two.copies, two.added.articles, len(two.warnings)) == (1, 0, 1) and "of article wire-1" in str(two.warnings[0])
        assert [(f.subject.id, f.object.id, f.article_id) for f in store.iter_facts()] == [("KEN", "UGA", "wire-1")]
        kept = load_articles([str(first), str(second)], store, extractor=ex, keep_copies=True)
        assert (kept.copies, kept.already_stored, kept.added.articles, kept.warnings) == (0, 1, 2, [])
        assert store.stats().articles == 3
