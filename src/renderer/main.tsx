import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import { MantineProvider } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { chooseDeskApi } from './api/choose-api';
import { DeskApiContext } from './api/desk-api-context';
import { App } from './components/App';
import { connectDesk } from './state/connect-desk';
import { useDesk } from './state/desk-store';
import { recordMetricsHistory } from './state/metrics-history';
import { theme } from './theme';
import './styles.css';

const api = chooseDeskApi();
connectDesk(api, useDesk);
recordMetricsHistory(useDesk);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <DeskApiContext.Provider value={api}>
        <App />
      </DeskApiContext.Provider>
    </MantineProvider>
  </StrictMode>,
);
