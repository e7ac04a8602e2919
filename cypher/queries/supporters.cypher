// name: supporters
// description: Actors that support an actor (SUPPORTS facts pointing at it), most facts first.
// param: actor: string — the actor supported: its id, name or an alias (case-insensitive)
// example: diplograph query supporters --param actor=Venezuela
// returns: id, name, kind, facts, first, last
MATCH (target:Actor)
WHERE toLower(target.id) = toLower(trim($actor))
   OR toLower(target.name) = toLower(trim($actor))
   OR any(alias IN coalesce(target.aliases, []) WHERE toLower(alias) = toLower(trim($actor)))
MATCH (supporter:Actor)-[r:SUPPORTS]->(target)
WHERE supporter <> target
WITH supporter, count(r) AS facts, min(r.date) AS first, max(r.date) AS last
RETURN supporter.id AS id,
       supporter.name AS name,
       [label IN labels(supporter) WHERE label <> 'Actor'][0] AS kind,
       facts, first, last
ORDER BY facts DESC, id
