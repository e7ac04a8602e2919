// name: schema
// description: Constraints and indexes of the diplograph graph, created on first use of a Neo4j store.
// Model: ../shared/design/ontology.md. Every actor has the label Actor and one kind label
// (State, Leader, Firm, Organization); one relationship per fact, keyed by `key`.
//   (:Actor {id, name, kind, country, role, aliases})
//   (:Article {id, title, date, datePrecision, source, url, origin, text, digest})-[:MENTIONS]->(:Actor); digest: SHA-256 of the normalised text
//   (:Actor)-[:SUPPORTS|SANCTIONS|... {key, plover, cameo, context, date, datePrecision, articleId, sentence,
//            sentenceIndex, confidence, reportedBy, role, goldstein, sourceUrl, eventId, extractor}]->(:Actor)
// `date` properties are Neo4j DATE values (null when unknown): the first day of a month or year
// date, whose `datePrecision` is then 'month' or 'year' (absent for a day).
CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE;
CREATE INDEX actor_name IF NOT EXISTS FOR (a:Actor) ON (a.name);
CREATE INDEX article_date IF NOT EXISTS FOR (a:Article) ON (a.date);
CREATE INDEX article_digest IF NOT EXISTS FOR (a:Article) ON (a.digest);
