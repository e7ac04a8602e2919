"""Input to facts: article readers, the extractor and its tables, and the event-data readers
(GDELT, ICEWS, fact tables). The map is ``docs/architecture.md``."""
