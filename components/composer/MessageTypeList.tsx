import { t, tp } from '../../lib/i18n';
import type { MessageTypeView } from '../../lib/protocol';

/** The message types Amazon offers for this order; ones the extension cannot send say why. */
export function MessageTypeList(props: { types: MessageTypeView[]; selected?: string; onSelect: (segment: string) => void }) {
  const supported = props.types.filter((type) => type.supported);
  const unsupported = props.types.filter((type) => !type.supported);
  return (
    <section aria-labelledby="types-title">
      <h2 id="types-title">{t('cmp_typesTitle')}</h2>
      {supported.length === 0 && <p class="warning">{t('cmp_noTypes')}</p>}
      <div role="radiogroup" aria-labelledby="types-title" class="types">
        {supported.map((type) => (
          <label key={type.segment} class="type" data-segment={type.segment}>
            <input
              type="radio"
              name="messageType"
              value={type.segment}
              checked={props.selected === type.segment}
              onChange={() => props.onSelect(type.segment)}
            />
            <span>
              {type.title}
              {type.amazonTitle && (
                <small class="amazon-title" lang="en">
                  {type.amazonTitle}
                </small>
              )}
            </span>
          </label>
        ))}
      </div>
      {unsupported.length > 0 && (
        <details class="unsupported">
          <summary>{tp('cmp_unsupportedTitle', unsupported.length)}</summary>
          <ul>
            {unsupported.map((type) => (
              <li key={type.segment} data-segment={type.segment}>
                <strong>{type.title}</strong>: {type.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
