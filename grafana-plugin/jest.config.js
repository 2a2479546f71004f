// force timezone to UTC to allow tests to work regardless of local timezone
// generally used by snapshots, but can affect specific tests
process.env.TZ = 'UTC';

const base = require('./.config/jest.config');

module.exports = {
  // Jest configuration provided by Grafana scaffolding
  ...base,
  // tests/ holds the tests of the plugin against the real backend, of the dashboards, provisioning and compose
  testMatch: [...base.testMatch, '<rootDir>/tests/**/*.test.{ts,tsx}'],
  // d3's ES modules (.mjs) reach @grafana/data's CommonJS build; compile them like the scaffold's .js
  transform: { ...base.transform, '^.+\\.mjs$': base.transform['^.+\\.(t|j)sx?$'] },
  globalSetup: '<rootDir>/tests/globalSetup.ts',
  globalTeardown: '<rootDir>/tests/globalTeardown.ts',
  // the backend may need a first Maven build before it listens
  testTimeout: 60_000,
};
