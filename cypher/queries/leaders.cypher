// name: leaders
// description: The leaders of a state (Leader nodes with LEADS to it), each with the role of their latest dated LEADS fact.
// param: actor: string — the state: its id, name or an alias (case-insensitive)
// example: diplograph query leaders --param actor=Venezuela
// returns: id, name, role, country
MATCH (state:Actor)
WHERE toLower(state.id) = toLower(trim($actor))
   OR toLower(state.name) = toLower(trim($actor))
   OR any(alias IN coalesce(state.aliases, []) WHERE toLower(alias) = toLower(trim($actor)))
MATCH (leader:Leader)-[r:LEADS]->(state)
WITH leader, state, r ORDER BY r.date IS NULL, r.date DESC, r.role
WITH leader, state, collect(r.role) AS roles
RETURN leader.id AS id,
       leader.name AS name,
       coalesce(roles[0], leader.role) AS role,
       state.id AS country
ORDER BY id
