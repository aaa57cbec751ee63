import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { chooseDeskApi } from './api/choose-api';
import { DeskApiContext } from './api/desk-api-context';
import { App } from './components/App';
import { connectDesk } from './state/connect-desk';
import { useDesk } from './state/desk-store';
import './styles.css';

const api = chooseDeskApi();
connectDesk(api, useDesk);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DeskApiContext.Provider value={api}>
      <App />
    </DeskApiContext.Provider>
  </StrictMode>,
);
