/**
 * `npm run sandbox`: starts the local SP-API sandbox on 127.0.0.1 and prints what a user needs to
 * point the extension at it. Env: SANDBOX_PORT (default 4567, 0 = any free port), SANDBOX_LOG,
 * SPAPI_MODELS_DIR, SANDBOX_MODE (static = answer only the models' static sandbox examples).
 */
import { SANDBOX_AWS, SANDBOX_CREDENTIALS, SANDBOX_ORDERS, startSandbox } from './server';

const port = process.env.SANDBOX_PORT === undefined ? 4567 : Number(process.env.SANDBOX_PORT);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`SANDBOX_PORT must be a port number, not "${process.env.SANDBOX_PORT}".`);
  process.exit(2);
}

const sandbox = await startSandbox({ port });
console.log(`Order Courier sandbox listening on ${sandbox.url}`);
console.log(`
  Endpoint (LWA and SP-API): ${sandbox.url}
  LWA client id:             ${SANDBOX_CREDENTIALS.clientId}
  LWA client secret:         ${SANDBOX_CREDENTIALS.clientSecret}
  Refresh token:             ${SANDBOX_CREDENTIALS.refreshToken}
  SQS queue URL:             ${sandbox.queueUrl}
  AWS access key id:         ${SANDBOX_AWS.accessKeyId}
  AWS secret access key:     ${SANDBOX_AWS.secretAccessKey}
  Sample orders:             ${SANDBOX_ORDERS.us} (US), ${SANDBOX_ORDERS.de} (DE), ${SANDBOX_ORDERS.tr} (TR)
  Seller Central pages:      ${sandbox.url}/__pages/orders-v3
  Model validation:          ${sandbox.modelsAvailable ? 'on' : 'OFF (models folder not found)'}
  Mode:                      ${sandbox.mode === 'static' ? "static (answers only the models' sandbox examples, like Amazon's sandbox)" : 'stateful'}
  Request log:               ${process.env.SANDBOX_LOG || '(set SANDBOX_LOG=path to write one)'}
`);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the sandbox.`);
  await sandbox.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
