import { render } from 'preact';
import { ask } from '../../lib/ask';
import { t, uiLanguage } from '../../lib/i18n';
import { createReviewsStore } from '../../lib/ui/reviews-store';
import { ReviewsApp } from '../../components/reviews/ReviewsApp';
import '../../components/common/base.css';
import './reviews.css';

document.documentElement.lang = uiLanguage();
document.title = t('rvb_title');

const store = createReviewsStore({ ask, now: Date.now });
render(<ReviewsApp store={store} />, document.getElementById('app')!);
void ask('connection.get', {}).then(
  (c) => {
    // Every request of a run goes out under this connection: the seller must see which account it is.
    store.connectionName.value = c.name;
    return store.load(c.defaultMarketplaceId ?? '');
  },
  () => store.load(''),
);
