import { t, uiLanguage } from '../../lib/i18n';
import { ACCEPT, cleanFileName, formatBytes } from '../../lib/messaging/attachments';
import type { DraftAttachment } from '../../lib/store/drafts';
import type { RefusedFile } from '../../lib/ui/composer-store';

interface Props {
  title: string;
  description?: string;
  maxItems: number;
  attachments: DraftAttachment[];
  refused: RefusedFile[];
  hashing: Record<string, number>;
  onAdd: (files: File[]) => void;
  onRename: (id: string, base: string) => void;
  onRemove: (id: string) => void;
}

function splitExtension(name: string): [string, string] {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
}

export function AttachmentList(p: Props) {
  const full = p.attachments.length >= p.maxItems;
  return (
    <fieldset class="attachments">
      <legend>{p.title}</legend>
      {p.description && <p class="hint">{p.description}</p>}
      <p class="hint">{t('cmp_attachLimit', [String(p.attachments.length), String(p.maxItems)])}</p>
      <ul class="plain">
        {p.attachments.map((a) => {
          const progress = p.hashing[a.id];
          const [base, ext] = splitExtension(a.fileName);
          return (
            <li key={a.id} class="attachment" data-attachment={a.originalName}>
              <label for={`name-${a.id}`}>{t('cmp_attachName', [cleanFileName(a.originalName)])}</label>
              <div class="row file-row">
                <input
                  id={`name-${a.id}`}
                  type="text"
                  dir="auto"
                  value={base}
                  aria-describedby={`sent-as-${a.id}`}
                  onChange={(e) => p.onRename(a.id, e.currentTarget.value)}
                />
                <span class="ext">{ext}</span>
                <span class="hint size">{formatBytes(a.size, uiLanguage())}</span>
                <button type="button" aria-label={t('cmp_attachRemove', [a.fileName])} onClick={() => p.onRemove(a.id)}>
                  {t('cmp_remove')}
                </button>
              </div>
              <p class="hint sent-as" id={`sent-as-${a.id}`} dir="auto" data-sent-as={a.fileName}>
                {t('cmp_attachSentAs', [a.fileName])}
              </p>
              {progress !== undefined && (
                <progress max={1} value={progress} aria-label={t('cmp_hashing', [a.fileName])} />
              )}
            </li>
          );
        })}
        {p.refused.map((r) => (
          <li key={r.id} class="refused-file" data-refused={r.fileName}>
            <div class="row file-row">
              <span class="file-name" dir="auto">{r.fileName}</span>
              <button type="button" aria-label={t('cmp_attachRemove', [r.fileName])} onClick={() => p.onRemove(r.id)}>
                {t('cmp_remove')}
              </button>
            </div>
            <p class="error" role="alert">{t(r.problem.key, r.problem.substitutions)}</p>
          </li>
        ))}
      </ul>
      <label for="attach-files" class={full ? 'visually-hidden' : undefined}>
        {t('cmp_attachAdd')}
      </label>
      <input
        id="attach-files"
        type="file"
        multiple
        accept={ACCEPT}
        disabled={full}
        onChange={(e) => {
          const files = Array.from(e.currentTarget.files ?? []);
          e.currentTarget.value = '';
          if (files.length > 0) p.onAdd(files);
        }}
      />
    </fieldset>
  );
}
