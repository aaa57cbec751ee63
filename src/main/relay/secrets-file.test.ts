import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FileSecretStore,
  RELAY_HMAC_SECRET,
  RELAY_TOKEN_SECRET,
  SecretsFileError,
  type SecretStore,
} from './secrets-file';

const posix = process.platform !== 'win32';
let dir: string;
let file: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'rd-secrets-'));
  file = path.join(dir, 'conf', 'secrets.json');
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const modeOf = (p: string) => statSync(p).mode & 0o777;

/** A file made by someone else, with the mode given, whatever the umask. */
function plant(content: string, mode: number) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  chmodSync(file, mode);
}

describe('FileSecretStore', () => {
  it('keeps secrets across instances, in a file only the user can read', async () => {
    const store: SecretStore = new FileSecretStore(file);
    expect(await store.get(RELAY_TOKEN_SECRET)).toBeNull();
    await store.set(RELAY_TOKEN_SECRET, 'tok_live_123');
    await store.set(RELAY_HMAC_SECRET, 'whsec_ü€');
    const again = new FileSecretStore(file);
    expect(await again.get(RELAY_TOKEN_SECRET)).toBe('tok_live_123');
    expect(await again.get(RELAY_HMAC_SECRET)).toBe('whsec_ü€');
    if (posix) {
      expect(modeOf(file)).toBe(0o600);
      expect(modeOf(path.dirname(file))).toBe(0o700);
    }
  });

  it.skipIf(!posix)(
    'creates the file 0600 even under a umask that takes nothing away',
    async () => {
      const old = process.umask(0);
      try {
        await new FileSecretStore(file).set(RELAY_TOKEN_SECRET, 'tok');
      } finally {
        process.umask(old);
      }
      expect(modeOf(file)).toBe(0o600);
    },
  );

  it('leaves no temporary file behind, and writes each change whole', async () => {
    const store = new FileSecretStore(file);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`name-${i}`, `value-${i}`)));
    for (let i = 0; i < 20; i++) expect(await store.get(`name-${i}`)).toBe(`value-${i}`);
    expect(readdirSync(path.dirname(file))).toEqual(['secrets.json']);
  });

  it('forgets a deleted secret and keeps the others', async () => {
    const store = new FileSecretStore(file);
    await store.set('a', '1');
    await store.set('b', '2');
    await store.delete('a');
    await store.delete('never-set');
    expect(await new FileSecretStore(file).get('a')).toBeNull();
    expect(await new FileSecretStore(file).get('b')).toBe('2');
  });

  it('does not take a name from the object prototype for a secret', async () => {
    const store = new FileSecretStore(file);
    await store.set('a', '1');
    expect(await store.get('toString')).toBeNull();
    expect(await store.get('__proto__')).toBeNull();
  });

  it.skipIf(!posix).each([0o644, 0o640, 0o604, 0o620])(
    'refuses a file with mode %o and says how to make it private',
    async (mode) => {
      plant(JSON.stringify({ v: 1, secrets: { [RELAY_TOKEN_SECRET]: 'tok' } }), mode);
      const store = new FileSecretStore(file);
      const refusal = store.get(RELAY_TOKEN_SECRET);
      await expect(refusal).rejects.toBeInstanceOf(SecretsFileError);
      await expect(refusal).rejects.toMatchObject({
        code: 'SECRETS_FILE_OPEN_TO_OTHERS',
        file,
        message: expect.stringContaining(`(its mode is 0${mode.toString(8)})`),
      });
      await expect(refusal).rejects.toThrow(`chmod 600 '${file}'`);
      // Nor is it written over: the manager decides what the leak means first.
      await expect(store.set(RELAY_TOKEN_SECRET, 'new')).rejects.toMatchObject({
        code: 'SECRETS_FILE_OPEN_TO_OTHERS',
      });
      // Doing what the message says is enough.
      chmodSync(file, 0o600);
      expect(await store.get(RELAY_TOKEN_SECRET)).toBe('tok');
    },
  );

  it('reads a file with any mode where modes are not permissions', async () => {
    plant(JSON.stringify({ v: 1, secrets: { a: '1' } }), 0o644);
    expect(await new FileSecretStore(file, { checkMode: false }).get('a')).toBe('1');
  });

  it.each([
    ['broken JSON', '{"v":1,'],
    ['another version', JSON.stringify({ v: 2, secrets: {} })],
    ['a value that is not text', JSON.stringify({ v: 1, secrets: { a: 1 } })],
    ['a list', JSON.stringify([])],
  ])('refuses a file with %s, saying what to do', async (_what, content) => {
    plant(content, 0o600);
    await expect(new FileSecretStore(file).get('a')).rejects.toMatchObject({
      code: 'SECRETS_FILE_UNREADABLE',
      message: expect.stringMatching(
        /cannot be read: it is not in the form Receipt Desk writes\. Move it away, then set the relay token and secret again/,
      ),
    });
  });

  it('refuses a folder where the file should be', async () => {
    mkdirSync(file, { recursive: true });
    await expect(new FileSecretStore(file).get('a')).rejects.toMatchObject({
      code: 'SECRETS_FILE_UNREADABLE',
    });
  });
});
