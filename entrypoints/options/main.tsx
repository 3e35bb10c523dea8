import { render } from 'preact';
import { ask } from '../../lib/ask';
import { t, uiLanguage } from '../../lib/i18n';
import { createConnectionStore } from '../../lib/ui/connection-store';
import { ConnectionForm } from '../../components/options/ConnectionForm';
import '../../components/common/base.css';
import './options.css';

document.documentElement.lang = uiLanguage();
document.title = t('opt_pageTitle');
const store = createConnectionStore(ask);
void store.load();
render(<ConnectionForm store={store} />, document.getElementById('app')!);
