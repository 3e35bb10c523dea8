import { render } from 'preact';
import { effect, untracked } from '@preact/signals';
import { ask } from '../../lib/ask';
import { t, tp, uiLanguage } from '../../lib/i18n';
import { createConnectionStore } from '../../lib/ui/connection-store';
import { ConnectionForm } from '../../components/options/ConnectionForm';
import { ConnectionList } from '../../components/options/ConnectionList';
import { createLockStore } from '../../lib/ui/lock-store';
import { PassphraseLock } from '../../components/options/PassphraseLock';
import { PageCheck } from '../../components/options/PageCheck';
import { AutoReviewsSetting } from '../../components/reviews/AutoReviews';
import { createAutoReviewsStore } from '../../lib/ui/auto-reviews-store';
import '../../components/common/base.css';
import './options.css';

document.documentElement.lang = uiLanguage();
document.title = t('opt_pageTitle');
const store = createConnectionStore(ask, (name, pending, reviewOrders) =>
  window.confirm(
    [pending > 0 && tp('conn_confirmRemovePending', pending, [name]), reviewOrders > 0 && tp('conn_confirmRemoveRun', reviewOrders, [name])].filter(Boolean).join('\n\n'),
  ),
);
void store.load();
const lock = createLockStore(ask);
const autoReviews = createAutoReviewsStore(ask);
void autoReviews.load();
// Removing the last connection removes the passphrase with it, so the lock's state is read again whenever
// the connections change (and once now).
effect(() => {
  void store.list.value;
  untracked(() => void lock.load());
});
render(
  <>
    <ConnectionList store={store} />
    <ConnectionForm store={store} />
    <PassphraseLock store={lock} />
    <AutoReviewsSetting store={autoReviews} />
    <PageCheck />
    <p class="hint">
      <a href="/privacy.html" target="_blank" rel="noopener">
        {t('opt_privacyLink')}
      </a>
    </p>
  </>,
  document.getElementById('app')!,
);
