// The browser for the UI benchmark: Debian's Chromium driven by playwright-core, with the flags
// the Playwright tests use (CHROMIUM_ARGS in playwright.config.ts), and a page helper that puts
// bench/ui-probe.js in front of the app. Also the browser's process tree, for CPU accounting.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const PROBE = path.join(here, 'ui-probe.js');

/** Same as CHROMIUM_ARGS in playwright.config.ts (a TypeScript file plain Node cannot import). */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
];
/** The size the Playwright tests use: two columns of receipt cards beside the navigation. */
export const VIEWPORT = { width: 1280, height: 800 };

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/**
 * A fresh context (empty cache, no cookies: the window's first opening) and its page, with the
 * probe installed before any of the app's scripts run.
 */
export async function freshPage(browser) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript({ path: PROBE });
  const page = await context.newPage();
  return { context, page };
}

/** Chromium's processes (browser, renderers, GPU, network service): ours, under this process. */
export function browserPids() {
  const children = new Map();
  const comm = new Map();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      comm.set(Number(d), stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')));
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  const out = [];
  const walk = (pid) => {
    for (const c of children.get(pid) ?? []) {
      if (/^chrom/.test(comm.get(c) ?? '')) out.push(c);
      walk(c);
    }
  };
  walk(process.pid);
  return out;
}
