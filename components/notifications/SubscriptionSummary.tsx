import { t } from '../../lib/i18n';
import { aggregationKey, changeTypeKey } from '../../lib/notifications/labels';
import type { DestinationView } from '../../lib/protocol';
import type { SubscriptionSummary as Summary } from '../../lib/notifications/filters';
import { countryName } from './labels';

/** The ORDER_CHANGE subscription as Amazon has it now, in words. */
export function SubscriptionSummary({ summary, destinations }: { summary: Summary; destinations: DestinationView[] }) {
  const destination = destinations.find((d) => d.destinationId === summary.destinationId);
  const types = summary.changeTypes === 'all' ? t('ntf_summary_all_change_types') : summary.changeTypes.map((c) => t(changeTypeKey(c))).join(', ');
  const marketplaces =
    summary.marketplaces === 'all'
      ? t('ntf_summary_all_marketplaces')
      : summary.marketplaces.map((m) => countryName(m.countryCode, m.id)).join(', ');
  return (
    <dl class="summary" data-testid="subscription-summary">
      <dt>{t('nui_destination')}</dt>
      <dd>{destination?.name ?? summary.destinationId}</dd>
      <dt>{t('nui_change_types')}</dt>
      <dd data-testid="subscription-types">{types}</dd>
      <dt>{t('nui_marketplaces')}</dt>
      <dd>{marketplaces}</dd>
      {summary.aggregation && (
        <>
          <dt>{t('nui_aggregation')}</dt>
          <dd>{t(aggregationKey(summary.aggregation))}</dd>
        </>
      )}
      {summary.filterExpression !== undefined && <dd class="warning">{t('ntf_summary_custom_expression', [summary.filterExpression])}</dd>}
    </dl>
  );
}
