// name: evidence
// description: The evidence behind every relation between two actors: article, date and sentence of each fact.
// param: actor: string — one actor: its id, name or an alias (case-insensitive)
// param: other: string — the other actor: its id, name or an alias (case-insensitive)
// example: diplograph query evidence --param actor=Washington --param other=Caracas
// returns: subject, relation, object, date, sentence, sentenceIndex, articleId, title, source, url, confidence, reportedBy
MATCH (a:Actor)
WHERE toLower(a.id) = toLower(trim($actor))
   OR toLower(a.name) = toLower(trim($actor))
   OR any(alias IN coalesce(a.aliases, []) WHERE toLower(alias) = toLower(trim($actor)))
MATCH (b:Actor)
WHERE toLower(b.id) = toLower(trim($other))
   OR toLower(b.name) = toLower(trim($other))
   OR any(alias IN coalesce(b.aliases, []) WHERE toLower(alias) = toLower(trim($other)))
MATCH (a)-[r]-(b)
WHERE a <> b
WITH DISTINCT r
WITH r, startNode(r) AS s, endNode(r) AS o
OPTIONAL MATCH (article:Article {id: r.articleId})
RETURN s.id AS subject,
       type(r) AS relation,
       o.id AS object,
       r.date AS date,
       r.sentence AS sentence,
       r.sentenceIndex AS sentenceIndex,
       r.articleId AS articleId,
       article.title AS title,
       article.source AS source,
       coalesce(article.url, r.sourceUrl) AS url,
       r.confidence AS confidence,
       r.reportedBy AS reportedBy
ORDER BY date, subject, relation, object, articleId, sentenceIndex
