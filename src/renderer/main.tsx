/** Renderer entry: pick the API transport (Electron bridge or loopback HTTP), then render (sign-in first). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initTransport } from './api/client';
import { Root } from './Root';
import './styles/app.css';

initTransport();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Root />
    </StrictMode>,
  );
}
