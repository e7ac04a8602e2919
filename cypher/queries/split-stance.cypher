// name: split-stance
// description: Actors that support one of two actors and sanction the other, in either arrangement.
// param: actor: string — one side: its id, name or an alias (case-insensitive)
// param: other: string — the other side: its id, name or an alias (case-insensitive)
// example: diplograph query split-stance --param actor=VEN --param other=USA
// returns: id, name, kind, supports, sanctions, supportFacts, sanctionFacts
MATCH (a:Actor)
WHERE toLower(a.id) = toLower(trim($actor))
   OR toLower(a.name) = toLower(trim($actor))
   OR any(alias IN coalesce(a.aliases, []) WHERE toLower(alias) = toLower(trim($actor)))
MATCH (b:Actor)
WHERE (toLower(b.id) = toLower(trim($other))
   OR toLower(b.name) = toLower(trim($other))
   OR any(alias IN coalesce(b.aliases, []) WHERE toLower(alias) = toLower(trim($other))))
  AND a <> b
UNWIND [[a, b], [b, a]] AS sides
WITH sides[0] AS supported, sides[1] AS sanctioned
MATCH (m:Actor)-[sup:SUPPORTS]->(supported)
WHERE m <> supported AND m <> sanctioned
MATCH (m)-[san:SANCTIONS]->(sanctioned)
WITH m, supported, sanctioned, count(DISTINCT sup) AS supportFacts, count(DISTINCT san) AS sanctionFacts
RETURN m.id AS id,
       m.name AS name,
       [label IN labels(m) WHERE label <> 'Actor'][0] AS kind,
       supported.id AS supports,
       sanctioned.id AS sanctions,
       supportFacts, sanctionFacts
ORDER BY id, supports
