import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { chooseDeskApi } from './api/choose-api';
import { App } from './components/App';
import { connectDesk } from './state/connect-desk';
import { useDesk } from './state/desk-store';
import './styles.css';

connectDesk(chooseDeskApi(), useDesk);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
