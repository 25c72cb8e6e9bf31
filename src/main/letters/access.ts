/**
 * What of people's data a person working on letters may see (LetterAccess), decided in one
 * place for every face (the contract's handlers and the CLI).
 *
 * Until personal accounts exist, whoever opens the app or runs the CLI may do everything,
 * as with every other register: they see senders and a denouncer's identity, and every
 * view of a denouncer is audited under their name. With accounts, this becomes a function
 * of the signed-in person's roles and grants.
 */
import type { LetterActor } from './letterService.js';

export function letterActorFor(actor: string): LetterActor {
  return { actor, access: { personal: true, identity: true } };
}
