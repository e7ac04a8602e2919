-- The SQLite twin of the .cypher file beside it (same name, parameters, columns and order); see cypher/README.md.
WITH state AS (
    SELECT id FROM actors WHERE lower(id) = lower(trim(:actor)) OR lower(name) = lower(trim(:actor))
    UNION SELECT actor_id FROM aliases WHERE lower(alias) = lower(trim(:actor))
)
SELECT l.id AS id, l.name AS name,
       coalesce((SELECT latest.role FROM facts latest
                 WHERE latest.relation = 'LEADS' AND latest.subject_id = l.id AND latest.object_id = f.object_id
                   AND latest.role IS NOT NULL
                 ORDER BY latest.date IS NULL, latest.date DESC, latest.role LIMIT 1), l.role) AS role,
       f.object_id AS country
FROM facts f JOIN state s ON f.object_id = s.id JOIN actors l ON l.id = f.subject_id
WHERE f.relation = 'LEADS' AND l.kind = 'Leader'
GROUP BY l.id, f.object_id
ORDER BY id
