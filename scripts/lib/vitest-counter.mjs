// A Vitest reporter that writes the run's counts (scripts/lib/counts.mjs) as JSON to the file
// named by $VANTHU_VITEST_COUNTS, for scripts/test.mjs. Used next to Vitest's default reporter.
import { writeFileSync } from 'node:fs';
import { countVitest } from './counts.mjs';

export default class CountingReporter {
  onTestRunEnd(testModules, unhandledErrors) {
    const file = process.env.VANTHU_VITEST_COUNTS;
    if (file) writeFileSync(file, JSON.stringify(countVitest(testModules, unhandledErrors)));
  }
}
