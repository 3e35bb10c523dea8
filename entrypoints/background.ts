import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createRouter } from '../lib/background/router';
import { RULES } from '../lib/background/rules';
import { handlers } from '../lib/background/handlers';
import { explain } from '../lib/background/explain';
import { resumeJobs } from '../lib/background/send';
import { onInboxAlarm, onNotificationClicked, startInbox } from '../lib/background/inbox';
import { recoverInterruptedChange } from '../lib/background/notifications';
import { admittedOrder } from '../lib/background/admission';
import { takeOverOpenPages } from '../lib/background/takeover';
import { isHandoff, onHandoff, onRuntimeHandoff } from '../lib/background/handoff';

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
    void resumeJobs();
    // MV3: a stopped worker is woken only for events whose listeners were added synchronously here.
    browser.alarms.onAlarm.addListener((alarm) => void onInboxAlarm(alarm));
    browser.notifications.onClicked.addListener((id) => void onNotificationClicked(id));
    void startInbox();
    void recoverInterruptedChange();
    browser.runtime.onInstalled.addListener(() => void takeOverOpenPages());
  },
});
