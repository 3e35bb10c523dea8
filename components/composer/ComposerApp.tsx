import { t, tl } from '../../lib/i18n';
import type { ComposerStore } from '../../lib/ui/composer-store';
import { ErrorNote } from '../common/ErrorNote';
import { AmazonSandboxHelp } from './AmazonSandboxHelp';
import { AttachmentList } from './AttachmentList';
import { DateFields } from './DateFields';
import { MessageText } from './MessageText';
import { MessageTypeList } from './MessageTypeList';
import { Accepted, SendBar } from './SendBar';
import { SendHistory } from './SendHistory';
import { ReviewRequest } from './ReviewRequest';
import type { ReviewStore } from '../../lib/ui/review-store';
import { BuyerLanguage } from './BuyerLanguage';
import { isComplianceKey } from '../../lib/messaging/compliance';
import { isRightToLeft } from '../../lib/messaging/direction';

export function ComposerApp({ store: s, review, embedded, onOpenSettings }: {
  store: ComposerStore;
  review?: ReviewStore;
  embedded: boolean;
  onOpenSettings: () => void;
}) {
  const form = s.form.value;
  const type = s.selected.value;
  const draft = s.draft.value;
  const problems = s.problems.value;
  // Compliance findings are listed under the text by themselves; each problem is said once.
  const problemFor = (field: string) => {
    const p = problems.find((x) => x.field === field && !isComplianceKey(x.key));
    return p && t(p.key, p.substitutions);
  };
  const blocked = s.blockedReason.value;
  return (
    <main class="composer" aria-labelledby="composer-title">
      <h1 id="composer-title" class={embedded ? 'visually-hidden' : undefined}>
        {t('panel_title', [s.orderId])}
      </h1>
      {s.buyerLocale.value && <BuyerLanguage locale={s.buyerLocale.value} />}
      {s.loadError.value && (
        <>
          <ErrorNote error={s.loadError.value} />
          <div class="row">
            <button type="button" onClick={() => void s.load(true)}>{t('app_retry')}</button>
            <button type="button" onClick={onOpenSettings}>{t('app_openSettings')}</button>
          </div>
        </>
      )}
      {!s.types.value && !s.loadError.value && <p aria-live="polite">{t('app_loading')}</p>}
      {s.types.value && <MessageTypeList types={s.types.value} selected={draft.segment} onSelect={(seg) => void s.selectType(seg)} />}
      {type && form && (
        <section aria-labelledby="compose-title" class="compose">
          <h2 id="compose-title">{type.title}</h2>
          {type.description && <p class="hint">{type.description}</p>}
          <AmazonSandboxHelp orderId={s.orderId} text={draft.text} hasTextField={Boolean(form.text)} hasAttachments={Boolean(form.attachments)} onFillText={(text) => void s.setText(text)} />
          {form.text && (
            <MessageText
              value={draft.text}
              title={tl(form.text.title)}
              description={form.text.description && tl(form.text.description)}
              maxLength={form.text.maxLength}
              problem={s.attempted.value || draft.text ? problemFor('text') : undefined}
              compliance={s.compliance.value}
              linksConfirmed={draft.linksConfirmed}
              rightToLeft={isRightToLeft(s.buyerLocale.value)}
              onInput={(text) => void s.setText(text)}
              onConfirmLinks={(c) => void s.confirmLinks(c)}
            />
          )}
          {form.dates && form.dates.length > 0 && (
            <DateFields
              fields={form.dates.map((d) => ({ ...d, title: tl(d.title), problem: problemFor(d.field) }))}
              values={draft.dates}
              coverage={s.coverage.value}
              onChange={(f, v) => void s.setDate(f, v)}
            />
          )}
          {form.attachments && (
            <AttachmentList
              title={tl(form.attachments.title)}
              description={form.attachments.description && tl(form.attachments.description)}
              maxItems={form.attachments.maxItems}
              attachments={draft.attachments}
              refused={s.refused.value}
              hashing={s.hashing.value}
              onAdd={(files) => void s.addFiles(files)}
              onRename={(id, base) => void s.renameAttachment(id, base)}
              onRemove={(id) => void s.removeAttachment(id)}
            />
          )}
          <SendBar
            orderId={s.orderId}
            marketplaceId={s.marketplaceId}
            canSend={s.canSend.value}
            busy={s.busy.value}
            blockedReason={blocked ? t(blocked.key, blocked.substitutions) : undefined}
            job={s.job.value}
            error={s.sendError.value}
            onSend={() => void s.send()}
            onResendAfterUnknown={() => void s.send(true)}
          />
        </section>
      )}
      {!type && s.job.value?.state === 'sent' && <Accepted orderId={s.orderId} marketplaceId={s.marketplaceId} />}
      {!type && s.job.value?.state === 'failed' && s.job.value.error && (
        <div class="outcome" role="status">
          <p class="error">{t('cmp_notSent')}</p>
          <ErrorNote error={s.job.value.error} />
        </div>
      )}
      {review && <ReviewRequest store={review} />}
      <SendHistory entries={s.history.value} />
    </main>
  );
}
