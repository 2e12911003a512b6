import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './style-nonce';
import './i18n/i18n';
import { Root } from './root';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
