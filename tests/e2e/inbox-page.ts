/** The popup's Inbox tab, driven as a seller would (end-to-end tests, the demo and the bench). */
import { expect, type Locator } from '@playwright/test';
import { SANDBOX_AWS } from '../sandbox/server';

export const QUEUE_CONNECTED = 'The queue answered. Order Courier now listens to it while the browser runs.';

/** Fills the Inbox tab's queue form with the sandbox's queue and AWS key and presses Test and connect. */
export async function submitQueue(panel: Locator, sandbox: { queueUrl: string }): Promise<void> {
  await panel.getByLabel('Queue URL').fill(sandbox.queueUrl);
  await panel.getByLabel('AWS region').fill(SANDBOX_AWS.region);
  await panel.getByLabel('Access key ID').fill(SANDBOX_AWS.accessKeyId);
  await panel.getByLabel('Secret access key').fill(SANDBOX_AWS.secretAccessKey);
  await panel.getByRole('button', { name: 'Test and connect' }).click();
}

/** Connects the sandbox's queue and waits until the tab says it answered. */
export async function connectQueue(panel: Locator, sandbox: { queueUrl: string }): Promise<void> {
  await submitQueue(panel, sandbox);
  await expect(panel.getByTestId('queue-result').getByRole('status')).toHaveText(QUEUE_CONNECTED, { timeout: 20_000 });
}
