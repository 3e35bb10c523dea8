import { t, uiLanguage } from '../../lib/i18n';
import { ACCEPT, formatBytes } from '../../lib/messaging/attachments';
import type { DraftAttachment } from '../../lib/store/drafts';
import type { Explained } from '../../lib/protocol';
import { ErrorNote } from '../common/ErrorNote';

interface Props {
  title: string;
  description?: string;
  maxItems: number;
  attachments: DraftAttachment[];
  hashing: Record<string, number>;
  problems: Explained[];
  onAdd: (files: File[]) => void;
  onRename: (id: string, base: string) => void;
  onRemove: (id: string) => void;
}

function baseName(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
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
          const ext = a.fileName.slice(baseName(a.fileName).length);
          return (
            <li key={a.id} class="attachment" data-attachment={a.originalName}>
              <label for={`name-${a.id}`}>{t('cmp_attachName', [a.originalName])}</label>
              <div class="row">
                <input
                  id={`name-${a.id}`}
                  type="text"
                  value={baseName(a.fileName)}
                  onChange={(e) => p.onRename(a.id, e.currentTarget.value)}
                  style={{ flex: 1, width: 'auto' }}
                />
                <span>{ext}</span>
                <span class="hint">{formatBytes(a.size, uiLanguage())}</span>
                <button type="button" aria-label={t('cmp_attachRemove', [a.fileName])} onClick={() => p.onRemove(a.id)}>
                  {t('cmp_remove')}
                </button>
              </div>
              {progress !== undefined && (
                <progress max={1} value={progress} aria-label={t('cmp_hashing', [a.fileName])} />
              )}
            </li>
          );
        })}
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
      {p.problems.map((problem, i) => (
        <ErrorNote key={i} error={problem} />
      ))}
    </fieldset>
  );
}
