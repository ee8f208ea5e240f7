// What the bundled reference covers: its source documents and their dates, and how much it knows. Built from the
// dataset at build time (lib/reference/summary.ts), so it always describes the reference the extension ships.
import { formatReferenceDate, type ReferenceSummary } from '@/lib/reference/summary';

export interface WelcomeReferenceProps {
  summary: ReferenceSummary;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function WelcomeReference({ summary }: WelcomeReferenceProps) {
  const { counts, documents } = summary;
  return (
    <div class="bs-reference-summary">
      <p>
        Backstory’s reference is built from {plural(documents.length, 'news document', 'news documents')}. It knows{' '}
        {plural(counts.person, 'person', 'people')}, {plural(counts.place, 'place', 'places')},{' '}
        {plural(counts.organization, 'organisation', 'organisations')} and {plural(counts.figure, 'figure', 'figures')}, and
        highlights them only in articles about the same subject.
      </p>
      <ul class="bs-documents">
        {documents.map((d, i) => (
          <li key={i}>
            <cite>{d.title}</cite>
            {d.publisher || d.date ? (
              <span class="bs-muted">
                {' — '}
                {[d.publisher, d.date ? formatReferenceDate(d.date) : undefined].filter(Boolean).join(', ')}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      <p class="bs-muted">
        It keeps the facts these documents state, in its own words, and never their text. What Backstory says about a
        name or a figure is only as current as these documents.
      </p>
    </div>
  );
}
