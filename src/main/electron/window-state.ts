/**
 * The window's size and place, remembered between runs in the user-data folder, and only used
 * again if it still fits on a screen (a laptop undocked since).
 */
import { type BrowserWindow, type Rectangle, screen } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const boundsSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(320),
  height: z.number().int().min(240),
  maximized: z.boolean().default(false),
});
type Saved = z.infer<typeof boundsSchema>;

const fileIn = (dir: string): string => path.join(dir, 'window-state.json');

export function loadWindowState(userData: string): Saved | null {
  try {
    const saved = boundsSchema.parse(JSON.parse(fs.readFileSync(fileIn(userData), 'utf8')));
    const visible = screen.getAllDisplays().some((d) => intersects(d.workArea, saved));
    return visible ? saved : null;
  } catch {
    return null; // first run, or a file we cannot read: the default size
  }
}

/** Saves the window's bounds whenever it stops moving or resizing, and as it closes. */
export function keepWindowState(win: BrowserWindow, userData: string): void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const save = (): void => {
    if (win.isDestroyed() || win.isMinimized()) return;
    const state: Saved = { ...win.getNormalBounds(), maximized: win.isMaximized() };
    try {
      fs.writeFileSync(fileIn(userData), JSON.stringify(state));
    } catch {
      // Not worth bothering the manager about: the window opens at its default size next time.
    }
  };
  const later = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  win.on('resize', later);
  win.on('move', later);
  win.on('close', save);
}

function intersects(a: Rectangle, b: Rectangle): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
