/**
 * Opens the signer named on the command line. Secrets never travel as arguments (they
 * would show in the process list and shell history): the password or PIN is read from
 * the environment variable the user names.
 */
import { makeError } from '../../shared/errors.js';
import { AppFailure } from '../../shared/result.js';
import { Pkcs11Signer, Pkcs12Signer, type Signer } from '../signing/index.js';
import type { CommandArgs } from './args.js';

function secretFrom(args: CommandArgs, flag: 'passwordEnv' | 'pinEnv', field: string): string {
  const name = args[flag];
  if (typeof name !== 'string' || !name) throw new AppFailure(makeError('required', { field }));
  const value = process.env[name];
  if (value === undefined) {
    throw new AppFailure({ code: 'required', field, message: `Biến môi trường ${name} chưa được đặt (mật khẩu/PIN đọc từ đó).` });
  }
  return value;
}

export async function openSigner(args: CommandArgs): Promise<Signer & { close?: () => Promise<void> | void }> {
  if (typeof args.p12 === 'string') return Pkcs12Signer.open(args.p12, secretFrom(args, 'passwordEnv', 'password'));
  if (typeof args.pkcs11Lib === 'string') {
    if (typeof args.tokenLabel !== 'string' || typeof args.keyId !== 'string') {
      throw new AppFailure({ code: 'required', field: 'tokenLabel', message: 'Ký bằng token cần --token-label và --key-id.' });
    }
    return Pkcs11Signer.open({
      library: args.pkcs11Lib,
      tokenLabel: args.tokenLabel,
      keyIdHex: args.keyId,
      pin: secretFrom(args, 'pinEnv', 'pin'),
    });
  }
  throw new AppFailure({
    code: 'required',
    field: 'signer',
    message: 'Chọn cách ký: --p12 TỆP --password-env BIẾN, hoặc --pkcs11-lib THƯ_VIỆN --token-label NHÃN --pin-env BIẾN --key-id HEX.',
  });
}
