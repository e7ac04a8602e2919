"""The kernel every other package imports, and which imports nothing of the project.

:mod:`.records` (the frozen records: :class:`~.records.Actor`, :class:`~.records.Article`,
:class:`~.records.Fact`), :mod:`.vocabulary` (relation types, actor kinds, signs and
Goldstein weights), :mod:`.goldstein` (the CAMEO -> Goldstein table), :mod:`.errors` (the
one root error and the errors users see), :mod:`.safe_output` (data text written safely into
HTML, Markdown and CSV), :mod:`.wording` (counts in words: "1 fact", "2 facts").
"""
