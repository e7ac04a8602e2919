"""What the extractor makes of one invented text, in the shape the extraction tests compare."""

from diplograph.graph.model.records import Article


def triples(ex, text: str, source: str | None = None) -> list[tuple[str, str, str]]:
    """The distinct ``(subject id, relation, object id)`` of the facts ``ex`` (an
    :class:`~diplograph.loaders.extract.Extractor`) finds in ``text``, an article of
    2022-03-04 from ``source``, sorted; LEADS facts (who holds which office) left out."""
    facts = ex.extract(Article(id="t", text=text, date="2022-03-04", source=source))
    return sorted({(f.subject.id, f.relation.value, f.object.id) for f in facts if f.relation.value != "LEADS"})
