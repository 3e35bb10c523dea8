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
import { onReviewAlarm, resumeRuns } from '../lib/background/review-runs';

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
    browser.runtime.onMessage.addListener((message, sender) => route(message, sender));
    void resumeJobs();
    // MV3: a stopped worker is woken only for events whose listeners were added synchronously here.
    browser.alarms.onAlarm.addListener((alarm) => void onInboxAlarm(alarm));
    browser.alarms.onAlarm.addListener((alarm) => onReviewAlarm(alarm));
    void resumeRuns();
    browser.notifications.onClicked.addListener((id) => void onNotificationClicked(id));
    void startInbox();
    void recoverInterruptedChange();
    browser.runtime.onInstalled.addListener(() => void takeOverOpenPages());
  },
});
