import { AppShell, Group, NavLink, Title } from '@mantine/core';
import { useWindowEvent } from '@mantine/hooks';
import { lazy, Suspense } from 'react';
import { type Screen, useDesk } from '../state/desk-store';
import { ErrorBanner } from './ErrorBanner';
import { Gauges } from './Gauges';
import { ReceiptDetailPanel } from './ReceiptDetailPanel';
import { ReceiptList } from './ReceiptList';
import { StatsBar } from './StatsBar';

// Charts are a large part of the code and are not needed to show the Live screen, which must
// paint within half a second of the window opening: these screens load when first shown.
const TodayScreen = lazy(() => import('./TodayScreen').then((m) => ({ default: m.TodayScreen })));
const SearchScreen = lazy(() =>
  import('./SearchScreen').then((m) => ({ default: m.SearchScreen })),
);
const ReportsScreen = lazy(() =>
  import('./ReportsScreen').then((m) => ({ default: m.ReportsScreen })),
);
const SystemScreen = lazy(() =>
  import('./SystemScreen').then((m) => ({ default: m.SystemScreen })),
);
const ExportScreen = lazy(() =>
  import('./ExportScreen').then((m) => ({ default: m.ExportScreen })),
);
const SettingsScreen = lazy(() =>
  import('./SettingsScreen').then((m) => ({ default: m.SettingsScreen })),
);

const SCREENS: { id: Screen; label: string; hint: string }[] = [
  { id: 'live', label: 'Live', hint: 'Receipts as they print' },
  { id: 'search', label: 'Search', hint: 'Every receipt, by word or day' },
  { id: 'today', label: 'Today', hint: 'By hour and station, against last week' },
  {
    id: 'reports',
    label: 'Reports',
    hint: 'A day’s, a week’s or a month’s money, to print or download',
  },
  { id: 'system', label: 'System', hint: 'Printer ports, threads, memory' },
  { id: 'export', label: 'Export', hint: 'A day as a spreadsheet or ZIP' },
  { id: 'settings', label: 'Settings', hint: 'Ports, tills, keeping receipts' },
];

export function App() {
  const screen = useDesk((s) => s.screen);
  // "/" goes to search from anywhere but a text field (the search field takes the focus).
  useWindowEvent('keydown', (e) => {
    const target = e.target as HTMLElement | null;
    const typing = target?.closest('input, textarea, select, [contenteditable="true"]');
    if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      useDesk.getState().showScreen('search');
    }
  });
  return (
    <AppShell header={{ height: 68 }} navbar={{ width: 200, breakpoint: 'sm' }} padding={0}>
      <AppShell.Header className="app-header">
        <Group gap="xl" wrap="nowrap">
          <Title order={1} size="h3">
            Receipt Desk
          </Title>
          <StatsBar />
        </Group>
        <Gauges />
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Screens">
        <AppShell.Section grow>
          {SCREENS.map((s) => (
            <NavLink
              key={s.id}
              // A button, so the screens can be reached and chosen with the keyboard.
              component="button"
              label={s.label}
              description={s.hint}
              active={screen === s.id}
              onClick={() => useDesk.getState().showScreen(s.id)}
              aria-current={screen === s.id ? 'page' : undefined}
            />
          ))}
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main className="app-main">
        <ErrorBanner />
        {screen === 'live' ? <ReceiptList /> : null}
        <Suspense fallback={null}>
          {screen === 'search' ? <SearchScreen /> : null}
          {screen === 'today' ? <TodayScreen /> : null}
          {screen === 'reports' ? <ReportsScreen /> : null}
          {screen === 'system' ? <SystemScreen /> : null}
          {screen === 'export' ? <ExportScreen /> : null}
          {screen === 'settings' ? <SettingsScreen /> : null}
        </Suspense>
      </AppShell.Main>
      <ReceiptDetailPanel />
    </AppShell>
  );
}
