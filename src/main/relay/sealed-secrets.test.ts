import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { SealedSecretStore, type Sealer } from './sealed-secrets';
import { FileSecretStore } from './secrets-file';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A real cipher standing in for the OS keychain's (AES-256-GCM with a key of this test). */
function testSealer(): Sealer {
  const key = crypto.randomBytes(32);
  return {
    encryptString(plain) {
      const iv = crypto.randomBytes(12);
      const c = crypto.createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decryptString(sealed) {
      const d = crypto.createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      d.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([d.update(sealed.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

it('keeps the relay secret sealed on disk, reads it back, and still reads a plain one left by the headless service', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rd-sealed-'));
  dirs.push(dir);
  const fileName = path.join(dir, 'relay-secrets.json');
  const file = new FileSecretStore(fileName);
  await file.set('relay-token', 'plain-token-from-serve');
  const store = new SealedSecretStore(file, testSealer());
  expect(await store.get('relay-token')).toBe('plain-token-from-serve');

  await store.set('relay-secret', 'the-signing-secret-0123456789abcdef');
  expect(await store.get('relay-secret')).toBe('the-signing-secret-0123456789abcdef');
  const onDisk = fs.readFileSync(fileName, 'utf8');
  expect(onDisk).not.toContain('the-signing-secret');
  expect(onDisk).toContain('sealed:');
  // Another user's key (another login) cannot open it.
  await expect(new SealedSecretStore(file, testSealer()).get('relay-secret')).rejects.toThrow();

  await store.delete('relay-secret');
  expect(await store.get('relay-secret')).toBeNull();
});
