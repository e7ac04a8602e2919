// name: trade-partners
// description: Trade partners of an actor: TRADES_WITH facts in either direction, most facts first.
// param: actor: string — the state (or any actor): its id, name or an alias (case-insensitive)
// example: diplograph query trade-partners --param actor=RUS
// returns: id, name, kind, facts, first, last
MATCH (actor:Actor)
WHERE toLower(actor.id) = toLower(trim($actor))
   OR toLower(actor.name) = toLower(trim($actor))
   OR any(alias IN coalesce(actor.aliases, []) WHERE toLower(alias) = toLower(trim($actor)))
MATCH (actor)-[r:TRADES_WITH]-(partner:Actor)
WHERE partner <> actor
WITH partner, count(r) AS facts, min(r.date) AS first, max(r.date) AS last
RETURN partner.id AS id,
       partner.name AS name,
       [label IN labels(partner) WHERE label <> 'Actor'][0] AS kind,
       facts, first, last
ORDER BY facts DESC, id
