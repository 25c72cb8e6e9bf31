/** Vietnamese lunar calendar, public holidays and working-day arithmetic (pure TypeScript). */
export * from './lunar.js';
export * from './dates.js';
export * from './holidays.js';
export * from './workingDays.js';
