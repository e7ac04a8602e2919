-- The SQLite twin of the .cypher file beside it (same name, parameters, columns and order); see cypher/README.md.
WITH actor AS (
    SELECT id FROM actors WHERE lower(id) = lower(trim(:actor)) OR lower(name) = lower(trim(:actor))
    UNION SELECT actor_id FROM aliases WHERE lower(alias) = lower(trim(:actor))
), partners AS (
    SELECT f.key, f.object_id AS partner, f.date FROM facts f JOIN actor a ON f.subject_id = a.id WHERE f.relation = 'TRADES_WITH'
    UNION
    SELECT f.key, f.subject_id, f.date FROM facts f JOIN actor a ON f.object_id = a.id WHERE f.relation = 'TRADES_WITH'
)
SELECT p.id AS id, p.name AS name, p.kind AS kind, count(*) AS facts, min(x.date) AS first, max(x.date) AS last
FROM partners x JOIN actors p ON p.id = x.partner
WHERE p.id NOT IN (SELECT id FROM actor)
GROUP BY p.id
ORDER BY facts DESC, id
