-- The SQLite twin of the .cypher file beside it (same name, parameters, columns and order); see cypher/README.md.
WITH a AS (
    SELECT id FROM actors WHERE lower(id) = lower(trim(:actor)) OR lower(name) = lower(trim(:actor))
    UNION SELECT actor_id FROM aliases WHERE lower(alias) = lower(trim(:actor))
), b AS (
    SELECT id FROM actors WHERE lower(id) = lower(trim(:other)) OR lower(name) = lower(trim(:other))
    UNION SELECT actor_id FROM aliases WHERE lower(alias) = lower(trim(:other))
), sides AS (
    SELECT a.id AS supported, b.id AS sanctioned FROM a, b WHERE a.id <> b.id
    UNION
    SELECT b.id, a.id FROM a, b WHERE a.id <> b.id
)
SELECT m.id AS id, m.name AS name, m.kind AS kind, s.supported AS supports, s.sanctioned AS sanctions,
       count(DISTINCT sup.key) AS supportFacts, count(DISTINCT san.key) AS sanctionFacts
FROM sides s
JOIN facts sup ON sup.object_id = s.supported AND sup.relation = 'SUPPORTS'
JOIN facts san ON san.subject_id = sup.subject_id AND san.object_id = s.sanctioned AND san.relation = 'SANCTIONS'
JOIN actors m ON m.id = sup.subject_id
WHERE m.id <> s.supported AND m.id <> s.sanctioned
GROUP BY m.id, s.supported, s.sanctioned
ORDER BY id, supports
