// The first-run page (entrypoints/welcome), opened when Backstory is installed and linked from the popup: what
// Backstory does, what its highlights mean, what its reference covers, how to keep notes, the keys, and what
// happens to the reader's data.
import type { ReferenceSummary } from '@/lib/reference/summary';
import { WelcomeLegend } from './WelcomeLegend';
import { WelcomeReference } from './WelcomeReference';
import { WelcomeShortcuts, type Shortcut } from './WelcomeShortcuts';

export interface WelcomeProps {
  summary: ReferenceSummary;
  shortcuts: Shortcut[];
  shortcutsHint: string;
  /** The icon's URL (assets/icon.svg, bundled by the build). */
  iconUrl: string;
  /** The notes page (options.html). */
  notesUrl: string;
}

export function Welcome({ summary, shortcuts, shortcutsHint, iconUrl, notesUrl }: WelcomeProps) {
  const { examples } = summary;
  return (
    <main class="bs-welcome">
      <header class="bs-welcome-header">
        <img src={iconUrl} alt="" width={56} height={56} />
        <div>
          <h1>Welcome to Backstory</h1>
          <p class="bs-lead">
            Backstory reads the news with you. On an article it highlights the people, places, organisations and figures
            its reference knows, and a card on each says what the reference knows and which document said it.
          </p>
        </div>
      </header>

      <section aria-labelledby="bs-how">
        <h2 id="bs-how">How it works</h2>
        <ol class="bs-steps">
          <li>Open a news article. Backstory finds the article itself and leaves menus, sidebars and comments alone.</li>
          <li>
            Names and figures the reference knows are highlighted. Hover one, or move to it with the keyboard, to open its
            card.
          </li>
          <li>
            The toolbar button shows how many highlights the page has. Its menu lists them, turns Backstory off for a site
            or turns a kind of highlight off, and holds your notes.
          </li>
        </ol>
      </section>

      <section aria-labelledby="bs-legend">
        <h2 id="bs-legend">What the highlights mean</h2>
        <p>Each kind has its own colour and its own underline, so you can tell them apart without colour.</p>
        <WelcomeLegend
          samples={{
            person: examples.person[0],
            place: examples.place[0],
            organization: examples.organization[0],
            figure: examples.figure[0],
            // No reference figure can stand for a differing one: that is the page's number, not the reference's.
            'figure-differs': 'a differing figure',
          }}
        />
        <p class="bs-muted">
          The highlight you moved to with the keyboard gets a stronger yellow and a thick dark underline. Backstory never
          changes the page’s text or elements: highlights are painted over it by the browser.
        </p>
      </section>

      <section aria-labelledby="bs-reference">
        <h2 id="bs-reference">What the reference covers</h2>
        <WelcomeReference summary={summary} />
      </section>

      <section aria-labelledby="bs-notes">
        <h2 id="bs-notes">Keeping notes</h2>
        <ul>
          <li>
            Select text in an article, then press the <em>Add a note</em> keys below, or right-click and choose{' '}
            <em>Add note to selection</em>. Write your note and save.
          </li>
          <li>For a note on the whole page, open Backstory from the toolbar and write it there.</li>
          <li>
            A note on a highlighted name or figure is linked to what the reference knows about it. Your notes appear on
            the page again when you come back to it.
          </li>
          <li>
            <a href={notesUrl}>Your notes</a> lists every note across pages, finds them, and exports them as Web
            Annotation JSON-LD, Markdown or CSV.
          </li>
        </ul>
      </section>

      <section aria-labelledby="bs-keys">
        <h2 id="bs-keys">Keyboard shortcuts</h2>
        <WelcomeShortcuts shortcuts={shortcuts} changeHint={shortcutsHint} />
      </section>

      <section aria-labelledby="bs-privacy">
        <h2 id="bs-privacy">Your privacy</h2>
        <ul>
          <li>Backstory makes no network requests and loads no remote code. The reference is part of the extension.</li>
          <li>
            Your notes stay in this browser, in Backstory’s own storage, and leave it only when you export them. Nothing
            is collected or sent anywhere.
          </li>
          <li>
            It reads the article on the page you open, inside the page, to highlight it. It keeps nothing of the page
            unless you save a note, which keeps the page’s address and title and the text you selected.
          </li>
        </ul>
      </section>

      <footer class="bs-welcome-footer">
        <a class="bs-button" href={notesUrl}>
          Open your notes
        </a>
        <span class="bs-muted">You can come back to this page from the link in Backstory’s toolbar menu.</span>
      </footer>
    </main>
  );
}
