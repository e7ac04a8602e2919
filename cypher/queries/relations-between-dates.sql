-- The SQLite twin of the .cypher file beside it (same name, parameters, columns and order); see cypher/README.md.
WITH actor AS (
    SELECT id FROM actors WHERE lower(id) = lower(trim(:actor)) OR lower(name) = lower(trim(:actor))
    UNION SELECT actor_id FROM aliases WHERE lower(alias) = lower(trim(:actor))
)
SELECT f.subject_id AS subject, f.relation AS relation, f.object_id AS object, f.date AS date, f.sentence AS sentence,
       f.article_id AS articleId
FROM facts f
WHERE (f.subject_id IN (SELECT id FROM actor) OR f.object_id IN (SELECT id FROM actor))
  AND f.date IS NOT NULL AND :since <= f.date AND f.date <= :until
  AND (json_array_length(:types) = 0 OR f.relation IN (SELECT upper(trim(value)) FROM json_each(:types)))
ORDER BY date, subject, relation, object, articleId IS NULL, articleId, f.sentence_index IS NULL, f.sentence_index
