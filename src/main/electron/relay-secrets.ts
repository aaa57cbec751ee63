/**
 * Where the app keeps the relay's token and signing secret: sealed by the OS keychain through
 * safeStorage in the data folder's private file. Where the OS offers no keychain (a Linux
 * desktop without a Secret Service), the file alone, and the Settings screen says so.
 */
import { safeStorage } from 'electron';
import path from 'node:path';
import { FileSecretStore, SealedSecretStore, type SecretStore } from '../relay';

export function relaySecrets(dataDir: string): { store: SecretStore; keptIn: string } {
  const file = new FileSecretStore(path.join(dataDir, 'relay-secrets.json'));
  const linuxBasic =
    process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
  if (!safeStorage.isEncryptionAvailable() || linuxBasic) {
    return {
      store: file,
      keptIn: 'a file in the data folder only your user account can read (no system keychain)',
    };
  }
  return { store: new SealedSecretStore(file, safeStorage), keptIn: 'the system keychain' };
}
