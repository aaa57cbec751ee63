// `window.desk` is the preload bridge (Electron only); in a browser it is absent and the HTTP
// adapter is used instead. Typed by the contract, without importing electron.
import type { DeskApi } from '../shared/api';

declare global {
  interface Window {
    desk?: DeskApi;
  }
}

export {};
