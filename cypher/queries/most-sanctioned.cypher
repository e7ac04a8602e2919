// name: most-sanctioned
// description: The states that receive the most SANCTIONS facts, with how many actors impose them.
// param: limit: int = 10 — how many states to list
// example: diplograph query most-sanctioned --param limit=5
// returns: id, name, facts, sanctioners, first, last
MATCH (sanctioner:Actor)-[r:SANCTIONS]->(state:State)
WHERE sanctioner <> state
WITH state, count(r) AS facts, count(DISTINCT sanctioner) AS sanctioners, min(r.date) AS first, max(r.date) AS last
RETURN state.id AS id, state.name AS name, facts, sanctioners, first, last
ORDER BY facts DESC, sanctioners DESC, id
LIMIT $limit
