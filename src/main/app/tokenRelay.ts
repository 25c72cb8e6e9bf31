/**
 * Token processes in the desktop app. The database (and so the signing service) lives in a
 * worker thread, but only the main thread can start an Electron utilityProcess: the worker
 * asks the main thread for one per signing session and the two relay the token protocol
 * (signing/tokenProtocol.ts) between them. A utility process is a real OS process in
 * Electron's own sandboxing and crash handling; the app never runs Electron as plain Node
 * (the RunAsNode fuse is off), so a Node child process is not an option here.
 * No electron import: main.ts passes `utilityProcess.fork`, tests pass a stand-in.
 */
import type { FromToken, TokenChannel, TokenChannelFactory, ToToken } from '../signing/tokenProtocol.js';
import { isFromToken } from '../signing/tokenProtocol.js';
import type { LocalLog } from '../log/localLog.js';

/** Worker → main: a message for a session's token process (started on its first message), or kill it. */
export interface TokenRequest {
  type: 'token';
  session: number;
  message?: ToToken;
  kill?: true;
}

/** Main → worker: what a session's token process said, or that it ended. */
export interface TokenReply {
  type: 'token';
  session: number;
  message?: FromToken;
  exit?: string;
}

export function isTokenReply(m: unknown): m is TokenReply {
  const o = m as Partial<TokenReply> | null;
  return !!o && o.type === 'token' && typeof o.session === 'number';
}

export const isTokenRequest = isTokenReply as (m: unknown) => m is TokenRequest;

/** The worker's side: token channels that travel through the main thread. */
export function createTokenRelay(post: (m: TokenRequest) => void): { start: TokenChannelFactory; deliver(m: TokenReply): void } {
  const sessions = new Map<number, { messages: ((m: FromToken) => void)[]; exits: ((d: string) => void)[] }>();
  let next = 1;
  return {
    start: (): TokenChannel => {
      const session = next++;
      const s = { messages: [] as ((m: FromToken) => void)[], exits: [] as ((d: string) => void)[] };
      sessions.set(session, s);
      return {
        send: (message) => post({ type: 'token', session, message }),
        onMessage: (l) => s.messages.push(l),
        onExit: (l) => s.exits.push(l),
        kill: () => {
          post({ type: 'token', session, kill: true });
        },
      };
    },
    deliver(m) {
      const s = sessions.get(m.session);
      if (!s) return;
      if (m.message && isFromToken(m.message)) for (const l of s.messages) l(m.message);
      if (m.exit !== undefined) {
        sessions.delete(m.session);
        for (const l of s.exits) l(m.exit);
      }
    },
  };
}

/** The slice of Electron's UtilityProcess used here. */
export interface UtilityLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
  readonly stderr?: NodeJS.ReadableStream | null;
}

/** The main thread's side: one utility process per session, started on its first message. */
export function createTokenHost(opts: { fork: () => UtilityLike; reply: (m: TokenReply) => void; log?: LocalLog }) {
  const children = new Map<number, UtilityLike>();
  return {
    handle(m: TokenRequest): void {
      let child = children.get(m.session);
      if (m.kill) {
        child?.kill();
        return;
      }
      if (!m.message) return;
      if (!child) {
        if (m.message.type !== 'open') return; // a late message for a session that has ended
        try {
          child = opts.fork();
        } catch (e) {
          opts.log?.write({ event: 'token_process_start_failed', error: String((e as Error)?.message ?? e) });
          opts.reply({ type: 'token', session: m.session, exit: 'could not start' });
          return;
        }
        const c = child;
        children.set(m.session, c);
        let stderr = '';
        c.stderr?.on('data', (d: Buffer) => {
          stderr = (stderr + d.toString()).slice(-4000);
        });
        c.on('message', (message) => {
          if (isFromToken(message)) opts.reply({ type: 'token', session: m.session, message });
        });
        c.on('exit', (code) => {
          children.delete(m.session);
          opts.reply({ type: 'token', session: m.session, exit: `exit ${code}${stderr ? `; stderr: ${stderr.trim()}` : ''}` });
        });
      }
      child.postMessage(m.message);
    },
    /** Ends every token process (the app is quitting). */
    closeAll(): void {
      for (const c of children.values()) c.kill();
      children.clear();
    },
  };
}
