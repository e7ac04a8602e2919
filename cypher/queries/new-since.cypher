// name: new-since
// description: Relations first seen on or after a date: (subject, type, object) whose earliest dated fact is that late.
// param: since: date — the date (YYYY-MM-DD); a relation with any earlier dated fact is not new
// param: limit: int = 100 — how many relations to list
// example: diplograph query new-since --param since=2020-01-01
// returns: subject, relation, object, first, facts
MATCH (s:Actor)-[r]->(o:Actor)
WHERE r.date IS NOT NULL
WITH s, type(r) AS relation, o, min(r.date) AS first, count(r) AS facts
WHERE first >= $since
RETURN s.id AS subject, relation, o.id AS object, first, facts
ORDER BY first, subject, relation, object
LIMIT $limit
