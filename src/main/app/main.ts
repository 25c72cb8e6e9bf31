/**
 * Electron main-process entry (built to out/main/index.js, package.json "main").
 * No top-level await: the app:// scheme must be registered before Electron's 'ready'.
 */
import { startApp } from './lifecycle.js';

startApp({ mainDir: import.meta.dirname });
