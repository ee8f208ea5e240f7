// The card shown for a highlight: what the reference knows about an entity or a figure and where it comes
// from. Pure layout over a CardModel (lib/highlight/card-model.ts); mounted in a shadow root by CardLayer.
import type { CardModel, EntityCard, FigureCard, FigureFact, SourceLine } from '@/lib/highlight/card-model';
import { formatQualified } from '@/lib/highlight/card-model';
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

function FigureBody({ card }: { card: FigureCard }) {
  const ref = card.reference;
  return (
    <>
      <p class={`verdict ${card.verdict}`}>{card.verdict === 'matches' ? '✓ Matches the reference' : '≠ Differs from the reference'}</p>
      <dl>
        <dt>This page</dt>
        <dd data-field="page">{card.page ? `${formatQualified(card.page.value, card.page.qualifier)} ${card.page.unit}` : `“${card.pageText}”`}</dd>
        <dt>Reference</dt>
        <dd data-field="reference">
          {formatQualified(ref.value, ref.qualifier)} {ref.unit}
        </dd>
        <dt>Counts</dt>
        <dd>{ref.counts}</dd>
        {ref.place ? (
          <>
            <dt>Where</dt>
            <dd>{ref.place}</dd>
          </>
        ) : null}
        {ref.period ? (
          <>
            <dt>When</dt>
            <dd>{ref.period}</dd>
          </>
        ) : null}
        {ref.attribution ? (
          <>
            <dt>According to</dt>
            <dd data-field="attribution">{ref.attribution}</dd>
          </>
        ) : null}
      </dl>
      {card.about.length ? (
        <p>
          <span class="k">About:</span> {card.about.join(', ')}
        </p>
      ) : null}
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
