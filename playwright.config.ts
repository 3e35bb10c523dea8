import { defineConfig } from '@playwright/test';

// One browser at a time: the machines have two cores, and each test starts its own Chromium and sandbox.
export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 45_000,
  expect: { timeout: 8_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: { trace: 'off' },
});
