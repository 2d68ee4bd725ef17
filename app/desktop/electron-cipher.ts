import { safeStorage } from 'electron';
import type { SecretCipher } from './storage/secret-vault.js';

/** safeStorage: Keychain on macOS, DPAPI on Windows, a keyring (or basic_text) on Linux. */
export const electronCipher: SecretCipher = {
  isAvailable: () => safeStorage.isEncryptionAvailable(),
  encrypt: (text) => safeStorage.encryptString(text),
  decrypt: (data) => safeStorage.decryptString(data),
  backend: () => (process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os'),
};
