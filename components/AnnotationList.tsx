// Every annotation matching the filters, grouped by page (newest activity first), a page at a time so
// 10,000 notes open fast. Text renders as text (JSX escapes it): a note containing HTML shows as written.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { groupByPage, titleFor } from '@/lib/notes/group';
import { siteOf, webHref } from '@/lib/url';
import type { Annotation } from '@/lib/notes/types';

const STEP = 100;
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function formatDate(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : dateFormat.format(t);
}

export function AnnotationList({ annotations }: { annotations: readonly Annotation[] }) {
  const [limit, setLimit] = useState(STEP);
  useEffect(() => setLimit(STEP), [annotations]);
  const groups = useMemo(() => groupByPage(annotations.slice(0, limit)), [annotations, limit]);

  if (annotations.length === 0) return null;
  return (
    <div class="bs-annotations">
      {groups.map((group) => {
        // Only web pages become links: a stored URL is data, and a `javascript:` one must never be clickable.
        const href = webHref(group.url);
        const title = titleFor(group);
        return (
          <section class="bs-page" key={group.url} aria-label={title}>
            <h3 class="bs-page-title">
              {href ? <a href={href} target="_blank" rel="noopener noreferrer">{title}</a> : title}
              <span class="bs-site"> · {siteOf(group.url) || 'no site'}</span>
            </h3>
            <ul class="bs-annotation-list">
              {group.annotations.map((a) => (
                <li class="bs-annotation" key={a.id} data-annotation-id={a.id}>
                  {a.target ? <blockquote class="bs-quote">{a.target.quote.exact}</blockquote> : null}
                  {a.text ? <p class="bs-note-text">{a.text}</p> : null}
                  <div class="bs-note-meta">
                    {a.tags.length > 0 ? (
                      <ul class="bs-tags" aria-label="Tags">
                        {a.tags.map((t, i) => <li class="bs-tag" key={`${i}:${t}`}>{t}</li>)}
                      </ul>
                    ) : <span />}
                    <span class="bs-muted">{a.reference ? `${a.reference.label} · ` : ''}<time dateTime={a.modified}>{formatDate(a.modified)}</time></span>
                  </div>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      {annotations.length > limit ? (
        <button type="button" class="bs-more" onClick={() => setLimit(limit + STEP)}>
          Show {Math.min(STEP, annotations.length - limit)} more ({annotations.length - limit} not shown)
        </button>
      ) : null}
    </div>
  );
}
