import { defineConfig } from 'wxt';
import { LANGUAGES, loadCatalogue } from './scripts/locales';
import { privacyPage } from './scripts/privacy-page';
import { SELLER_CENTRAL_HOSTS } from './lib/marketplaces';

const sellerCentralMatches = SELLER_CENTRAL_HOSTS.map((host) => `https://${host}/*`);

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  // Firefox too: the background uses `browser.action` (badge, "Check now"), which Manifest V2 lacks.
  // Firefox's MV3 background is an event page (`background.scripts`); WXT writes that for it.
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms', 'notifications', 'scripting'],
    host_permissions: [
      // SP-API, production and Amazon's sandbox, in the three regions.
      'https://sellingpartnerapi-na.amazon.com/*',
      'https://sellingpartnerapi-eu.amazon.com/*',
      'https://sellingpartnerapi-fe.amazon.com/*',
      'https://sandbox.sellingpartnerapi-na.amazon.com/*',
      'https://sandbox.sellingpartnerapi-eu.amazon.com/*',
      'https://sandbox.sellingpartnerapi-fe.amazon.com/*',
      // Login with Amazon token endpoint.
      'https://api.amazon.com/*',
      // Presigned S3 upload URLs (regional host names vary) and the seller's SQS queue.
      'https://*.amazonaws.com/*',
      // Seller Central, where the content script already runs: to run the new version in open tabs after an update.
      ...sellerCentralMatches,
    ],
    // Firefox asks every add-on to declare what it collects. Order Courier sends order data only to
    // Amazon, on the seller's request, and collects nothing for itself.
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'order-courier@extension',
              // 142: the first desktop and Android releases that know every key used here
              // (data_collection_permissions among them); Mozilla's linter warns below it.
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {
          // storage.session (tokens, unlock key, message-type cache) needs Chrome 102; the composer's
          // selected-type outline uses CSS :has(), Chrome 105.
          minimum_chrome_version: '105',
        }),
    web_accessible_resources: [
      {
        // The order-page panel frames the composer page. A dynamic URL changes every session, so a page
        // cannot frame or probe the composer on its own.
        resources: ['composer.html'],
        matches: sellerCentralMatches,
        use_dynamic_url: true,
      },
    ],
  }),
  hooks: {
    // WXT names the toolbar button after the popup's <title>; the store and the toolbar want it localised.
    'build:manifestGenerated': (_wxt, manifest) => {
      if (manifest.action) manifest.action.default_title = '__MSG_actionTitle__';
    },
    'build:publicAssets': (wxt, files) => {
      // The privacy policy, linked from the options page, from the one text in docs/.
      files.push({ relativeDest: 'privacy.html', contents: privacyPage(wxt.config.root) });
      for (const lang of LANGUAGES) {
        files.push({
          relativeDest: `_locales/${lang}/messages.json`,
          contents: JSON.stringify(loadCatalogue(wxt.config.root, lang), null, 2),
        });
      }
    },
  },
});
