import { useEffect, useState } from 'preact/hooks';
import { t } from '../../lib/i18n';
import { sentMessagesUrl } from '../../lib/marketplaces';
import type { Explained, JobView } from '../../lib/protocol';
import { ErrorNote } from '../common/ErrorNote';

/** A 201 means Amazon accepted the message, not that the buyer got it: say so, and where to check. */
export function Accepted({ orderId, marketplaceId }: { orderId: string; marketplaceId: string }) {
  const href = sentMessagesUrl(marketplaceId, orderId);
  return (
    <div class="ok accepted" role="status">
      <p>{t('cmp_sent')}</p>
      {href && (
        <p>
          <a href={href} target="_blank" rel="noopener noreferrer">
            {t('cmp_sentLink', [orderId])}
          </a>
        </p>
      )}
    </div>
  );
}

interface Props {
  orderId: string;
  marketplaceId: string;
  canSend: boolean;
  busy: boolean;
  blockedReason?: string;
  job?: JobView;
  error?: Explained;
  onSend: () => void;
  onResendAfterUnknown: () => void;
}

/**
 * The seconds left of a rate-limit wait, counted down here: the background announces the wait once,
 * when it starts, rather than every second.
 */
function useSecondsLeft(waitMs: number | undefined): number | undefined {
  const [now, setNow] = useState(() => Date.now());
  const [since, setSince] = useState(() => Date.now());
  useEffect(() => {
    setSince(Date.now());
    setNow(Date.now());
    if (waitMs === undefined) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [waitMs]);
  return waitMs === undefined ? undefined : Math.max(0, Math.ceil((waitMs - (now - since)) / 1000));
}

function progress(job: JobView, secondsLeft: number | undefined): string {
  if (job.waiting && secondsLeft !== undefined) return t('cmp_waitingRateLimit', [String(secondsLeft)]);
  if (job.state === 'uploading') return t('cmp_uploading', [String(job.uploaded), String(job.attachments)]);
  return t('cmp_sending');
}

/** The send button and what became of the last send, in plain words. */
export function SendBar(p: Props) {
  const job = p.job;
  const [checked, setChecked] = useState(false);
  const secondsLeft = useSecondsLeft(job?.waiting?.ms);
  return (
    <div class="send">
      <button type="button" class="primary" disabled={!p.canSend || p.busy} aria-describedby="send-status" onClick={p.onSend}>
        {p.busy ? t('cmp_sending') : t('cmp_send')}
      </button>
      <div id="send-status" aria-live="polite">
        {p.blockedReason && !p.busy && <p class="hint send-blocked" data-blocked>{p.blockedReason}</p>}
        {p.busy && <p>{job && job.state !== 'sent' && job.state !== 'failed' ? progress(job, secondsLeft) : t('cmp_sending')}</p>}
        {!p.busy && job?.state === 'sent' && <Accepted orderId={p.orderId} marketplaceId={p.marketplaceId} />}
        {!p.busy && job?.state === 'failed' && job.error && (
          <>
            <p class="error">{t('cmp_notSent')}</p>
            <ErrorNote error={job.error} />
          </>
        )}
        {!p.busy && job?.state === 'unknown' && (
          <div class="warning" role="alert">
            <p>{t('cmp_unknownOutcome')}</p>
            <label class="row" style={{ fontWeight: 'normal' }}>
              <input type="checkbox" checked={checked} onChange={(e) => setChecked(e.currentTarget.checked)} />
              {t('cmp_checkedNotSent')}
            </label>
            <button type="button" disabled={!checked || p.busy} onClick={p.onResendAfterUnknown}>
              {t('cmp_resendAnyway')}
            </button>
          </div>
        )}
        {p.error && <ErrorNote error={p.error} />}
      </div>
    </div>
  );
}
