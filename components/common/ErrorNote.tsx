import { t } from '../../lib/i18n';
import type { Explained } from '../../lib/protocol';

/** An explained error: our specific message first, then Amazon's own words and request id when known. */
export function ErrorNote({ error, id }: { error: Explained; id?: string }) {
  return (
    <div class="error" role="alert" id={id}>
      <p>{t(error.key, error.substitutions)}</p>
      {error.detail && (
        <p class="detail">
          {error.code ? `${error.code}: ` : ''}
          {error.detail}
        </p>
      )}
      {error.requestId && <p class="detail">{t('app_requestId', [error.requestId])}</p>}
    </div>
  );
}
