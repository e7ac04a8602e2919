// name: sanctions-imposed
// description: The sanctions an actor imposes, one row per SANCTIONS fact, oldest first.
// param: actor: string — the actor imposing sanctions: its id, name or an alias (case-insensitive)
// example: diplograph query sanctions-imposed --param actor="United States"
// returns: target, name, kind, date, context, sentence, articleId
MATCH (actor:Actor)
WHERE toLower(actor.id) = toLower(trim($actor))
   OR toLower(actor.name) = toLower(trim($actor))
   OR any(alias IN coalesce(actor.aliases, []) WHERE toLower(alias) = toLower(trim($actor)))
MATCH (actor)-[r:SANCTIONS]->(target:Actor)
RETURN target.id AS target,
       target.name AS name,
       [label IN labels(target) WHERE label <> 'Actor'][0] AS kind,
       r.date AS date,
       r.context AS context,
       r.sentence AS sentence,
       r.articleId AS articleId
ORDER BY date, target, articleId, r.sentenceIndex
