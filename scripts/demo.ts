/**
 * The main job, on this machine: the built extension in Chromium, connected to the local sandbox through
 * its own options page, on a sample Seller Central order page with the Message buyer panel open.
 * With a display it stays open for you to use; without one it writes screenshots and exits.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { startSandbox } from '../tests/sandbox/server';
import { connect, launch, serviceWorker } from '../tests/e2e/browser';

const OUT = resolve('demo-screenshots');
const headless = !process.env.DISPLAY || process.env.CI === 'true';

async function main() {
  const sandbox = await startSandbox({ port: Number(process.env.SANDBOX_PORT ?? 4567), logFile: process.env.SANDBOX_LOG });
  const errors: string[] = [];
  const context = await launch(sandbox, errors, { headless });
  const extensionId = new URL((await serviceWorker(context)).url()).host;
  const options = await connect(context, extensionId, sandbox);
  mkdirSync(OUT, { recursive: true });
  await options.screenshot({ path: `${OUT}/1-options-connected.png`, fullPage: true });

  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 820 });
  await page.goto('https://sellercentral.amazon.com/orders-v3/order/902-3159896-1390916');
  // The panel's shadow root is closed: the host takes the click, and the composer is found among the frames.
  await page.locator('order-courier-panel').click();
  await page.waitForEvent('frameattached');
  const composer = page.frames().find((f) => f.url().includes('/composer.html')) ?? page.frames().at(-1)!;
  await composer.waitForLoadState();
  await composer.locator('[data-segment="confirmOrderDetails"] input').check();
  await composer.getByRole('textbox').first().fill('Hello! Could you confirm the colour of the mug before we ship your order?');
  await page.screenshot({ path: `${OUT}/2-order-page-panel.png` });

  const popup = await context.newPage();
  await popup.setViewportSize({ width: 400, height: 520 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.getByRole('heading').first().waitFor();
  await popup.screenshot({ path: `${OUT}/3-popup.png` });
  await popup.getByRole('tab', { name: 'Notifications' }).click();
  await popup.waitForTimeout(1500);
  await popup.screenshot({ path: `${OUT}/4-popup-notifications.png`, fullPage: true });
  await popup.close();

  console.log(`Order Courier is running against the sandbox at ${sandbox.url}`);
  console.log(`Screenshots: ${OUT}`);
  if (errors.length) console.error('Page errors:', errors);
  if (headless) {
    await context.close();
    await sandbox.close();
    return;
  }
  console.log('The browser stays open; press Ctrl+C to stop.');
  await new Promise<void>((done) => process.once('SIGINT', () => done()));
  await context.close();
  await sandbox.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
