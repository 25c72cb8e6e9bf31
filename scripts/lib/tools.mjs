// The external programs and files the tests use as independent checkers, in ONE table, and
// what `npm test` does when some are missing: on Debian/Ubuntu as root it installs them with
// apt (quietly; `apt-get update` only when a package has no install candidate yet); anywhere
// else it names each missing tool and prints the command that installs them, and the run fails.
// A test never skips an independent check because its tool is absent.
//
// To add a tool: one entry in TOOLS with how to find it and the package that provides it on
// Debian/Ubuntu (apt), Fedora/RHEL (dnf) and macOS (brew); null where that system has none.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** How a check looks for things; tests replace PATH and the file system view. */
export function defaultContext(env = process.env) {
  return { env, exists: existsSync, executable: isExecutable };
}

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A program on PATH (what execFileSync('name') would run), or null. */
export function which(name, ctx) {
  const dirs = (ctx.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const exts = process.platform === 'win32' ? ['.exe', '.cmd', '.bat', ''] : [''];
  for (const dir of dirs) for (const ext of exts) if (ctx.executable(path.join(dir, name + ext))) return path.join(dir, name + ext);
  return null;
}

const command = (name) => (ctx) => which(name, ctx);
const file =
  (...candidates) =>
  (ctx) =>
    candidates.find((f) => ctx.exists(f)) ?? null;

/**
 * PostgreSQL's server programs: $VANTHU_PG_BIN, else Debian's /usr/lib/postgresql/<15+>/bin
 * (the same search as tests/unit/helpers/pgCluster.ts), else on PATH.
 */
function pgServerBin(ctx) {
  const dirs = [ctx.env.VANTHU_PG_BIN, ...[15, 16, 17, 18].map((v) => `/usr/lib/postgresql/${v}/bin`)].filter(Boolean);
  for (const dir of dirs) if (['initdb', 'pg_ctl', 'postgres'].every((p) => ctx.exists(path.join(dir, p)))) return dir;
  return which('initdb', ctx) && which('pg_ctl', ctx) && which('postgres', ctx) ? path.dirname(which('initdb', ctx)) : null;
}
/** A PostgreSQL client program: on PATH, or beside the server programs. */
const pgClient = (name) => (ctx) => {
  const bin = pgServerBin(ctx);
  return which(name, ctx) ?? (bin && ctx.exists(path.join(bin, name)) ? path.join(bin, name) : null);
};

const POPPLER = { apt: 'poppler-utils', dnf: 'poppler-utils', brew: 'poppler' };
const NSS = { apt: 'libnss3-tools', dnf: 'nss-tools', brew: 'nss' };
const SOFTHSM = { apt: 'softhsm2', dnf: 'softhsm', brew: 'softhsm' };
const PG_SERVER = { apt: 'postgresql-15', dnf: 'postgresql15-server', brew: 'postgresql@15' };
const PG_CLIENT = { apt: 'postgresql-client-15', dnf: 'postgresql15', brew: 'postgresql@15' };

/** Every external tool the test suites use. */
export const TOOLS = [
  { tool: 'pdftotext', find: command('pdftotext'), why: 'reads back the text of the PDFs we print', ...POPPLER },
  { tool: 'pdfinfo', find: command('pdfinfo'), why: 'page sizes and metadata of our PDFs', ...POPPLER },
  { tool: 'pdffonts', find: command('pdffonts'), why: 'checks the fonts are embedded', ...POPPLER },
  { tool: 'pdftoppm', find: command('pdftoppm'), why: 'renders pages to check what is drawn', ...POPPLER },
  { tool: 'pdfsig', find: command('pdfsig'), why: 'verifies our signatures independently (NSS)', ...POPPLER },
  { tool: 'qpdf', find: command('qpdf'), why: 'checks PDF structure, makes encrypted PDFs', apt: 'qpdf', dnf: 'qpdf', brew: 'qpdf' },
  { tool: 'mutool', find: command('mutool'), why: "MuPDF's signature check", apt: 'mupdf-tools', dnf: 'mupdf', brew: 'mupdf-tools' },
  { tool: 'certutil', find: command('certutil'), why: 'the NSS trust store pdfsig reads', ...NSS },
  { tool: 'pk12util', find: command('pk12util'), why: 'imports .p12 files into NSS', ...NSS },
  {
    tool: 'openssl',
    find: command('openssl'),
    why: 'CMS checks, .p12 files, TLS for PostgreSQL',
    apt: 'openssl',
    dnf: 'openssl',
    brew: 'openssl@3',
  },
  { tool: 'softhsm2-util', find: command('softhsm2-util'), why: 'a PKCS#11 token for the USB-token signer', ...SOFTHSM },
  {
    tool: 'libsofthsm2.so',
    find: file('/usr/lib/softhsm/libsofthsm2.so'),
    why: 'the PKCS#11 module the signer loads',
    ...SOFTHSM,
  },
  { tool: 'pkcs11-tool', find: command('pkcs11-tool'), why: 'puts a key on the test token', apt: 'opensc', dnf: 'opensc', brew: 'opensc' },
  {
    tool: 'chromium',
    find: file('/usr/bin/chromium'),
    why: 'the browser of the end-to-end tests (playwright.config.ts)',
    apt: 'chromium',
    dnf: 'chromium',
    brew: null,
  },
  {
    tool: 'Liberation fonts',
    find: file(
      '/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf',
      '/usr/share/fonts/liberation-serif/LiberationSerif-Regular.ttf',
    ),
    why: "Times-metric Vietnamese text in Chromium's pages",
    apt: 'fonts-liberation2',
    dnf: 'liberation-serif-fonts',
    brew: null,
  },
  {
    tool: 'PostgreSQL 15 server (initdb, pg_ctl, postgres)',
    find: pgServerBin,
    why: 'throwaway clusters for the PostgreSQL store',
    ...PG_SERVER,
  },
  { tool: 'psql', find: pgClient('psql'), why: 'PostgreSQL store tests', ...PG_CLIENT },
  { tool: 'pg_dump', find: pgClient('pg_dump'), why: 'PostgreSQL backups', ...PG_CLIENT },
  { tool: 'pg_restore', find: pgClient('pg_restore'), why: 'PostgreSQL restores', ...PG_CLIENT },
];

/** The tools of TOOLS that are not there. */
export function missingTools(ctx = defaultContext(), tools = TOOLS) {
  return tools.filter((t) => !t.find(ctx));
}

/** 'debian' (Debian, Ubuntu and their kin), 'fedora' (Fedora, RHEL…), 'macos', 'windows' or 'other'. */
export function detectSystem(platform = process.platform, osRelease = readOsRelease()) {
  if (platform === 'darwin') return 'macos';
  if (platform === 'win32') return 'windows';
  const ids = `${osRelease.ID ?? ''} ${osRelease.ID_LIKE ?? ''}`.toLowerCase().split(/\s+/);
  if (ids.some((id) => id === 'debian' || id === 'ubuntu')) return 'debian';
  if (ids.some((id) => ['fedora', 'rhel', 'centos'].includes(id))) return 'fedora';
  return 'other';
}

function readOsRelease() {
  try {
    return Object.fromEntries(
      readFileSync('/etc/os-release', 'utf8')
        .split('\n')
        .map((l) => /^([A-Z_]+)=(.*)$/.exec(l))
        .filter(Boolean)
        .map((m) => [m[1], m[2].replace(/^"|"$/g, '')]),
    );
  } catch {
    return {};
  }
}

const MANAGER = { debian: 'apt', fedora: 'dnf', macos: 'brew' };

/** The packages providing the missing tools on this system (each once), and those with no package. */
export function packagesFor(missing, system) {
  const key = MANAGER[system];
  const packages = [];
  const unpackaged = [];
  for (const t of missing) {
    const pkg = key ? t[key] : null;
    if (!pkg) unpackaged.push(t);
    else if (!packages.includes(pkg)) packages.push(pkg);
  }
  return { packages, unpackaged };
}

/** The command that installs `packages` on this system, or null where we know none. */
export function installCommand(system, packages, isRoot) {
  if (!packages.length) return null;
  const sudo = isRoot ? '' : 'sudo ';
  if (system === 'debian') return `${sudo}apt-get install -y --no-install-recommends ${packages.join(' ')}`;
  if (system === 'fedora') return `${sudo}dnf install -y ${packages.join(' ')}`;
  if (system === 'macos') return `brew install ${packages.join(' ')}`;
  return null;
}

/** What to tell a person whose machine lacks tools we cannot install for them. */
export function missingReport(missing, system, isRoot) {
  const { packages, unpackaged } = packagesFor(missing, system);
  const lines = ['The tests need these tools, which are not installed:'];
  const width = Math.max(...missing.map((t) => t.tool.length));
  for (const t of missing) lines.push(`  ${t.tool.padEnd(width)}  ${t.why}`);
  const cmd = installCommand(system, packages, isRoot);
  if (cmd) lines.push('', 'Install them with:', `  ${cmd}`);
  if (unpackaged.length || !cmd) {
    const names = (unpackaged.length ? unpackaged : missing).map((t) => `${t.tool} (Debian: ${t.apt})`).join(', ');
    lines.push(
      '',
      system === 'windows'
        ? `On Windows, run the tests inside WSL (Debian or Ubuntu), where \`npm test\` installs them: ${names}.`
        : `Install by hand (Debian package names given): ${names}.`,
    );
  }
  return lines.join('\n');
}

/**
 * Makes sure every tool is there. Returns { ok, installed: [packages], message }.
 * `run(cmd, args)` runs a command and returns { status, stdout, stderr } (tests record it).
 */
export function ensureTools({
  ctx = defaultContext(),
  system = detectSystem(),
  isRoot = process.getuid?.() === 0,
  run = runQuiet,
  log = (m) => process.stderr.write(m + '\n'),
  tools = TOOLS,
} = {}) {
  const missing = missingTools(ctx, tools);
  if (!missing.length) return { ok: true, installed: [], message: null };
  if (system !== 'debian' || !isRoot) return { ok: false, installed: [], message: missingReport(missing, system, isRoot) };

  const { packages } = packagesFor(missing, system);
  log(`Installing the test tools with apt: ${packages.join(' ')} (for ${missing.map((t) => t.tool).join(', ')})`);
  const aptEnv = { DEBIAN_FRONTEND: 'noninteractive' };
  // `apt-get update` only when apt does not know a package yet (fresh images ship without lists).
  const unknown = packages.filter((p) => !/Candidate: (?!\(none\))\S+/.test(run('apt-cache', ['policy', p], aptEnv).stdout ?? ''));
  if (unknown.length) {
    const u = run('apt-get', ['update', '-qq'], aptEnv);
    if (u.status !== 0)
      return { ok: false, installed: [], message: `apt-get update failed:\n${tail(u)}\n\n${missingReport(missing, system, isRoot)}` };
  }
  const r = run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], aptEnv);
  if (r.status !== 0)
    return { ok: false, installed: [], message: `apt-get install failed:\n${tail(r)}\n\n${missingReport(missing, system, isRoot)}` };
  const still = missingTools(ctx, tools);
  if (still.length)
    return {
      ok: false,
      installed: packages,
      message: `Installed ${packages.join(' ')}, yet still missing:\n${missingReport(still, system, isRoot)}`,
    };
  return { ok: true, installed: packages, message: null };
}

function tail(r) {
  return `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
}

function runQuiet(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.error ? 127 : r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? String(r.error ?? '') };
}
