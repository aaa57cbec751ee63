import {
  AppShell,
  Group,
  NavLink,
  SegmentedControl,
  Title,
  useMantineColorScheme,
} from '@mantine/core';
import { type Screen, useDesk } from '../state/desk-store';
import { ErrorBanner } from './ErrorBanner';
import { Gauges } from './Gauges';
import { ReceiptDetailPanel } from './ReceiptDetailPanel';
import { ReceiptList } from './ReceiptList';
import { StatsBar } from './StatsBar';
import { SystemScreen } from './SystemScreen';

const SCREENS: { id: Screen; label: string; hint: string }[] = [
  { id: 'live', label: 'Live', hint: 'Receipts as they print' },
  { id: 'system', label: 'System', hint: 'Printer ports, threads, memory' },
];

export function App() {
  const screen = useDesk((s) => s.screen);
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
              label={s.label}
              description={s.hint}
              active={screen === s.id}
              onClick={() => useDesk.getState().showScreen(s.id)}
              aria-current={screen === s.id ? 'page' : undefined}
            />
          ))}
        </AppShell.Section>
        <AppShell.Section>
          <ThemeSwitch />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main className="app-main">
        <ErrorBanner />
        {screen === 'live' ? <ReceiptList /> : <SystemScreen />}
      </AppShell.Main>
      <ReceiptDetailPanel />
    </AppShell>
  );
}

/** Light, dark, or whatever the operating system says (the default). */
function ThemeSwitch() {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <SegmentedControl
      fullWidth
      size="xs"
      aria-label="Theme"
      value={colorScheme}
      onChange={(v) => setColorScheme(v as 'light' | 'dark' | 'auto')}
      data={[
        { value: 'auto', label: 'System' },
        { value: 'light', label: 'Light' },
        { value: 'dark', label: 'Dark' },
      ]}
    />
  );
}
