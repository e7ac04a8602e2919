"""Tests of loaders/articles.py: every format, and every kind of bad input, with exact messages."""

from __future__ import annotations

import io
import json

import pytest

from diplograph.graph.model.errors import InputError
from diplograph.graph.model.records import Article, text_id
from diplograph.loaders.articles import ArticleReadError, parse_metadata_date, read_articles


def _read(paths, **kwargs):
    return list(read_articles([str(p) for p in paths], **kwargs))


def _messages(items):
    return [str(i) for i in items if isinstance(i, InputError)]


def test_plain_text_file_gets_text_id_and_date_argument(tmp_path):
    path = tmp_path / "note.txt"
    path.write_bytes(b"Russia backs Venezuela.\r\nThe EU objects.\r\n")
    [article] = _read([path], date="2019-09-25")
    assert article.text == "Russia backs Venezuela.\nThe EU objects.\n"
    assert article.id == text_id("Russia backs Venezuela.\nThe EU objects.\n")
    assert article.id == "sha1:" + __import__("hashlib").sha1(article.text.encode()).hexdigest()[:16]
    assert article.date == "2019-09-25"
    assert article.title is None
    assert article.origin == str(path)


def test_text_is_nfc_normalised_words_unchanged(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Nicola\u0301s Maduro met Putin\rin Moscow.", encoding="utf-8")
    [article] = _read([path])
    assert article.text == "Nicolás Maduro met Putin\nin Moscow."
    assert article.date is None


def test_markdown_heading_is_title(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("# Tariffs on steel\n\nThe United States imposed tariffs on China.\n", encoding="utf-8")
    [article] = _read([path])
    assert article.title == "Tariffs on steel"
    # the heading line keeps its words on a line of its own, without the Markdown marker
    assert article.text.startswith("Tariffs on steel\n\nThe United States")


def test_markdown_heading_markers_dropped_at_every_level(tmp_path):
    path = tmp_path / "b.md"
    path.write_text("# Talks ##\n\n## Day one\nRussia met China.\n#hashtag stays\n", encoding="utf-8")
    [article] = _read([path])
    assert article.title == "Talks ##"
    assert article.text == "Talks\n\nDay one\nRussia met China.\n#hashtag stays\n"


def test_utf8_bom_dropped(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffChina trades with Brazil.".encode("utf-8"))
    [article] = _read([path])
    assert article.text == "China trades with Brazil."


def test_html_main_text_title_and_date(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Sanctions on Venezuela</title>"
        '<meta property="article:published_time" content="2019-09-25"></head><body>'
        "<nav>Home | World | Business</nav><article><h1>Sanctions on Venezuela</h1>"
        "<p>The United States imposed sanctions on Venezuela on Wednesday, the Treasury said in a statement.</p>"
        "<p>Russia condemned the move and said it would continue to support the government in Caracas.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    [article] = _read([path], date="2001-01-01")
    assert article.title == "Sanctions on Venezuela"
    assert article.date == "2019-09-25"  # metadata wins over --date
    assert "The United States imposed sanctions on Venezuela on Wednesday" in article.text
    assert "Russia condemned the move" in article.text
    assert "Home | World" not in article.text


def test_html_without_text_is_an_error(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><body><div></div></body></html>", encoding="utf-8")
    assert _messages(_read([path])) == [f"{path}: no main text found in the HTML page"]


def test_jsonl_records_and_origin_line(tmp_path):
    path = tmp_path / "a.jsonl"
    lines = [
        {"id": "a1", "title": "T1", "date": "2019-09-25", "source": "Wikinews", "url": "https://x/1", "text": "Russia backs Venezuela."},
        {"title": "T2", "date": "", "text": "China trades with Brazil."},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n\n", encoding="utf-8")
    a, b = _read([path], date="2020-01-02")
    assert (a.id, a.title, a.date, a.source, a.url, a.origin) == (
        "a1", "T1", "2019-09-25", "Wikinews", "https://x/1", f"{path}:1")
    assert b.id == text_id("China trades with Brazil.")
    assert b.date == "2020-01-02"  # empty metadata date -> the --date argument
    assert b.origin == f"{path}:2"


def test_jsonl_bad_lines_reported_and_rest_read(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(
        b'{"id": "ok1", "text": "Iran threatens Israel."}\n'
        b'{"id": "broken", "text": \n'
        b'{"id": "notext"}\n'
        b'{"id": "blank", "text": "   "}\n'
        b'{"id": "baddate", "date": "05/09/2019", "text": "x"}\n'
        b'{"id": "latin1", "text": "Caf\xe9"}\n'
        b'[1, 2]\n'
        b'{"id": "ok2", "text": "Japan aids Nepal."}\n'
    )
    items = _read([path])
    assert [i.id for i in items if isinstance(i, Article)] == ["ok1", "ok2"]
    assert _messages(items) == [
        f"{path}:2: not JSON: Expecting value (column 26)",  # the line has 25 characters
        f'{path}:3: no "text" field',
        f'{path}:4: empty "text"',
        f"{path}:5: bad date in metadata: ambiguous date (day and month could be either way round; write YYYY-MM-DD): '05/09/2019'",
        f"{path}:6: invalid UTF-8 (byte 0xe9)",
        f"{path}:7: not a JSON object but list",
    ]
    errors = [i for i in items if isinstance(i, ArticleReadError)]
    assert [e.line for e in errors] == [2, 3, 4, 5, 6, 7]
    assert all(e.path == str(path) for e in errors)


def test_empty_binary_and_invalid_utf8_files(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b" \n\n")
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    latin = tmp_path / "latin1.txt"
    latin.write_bytes(b"line one\nline two\nCaf\xe9 au lait\n")
    missing = tmp_path / "missing.txt"
    good = tmp_path / "good.txt"
    good.write_text("Germany supports France.", encoding="utf-8")
    items = _read([empty, binary, latin, missing, good])
    assert _messages(items) == [
        f"{empty}: empty file",
        f"{binary}:3: binary file (NUL byte), not text",
        f"{latin}:3: invalid UTF-8 (byte 0xe9)",
        f"{missing}: no such file or folder",
    ]
    assert isinstance(items[-1], Article) and items[-1].text == "Germany supports France."


def test_a_binary_file_named_jsonl_is_one_error(tmp_path):
    # a picture saved as .jsonl: one error for the file, as for .txt, not one per "line"
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\n".join(bytes([i, 200, 0, 17]) for i in range(1, 250))
    binary = tmp_path / "image.jsonl"
    binary.write_bytes(png)
    assert _messages(_read([binary])) == [f"{binary}:3: binary file (NUL byte), not text"]
    # a NUL on a line of a text file past its start is that line's error; the other lines load
    mixed = tmp_path / "mixed.jsonl"
    lines = [b'{"id": "a%d", "text": "Chile trades with Peru."}' % i for i in range(200)]  # 9,890 bytes
    mixed.write_bytes(b"\n".join(lines + [b'{"id": "b", "text": "x\x00"}', b'{"id": "c", "text": "Peru trades with Chile."}']))
    items = _read([mixed])
    assert _messages(items) == [f"{mixed}:201: binary data (NUL byte), not text"]
    assert [i.id for i in items if isinstance(i, Article)] == [f"a{i}" for i in range(200)] + ["c"]


def test_folder_recursive_sorted_hidden_skipped(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "2.txt").write_text("two", encoding="utf-8")
    (tmp_path / "a.txt").write_text("one", encoding="utf-8")
    (tmp_path / "c.txt").write_text("three", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / ".git" / "x.txt").write_text("git", encoding="utf-8")
    items = _read([tmp_path])
    assert [a.text for a in items] == ["one", "three", "two"]


def test_stdin_text_and_jsonl():
    [article] = list(read_articles(["-"], date="2019-01-01", stdin=io.StringIO("Cuba opposes the embargo.\r\n")))
    assert (article.text, article.origin, article.date) == ("Cuba opposes the embargo.\n", "-", "2019-01-01")
    stream = io.StringIO('{"id": "s1", "text": "A."}\n{"id": "s2", "text": "B.", "date": "2018-05-06"}\n')
    a, b = read_articles(["-"], stdin=stream)
    assert (a.id, a.origin, b.id, b.date, b.origin) == ("s1", "-:1", "s2", "2018-05-06", "-:2")


def test_stdin_bytes_buffer_invalid_utf8():
    class Stdin(io.TextIOWrapper):
        pass

    stream = Stdin(io.BytesIO(b"ok\n\xff bad\n"), encoding="utf-8")
    assert _messages(read_articles(["-"], stdin=stream)) == ["-:2: invalid UTF-8 (byte 0xff)"]


def test_bad_date_argument_raises_at_once():
    with pytest.raises(ArticleReadError) as info:
        read_articles(["whatever.txt"], date="25 Sept 2019")
    assert str(info.value) == "--date: date '25 Sept 2019' is not YYYY-MM-DD"
    assert isinstance(info.value, InputError)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2019-09-25", "2019-09-25"), ("2019-09-25T10:11:12Z", "2019-09-25"), ("2019-09-25 10:11", "2019-09-25"),
     ("2019-09-25T23:30:00-05:00", "2019-09-25"), ("20190925", "2019-09-25"),
     ("Tue, 18 Feb 2015 23:00:00 GMT", "2015-02-18"), ("Wed, 02 Oct 2002 08:00:00 +0200", "2002-10-02"),
     ("February 18, 2015", "2015-02-18"), ("18 Feb 2015 11:05", "2015-02-18"), ("25/09/2019", "2019-09-25"),
     ("", None), ("  ", None), (None, None)],
)
def test_parse_metadata_date_good(value, expected):
    assert parse_metadata_date(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [("2019-13-01", "not a date"), ("2019-09-25junk", "not a date"), ("yesterday", "not a date"), (2019, "not a date"),
     ("Feb 2015", "not a whole date"), ("2019", "not a whole date"), ("03/04/2015", "ambiguous date")],
)
def test_parse_metadata_date_bad(value, message):
    with pytest.raises(ValueError, match=message):
        parse_metadata_date(value)


def test_rss_date_in_jsonl_metadata(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"text": "Russia supports Venezuela.", "date": "Tue, 18 Feb 2015 23:00:00 GMT"}) + "\n"
                    + json.dumps({"text": "France trades with China.", "date": "sometime"}) + "\n")
    items = list(read_articles([str(path)]))
    assert items[0].date == "2015-02-18"
    assert isinstance(items[1], ArticleReadError) and str(items[1]) == f"{path}:2: bad date in metadata: not a date: 'sometime'"


def test_real_corpus_copy_reads_every_line(tmp_path):
    # three lines in the format of corpus/articles.jsonl (Wikinews, public domain before 2005-09-25)
    rows = [
        {"id": "wn-1", "title": "US president Bush visits Canada", "date": "2004-11-30", "source": "Wikinews",
         "url": "https://en.wikinews.org/wiki/US_president_Bush_visits_Canada", "licence": "PD", "repo": "r",
         "text": "United States President George W. Bush made his first official state visit to Canada this week."},
    ]
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps(rows[0]) + "\n", encoding="utf-8")
    [a] = _read([path])
    assert a.id == "wn-1" and a.date == "2004-11-30" and a.text.startswith("United States President")


def test_folders_give_article_files_only(tmp_path):
    import os

    (tmp_path / "a.txt").write_text("Russia backs Venezuela.")
    (tmp_path / "b.html").write_text("<html><body><article><p>" + "Japan and Australia signed a defence pact. " * 5 + "</p></article></body></html>")
    (tmp_path / "README.md").write_text("# About these files\nSources and licences.")
    (tmp_path / "articles.json").write_text('{"id": "meta"}')
    (tmp_path / "rejects.tsv").write_text("file\tline\n")
    os.mkfifo(tmp_path / "pipe.txt")  # a folder walk must not block on it
    items = _read([tmp_path])
    assert _messages(items) == []
    assert [a.origin for a in items] == [str(tmp_path / "a.txt"), str(tmp_path / "b.html")]


def test_a_named_pipe_given_by_name_is_an_error(tmp_path):
    import os

    os.mkfifo(tmp_path / "pipe.txt")
    assert _messages(_read([tmp_path / "pipe.txt"])) == [f"{tmp_path / 'pipe.txt'}: not a regular file (a pipe, socket or device)"]


def test_an_article_too_long_for_the_parser_is_an_error(tmp_path):
    path = tmp_path / "long.jsonl"
    path.write_text(
        json.dumps({"id": "short", "text": "Russia backs Venezuela."}) + "\n" + json.dumps({"id": "long", "text": "word " * 200_001}) + "\n"
    )
    items = _read([path])
    assert [a.id for a in items if isinstance(a, Article)] == ["short"]
    assert _messages(items) == [f"{path}:2: article too long: 1,000,005 characters (limit 1,000,000); split it"]


def test_the_same_id_with_another_text_is_an_error_and_the_same_text_is_kept_once(tmp_path):
    path = tmp_path / "dups.jsonl"
    path.write_text(
        "".join(
            json.dumps(record) + "\n"
            for record in (
                {"id": "x", "text": "Russia backs Venezuela."},
                {"id": "x", "text": "Iran threatens Israel."},
                {"id": "x", "text": "Russia backs Venezuela."},
            )
        )
    )
    items = _read([path])
    assert [a.origin for a in items if isinstance(a, Article)] == [f"{path}:1", f"{path}:3"]
    assert _messages(items) == [f"{path}:2: article id 'x' already read with another text at {path}:1; not loaded"]


def test_jsonl_on_stdin_with_a_bad_line_keeps_the_good_ones():
    stdin = io.StringIO('{"id": "s1", "text": "Russia supports Cuba."}\nnot json\n{"id": "s2", "text": "Iran threatens Israel."}\n')
    items = list(read_articles(["-"], stdin=stdin))
    assert [a.id for a in items if isinstance(a, Article)] == ["s1", "s2"]
    assert _messages(items) == ["-:2: not JSON: Expecting value (column 1)"]


def test_jsonl_is_read_one_line_at_a_time(tmp_path):
    """Memory does not grow with a JSONL file: 2,000 articles of 10,000 characters (20 MB)
    are read with a peak of traced memory under 3 MB."""
    import tracemalloc

    path = tmp_path / "many.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(2000):
            fh.write(json.dumps({"id": f"a{i}", "text": f"Article {i}. " + "x" * 10_000}) + "\n")
    tracemalloc.start()
    try:
        count = sum(1 for item in read_articles([str(path)]) if isinstance(item, Article))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 2000
    assert peak < 3_000_000


def test_lone_surrogates_and_control_characters_are_cleaned_on_reading(tmp_path):
    path = tmp_path / "odd.jsonl"
    # JSON escapes: a lone surrogate, NUL, escape and bell; the tab and the surrogate pair stay
    path.write_text(
        '{"id": "s\\u00001", "title": "T\\ud800", "text": "Russia\\u0000 supports\\ud800 Venezuela.\\u001b\\u0007\\tOK \\ud83d\\ude00"}\n',
        encoding="utf-8",
    )
    [article] = _read([path])
    assert article.text == "Russia supports\ufffd Venezuela.\tOK \U0001F600"
    assert (article.id, article.title) == ("s1", "T\ufffd")
    article.text.encode("utf-8")  # no lone surrogate left: UTF-8 encodes it


def test_jsonl_metadata_of_the_wrong_type_is_an_error_and_an_integer_id_its_digits(tmp_path):
    path = tmp_path / "types.jsonl"
    records = [
        {"id": 5, "text": "Russia sanctioned Ukraine."},
        {"id": True, "text": "France sanctioned Iran."},
        {"id": "u", "url": {"x": 1}, "text": "Japan sanctioned Iran."},
        {"id": "t", "title": 7, "text": "Spain sanctioned Iran."},
        {"id": "s", "source": ["AP"], "text": "Italy sanctioned Iran."},
        {"id": 2.5, "text": "Chile sanctioned Iran."},
        {"id": "ok", "title": None, "source": "AP", "text": "Peru sanctioned Iran."},
        {"id": "x", "text": ["Germany sanctioned Iran."]},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    items = _read([path])
    assert [(a.id, a.title, a.source) for a in items if isinstance(a, Article)] == [("5", None, None), ("ok", None, "AP")]
    assert _messages(items) == [
        f'{path}:2: "id" is not a string or an integer but a boolean',
        f'{path}:3: "url" is not a string but an object',
        f'{path}:4: "title" is not a string but a number',
        f'{path}:5: "source" is not a string but an array',
        f'{path}:6: "id" is not a string or an integer but a number',
        f'{path}:8: "text" is not a string but an array',
    ]


def test_dates_outside_the_supported_range_are_refused_with_file_and_line(tmp_path):
    path = tmp_path / "old.jsonl"
    path.write_text('{"id": "a", "date": "1600-06-01", "text": "Germany supports Poland."}\n'
                    '{"id": "b", "date": "2019-06-01", "text": "Germany supports Poland."}\n', encoding="utf-8")
    items = list(read_articles(path))
    assert isinstance(items[0], ArticleReadError)
    assert str(items[0]) == f"{path}:1: bad date in metadata: date '1600-06-01' is outside 1800-01-01 .. 2199-12-31"
    assert items[1].date == "2019-06-01"
    with pytest.raises(ArticleReadError, match="outside 1800-01-01 .. 2199-12-31"):
        read_articles("x.txt", date="2999-01-01")


def test_a_folder_does_not_follow_links_out_of_it(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("France supports Spain.", encoding="utf-8")
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("Germany supports Poland.", encoding="utf-8")
    (folder / "inside.txt").symlink_to(folder / "a.txt")
    (folder / "link.txt").symlink_to(outside)
    items = list(read_articles(folder, date="2020-01-01"))
    assert [item.origin for item in items if isinstance(item, Article)] == [str(folder / "a.txt"), str(folder / "inside.txt")]
    assert [str(item) for item in items if isinstance(item, ArticleReadError)] == [
        f"{folder / 'link.txt'}: symbolic link to a file outside the folder; not read"]


def test_an_over_long_jsonl_line_is_refused_unread_and_the_rest_loads(tmp_path, monkeypatch):
    from diplograph.loaders import articles

    monkeypatch.setattr(articles, "MAX_JSONL_LINE_BYTES", 1000)
    path = tmp_path / "huge.jsonl"
    path.write_text("\n".join(json.dumps({"id": i, "text": text}) for i, text in
                              [(1, "Russia backs Venezuela."), (2, "word " * 5000), (3, "Peru thanks Chile.")]) + "\n")
    items = _read([path])
    assert [a.id for a in items if isinstance(a, Article)] == ["1", "3"]
    assert _messages(items) == [f"{path}:2: line longer than 1,000 bytes, more than an article of 1,000,000 characters "
                                "can take; not read"]


def test_bounded_lines_keep_no_more_than_the_limit_of_a_long_line():
    from diplograph.loaders.articles import _bounded_lines

    class Handle(io.BytesIO):
        longest = 0

        def readline(self, size=-1):
            line = super().readline(size)
            Handle.longest = max(Handle.longest, len(line))
            return line

    lines = list(_bounded_lines(Handle(b"short\n" + b"x" * 10_000_000 + b"\nlast"), 100))
    assert lines == [b"short\n", b"x" * 101, b"last"]
    assert Handle.longest <= 1 << 20
