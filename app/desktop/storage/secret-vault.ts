import { existsSync, readFileSync } from 'node:fs';
import type { Logger } from '../../core/log.js';
import type { SecretProtection } from '../../ipc/contract.js';
import type { AccountSecrets } from '../account-secrets.js';
import { setAside, writeFileAtomic } from './set-aside.js';

/** The OS encryption the vault uses: Electron's safeStorage in the app. */
export interface SecretCipher {
  isAvailable(): boolean;
  encrypt(text: string): Buffer;
  decrypt(data: Buffer): string;
  /** `basic_text`, `gnome_libsecret`, `kwallet5`…, or `os` where the platform decides (macOS, Windows). */
  backend(): string;
}

export const BASIC_TEXT_WARNING =
  'Your passwords and tokens are stored unencrypted, because no keyring was found on this ' +
  'desktop: anyone who can read your files can read them. Install GNOME Keyring ' +
  '(gnome-keyring) or KWallet, unlock it, and restart Tidings.';
/** The banner's details: what Electron reported, for support. */
export const BASIC_TEXT_DETAIL =
  "Electron's safeStorage uses its basic_text backend: secrets.bin is encrypted with a fixed key, " +
  'not one held by a keyring (libsecret or KWallet).';
export const UNAVAILABLE_WARNING =
  'This system offers no encryption for secrets, so they are not saved: enter them again after a restart.';

/**
 * Passwords, tokens and cookies by account, in one file encrypted as a whole, apart from the
 * settings file. A file that cannot be decrypted is set aside; the accounts then ask again.
 */
export class SecretVault {
  private secrets: Record<string, AccountSecrets> = {};

  constructor(
    private readonly path: string,
    private readonly cipher: SecretCipher,
    private readonly log: Logger,
  ) {
    this.secrets = this.read();
  }

  get(account: string): AccountSecrets {
    return { ...this.secrets[account] };
  }

  set(account: string, secrets: AccountSecrets): void {
    if (Object.keys(secrets).length === 0) delete this.secrets[account];
    else this.secrets[account] = { ...secrets };
    this.write();
  }

  remove(account: string): void {
    if (!(account in this.secrets)) return;
    delete this.secrets[account];
    this.write();
  }

  /** Every secret value, for the log to scrub. */
  values(): string[] {
    return Object.values(this.secrets).flatMap((secrets) => Object.values(secrets));
  }

  protection(): SecretProtection {
    if (!this.cipher.isAvailable())
      return {
        protected: false,
        store: 'not saved: this system offers no encryption',
        warning: UNAVAILABLE_WARNING,
      };
    const backend = this.cipher.backend();
    if (backend === 'basic_text')
      return {
        protected: false,
        store: 'not protected: no keyring found',
        warning: BASIC_TEXT_WARNING,
        detail: BASIC_TEXT_DETAIL,
      };
    return { protected: true, store: keyringWords(backend) };
  }

  private read(): Record<string, AccountSecrets> {
    if (!existsSync(this.path) || !this.cipher.isAvailable()) return {};
    try {
      const parsed: unknown = JSON.parse(this.cipher.decrypt(readFileSync(this.path)));
      if (typeof parsed !== 'object' || parsed === null) throw new Error('not a JSON object');
      return parsed as Record<string, AccountSecrets>;
    } catch (error) {
      const aside = setAside(this.path, 'unreadable');
      // The message only: a decryption error says nothing of the secrets themselves.
      this.log.error('secrets could not be decrypted; set aside', {
        aside,
        error: error instanceof Error ? error.message : 'unknown',
      });
      return {};
    }
  }

  private write(): void {
    if (!this.cipher.isAvailable()) return;
    writeFileAtomic(this.path, this.cipher.encrypt(JSON.stringify(this.secrets)));
  }
}

/** The keyring a backend name stands for, as a person knows it. */
function keyringWords(backend: string): string {
  if (backend.startsWith('gnome')) return 'your desktop keyring (GNOME Keyring)';
  if (backend.startsWith('kwallet')) return 'your desktop keyring (KWallet)';
  if (process.platform === 'darwin') return 'your macOS Keychain';
  if (process.platform === 'win32') return 'your Windows account (DPAPI)';
  return 'your desktop keyring';
}
