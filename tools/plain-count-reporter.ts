// Prints the closing line CI reads in any language: "tests: N passed, N failed[, N skipped]".
import type { Reporter, TestCase } from 'vitest/node';

export default class PlainCountReporter implements Reporter {
  private passed = 0;
  private failed = 0;
  private skipped = 0;

  onTestCaseResult(testCase: TestCase): void {
    const state = testCase.result().state;
    if (state === 'passed') this.passed += 1;
    else if (state === 'failed') this.failed += 1;
    else this.skipped += 1;
  }

  onTestRunEnd(_modules: unknown, errors: readonly unknown[]): void {
    const failed = this.failed + (errors.length > 0 && this.failed === 0 ? errors.length : 0);
    const tail = this.skipped > 0 ? `, ${this.skipped} skipped` : '';
    process.stdout.write(`\ntests: ${this.passed} passed, ${failed} failed${tail}\n`);
  }
}
