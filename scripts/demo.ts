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
  await page.getByRole('button', { name: 'Message buyer' }).click();
  const composer = page.frameLocator('iframe[title="Message composer"]');
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

  // Store listings: 1280×800, the Chrome Web Store's size (addons.mozilla.org takes it too).
  const store = `${OUT}/store`;
  mkdirSync(store, { recursive: true });
  const storeSize = { width: 1280, height: 800 };
  await page.setViewportSize(storeSize);
  await page.screenshot({ path: `${store}/1-order-page-panel.png` });
  await options.setViewportSize(storeSize);
  await options.bringToFront();
  await options.screenshot({ path: `${store}/3-options.png` });
  const wide = await context.newPage();
  await wide.setViewportSize(storeSize);
  await wide.goto(`chrome-extension://${extensionId}/popup.html`);
  await wide.getByRole('heading').first().waitFor();
  // The popup is 380 px wide; shown larger and centred, as on a toolbar.
  await wide.addStyleTag({ content: 'html { background: #e8eef0; } body { zoom: 1.6; margin: 24px auto; background: #fff; box-shadow: 0 4px 16px #0003; }' });
  await wide.screenshot({ path: `${store}/2-popup-message.png` });
  await wide.getByRole('tab', { name: 'Notifications' }).click();
  await wide.waitForTimeout(1500);
  await wide.screenshot({ path: `${store}/4-popup-notifications.png` });
  await wide.close();

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
