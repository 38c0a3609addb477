-- 0017: the old pairings (结对) become teams of kind Pairing (1): the officer (duty 1, leader) and the grid worker (duty 4),
-- serving the worker's grid (a micro-grid's grid), which the team answers for when no team does yet. A pair already on a
-- current team together, or with either person deactivated, is left out. Then the table goes: teams hold who works together.
CREATE TEMP TABLE moved_pairings AS
SELECT (SELECT COALESCE(MAX(id), 0) FROM teams) + ROW_NUMBER() OVER (ORDER BY p.id) AS team_id,
       p.officer_id AS officer_id, p.grid_worker_id AS grid_worker_id,
       CASE WHEN u.kind = 6 THEN u.parent_id ELSE u.id END AS unit_id,
       now() AS at
FROM pairings p
JOIN accounts o ON o.id = p.officer_id
JOIN accounts w ON w.id = p.grid_worker_id
JOIN units u ON u.id = w.unit_id
WHERE p.id IN (SELECT MIN(id) FROM pairings GROUP BY officer_id, grid_worker_id)
  AND o.disabled_at IS NULL AND w.disabled_at IS NULL
  AND NOT EXISTS (
      SELECT 1 FROM team_members a
      JOIN team_members b ON b.team_id = a.team_id AND b.ended_at IS NULL AND b.account_id = p.grid_worker_id
      JOIN teams t ON t.id = a.team_id AND t.dissolved_at IS NULL
      WHERE a.ended_at IS NULL AND a.account_id = p.officer_id);

INSERT INTO teams (id, unit_id, kind, name, leader_id, formed_by_id, formed_at, version)
SELECT m.team_id, m.unit_id, 1, left(g.name, 100), m.officer_id, m.officer_id, m.at, 0
FROM moved_pairings m JOIN units g ON g.id = m.unit_id;

-- The ids above were given by hand: the identity goes on after them.
SELECT setval(pg_get_serial_sequence('teams', 'id'), (SELECT MAX(id) FROM teams)) WHERE EXISTS (SELECT 1 FROM moved_pairings);

INSERT INTO team_members (team_id, account_id, duty, started_at)
SELECT team_id, officer_id, 1, at FROM moved_pairings
UNION ALL
SELECT team_id, grid_worker_id, 4, at FROM moved_pairings;

INSERT INTO grid_responsibilities (grid_id, team_id, started_at)
SELECT m.unit_id, MIN(m.team_id), MIN(m.at)
FROM moved_pairings m JOIN units g ON g.id = m.unit_id AND g.kind = 5
WHERE NOT EXISTS (SELECT 1 FROM grid_responsibilities r WHERE r.grid_id = m.unit_id AND r.ended_at IS NULL)
GROUP BY m.unit_id;

DROP TABLE moved_pairings;

DROP TABLE pairings;
