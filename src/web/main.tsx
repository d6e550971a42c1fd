import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { session } from './data/session';
import { App } from './app/app';

void session.start();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
