// The card shown for a highlight: what the reference knows about an entity or a figure and where it comes
// from. Pure layout over a CardModel (lib/highlight/card-model.ts); mounted in a shadow root by CardLayer.
import type { CardModel, EntityCard, FigureCard, FigureFact, SourceLine } from '@/lib/highlight/card-model';
import { formatQualified, VERDICT_TEXT } from '@/lib/highlight/card-model';
import { CATEGORY_STYLES } from '@/lib/highlight/styles';

function Sources({ sources }: { sources: SourceLine[] }) {
  if (!sources.length) return null;
  return (
    <section class="sources" aria-label="Sources">
      <h3>Source{sources.length > 1 ? 's' : ''}</h3>
      <ul>
        {sources.map((s) => (
          <li key={s.id}>
            <cite>{s.title}</cite>
            {s.publisher || s.date ? <span class="meta"> — {[s.publisher, s.date].filter(Boolean).join(', ')}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function FactLine({ fact }: { fact: FigureFact }) {
  const details = [fact.place && `in ${fact.place}`, fact.period, fact.attribution && `per ${fact.attribution}`].filter(Boolean);
  return (
    <li>
      {fact.label}
      {details.length ? <span class="meta"> ({details.join('; ')})</span> : null}
    </li>
  );
}

function EntityBody({ card }: { card: EntityCard }) {
  return (
    <>
      {card.aliases.length ? (
        <p class="aliases">
          <span class="k">Also:</span> {card.aliases.join(' · ')}
        </p>
      ) : null}
      {card.description ? <p>{card.description}</p> : null}
      {card.figures.length ? (
        <section aria-label="Reference figures">
          <h3>Reference figures</h3>
          <ul>
            {card.figures.map((f) => (
              <FactLine key={f.id} fact={f} />
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

const VERDICT_MARK: Record<FigureCard['verdict'], string> = { matches: '✓', differs: '≠', earlier: '↤', later: '↦' };

/** One row of the page-against-reference table; left out when neither side has anything to say. */
function Row({ label, page, reference, field }: { label: string; page?: string; reference?: string; field: string }) {
  if (!page && !reference) return null;
  return (
    <tr>
      <th scope="row">{label}</th>
      <td data-field={`page-${field}`}>{page ?? '—'}</td>
      <td data-field={`reference-${field}`}>{reference ?? '—'}</td>
    </tr>
  );
}

function FigureBody({ card }: { card: FigureCard }) {
  const ref = card.reference;
  const page = card.page;
  return (
    <>
      <p class={`verdict ${card.verdict}`}>
        <span aria-hidden="true">{VERDICT_MARK[card.verdict]} </span>
        {VERDICT_TEXT[card.verdict]}
      </p>
      <table class="compare">
        <thead>
          <tr>
            <td />
            <th scope="col">This page</th>
            <th scope="col">Reference</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Figure</th>
            <td data-field="page">{page ? `${formatQualified(page.value, page.qualifier)} ${page.unit}`.trim() : `“${card.pageText}”`}</td>
            <td data-field="reference">{`${formatQualified(ref.value, ref.qualifier)} ${ref.unit}`.trim()}</td>
          </tr>
          <Row label="According to" page={page?.attribution} reference={ref.attribution} field="attribution" />
          <Row label="Date" page={page?.asOf} reference={ref.asOf} field="date" />
          <Row label="Period" page={page?.period} reference={ref.period} field="period" />
          <Row label="Where" page={page?.place} reference={ref.place} field="place" />
          <Row label="Event" reference={ref.event} field="event" />
        </tbody>
      </table>
      <p>
        <span class="k">Counts:</span> {ref.counts}
        {card.about.length ? (
          <>
            {' · '}
            <span class="k">About:</span> {card.about.join(', ')}
          </>
        ) : null}
      </p>
    </>
  );
}

export interface CardProps {
  model: CardModel;
  /** The element ids the dialog is labelled by must be unique inside the shadow root only. */
  onClose: () => void;
}

export function Card({ model, onClose }: CardProps) {
  const category = model.kind === 'entity' ? model.type : model.verdict === 'differs' ? 'figure-differs' : 'figure';
  const style = CATEGORY_STYLES[category];
  const title = model.kind === 'entity' ? model.name : model.reference.label;
  return (
    <div class={`card ${category}`} role="dialog" aria-modal="false" aria-labelledby="backstory-card-title" data-category={category} data-reference-id={model.id}>
      <header>
        <span class={`chip ${style.decoration}`} style={{ borderBottomColor: style.line, background: style.tint }}>
          {model.kind === 'entity' ? model.typeLabel : 'Figure'}
        </span>
        <h2 id="backstory-card-title">{title}</h2>
        <button type="button" class="close" aria-label="Close (Esc)" onClick={onClose}>
          ×
        </button>
      </header>
      {model.kind === 'entity' ? <EntityBody card={model} /> : <FigureBody card={model} />}
      <Sources sources={model.sources} />
      <footer>Backstory · Alt+Shift+J / K next / previous highlight · Esc close</footer>
    </div>
  );
}
