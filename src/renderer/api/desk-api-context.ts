/** The DeskApi the window talks to (IPC or HTTP), for components that ask for something. */
import { createContext, useContext } from 'react';
import type { DeskApi } from '../../shared/api';

export const DeskApiContext = createContext<DeskApi | null>(null);

export function useDeskApi(): DeskApi {
  const api = useContext(DeskApiContext);
  if (!api) throw new Error('No DeskApi: wrap the app in <DeskApiContext.Provider>.');
  return api;
}
