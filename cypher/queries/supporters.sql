-- The SQLite twin of the .cypher file beside it (same name, parameters, columns and order); see cypher/README.md.
WITH target AS (
    SELECT id FROM actors WHERE lower(id) = lower(trim(:actor)) OR lower(name) = lower(trim(:actor))
    UNION SELECT actor_id FROM aliases WHERE lower(alias) = lower(trim(:actor))
)
SELECT s.id AS id, s.name AS name, s.kind AS kind, count(*) AS facts, min(f.date) AS first, max(f.date) AS last
FROM facts f JOIN target t ON f.object_id = t.id JOIN actors s ON s.id = f.subject_id
WHERE f.relation = 'SUPPORTS' AND f.subject_id <> f.object_id
GROUP BY s.id
ORDER BY facts DESC, id
