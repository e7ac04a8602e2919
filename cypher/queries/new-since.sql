-- The SQLite twin of the .cypher file beside it (same name, parameters, columns and order); see cypher/README.md.
SELECT subject_id AS subject, relation, object_id AS object, min(date) AS first, count(*) AS facts
FROM facts
WHERE date IS NOT NULL
GROUP BY subject_id, relation, object_id
HAVING min(date) >= :since
ORDER BY first, subject, relation, object
LIMIT :limit
