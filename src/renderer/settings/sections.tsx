/**
 * The sections of the Settings screen, in order. A later part of Receipt Desk adds its section
 * here (as the profiles and the relay did); the screen, the form and the save stay as they are.
 */
import { Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { ThemeSwitch } from '../components/ThemeSwitch';
import { AllowListSection, WebPageSection } from './AccessSection';
import { AutoExportSection } from './AutoExportSection';
import { BusinessSection } from './BusinessSection';
import { CapacitySection } from './CapacitySection';
import { CloudRelaySection } from './CloudRelaySection';
import { PassThroughSection } from './PassThroughSection';
import { PortsSection } from './PortsSection';
import { ProfilesSection } from './ProfilesSection';
import { RetentionSection } from './RetentionSection';
import type { SettingsForm } from './settings-form';

export interface SettingsSection {
  id: string;
  title: string;
  description: string;
  /** Paths of the settings it edits: their errors are counted on its heading. */
  paths: string[];
  render(form: SettingsForm): ReactNode;
}

export const SETTINGS_SECTIONS: SettingsSection[] = [
  {
    id: 'ports',
    title: 'Printer ports',
    description:
      'Each port is a printer to the POS. Point each till at this PC’s address and a port.',
    paths: ['listeners'],
    render: (form) => <PortsSection form={form} />,
  },
  {
    id: 'allow',
    title: 'Who may print',
    description: 'Anyone on the network can send to a printer port unless you list the tills.',
    paths: ['capture.allowList'],
    render: (form) => <AllowListSection form={form} />,
  },
  {
    id: 'business',
    title: 'Business day',
    description:
      'The restaurant, when its day starts and its money, for sales figures and reports.',
    paths: [
      'business.restaurantName',
      'business.dayStart',
      'business.timeZone',
      'business.currency',
    ],
    render: (form) => <BusinessSection form={form} />,
  },
  {
    id: 'profiles',
    title: 'Sales profiles',
    description:
      'A station whose till labels its figures in its own words reads them with its profile.',
    paths: ['business.profiles'],
    render: (form) => <ProfilesSection form={form} />,
  },
  {
    id: 'retention',
    title: 'Keeping receipts',
    description: 'Receipts are kept on this PC, in the receipts file.',
    paths: ['store.retentionDays'],
    render: (form) => <RetentionSection form={form} />,
  },
  {
    id: 'auto-export',
    title: 'Automatic export',
    description: 'The daily report written into a folder after each business day, for the books.',
    paths: ['autoExport'],
    render: (form) => <AutoExportSection form={form} />,
  },
  {
    id: 'cloud-relay',
    title: 'Cloud relay',
    description:
      'Every receipt, with its figures, to the restaurant’s own endpoint. Card numbers are masked before anything leaves this PC.',
    paths: ['cloudRelay'],
    render: (form) => <CloudRelaySection form={form} />,
  },
  {
    id: 'pass-through',
    title: 'Pass-through',
    description:
      'A station’s jobs printed on a real printer too, byte for byte and in order, while they are kept here.',
    paths: ['passThrough'],
    render: (form) => <PassThroughSection form={form} />,
  },
  {
    id: 'capacity',
    title: 'Capacity',
    description: 'Limits that keep the PC steady in a rush. The defaults suit most restaurants.',
    paths: [
      'capture.maxConnections',
      'capture.maxConnectionsPerPeer',
      'capture.idleCloseS',
      'capture.idleTimeoutMs',
      'capture.maxReceiptBytes',
      'pool',
    ],
    render: (form) => <CapacitySection form={form} />,
  },
  {
    id: 'web',
    title: 'Web page',
    description: 'Receipt Desk in a browser, on this PC or on phones and tablets.',
    paths: ['http'],
    render: (form) => <WebPageSection form={form} />,
  },
  {
    id: 'appearance',
    title: 'Appearance',
    description: 'Remembered by this window or browser; each phone or tablet chooses its own.',
    paths: [],
    render: () => (
      <Stack gap={4} maw={360}>
        <Text size="sm" fw={500} id="theme-label">
          Theme
        </Text>
        <ThemeSwitch />
      </Stack>
    ),
  },
];
