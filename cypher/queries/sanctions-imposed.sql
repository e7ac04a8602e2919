-- The SQLite twin of the .cypher file beside it (same name, parameters, columns and order); see cypher/README.md.
WITH actor AS (
    SELECT id FROM actors WHERE lower(id) = lower(trim(:actor)) OR lower(name) = lower(trim(:actor))
    UNION SELECT actor_id FROM aliases WHERE lower(alias) = lower(trim(:actor))
)
SELECT o.id AS target, o.name AS name, o.kind AS kind, f.date AS date, f.context AS context, f.sentence AS sentence,
       f.article_id AS articleId
FROM facts f JOIN actor a ON f.subject_id = a.id JOIN actors o ON o.id = f.object_id
WHERE f.relation = 'SANCTIONS'
ORDER BY f.date IS NULL, f.date, target, f.article_id IS NULL, f.article_id, f.sentence_index IS NULL, f.sentence_index
