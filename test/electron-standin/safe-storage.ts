// `safeStorage` (api/safe-storage.md) on Linux, with Chromium's OSCrypt format
// (components/os_crypt/sync/os_crypt_linux.cc): AES-128-CBC, IV of 16 spaces, key =
// PBKDF2-HMAC-SHA1(password, "saltysalt", 1 iteration). "v11" data uses the keyring's password,
// "v10" the fixed "peanuts" of the basic_text backend. TIDINGS_STANDIN_SAFE_STORAGE picks the
// backend: `gnome_libsecret` (the default; its password lives in TIDINGS_STANDIN_KEYRING, a
// file standing for the login keyring), `basic_text`, or `unavailable`. As in Electron, nothing
// is available before ready.
import { createCipheriv, createDecipheriv, pbkdf2Sync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

type Backend = 'gnome_libsecret' | 'basic_text' | 'unavailable';
const IV = Buffer.alloc(16, ' ');
const DECRYPT_ERROR =
  'Error while decrypting the ciphertext provided to safeStorage.decryptString.';

let ready = false;
export function markSafeStorageReady(): void {
  ready = true;
}

function backend(): Backend {
  const chosen = process.env.TIDINGS_STANDIN_SAFE_STORAGE ?? 'gnome_libsecret';
  if (chosen === 'basic_text' || chosen === 'unavailable') return chosen;
  return 'gnome_libsecret';
}

function keyringPassword(): string {
  const file = process.env.TIDINGS_STANDIN_KEYRING ?? join(tmpdir(), 'tidings-standin-keyring');
  if (!existsSync(file)) writeFileSync(file, randomBytes(16).toString('base64'), { mode: 0o600 });
  return readFileSync(file, 'utf8');
}

function keyFor(version: 'v10' | 'v11'): Buffer {
  const password = version === 'v10' ? 'peanuts' : keyringPassword();
  return pbkdf2Sync(password, 'saltysalt', 1, 16, 'sha1');
}

const version = (): 'v10' | 'v11' => (backend() === 'basic_text' ? 'v10' : 'v11');

export const safeStorage = {
  isEncryptionAvailable(): boolean {
    return ready && backend() !== 'unavailable';
  },
  getSelectedStorageBackend() {
    const chosen = backend();
    return ready && chosen !== 'unavailable' ? chosen : 'unknown';
  },
  setUsePlainTextEncryption(_usePlainText: boolean): void {},
  encryptString(plainText: string): Buffer {
    if (!safeStorage.isEncryptionAvailable())
      throw new Error(
        'Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.',
      );
    const cipher = createCipheriv('aes-128-cbc', keyFor(version()), IV);
    return Buffer.concat([
      Buffer.from(version()),
      cipher.update(plainText, 'utf8'),
      cipher.final(),
    ]);
  },
  decryptString(encrypted: Buffer): string {
    if (!safeStorage.isEncryptionAvailable())
      throw new Error(
        'Error while decrypting the ciphertext provided to safeStorage.decryptString. Decryption is not available.',
      );
    const prefix = encrypted.subarray(0, 3).toString('latin1');
    if (prefix !== 'v10' && prefix !== 'v11') throw new Error(DECRYPT_ERROR);
    try {
      const decipher = createDecipheriv('aes-128-cbc', keyFor(prefix), IV);
      return Buffer.concat([decipher.update(encrypted.subarray(3)), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      throw new Error(DECRYPT_ERROR);
    }
  },
} satisfies Pick<
  Electron.SafeStorage,
  | 'isEncryptionAvailable'
  | 'getSelectedStorageBackend'
  | 'encryptString'
  | 'decryptString'
  | 'setUsePlainTextEncryption'
>;
