/**
 * State of the options page's connection form: signals plus actions, no DOM and no browser API except
 * through the injected `ask`, so it is tested directly.
 */
import { computed, signal } from '@preact/signals';
import type { ask as askFn } from '../ask';
import { explainedOf } from '../ask';
import { marketplaceById, type RegionId } from '../marketplaces';
import type { ConnectionReport, ConnectionSummary, ConnectionsView, Explained } from '../protocol';
import { endpointIdentity, type Endpoint } from '../spapi/endpoints';

export type EndpointKind = 'production' | 'amazon-sandbox' | 'custom';

/**
 * `confirmRemoval` asks the seller whether to remove a connection that still has sends under way (they end
 * as not sent) or orders of a bulk review run not yet asked (they end as not requested); the page passes the
 * browser's confirm dialog.
 */
export function createConnectionStore(ask: typeof askFn, confirmRemoval: (name: string, pending: number, reviewOrders: number) => boolean = () => false) {
  const list = signal<ConnectionsView>({ connections: [] });
  /** The connection the form edits; undefined while adding a new one. */
  const editing = signal<string | undefined>(undefined);
  const summary = signal<ConnectionSummary | undefined>(undefined);
  const name = signal('');
  /** Another address only: the region it stands for, '' for every region. */
  const customRegion = signal<RegionId | ''>('');
  const merchantId = signal('');
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
    const servedRegion = kind.value === 'custom' ? customRegion.value : region.value;
    if (servedRegion && marketplaceById(marketplaceId.value)?.region !== servedRegion) p.marketplace = 'opt_marketplaceRegion';
    if (!/^[A-Za-z0-9._-]*$/.test(merchantId.value.trim())) p.merchantId = 'conn_merchantInvalid';
    return p;
  });

  function adopt(s: ConnectionSummary) {
    summary.value = s;
    editing.value = s.id;
    clientSecret.value = '';
    refreshToken.value = '';
    if (!s.endpoint) return;
    name.value = s.name ?? '';
    customRegion.value = s.region ?? '';
    merchantId.value = s.merchantId ?? '';
    kind.value = s.endpoint.kind;
    if (s.endpoint.kind === 'custom') baseUrl.value = s.endpoint.baseUrl;
    else region.value = s.endpoint.region;
    if (s.defaultMarketplaceId) marketplaceId.value = s.defaultMarketplaceId;
    if (s.clientId) clientId.value = s.clientId;
  }

  async function load() {
    try {
      list.value = await ask('connections.list', {});
      const current = list.value.connections.find((c) => c.id === list.value.current);
      if (current) adopt(current);
      else add();
    } catch (e) {
      error.value = explainedOf(e);
    }
  }

  /** Opens a connection in the form. */
  function select(id: string) {
    const chosen = list.value.connections.find((c) => c.id === id);
    if (!chosen) return;
    error.value = undefined;
    report.value = undefined;
    saved.value = false;
    adopt(chosen);
  }

  /** An empty form for a new connection. */
  function add() {
    summary.value = undefined;
    editing.value = undefined;
    name.value = '';
    kind.value = 'production';
    region.value = 'NA';
    baseUrl.value = '';
    customRegion.value = '';
    marketplaceId.value = 'ATVPDKIKX0DER';
    merchantId.value = '';
    clientId.value = '';
    clientSecret.value = '';
    refreshToken.value = '';
    report.value = undefined;
    error.value = undefined;
    saved.value = false;
  }

  async function save(): Promise<boolean> {
    if (Object.keys(problems.value).length > 0) return false;
    busy.value = 'saving';
    error.value = undefined;
    report.value = undefined;
    try {
      adopt(
        await ask('connection.save', {
          ...(editing.value ? { id: editing.value } : {}),
          name: name.value.trim(),
          ...(kind.value === 'custom' && customRegion.value ? { region: customRegion.value } : {}),
          ...(merchantId.value.trim() ? { merchantId: merchantId.value.trim() } : {}),
          endpoint: endpoint.value,
          defaultMarketplaceId: marketplaceId.value,
          clientId: clientId.value.trim(),
          clientSecret: clientSecret.value.trim(),
          refreshToken: refreshToken.value.trim(),
        }),
      );
      saved.value = true;
      list.value = await ask('connections.list', {});
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
      report.value = await ask('connection.test', editing.value ? { connectionId: editing.value } : {});
    } catch (e) {
      error.value = explainedOf(e);
    } finally {
      busy.value = undefined;
    }
  }

  /**
   * Removes a connection; one with sends under way or a bulk review run unfinished only once the seller agreed
   * they end unsent and unasked.
   */
  async function remove(id: string) {
    error.value = undefined;
    try {
      let answer = await ask('connection.remove', { connectionId: id, endPendingSends: false });
      if (!answer.removed) {
        const named = list.value.connections.find((c) => c.id === id)?.name ?? id;
        if (!confirmRemoval(named, answer.pending, answer.reviewOrders)) return;
        answer = await ask('connection.remove', { connectionId: id, endPendingSends: true });
      }
      list.value = answer.view;
      if (editing.value === id) {
        const next = answer.view.connections.find((c) => c.id === answer.view.current);
        if (next) adopt(next);
        else add();
      }
    } catch (e) {
      error.value = explainedOf(e);
    }
  }

  return {
    list, editing, summary, stored, name, kind, region, baseUrl, customRegion, marketplaceId, merchantId, clientId, clientSecret, refreshToken,
    busy, error, saved, report, problems, load, select, add, save, test, remove,
  };
}

export type ConnectionStore = ReturnType<typeof createConnectionStore>;
