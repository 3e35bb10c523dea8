import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createRouter } from '../lib/background/router';
import { RULES } from '../lib/background/rules';
import { handlers } from '../lib/background/handlers';
import { explain } from '../lib/background/explain';
import { resumeJobs } from '../lib/background/send';
import { listConnections } from '../lib/background/connection';
import { onInboxAlarm, onNotificationClicked, startInbox } from '../lib/background/inbox';
import { recoverInterruptedChange } from '../lib/background/notifications';
import { admittedOrder } from '../lib/background/admission';
import { takeOverOpenPages } from '../lib/background/takeover';
import { isHandoff, onHandoff, onRuntimeHandoff } from '../lib/background/handoff';
import { onReviewAlarm, resumeRuns } from '../lib/background/review-runs';
import { onAutoReviewAlarm, startAutoReviews } from '../lib/background/auto-reviews';

export default defineBackground({
  type: 'module',
  main() {
    const route = createRouter({
      extensionId: browser.runtime.id,
      extensionProtocol: new URL(browser.runtime.getURL('/')).protocol,
      rules: RULES,
      handlers,
      explain,
      admittedOrder,
    });
    browser.runtime.onMessage.addListener((message, sender) => (isHandoff(message) ? onRuntimeHandoff(message, sender) : route(message, sender)));
    // Attachment bytes posted by the composer to this worker (lib/background/handoff.ts).
    globalThis.addEventListener('message', (event) => onHandoff(event as unknown as Parameters<typeof onHandoff>[0]));
    // A job whose connection was removed while the worker was stopped ends as not sent.
    void listConnections().then((connections) => resumeJobs(new Set(connections.map((c) => c.id))));
    // MV3: a stopped worker is woken only for events whose listeners were added synchronously here.
    browser.alarms.onAlarm.addListener((alarm) => void onInboxAlarm(alarm));
    browser.alarms.onAlarm.addListener((alarm) => onReviewAlarm(alarm));
    void resumeRuns();
    browser.alarms.onAlarm.addListener((alarm) => onAutoReviewAlarm(alarm));
    // Every worker start (browser start, install, update, woken after a stop): due orders, then the alarm re-armed.
    void startAutoReviews();
    browser.notifications.onClicked.addListener((id) => void onNotificationClicked(id));
    // Starts the worker with the browser, so the inbox listens from the first minute, not from the first alarm.
    browser.runtime.onStartup.addListener(() => void startInbox());
    void startInbox();
    void recoverInterruptedChange();
    browser.runtime.onInstalled.addListener(() => void takeOverOpenPages());
  },
});
