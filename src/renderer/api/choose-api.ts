/** Picks the DeskApi adapter at run time: the preload bridge in Electron, HTTP + SSE otherwise. */
import type { DeskApi } from '../../shared/api';
import { createHttpApi } from './http-api';

export function chooseDeskApi(): DeskApi {
  return window.desk ?? createHttpApi(window.location.origin);
}
