/** The DeskApi the window talks to (IPC or HTTP), for components that ask for something. */
import { createContext, useContext, useEffect, useState } from 'react';
import type { DeskApi } from '../../shared/api';
import type { Result } from '../../shared/result';

export const DeskApiContext = createContext<DeskApi | null>(null);

export function useDeskApi(): DeskApi {
  const api = useContext(DeskApiContext);
  if (!api) throw new Error('No DeskApi: wrap the app in <DeskApiContext.Provider>.');
  return api;
}

/**
 * The answer of one DeskApi call, asked again whenever `refresh` changes (null until the first
 * answer; a failed call keeps the last good one). A late answer to an older ask is dropped.
 */
export function useDeskValue<T>(
  call: (api: DeskApi) => Promise<Result<T>>,
  refresh: unknown = null,
): T | null {
  const api = useDeskApi();
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    let current = true;
    void call(api).then((r) => {
      if (current && r.ok) setValue(r.value);
    });
    return () => {
      current = false;
    };
    // `call` is a fresh arrow each render; what it asks for is fixed per component.
  }, [api, refresh]);
  return value;
}
