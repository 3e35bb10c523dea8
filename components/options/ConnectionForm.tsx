import { t } from '../../lib/i18n';
import { MARKETPLACES, type RegionId } from '../../lib/marketplaces';
import type { ConnectionStore, EndpointKind } from '../../lib/ui/connection-store';
import { ErrorNote } from '../common/ErrorNote';
import { AmazonSandboxNote } from './AmazonSandboxNote';
import { ConnectionReport } from './ConnectionReport';
import { Field } from '../common/Field';

const KINDS: EndpointKind[] = ['production', 'amazon-sandbox', 'custom'];
const REGIONS: RegionId[] = ['NA', 'EU', 'FE'];

export function ConnectionForm({ store }: { store: ConnectionStore }) {
  const s = store;
  const problems = s.problems.value;
  const showProblems = s.saved.value || s.busy.value !== undefined;
  // The refresh token's shape is checked as it is typed; an empty form opens without errors.
  const problem = (field: string) => (showProblems || (field === 'refreshToken' && s.refreshToken.value !== '') ? problems[field] : undefined);
  const onSubmit = async (e: Event) => {
    e.preventDefault();
    s.saved.value = true;
    if (await s.save()) await s.test();
  };
  return (
    <form onSubmit={onSubmit} aria-labelledby="connection-title" noValidate>
      <h2 id="connection-title">{s.editing.value ? t('conn_editTitle', [s.name.value || s.summary.value?.name || '']) : t('conn_addTitle')}</h2>
      <Field id="connectionName" label={t('conn_name')} hint={t('conn_nameHint')}>
        <input id="connectionName" type="text" autocomplete="off" maxLength={80} value={s.name.value} onInput={(e) => (s.name.value = e.currentTarget.value)} />
      </Field>
      <fieldset>
        <legend>{t('opt_endpoint')}</legend>
        {KINDS.map((kind) => (
          <label key={kind} class="row" style={{ fontWeight: 'normal' }}>
            <input type="radio" name="endpoint" value={kind} checked={s.kind.value === kind} onChange={() => (s.kind.value = kind)} />
            {t(`opt_endpoint_${kind.replace('-', '_')}`)}
          </label>
        ))}
        <AmazonSandboxNote store={s} />
        {s.kind.value === 'custom' ? (
          <>
            <Field id="baseUrl" label={t('opt_baseUrl')} hint={t('opt_baseUrlHint')} problem={problem('baseUrl')}>
              <input id="baseUrl" type="url" value={s.baseUrl.value} onInput={(e) => (s.baseUrl.value = e.currentTarget.value)} />
            </Field>
            <Field id="customRegion" label={t('conn_servesRegion')} hint={t('conn_servesRegionHint')}>
              <select id="customRegion" value={s.customRegion.value} onChange={(e) => (s.customRegion.value = e.currentTarget.value as RegionId | '')}>
                <option value="">{t('conn_everyRegion')}</option>
                {REGIONS.map((r) => (
                  <option key={r} value={r}>{t(`opt_region_${r}`)}</option>
                ))}
              </select>
            </Field>
          </>
        ) : (
          <Field id="region" label={t('opt_region')}>
            <select id="region" value={s.region.value} onChange={(e) => (s.region.value = e.currentTarget.value as RegionId)}>
              {REGIONS.map((r) => (
                <option key={r} value={r}>{t(`opt_region_${r}`)}</option>
              ))}
            </select>
          </Field>
        )}
        <Field id="marketplace" label={t('opt_marketplace')} hint={t('opt_marketplaceHint')} problem={problem('marketplace')}>
          <select id="marketplace" value={s.marketplaceId.value} onChange={(e) => (s.marketplaceId.value = e.currentTarget.value)}>
            {MARKETPLACES.map((m) => (
              <option key={m.id} value={m.id}>{`${m.country} (${m.region}) — ${m.id}`}</option>
            ))}
          </select>
        </Field>
        <Field id="merchantId" label={t('conn_merchant')} hint={t('conn_merchantHint')} problem={problem('merchantId')}>
          <input id="merchantId" type="text" autocomplete="off" spellcheck={false} value={s.merchantId.value} onInput={(e) => (s.merchantId.value = e.currentTarget.value)} />
        </Field>
      </fieldset>
      <fieldset>
        <legend>{t('opt_credentials')}</legend>
        <p class="hint">{t('opt_credentialsHint')}</p>
        <p class="hint" id="vault-protection">{t('opt_vaultProtection')}</p>
        <Field id="clientId" label={t('opt_clientId')} problem={problem('clientId')}>
          <input id="clientId" type="text" autocomplete="off" spellcheck={false} value={s.clientId.value} onInput={(e) => (s.clientId.value = e.currentTarget.value)} />
        </Field>
        <Field id="clientSecret" label={t('opt_clientSecret')} hint={s.stored.value.clientSecret ? t('opt_storedKeep') : s.stored.value.elsewhere ? t('opt_secretsOtherEndpoint') : undefined} problem={problem('clientSecret')}>
          <input id="clientSecret" type="password" autocomplete="off" value={s.clientSecret.value} onInput={(e) => (s.clientSecret.value = e.currentTarget.value)} />
        </Field>
        <Field id="refreshToken" label={t('opt_refreshToken')} hint={s.stored.value.refreshToken ? t('opt_storedKeep') : s.stored.value.elsewhere ? t('opt_secretsOtherEndpoint') : t('opt_refreshTokenHint')} problem={problem('refreshToken')}>
          <input id="refreshToken" type="password" autocomplete="off" value={s.refreshToken.value} onInput={(e) => (s.refreshToken.value = e.currentTarget.value)} />
        </Field>
      </fieldset>
      <div class="row">
        <button type="submit" class="primary" disabled={s.busy.value !== undefined}>
          {t('opt_saveAndTest')}
        </button>
        <button type="button" disabled={!s.summary.value?.configured || s.busy.value !== undefined} onClick={() => void s.test()}>
          {t('opt_test')}
        </button>

      </div>
      <div aria-live="polite">
        {s.busy.value && <p>{t(s.busy.value === 'saving' ? 'opt_saving' : 'opt_testing')}</p>}
        {s.error.value && <ErrorNote error={s.error.value} />}
        {s.report.value && <ConnectionReport report={s.report.value} />}
      </div>
    </form>
  );
}
