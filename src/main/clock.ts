/** Injected time source: tests and imports of past work use a fixed clock. */
export type Clock = () => number;
export const systemClock: Clock = () => Date.now();
