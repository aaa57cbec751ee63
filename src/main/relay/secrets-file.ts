/**
 * Where the relay's token and signing secret are kept. In the app an Electron safeStorage
 * adapter (src/main/electron) implements SecretStore with the OS keychain; headless
 * (`npm run serve`) they are kept here, in a JSON file only the user can read (mode 0600, as
 * ssh keeps a private key). The file is always written whole under a new name created 0600 and
 * renamed over the old, so a crash leaves the old file or the new one, never half of one, and
 * the secrets are never for a moment in a file others can read.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

export interface SecretStore {
  /** The secret's value, or null when none is set. */
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
  /** Forgets the secret; nothing happens when it was not set. */
  delete(name: string): Promise<void>;
}

/** The names the relay keeps its credentials under, in any SecretStore. */
export const RELAY_TOKEN_SECRET = 'relay-token';
export const RELAY_HMAC_SECRET = 'relay-hmac-secret';

export type SecretsFileErrorCode = 'SECRETS_FILE_OPEN_TO_OTHERS' | 'SECRETS_FILE_UNREADABLE';

export class SecretsFileError extends Error {
  constructor(
    readonly code: SecretsFileErrorCode,
    message: string,
    readonly file: string,
  ) {
    super(message);
    this.name = 'SecretsFileError';
  }
}

export interface FileSecretStoreOptions {
  /**
   * Refuse a file others may open. On by default except on Windows, where mode bits are not
   * permissions (there the file relies on the user profile folder's access rules).
   */
  checkMode?: boolean;
}

const FILE_VERSION = 1;
const MAX_FILE_BYTES = 64 * 1024;
const MAX_NAME_CHARS = 100;
const MAX_VALUE_CHARS = 16 * 1024;
const PRIVATE_FILE = 0o600;
const PRIVATE_DIR = 0o700;

interface SecretsFile {
  v: typeof FILE_VERSION;
  secrets: Record<string, string>;
}

export class FileSecretStore implements SecretStore {
  private readonly checkMode: boolean;
  /** Writes one at a time, each reading what the one before it wrote. */
  private writing: Promise<unknown> = Promise.resolve();

  constructor(
    readonly file: string,
    o: FileSecretStoreOptions = {},
  ) {
    this.checkMode = o.checkMode ?? process.platform !== 'win32';
  }

  async get(name: string): Promise<string | null> {
    checkName(name);
    await this.writing.catch(() => undefined);
    const secrets = await this.read();
    return Object.hasOwn(secrets, name) ? secrets[name] : null;
  }

  set(name: string, value: string): Promise<void> {
    checkName(name);
    if (typeof value !== 'string' || value.length > MAX_VALUE_CHARS) {
      throw new TypeError(`A secret is a string of at most ${MAX_VALUE_CHARS} characters`);
    }
    return this.update((secrets) => {
      if (secrets[name] === value) return false;
      secrets[name] = value;
      return true;
    });
  }

  delete(name: string): Promise<void> {
    checkName(name);
    return this.update((secrets) => {
      if (!Object.hasOwn(secrets, name)) return false;
      delete secrets[name];
      return true;
    });
  }

  private update(change: (secrets: Record<string, string>) => boolean): Promise<void> {
    const next = this.writing
      .catch(() => undefined)
      .then(async () => {
        const secrets = await this.read();
        if (change(secrets)) await this.write(secrets);
      });
    this.writing = next;
    return next;
  }

  private async read(): Promise<Record<string, string>> {
    let handle: FileHandle;
    try {
      handle = await open(this.file, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Object.create(null);
      throw this.unreadable(`it could not be opened (${(error as Error).message})`);
    }
    try {
      // The mode of the file actually opened, not of whatever the path named a moment before.
      const stat = await handle.stat();
      if (!stat.isFile()) throw this.unreadable('it is not a file');
      if (this.checkMode && (stat.mode & 0o077) !== 0) throw this.openToOthers(stat.mode);
      if (stat.size > MAX_FILE_BYTES) throw this.unreadable('it is far larger than a secrets file');
      return this.parse(await handle.readFile('utf8'));
    } finally {
      await handle.close();
    }
  }

  private parse(text: string): Record<string, string> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw this.unreadable('it is not in the form Receipt Desk writes');
    }
    const file = parsed as Partial<SecretsFile> | null;
    const secrets = file?.secrets;
    if (
      file?.v !== FILE_VERSION ||
      secrets === null ||
      typeof secrets !== 'object' ||
      Array.isArray(secrets) ||
      !Object.values(secrets).every((v) => typeof v === 'string')
    ) {
      throw this.unreadable('it is not in the form Receipt Desk writes');
    }
    return Object.assign(Object.create(null) as Record<string, string>, secrets);
  }

  private async write(secrets: Record<string, string>): Promise<void> {
    const dir = path.dirname(this.file);
    await mkdir(dir, { recursive: true, mode: PRIVATE_DIR });
    const content: SecretsFile = { v: FILE_VERSION, secrets: { ...secrets } };
    const temp = `${this.file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    // 'wx': a new file, created 0600 by this call (the umask can only take bits away), so the
    // secrets are never written into a file someone else made or could read.
    const handle = await open(temp, 'wx', PRIVATE_FILE);
    try {
      try {
        await handle.writeFile(`${JSON.stringify(content, null, 2)}\n`, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, this.file);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
    await syncDir(dir);
  }

  private openToOthers(mode: number): SecretsFileError {
    const octal = (mode & 0o777).toString(8).padStart(4, '0');
    return new SecretsFileError(
      'SECRETS_FILE_OPEN_TO_OTHERS',
      `The secrets file ${this.file} can be opened by other users of this PC (its mode is ${octal}), so the relay token and secret in it may no longer be private. Make it private with: chmod 600 '${this.file}' — and, if others could have read it, make a new token and secret for the relay endpoint.`,
      this.file,
    );
  }

  private unreadable(why: string): SecretsFileError {
    return new SecretsFileError(
      'SECRETS_FILE_UNREADABLE',
      `The secrets file ${this.file} cannot be read: ${why}. Move it away, then set the relay token and secret again (Settings › Cloud relay, or --relay-token and --relay-secret).`,
      this.file,
    );
  }
}

function checkName(name: string): void {
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME_CHARS) {
    throw new TypeError(`A secret's name is a string of 1 to ${MAX_NAME_CHARS} characters`);
  }
}

/** The rename is durable once the folder itself is synced (POSIX); Windows cannot open a folder. */
async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
