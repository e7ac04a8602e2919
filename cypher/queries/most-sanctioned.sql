-- The SQLite twin of the .cypher file beside it (same name, parameters, columns and order); see cypher/README.md.
SELECT s.id AS id, s.name AS name, count(*) AS facts, count(DISTINCT f.subject_id) AS sanctioners,
       min(f.date) AS first, max(f.date) AS last
FROM facts f JOIN actors s ON s.id = f.object_id
WHERE f.relation = 'SANCTIONS' AND s.kind = 'State' AND f.subject_id <> f.object_id
GROUP BY s.id
ORDER BY facts DESC, sanctioners DESC, id
LIMIT :limit
