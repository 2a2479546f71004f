// Jest setup provided by Grafana scaffolding; it needs a DOM, which the tests in the node environment
// (of files, in Chromium) do not have.
if (typeof window !== 'undefined') {
  require('./.config/jest-setup');
  // Combobox measures text on a canvas, watches its menu with an IntersectionObserver and virtualises the
  // options by their size: jsdom has none of these, so it would render an empty menu.
  HTMLCanvasElement.prototype.getContext = () => ({ measureText: (text) => ({ width: text.length * 7 }) });
  window.IntersectionObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
  for (const [name, size] of Object.entries({
    clientWidth: 320,
    clientHeight: 320,
    offsetWidth: 320,
    offsetHeight: 32,
  })) {
    Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => size });
  }
}
