// name: common-allies
// description: Allies shared by two actors; an ally is joined to an actor by a cooperative fact (every type with a positive sign, as in reports) in either direction.
// param: actor: string — the first actor: its id, name or an alias (case-insensitive)
// param: other: string — the second actor: its id, name or an alias (case-insensitive)
// example: diplograph query common-allies --param actor=VEN --param other=RUS
// returns: id, name, kind, factsWithActor, factsWithOther
MATCH (a:Actor)
WHERE toLower(a.id) = toLower(trim($actor))
   OR toLower(a.name) = toLower(trim($actor))
   OR any(alias IN coalesce(a.aliases, []) WHERE toLower(alias) = toLower(trim($actor)))
MATCH (b:Actor)
WHERE toLower(b.id) = toLower(trim($other))
   OR toLower(b.name) = toLower(trim($other))
   OR any(alias IN coalesce(b.aliases, []) WHERE toLower(alias) = toLower(trim($other)))
MATCH (a)-[ra:SUPPORTS|TRADES_WITH|INVESTS_IN|AIDS|COOPERATES_WITH|AGREES_WITH|CONSULTS|CONCEDES]-(ally:Actor)-[rb:SUPPORTS|TRADES_WITH|INVESTS_IN|AIDS|COOPERATES_WITH|AGREES_WITH|CONSULTS|CONCEDES]-(b)
WHERE ally <> a AND ally <> b AND a <> b
WITH ally, count(DISTINCT ra) AS factsWithActor, count(DISTINCT rb) AS factsWithOther
RETURN ally.id AS id,
       ally.name AS name,
       [label IN labels(ally) WHERE label <> 'Actor'][0] AS kind,
       factsWithActor, factsWithOther
ORDER BY id
