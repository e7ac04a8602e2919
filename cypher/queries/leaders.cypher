// name: leaders
// description: The leaders of a state (Leader nodes with LEADS to it) and their roles.
// param: actor: string — the state: its id, name or an alias (case-insensitive)
// example: diplograph query leaders --param actor=Venezuela
// returns: id, name, role, country
MATCH (state:Actor)
WHERE toLower(state.id) = toLower(trim($actor))
   OR toLower(state.name) = toLower(trim($actor))
   OR any(alias IN coalesce(state.aliases, []) WHERE toLower(alias) = toLower(trim($actor)))
MATCH (leader:Leader)-[r:LEADS]->(state)
WITH leader, state, collect(DISTINCT coalesce(r.role, leader.role)) AS roles
RETURN leader.id AS id,
       leader.name AS name,
       coalesce(roles[0], leader.role) AS role,
       state.id AS country
ORDER BY id
