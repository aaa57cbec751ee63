/**
 * Secrets sealed by the operating system before they touch the disk: in the app, Electron's
 * safeStorage encrypts each value with a key the OS keychain holds (DPAPI on Windows, the
 * Keychain on macOS, the Secret Service on Linux), and the sealed value is kept in the same
 * private file the headless service uses. A copied file is useless without this user's login.
 */
import type { SecretStore } from './secrets-file';

/** What the OS offers to seal and unseal a string (Electron's safeStorage has this shape). */
export interface Sealer {
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
}

/** Marks sealed values, so a plain value left by the headless service is still read. */
const SEALED = 'sealed:';

export class SealedSecretStore implements SecretStore {
  constructor(
    private readonly file: SecretStore,
    private readonly sealer: Sealer,
  ) {}

  async get(name: string): Promise<string | null> {
    const stored = await this.file.get(name);
    if (stored === null || !stored.startsWith(SEALED)) return stored;
    return this.sealer.decryptString(Buffer.from(stored.slice(SEALED.length), 'base64'));
  }

  set(name: string, value: string): Promise<void> {
    const sealed = this.sealer.encryptString(value).toString('base64');
    return this.file.set(name, `${SEALED}${sealed}`);
  }

  delete(name: string): Promise<void> {
    return this.file.delete(name);
  }
}
