// Jest setup provided by Grafana scaffolding; it needs a DOM, which the tests in the node environment
// (against the backend, of files, in Chromium) do not have.
if (typeof window !== 'undefined') {
  require('./.config/jest-setup');
}
