// name: sanctioners
// description: Actors that sanction an actor (SANCTIONS facts pointing at it), most facts first.
// param: actor: string — the actor sanctioned: its id, name or an alias (case-insensitive)
// example: diplograph query sanctioners --param actor=VEN
// returns: id, name, kind, facts, first, last
MATCH (target:Actor)
WHERE toLower(target.id) = toLower(trim($actor))
   OR toLower(target.name) = toLower(trim($actor))
   OR any(alias IN coalesce(target.aliases, []) WHERE toLower(alias) = toLower(trim($actor)))
MATCH (sanctioner:Actor)-[r:SANCTIONS]->(target)
WHERE sanctioner <> target
WITH sanctioner, count(r) AS facts, min(r.date) AS first, max(r.date) AS last
RETURN sanctioner.id AS id,
       sanctioner.name AS name,
       [label IN labels(sanctioner) WHERE label <> 'Actor'][0] AS kind,
       facts, first, last
ORDER BY facts DESC, id
