/** Picks the DeskApi adapter at run time: the preload bridge in Electron, HTTP + SSE otherwise. */
import type { DeskApi } from '../../shared/api';
import { createHttpApi } from './http-api';

const TOKEN_KEY = 'receipt-desk-token';

export function chooseDeskApi(): DeskApi {
  return window.desk ?? createHttpApi(window.location.origin, accessToken());
}

/**
 * The web page's access token, when the PC opens it to the network. Staff open the address
 * once with `#token=…` (Settings, Web page); the page keeps it and takes it out of the address
 * bar, so it does not end up in bookmarks or over someone's shoulder.
 */
function accessToken(): string | null {
  const fromLink = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromLink) {
    window.localStorage.setItem(TOKEN_KEY, fromLink);
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromLink;
  }
  return window.localStorage.getItem(TOKEN_KEY);
}
