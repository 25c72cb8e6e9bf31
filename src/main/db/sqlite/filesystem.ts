/**
 * Is the database on a network filesystem? SQLite's WAL needs shared memory that
 * network filesystems do not provide safely (Zotero and SQLite's own docs warn the same),
 * so there we fall back to a rollback journal and warn.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const NETWORK_FS = new Set([
  'nfs',
  'nfs4',
  'cifs',
  'smb',
  'smb2',
  'smbfs',
  'smb3',
  'ncpfs',
  'afs',
  'coda',
  'sshfs',
  'fuse.sshfs',
  '9p',
  'davfs',
  'fuse.davfs2',
  'glusterfs',
  'fuse.glusterfs',
  'ceph',
  'fuse.ceph',
  'lustre',
  'gpfs',
  'fuse.rclone',
]);

export function isNetworkFsType(fsType: string): boolean {
  return NETWORK_FS.has(fsType.toLowerCase());
}

/** Returns the filesystem type of the mount holding `file` (Linux), or a guess from the path. */
export function filesystemOf(file: string): string | null {
  const abs = path.resolve(file);
  if (process.platform === 'win32') {
    // UNC paths (\\server\share) are network shares; mapped drives cannot be told apart here.
    return abs.startsWith('\\\\') ? 'smb' : null;
  }
  let mounts: string;
  try {
    mounts = readFileSync('/proc/self/mounts', 'utf8');
  } catch {
    return null;
  }
  let best: { dir: string; type: string } | null = null;
  for (const line of mounts.split('\n')) {
    const [, dirRaw, type] = line.split(' ');
    if (!dirRaw || !type) continue;
    const dir = dirRaw.replace(/\\040/g, ' ');
    const inside = abs === dir || abs.startsWith(dir.endsWith('/') ? dir : dir + '/');
    if (inside && (!best || dir.length > best.dir.length)) best = { dir, type };
  }
  return best?.type ?? null;
}
