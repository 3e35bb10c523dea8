import { render } from 'preact';
import { ask } from '../../lib/ask';
import { t, uiLanguage } from '../../lib/i18n';
import { createReviewsStore } from '../../lib/ui/reviews-store';
import { ReviewsApp } from '../../components/reviews/ReviewsApp';
import '../../components/common/base.css';

document.documentElement.lang = uiLanguage();
document.title = t('rvb_title');

const store = createReviewsStore({ ask, now: Date.now });
render(<ReviewsApp store={store} />, document.getElementById('app')!);
void ask('connection.get', {}).then(
  (c) => store.load(c.defaultMarketplaceId ?? ''),
  () => store.load(''),
);
