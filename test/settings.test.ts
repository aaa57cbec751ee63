/**
 * Settings from the manager: checked with plain messages, applied while tills print (ports
 * reopen without losing a receipt), kept in settings.json, and all-or-nothing.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Settings } from '../src/shared';
import { loadSettings } from '../src/main/settings';
import { type Desk, closed, desksStoppedAfterEach, esc, openSocket, sendRaw } from './helpers/desk';

const desk = desksStoppedAfterEach();
const servers: net.Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function occupied(host = '127.0.0.1'): Promise<number> {
  const s = net.createServer();
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, host, r));
  return (s.address() as net.AddressInfo).port;
}

function withFront(s: Settings, change: Partial<Settings['listeners'][0]>): Settings {
  return { ...s, listeners: [{ ...s.listeners[0], ...change }, ...s.listeners.slice(1)] };
}

const settingsOnDisk = (d: Desk): Settings | null => {
  const file = path.join(d.dataDir, 'settings.json');
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Settings) : null;
};

describe('settings', () => {
  it('moves a station to another port without losing the receipt a till is printing', async () => {
    const d = await desk();
    const { settings } = await d.service.getSettings();
    const till = await openSocket(d.port);
    till.write(Buffer.concat([esc.init, esc.text('Table 4\n')]));
    const newPort = await freePort();

    const view = await d.service.saveSettings(withFront(settings, { port: newPort }));

    expect(view.settings.listeners[0].port).toBe(newPort);
    expect((await d.service.getHealth()).listeners[0]).toMatchObject({
      port: newPort,
      listening: true,
    });
    // Tills that connect to the old port now are refused: the POS retries, nothing was sent.
    await expect(openSocket(d.port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    // The till that was already printing finishes its receipt on the old connection.
    till.write(Buffer.concat([esc.text('2x Espresso  5.00\n'), esc.cut]));
    till.end();
    await closed(till);
    await sendRaw(newPort, esc.receipt('On the new port'));
    const receipts = await d.waitForReceipts(2);
    expect(receipts.map((r) => r.text)).toEqual(['Table 4\n2x Espresso  5.00', 'On the new port']);
    expect(settingsOnDisk(d)?.listeners[0].port).toBe(newPort);
    expect(loadSettings(d.dataDir).listeners[0].port).toBe(newPort);
  });

  it('moves a port to another address on the same port number', async () => {
    const port = await freePort();
    const d = await desk({ listeners: [{ host: '127.0.0.1', port, station: 'Front' }] });
    const { settings } = await d.service.getSettings();
    await d.service.saveSettings(withFront(settings, { host: '0.0.0.0' }));
    expect((await d.service.getHealth()).listeners[0]).toMatchObject({ host: '0.0.0.0', port });
    await sendRaw(port, esc.receipt('Still port', String(port)));
    expect((await d.waitForReceipts(1))[0].text).toBe(`Still port\n${port}`);
  });

  it('keeps everything as it was when the new port is taken', async () => {
    const d = await desk();
    const { settings } = await d.service.getSettings();
    const taken = await occupied();

    await expect(
      d.service.saveSettings(withFront(settings, { port: taken, station: 'Bar' })),
    ).rejects.toMatchObject({ code: 'PORT_IN_USE', message: expect.stringContaining(`${taken}`) });

    expect(settingsOnDisk(d)).toBeNull();
    expect((await d.service.getSettings()).settings).toEqual(settings);
    await sendRaw(d.port, esc.receipt('Old port still prints'));
    const [r] = await d.waitForReceipts(1);
    expect([r.station, r.text]).toEqual(['Front', 'Old port still prints']);
  });

  it('refuses bad settings with a sentence naming the setting, and changes nothing', async () => {
    const d = await desk({
      listeners: [
        { host: '127.0.0.1', port: 0, station: 'Front' },
        { host: '127.0.0.1', port: 0, station: 'Bar' },
      ],
    });
    const { settings } = await d.service.getSettings();
    const cases: [unknown, string][] = [
      [withFront(settings, { port: 70000 }), 'between 1 and 65535'],
      [withFront(settings, { station: '  ' }), 'Give the station a name'],
      [withFront(settings, { station: 'bar' }), 'Another port is already called Bar'],
      [
        { ...settings, capture: { ...settings.capture, allowList: ['10.0.0.300'] } },
        'is not an IP address',
      ],
      [
        { ...settings, http: { ...settings.http, host: '0.0.0.0', apiToken: null } },
        'needs an access token',
      ],
      [{ ...settings, listeners: [] }, 'at least one printer port'],
      [
        { ...settings, capture: { ...settings.capture, maxConnectionsPerPeer: 0 } },
        'Connections per device must be at least 1.',
      ],
    ];
    for (const [input, words] of cases) {
      await expect(d.service.saveSettings(input as Settings)).rejects.toMatchObject({
        message: expect.stringContaining(words),
      });
    }
    expect(settingsOnDisk(d)).toBeNull();
    expect((await d.service.getHealth()).listeners.map((l) => l.station)).toEqual(['Front', 'Bar']);
  });

  it('renames a station and applies the allow-list to the next till', async () => {
    const d = await desk();
    const { settings } = await d.service.getSettings();
    await d.service.saveSettings({
      ...withFront(settings, { station: 'Terrace' }),
      capture: { ...settings.capture, allowList: ['127.0.0.1'] },
    });
    await sendRaw(d.port, esc.receipt('Renamed'));
    expect((await d.waitForReceipts(1))[0].station).toBe('Terrace');

    const view = await d.service.saveSettings({
      ...(await d.service.getSettings()).settings,
      capture: { ...settings.capture, allowList: ['192.168.1.20'] },
    });
    expect(view.settings.capture.allowList).toEqual(['192.168.1.20']);
    const refused = await openSocket(d.port).then(closed);
    expect(refused).toBeUndefined();
    expect((await d.service.getMetrics()).connections.refused).toBe(1);
  });

  it('applies the per-device cap and the idle close to the tills already connected', async () => {
    const d = await desk();
    const { settings } = await d.service.getSettings();
    const first = await openSocket(d.port);
    await d.service.saveSettings({
      ...settings,
      capture: { ...settings.capture, maxConnectionsPerPeer: 1, idleCloseS: 1 },
    });
    // The cap holds at once: a second connection from the same address takes the idle one's slot.
    const second = await openSocket(d.port);
    await closed(first);
    expect((await d.service.getMetrics()).connections).toMatchObject({
      evictedIdle: 1,
      maxPerPeer: 1,
    });
    // And a connection silent for a second is closed.
    await closed(second);
    expect((await d.service.getMetrics()).connections.closedIdle).toBe(1);
  });

  it('asks before a shorter kept period deletes receipts, then deletes them', async () => {
    const d = await desk();
    await sendRaw(d.port, esc.receipt('Old receipt'));
    await sendRaw(d.port, esc.receipt('New receipt'));
    const [old] = await d.waitForReceipts(2);
    const db = new Database(d.receiptsFile);
    db.prepare('UPDATE receipts SET received_at = received_at - ? WHERE id = ?').run(
      40 * 24 * 3600 * 1000,
      old.id,
    );
    db.close();
    const { settings } = await d.service.getSettings();
    const shorter = { ...settings, store: { ...settings.store, retentionDays: 30 } };

    await expect(d.service.saveSettings(shorter)).rejects.toMatchObject({
      code: 'CONFIRM_DELETION',
      message: expect.stringContaining('deletes the 1 receipt received before'),
    });
    expect((await d.service.listReceipts({})).items).toHaveLength(2);

    await d.service.saveSettings(shorter, { confirmDeletion: true });
    const left = (await d.service.listReceipts({})).items.map((r) => r.text);
    expect(left).toEqual(['New receipt']);
  });

  it('says which saved settings wait for the next start', async () => {
    const d = await desk();
    const { settings } = await d.service.getSettings();
    const view = await d.service.saveSettings({
      ...settings,
      pool: { ...settings.pool, threads: 2 },
      http: { ...settings.http, port: 9555 },
    });
    expect(view.waitingForRestart).toEqual([
      'Interpretation threads and queue',
      'Web page address and token',
    ]);
    expect(settingsOnDisk(d)?.pool.threads).toBe(2);
  });
});
