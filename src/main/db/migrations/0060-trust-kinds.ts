/**
 * Trust store for Vietnamese PKIs: a certificate is kept either as an anchor (a root the
 * office trusts) or as a known intermediate (a CA certificate used only to complete chains,
 * never trusted by itself); an anchor may be marked legacy, the only place SHA-1 chains are
 * accepted (the Government CA G1 chain is SHA-1 and valid until 2030). Certificates kept
 * before this version were all trusted as anchors and stay so.
 */
export const up = /* sql */ `
ALTER TABLE trust_anchors ADD COLUMN kind TEXT NOT NULL DEFAULT 'anchor' CHECK (kind IN ('anchor', 'intermediate'));
ALTER TABLE trust_anchors ADD COLUMN legacy INTEGER NOT NULL DEFAULT 0 CHECK (legacy IN (0, 1));
`;
