/**
 * State of the options page's connection form: signals plus actions, no DOM and no browser API except
 * through the injected `ask`, so it is tested directly.
 */
import { computed, signal } from '@preact/signals';
import type { ask as askFn } from '../ask';
import { explainedOf } from '../ask';
import { marketplaceById, type RegionId } from '../marketplaces';
import type { ConnectionReport, ConnectionSummary, Explained } from '../protocol';
import { endpointIdentity, type Endpoint } from '../spapi/endpoints';

export type EndpointKind = 'production' | 'amazon-sandbox' | 'custom';

export function createConnectionStore(ask: typeof askFn) {
  const summary = signal<ConnectionSummary | undefined>(undefined);
  const kind = signal<EndpointKind>('production');
  const region = signal<RegionId>('NA');
  const baseUrl = signal('');
  const marketplaceId = signal('ATVPDKIKX0DER');
  const clientId = signal('');
  const clientSecret = signal('');
  const refreshToken = signal('');
  const busy = signal<'saving' | 'testing' | undefined>(undefined);
  const error = signal<Explained | undefined>(undefined);
  const saved = signal(false);
  const report = signal<ConnectionReport | undefined>(undefined);

  const endpoint = computed<Endpoint>(() =>
    kind.value === 'custom'
      ? { kind: 'custom', baseUrl: baseUrl.value.trim().replace(/\/$/, '') }
      : { kind: kind.value, region: region.value },
  );
  /** Stored secrets count only for the endpoint they were entered for; for any other they must be typed again. */
  const secretsHere = computed(() => {
    const s = summary.value;
    return s?.secretsFor !== undefined && endpointIdentity(s.secretsFor) === endpointIdentity(endpoint.value);
  });
  const stored = computed(() => ({
    clientSecret: secretsHere.value && Boolean(summary.value?.hasClientSecret),
    refreshToken: secretsHere.value && Boolean(summary.value?.hasRefreshToken),
    /** Secrets are stored, but for another endpoint: the form says why they are asked for again. */
    elsewhere: !secretsHere.value && Boolean(summary.value?.hasClientSecret || summary.value?.hasRefreshToken),
  }));

  /** Field problems, as message keys, shown next to the field and blocking Save. */
  const problems = computed(() => {
    const p: Record<string, string> = {};
    if (!clientId.value.trim()) p.clientId = 'opt_clientIdRequired';
    if (!clientSecret.value && !stored.value.clientSecret) p.clientSecret = 'opt_clientSecretRequired';
    if (!refreshToken.value && !stored.value.refreshToken) p.refreshToken = 'opt_refreshTokenRequired';
    else if (refreshToken.value && !refreshToken.value.startsWith('Atzr|')) p.refreshToken = 'opt_refreshTokenShape';
    if (kind.value === 'custom' && !/^https?:\/\/[^\s/?#]+(:\d+)?\/?$/.test(baseUrl.value.trim())) p.baseUrl = 'opt_baseUrlInvalid';
    if (kind.value !== 'custom' && marketplaceById(marketplaceId.value)?.region !== region.value) p.marketplace = 'opt_marketplaceRegion';
    return p;
  });

  function adopt(s: ConnectionSummary) {
    summary.value = s;
    clientSecret.value = '';
    refreshToken.value = '';
    if (!s.endpoint) return;
    kind.value = s.endpoint.kind;
    if (s.endpoint.kind === 'custom') baseUrl.value = s.endpoint.baseUrl;
    else region.value = s.endpoint.region;
    if (s.defaultMarketplaceId) marketplaceId.value = s.defaultMarketplaceId;
    if (s.clientId) clientId.value = s.clientId;
  }

  async function load() {
    try {
      adopt(await ask('connection.get', {}));
    } catch (e) {
      error.value = explainedOf(e);
    }
  }

  async function save(): Promise<boolean> {
    if (Object.keys(problems.value).length > 0) return false;
    busy.value = 'saving';
    error.value = undefined;
    report.value = undefined;
    try {
      adopt(
        await ask('connection.save', {
          endpoint: endpoint.value,
          defaultMarketplaceId: marketplaceId.value,
          clientId: clientId.value.trim(),
          clientSecret: clientSecret.value.trim(),
          refreshToken: refreshToken.value.trim(),
        }),
      );
      saved.value = true;
      return true;
    } catch (e) {
      error.value = explainedOf(e);
      return false;
    } finally {
      busy.value = undefined;
    }
  }

  async function test() {
    busy.value = 'testing';
    error.value = undefined;
    try {
      report.value = await ask('connection.test', {});
    } catch (e) {
      error.value = explainedOf(e);
    } finally {
      busy.value = undefined;
    }
  }

  async function forget() {
    try {
      adopt(await ask('connection.forget', {}));
      clientId.value = '';
      report.value = undefined;
      saved.value = false;
    } catch (e) {
      error.value = explainedOf(e);
    }
  }

  return {
    summary, stored, kind, region, baseUrl, marketplaceId, clientId, clientSecret, refreshToken,
    busy, error, saved, report, problems, load, save, test, forget,
  };
}

export type ConnectionStore = ReturnType<typeof createConnectionStore>;
