-- The SQLite twin of the .cypher file beside it (same name, parameters, columns and order); see cypher/README.md.
WITH a AS (
    SELECT id FROM actors WHERE lower(id) = lower(trim(:actor)) OR lower(name) = lower(trim(:actor))
    UNION SELECT actor_id FROM aliases WHERE lower(alias) = lower(trim(:actor))
), b AS (
    SELECT id FROM actors WHERE lower(id) = lower(trim(:other)) OR lower(name) = lower(trim(:other))
    UNION SELECT actor_id FROM aliases WHERE lower(alias) = lower(trim(:other))
), ties AS (
    SELECT key, subject_id AS x, object_id AS y FROM facts WHERE relation IN ('SUPPORTS', 'TRADES_WITH', 'INVESTS_IN', 'AIDS', 'COOPERATES_WITH', 'AGREES_WITH', 'CONSULTS', 'CONCEDES')
    UNION ALL
    SELECT key, object_id, subject_id FROM facts WHERE relation IN ('SUPPORTS', 'TRADES_WITH', 'INVESTS_IN', 'AIDS', 'COOPERATES_WITH', 'AGREES_WITH', 'CONSULTS', 'CONCEDES')
), with_a AS (
    SELECT t.y AS ally, count(DISTINCT t.key) AS n FROM ties t JOIN a ON t.x = a.id GROUP BY t.y
), with_b AS (
    SELECT t.y AS ally, count(DISTINCT t.key) AS n FROM ties t JOIN b ON t.x = b.id GROUP BY t.y
)
SELECT al.id AS id, al.name AS name, al.kind AS kind, wa.n AS factsWithActor, wb.n AS factsWithOther
FROM with_a wa JOIN with_b wb ON wa.ally = wb.ally JOIN actors al ON al.id = wa.ally
WHERE al.id NOT IN (SELECT id FROM a) AND al.id NOT IN (SELECT id FROM b)
  AND NOT EXISTS (SELECT 1 FROM a JOIN b ON a.id = b.id)
ORDER BY id
