/**
 * How the installed app is laid out, as electron-builder.yml packs it: the names and paths the
 * main process relies on at run time. No electron import, so test/packaging.test.ts checks them
 * against a real electron-builder pack under Node.
 */
import path from 'node:path';

/** electron-builder.yml's appId. Windows shows notifications only for an app with this id. */
export const APP_ID = 'com.receiptdesk.app';

const IN_ASAR = /([\\/])app\.asar(?=[\\/]|$)/u;

/**
 * The same path in resources/app.asar.unpacked. Worker threads load their entry files, and the
 * packages those import, from plain folders on disk, so electron-builder.yml unpacks them and
 * the service is pointed there. Paths outside an archive (development) come back unchanged.
 */
export function unpackedPath(file: string): string {
  return file.replace(IN_ASAR, '$1app.asar.unpacked');
}

/**
 * The tray picture at 1x and 2x, relative to the app path (packed into the archive from
 * resources/; read with fs, which reads inside it). macOS wants a black template image it can
 * recolour for the menu bar; Windows and Linux get the white-on-green tile.
 */
export function trayIconFiles(platform: NodeJS.Platform): [string, string] {
  const base = platform === 'darwin' ? 'trayTemplate' : 'tray';
  return [path.join('resources', `${base}.png`), path.join('resources', `${base}@2x.png`)];
}
