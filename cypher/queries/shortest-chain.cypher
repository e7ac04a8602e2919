// name: shortest-chain
// description: The shortest chain of relations (any direction, at most 6 hops) that joins two actors.
// param: actor: string — where the chain starts: an id, name or alias (case-insensitive)
// param: other: string — where the chain ends: an id, name or alias (case-insensitive)
// example: diplograph query shortest-chain --param actor=Cuba --param other=PDVSA
// returns: hops, actors, steps
MATCH (a:Actor)
WHERE toLower(a.id) = toLower(trim($actor))
   OR toLower(a.name) = toLower(trim($actor))
   OR any(alias IN coalesce(a.aliases, []) WHERE toLower(alias) = toLower(trim($actor)))
MATCH (b:Actor)
WHERE (toLower(b.id) = toLower(trim($other))
   OR toLower(b.name) = toLower(trim($other))
   OR any(alias IN coalesce(b.aliases, []) WHERE toLower(alias) = toLower(trim($other))))
  AND a <> b
MATCH p = shortestPath((a)-[:SUPPORTS|SANCTIONS|TRADES_WITH|INVESTS_IN|AIDS|COOPERATES_WITH|AGREES_WITH|CONSULTS|OPPOSES|ACCUSES|DEMANDS|REJECTS|THREATENS|PROTESTS|COERCES|ASSAULTS|FIGHTS|MOBILIZES|RETREATS|CONCEDES|INVESTIGATES|LEADS|MEMBER_OF|OWNS*..6]-(b))
RETURN length(p) AS hops,
       [n IN nodes(p) | n.id] AS actors,
       [r IN relationships(p) | {from: startNode(r).id, relation: type(r), to: endNode(r).id,
                                date: r.date, articleId: r.articleId, sentence: r.sentence}] AS steps
ORDER BY hops, actors
