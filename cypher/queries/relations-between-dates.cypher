// name: relations-between-dates
// description: An actor's dated relations (as subject or object) between two dates, inclusive, oldest first.
// param: actor: string — the actor: its id, name or an alias (case-insensitive)
// param: since: date — first day of the range (YYYY-MM-DD), inclusive
// param: until: date — last day of the range (YYYY-MM-DD), inclusive
// param: types: list<string> = [] — relationship types to keep, comma-separated (e.g. SUPPORTS,SANCTIONS); empty keeps all
// example: diplograph query relations-between-dates --param actor=RUS --param since=2019-09-01 --param until=2020-12-31
// returns: subject, relation, object, date, sentence, articleId
MATCH (actor:Actor)
WHERE toLower(actor.id) = toLower(trim($actor))
   OR toLower(actor.name) = toLower(trim($actor))
   OR any(alias IN coalesce(actor.aliases, []) WHERE toLower(alias) = toLower(trim($actor)))
MATCH (actor)-[r]-(:Actor)
WHERE r.date IS NOT NULL AND $since <= r.date <= $until
  AND (size($types) = 0 OR type(r) IN [t IN $types | toUpper(trim(t))])
WITH DISTINCT r
RETURN startNode(r).id AS subject,
       type(r) AS relation,
       endNode(r).id AS object,
       r.date AS date,
       r.sentence AS sentence,
       r.articleId AS articleId
ORDER BY date, subject, relation, object, articleId, r.sentenceIndex
