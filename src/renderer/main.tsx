/** Renderer entry: pick the API transport (Electron bridge or loopback HTTP), then render. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initTransport } from './api/client';
import { App } from './App';
import './styles/app.css';

initTransport();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
