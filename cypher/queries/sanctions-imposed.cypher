// name: sanctions-imposed
// description: The sanctions an actor imposes, one row per SANCTIONS fact, oldest first; for a state, also those of its leaders acting for it (as reports count them), the person in imposedBy.
// param: actor: string — the actor imposing sanctions: its id, name or an alias (case-insensitive)
// example: diplograph query sanctions-imposed --param actor="United States"
// returns: target, name, kind, date, imposedBy, context, sentence, articleId
// A leader acts for their state unless their title is one of those of graph/analysis/frame.py:acts_for_state
// (opposition, rebel, former, self-proclaimed, interim president, ...); the same words are in sanctions-imposed.sql.
MATCH (actor:Actor)
WHERE toLower(actor.id) = toLower(trim($actor))
   OR toLower(actor.name) = toLower(trim($actor))
   OR any(alias IN coalesce(actor.aliases, []) WHERE toLower(alias) = toLower(trim($actor)))
MATCH (by:Actor)-[r:SANCTIONS]->(target:Actor)
WHERE by = actor
   OR (actor:State AND by:Leader AND by.country = actor.id
       AND NOT any(word IN ['opposition', 'rebel', 'insurgent', 'guerrilla', 'militia', 'separatist', 'dissident', 'exile', 'former', 'ex-', 'self-proclaimed', 'self-declared', 'self-styled', 'claimant', 'pretender', 'candidate', 'shadow', 'interim president', 'activist', 'protest leader', 'warlord'] WHERE toLower(coalesce(by.role, '')) CONTAINS word))
RETURN target.id AS target,
       target.name AS name,
       [label IN labels(target) WHERE label <> 'Actor'][0] AS kind,
       r.date AS date,
       by.id AS imposedBy,
       r.context AS context,
       r.sentence AS sentence,
       r.articleId AS articleId
ORDER BY date, target, articleId, r.sentenceIndex
