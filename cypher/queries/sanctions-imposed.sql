-- The SQLite twin of the .cypher file beside it (same name, parameters, columns and order); see cypher/README.md.
WITH actor AS (
    SELECT id FROM actors WHERE lower(id) = lower(trim(:actor)) OR lower(name) = lower(trim(:actor))
    UNION SELECT actor_id FROM aliases WHERE lower(alias) = lower(trim(:actor))
), not_for_state(word) AS (
    VALUES ('opposition'), ('rebel'), ('insurgent'), ('guerrilla'), ('militia'), ('separatist'), ('dissident'), ('exile'), ('former'), ('ex-'), ('self-proclaimed'), ('self-declared'), ('self-styled'), ('claimant'), ('pretender'), ('candidate'), ('shadow'), ('interim president'), ('activist'), ('protest leader'), ('warlord')
)
SELECT o.id AS target, o.name AS name, o.kind AS kind, f.date AS date, f.subject_id AS imposedBy, f.context AS context,
       f.sentence AS sentence, f.article_id AS articleId
FROM facts f JOIN actors s ON s.id = f.subject_id JOIN actors o ON o.id = f.object_id
WHERE f.relation = 'SANCTIONS'
  AND (f.subject_id IN (SELECT id FROM actor)
       OR (s.kind = 'Leader' AND s.country IN (SELECT a.id FROM actors a JOIN actor USING (id) WHERE a.kind = 'State')
           AND NOT EXISTS (SELECT 1 FROM not_for_state WHERE instr(lower(coalesce(s.role, '')), word) > 0)))
ORDER BY f.date IS NULL, f.date, target, f.article_id IS NULL, f.article_id, f.sentence_index IS NULL, f.sentence_index
