// The card shown for a highlight: what the reference knows about an entity or a figure and where it comes
// from. Pure layout over a CardModel (lib/highlight/card-model.ts); mounted in a shadow root by CardLayer.
import type { CardModel, EntityCard, FigureCard, FigureFact, SourceLine, SourcePassage } from '@/lib/highlight/card-model';
import { formatQualified, VERDICT_TEXT } from '@/lib/highlight/card-model';
import { CATEGORY_STYLES } from '@/lib/highlight/styles';
import { useEffect, useRef } from 'preact/hooks';

function Sources({ sources, set, onOpenSource }: { sources: SourceLine[]; set?: string; onOpenSource?: (passage: SourcePassage) => void }) {
  if (!sources.length && !set) return null;
  return (
    <div class="sources">
      <h3>Source{sources.length > 1 ? 's' : ''}</h3>
      {set ? <p class="set" data-field="set">From the reference set <strong>{set}</strong></p> : null}
      <ul>
        {sources.map((s) => (
          <li key={s.id}>
            <cite>{s.title}</cite>
            {s.publisher || s.date ? <span class="meta"> — {[s.publisher, s.date].filter(Boolean).join(', ')}</span> : null}
            {s.open && onOpenSource ? (
              <>
                {' '}
                <button type="button" class="open" onClick={() => onOpenSource(s.open!)}>
                  Open in your library<span class="sr-only"> “{s.title}”, at the passage</span>
                </button>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
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
        <div class="figures">
          <h3>Reference figures</h3>
          <ul>
            {card.figures.map((f) => (
              <FactLine key={f.id} fact={f} />
            ))}
          </ul>
        </div>
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
  onClose: () => void;
  /** The card's Add note: a note on this highlight, linked to its item. */
  onAddNote?: () => void;
  /** Opened from the keyboard: the card takes the focus, and Tab stays inside it until it closes. */
  keyboard?: boolean;
  /** Opens a reader's document in the library at a passage (a card of a reader's set). */
  onOpenSource?: (passage: SourcePassage) => void;
}

const FOCUSABLE = 'button, [href], [tabindex]:not([tabindex="-1"])';

/** Tab and Shift+Tab go round the card's controls, never out of it onto the page behind. */
function keepTabInside(event: KeyboardEvent) {
  if (event.key !== 'Tab') return;
  const dialog = event.currentTarget as HTMLElement;
  const controls = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)];
  if (!controls.length) return;
  const active = (dialog.getRootNode() as ShadowRoot | Document).activeElement;
  const at = controls.indexOf(active as HTMLElement);
  const next = event.shiftKey ? (at <= 0 ? controls.length - 1 : at - 1) : at === controls.length - 1 ? 0 : at + 1;
  event.preventDefault();
  controls[next]!.focus();
}

export function Card({ model, onClose, onAddNote, keyboard = false, onOpenSource }: CardProps) {
  const category = model.kind === 'entity' ? model.type : model.verdict === 'differs' ? 'figure-differs' : 'figure';
  const style = CATEGORY_STYLES[category];
  const title = model.kind === 'entity' ? model.name : model.reference.label;
  const dialog = useRef<HTMLDivElement>(null);
  const key = `${model.kind}:${model.id}:${model.pageText}`;
  useEffect(() => {
    if (keyboard) dialog.current?.focus();
  }, [keyboard, key]);
  // Ids are unique inside the card's own shadow root, which holds one card.
  return (
    <div
      ref={dialog}
      class={`card ${category}`}
      role="dialog"
      aria-modal={keyboard ? 'true' : 'false'}
      aria-labelledby="backstory-card-title"
      aria-describedby="backstory-card-body"
      tabIndex={-1}
      data-category={category}
      data-reference-id={model.id}
      onKeyDown={keepTabInside}
    >
      <div class="head">
        <span class={`chip ${style.decoration}`} style={{ borderBottomColor: style.line, background: style.tint }}>
          {model.kind === 'entity' ? model.typeLabel : 'Figure'}
        </span>
        <h2 id="backstory-card-title">{title}</h2>
        <button type="button" class="close" aria-label="Close (Esc)" onClick={onClose}>
          ×
        </button>
      </div>
      <div id="backstory-card-body">
        {model.kind === 'entity' ? <EntityBody card={model} /> : <FigureBody card={model} />}
        <Sources sources={model.sources} {...(model.set ? { set: model.set } : {})} {...(onOpenSource ? { onOpenSource } : {})} />
      </div>
      <div class="foot">
        {onAddNote ? (
          <button type="button" class="add-note" onClick={(e) => e.isTrusted && onAddNote()}>
            Add note
          </button>
        ) : null}
        <p class="keys">
          <span>Alt+Shift+J / K: next / previous highlight</span> <span>Esc: close</span>
        </p>
      </div>
    </div>
  );
}
