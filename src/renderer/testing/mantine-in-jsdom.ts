/**
 * For component tests in jsdom: Mantine reads the OS colour scheme through matchMedia, which
 * jsdom lacks (a stub that matches nothing), and each test's render is unmounted after it.
 */
import { cleanup } from '@testing-library/react';
import { afterEach, beforeAll } from 'vitest';

export function mantineInJsdom(): void {
  beforeAll(() => {
    window.matchMedia ??= (query: string) =>
      ({
        matches: false,
        media: query,
        addEventListener: () => {},
        removeEventListener: () => {},
      }) as unknown as MediaQueryList;
  });
  afterEach(cleanup);
}
