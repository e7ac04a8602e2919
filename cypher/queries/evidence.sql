-- The SQLite twin of the .cypher file beside it (same name, parameters, columns and order); see cypher/README.md.
WITH a AS (
    SELECT id FROM actors WHERE lower(id) = lower(trim(:actor)) OR lower(name) = lower(trim(:actor))
    UNION SELECT actor_id FROM aliases WHERE lower(alias) = lower(trim(:actor))
), b AS (
    SELECT id FROM actors WHERE lower(id) = lower(trim(:other)) OR lower(name) = lower(trim(:other))
    UNION SELECT actor_id FROM aliases WHERE lower(alias) = lower(trim(:other))
)
SELECT f.subject_id AS subject, f.relation AS relation, f.object_id AS object, f.date AS date, f.sentence AS sentence,
       f.sentence_index AS sentenceIndex, f.article_id AS articleId, ar.title AS title, ar.source AS source,
       coalesce(ar.url, f.source_url) AS url, f.confidence AS confidence, f.reported_by AS reportedBy
FROM facts f LEFT JOIN articles ar ON ar.id = f.article_id
WHERE f.subject_id <> f.object_id
  AND ((f.subject_id IN (SELECT id FROM a) AND f.object_id IN (SELECT id FROM b))
    OR (f.subject_id IN (SELECT id FROM b) AND f.object_id IN (SELECT id FROM a)))
ORDER BY f.date IS NULL, f.date, subject, relation, object, articleId IS NULL, articleId, sentenceIndex IS NULL, sentenceIndex
