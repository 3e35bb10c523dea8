import { useEffect, useState } from 'preact/hooks';
import { SAMPLE_MESSAGE_TEXT, SAMPLE_ORDER_ID, isAmazonSandbox } from '../../lib/amazon-sandbox';
import { ask } from '../../lib/ask';
import { t } from '../../lib/i18n';

/**
 * Shown only when connected to Amazon's sandbox, which accepts a message only for its sample order and
 * with its sample text ("My Message"), and has no upload samples at all. Without this a seller trying
 * the sandbox gets "invalid input" for every real message and cannot tell why.
 */
export function AmazonSandboxHelp(props: { orderId: string; text: string; hasTextField: boolean; hasAttachments: boolean; onFillText: (text: string) => void }) {
  const [sandbox, setSandbox] = useState(false);
  useEffect(() => {
    void ask('connection.get', {})
      .then((summary) => setSandbox(isAmazonSandbox(summary.endpoint)))
      .catch(() => setSandbox(false));
  }, []);
  if (!sandbox) return null;
  return (
    <div class="warning" data-testid="amazon-sandbox-help">
      <p>{t('sbx_composer_intro', [SAMPLE_ORDER_ID, SAMPLE_MESSAGE_TEXT])}</p>
      {props.orderId !== SAMPLE_ORDER_ID && <p>{t('sbx_composer_other_order', [props.orderId])}</p>}
      {props.hasAttachments && <p>{t('sbx_attachments')}</p>}
      {props.hasTextField && props.text !== SAMPLE_MESSAGE_TEXT && (
        <button type="button" onClick={() => props.onFillText(SAMPLE_MESSAGE_TEXT)}>
          {t('sbx_fill_text', [SAMPLE_MESSAGE_TEXT])}
        </button>
      )}
    </div>
  );
}
