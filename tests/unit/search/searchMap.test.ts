/**
 * Searches read a SQLite database through a memory map (incomingSearch.ts): never one on a
 * network filesystem (rollback journal), and not while a bulk import merges the whole index
 * (its pages would all count in the process's memory); the next search maps it again and
 * finds what the import wrote.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../../src/main/db/sqlite/store.js';
import { SEARCH_MMAP_BYTES } from '../../../src/main/db/sqlite/incomingSearch.js';
import { parseQuery } from '../../../src/main/search/parseQuery.js';
import { writeJsonl } from '../../../bench/generate.js';
import { importIncomingFile } from '../../../src/main/incoming/import/importService.js';
import type { SearchQuery } from '../../../src/main/store/ports.js';
import { ACTOR, doc, freshServices, tempDir } from '../helpers.js';

const question = (text: string): SearchQuery => ({ text: parseQuery(text), includeVoided: false, sort: 'relevance', limit: 20 });

describe('the memory map of searches', () => {
  it('maps a local database at the first search, not during a bulk import, and again after it', async () => {
    const { services } = await freshServices({ now: '2026-11-20T10:00:00+07:00' });
    const db = (services.store as SqliteStore).db;
    await services.incoming.add(doc({ subject: 'Về phòng chống thiên tai' }), ACTOR);
    expect(db.pragma('mmap_size', { simple: true })).toBe(0);
    const before = await services.store.read((r) => r.incoming.search(question('thiên tai')));
    expect(before.total).toBe(1);
    expect(db.pragma('mmap_size', { simple: true })).toBe(SEARCH_MMAP_BYTES);

    // The import switches the map off at its start; what it reads after that is unmapped.
    const file = path.join(tempDir(), 'docs.jsonl');
    writeJsonl(file, 300, { seed: 3, fromDate: '2025-01-01', toDate: '2026-11-19' });
    const res = await importIncomingFile(services, file, { skipInvalid: false, actor: 'test' });
    expect(res.imported).toBe(300);
    expect(db.pragma('mmap_size', { simple: true })).toBe(0);

    const after = await services.store.read((r) => r.incoming.searchCount(question('quang ngai')));
    expect(after).toBeGreaterThan(0);
    expect(db.pragma('mmap_size', { simple: true })).toBe(SEARCH_MMAP_BYTES);
    await services.close();
  });

  it('never maps a database on a network filesystem', async () => {
    const dbPath = path.join(tempDir(), 'net.sqlite');
    const { store } = await SqliteStore.open(dbPath, { migrate: true, fsTypeOverride: 'nfs4' });
    expect(store.info.journalMode).toBe('delete');
    await store.read((r) => r.incoming.search(question('thiên tai')));
    expect(store.db.pragma('mmap_size', { simple: true })).toBe(0);
    await store.close();
  });
});
