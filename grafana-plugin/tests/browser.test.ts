/**
 * @jest-environment node
 */
import { build } from 'esbuild';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { Browser, chromium } from 'playwright-core';

/** Debian's Chromium, which `npm test` installs when missing (tests/ensure-chromium.sh). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOT = path.join(__dirname, '..', 'test-results', 'query-editor.png');

describe('the query editor in Chromium', () => {
  let browser: Browser;
  let page: string;

  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rootscope-editor-'));
    await build({
      entryPoints: [path.join(__dirname, 'browser', 'harness.tsx')],
      bundle: true,
      outfile: path.join(dir, 'harness.js'),
      format: 'iife',
      platform: 'browser',
      define: { 'process.env.NODE_ENV': '"production"', global: 'window' },
      // @grafana/ui pulls in the code editor's CSS and fonts, which this page does not show
      loader: { '.svg': 'text', '.ttf': 'empty', '.woff': 'empty', '.woff2': 'empty', '.png': 'empty' },
      logLevel: 'error',
    });
    page = path.join(dir, 'index.html');
    fs.writeFileSync(
      page,
      '<!doctype html><html><body><div id="root"></div><script src="harness.js"></script></body></html>'
    );
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('renders, switches kind and completes a resource, then takes a screenshot', async () => {
    const tab = await browser.newPage({ viewport: { width: 1100, height: 520 } });
    const errors: string[] = [];
    tab.on('pageerror', (e) => errors.push(e.message));
    await tab.goto(`file://${page}`);

    await tab.getByText('Query kind').waitFor();
    for (const label of ['Resources', 'Metric', 'Stat', 'Resolution']) {
      await tab.getByText(label, { exact: true }).waitFor();
    }

    await tab.locator('#rs-kind').click();
    await tab.locator('#rs-kind').fill('Downstream');
    await tab.getByRole('option', { name: 'Downstream hotspots' }).click();
    await tab.locator('#rs-hotspots-resource').click();
    await tab.locator('#rs-hotspots-resource').fill('pay');
    await tab.getByRole('option', { name: 'sock-shop/payment' }).click();
    // The choice reaches the query on React's next render, which a loaded machine may not have done yet.
    await tab.locator('#state', { hasText: 'sock-shop/payment' }).waitFor();

    const state = JSON.parse((await tab.locator('#state').textContent()) ?? '{}');
    expect(state.query).toEqual({
      refId: 'A',
      queryType: 'hotspots',
      payload: { top: 5, resource: 'urn:k8s:svc:sock-shop/payment' },
    });
    expect(state.runs).toBeGreaterThanOrEqual(2);

    // The screenshot shows the metrics form, the one users meet first.
    await tab.locator('#rs-kind').click();
    await tab.locator('#rs-kind').fill('Metrics');
    await tab.getByRole('option', { name: 'Metrics' }).click();
    await tab.getByText('Resolution', { exact: true }).waitFor();
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await tab.screenshot({ path: SCREENSHOT });
    expect(fs.statSync(SCREENSHOT).size).toBeGreaterThan(5_000);
    expect(errors).toEqual([]);
  });
});
