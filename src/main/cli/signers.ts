/**
 * Opens the signer named on the command line. Secrets never travel as arguments (they
 * would show in the process list and shell history): the password or PIN is read from
 * the environment variable the user names. (`--password-env` is the signed-in account's own
 * password: a key file's password is `--p12-password-env`.)
 */
import { makeError } from '../../shared/errors.js';
import { AppFailure } from '../../shared/result.js';
import type { Services } from '../services.js';
import { Pkcs12Signer } from '../signing/pkcs12Signer.js';
import type { Signer } from '../signing/signer.js';
import type { CommandArgs } from './args.js';

function secretFrom(args: CommandArgs, flag: 'p12PasswordEnv' | 'pinEnv', field: string): string {
  const name = args[flag];
  if (typeof name !== 'string' || !name) throw new AppFailure(makeError('required', { field }));
  const value = process.env[name];
  if (value === undefined) {
    throw new AppFailure({ code: 'required', field, message: `Biến môi trường ${name} chưa được đặt (mật khẩu/PIN đọc từ đó).` });
  }
  return value;
}

/**
 * The signer named on the command line. A token runs in its own process (as in the app):
 * `--token ID` picks a library the administrator configured (`token add`); `--pkcs11-lib
 * PATH` names one directly — the local user's own choice, checked by the same rules.
 */
export async function openSigner(
  args: CommandArgs,
  services: () => Promise<Services>,
): Promise<Signer & { close?: () => Promise<void> | void }> {
  if (typeof args.p12 === 'string') return Pkcs12Signer.open(args.p12, secretFrom(args, 'p12PasswordEnv', 'password'));
  if (typeof args.pkcs11Lib === 'string' || typeof args.token === 'string') {
    if (typeof args.tokenLabel !== 'string' || typeof args.keyId !== 'string') {
      throw new AppFailure({ code: 'required', field: 'tokenLabel', message: 'Ký bằng token cần --token-label và --key-id.' });
    }
    const pin = secretFrom(args, 'pinEnv', 'pin');
    return (await services()).openTokenSigner({
      ...(typeof args.token === 'string' ? { token: args.token } : { library: args.pkcs11Lib as string }),
      tokenLabel: args.tokenLabel,
      keyIdHex: args.keyId,
      pin,
    });
  }
  throw new AppFailure({
    code: 'required',
    field: 'signer',
    message:
      'Chọn cách ký: --p12 TỆP --p12-password-env BIẾN, hoặc --token MÃ (hay --pkcs11-lib THƯ_VIỆN) --token-label NHÃN --pin-env BIẾN --key-id HEX.',
  });
}
