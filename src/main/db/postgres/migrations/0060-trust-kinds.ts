/** PostgreSQL twin of sqlite 0060: anchors and known intermediates kept apart; legacy (SHA-1) anchors. */
export const up = /* sql */ `
ALTER TABLE trust_anchors ADD COLUMN kind text COLLATE "C" NOT NULL DEFAULT 'anchor' CHECK (kind IN ('anchor', 'intermediate'));
ALTER TABLE trust_anchors ADD COLUMN legacy boolean NOT NULL DEFAULT false;
`;
