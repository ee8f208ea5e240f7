// On-page UI layers (components/ShadowLayer.tsx) and the note tooltip built on one: a plain <div> host created
// only when needed, Preact inside a shadow root, no markup from data, no UI (rather than an error) where the
// document refuses a shadow root, and note text only ever inside Backstory's own frame (FrameLayer.tsx).
import { afterEach, expect, test } from 'vitest';
import { isLayerHost, LAYER_ATTRIBUTE } from '@/components/ShadowLayer';
import { mountPreactLayer } from '@/components/preact-layer';
import { render } from 'preact';
import { mountNoteTooltipLayer, type NoteTooltipLayer } from '@/components/NoteTooltipLayer';
import { NoteTooltip } from '@/components/NoteTooltip';
import { mountFrameLayer, type FramePort, type FrameSource } from '@/components/FrameLayer';

const rect = new DOMRect(10, 300, 90, 20);
const tipHost = () => document.querySelector(`[${LAYER_ATTRIBUTE}="note-tip"]`);

/** The token in the frame's address: read through the closed root the way only Backstory's own code could. */
function tokenOf(_tip: NoteTooltipLayer): string {
  const src = frameSources.at(-1);
  if (!src) throw new Error('no frame was created');
  return new URL(src).hash.slice(1);
}

// Frames are created through document.createElement; the test records their addresses as they are set.
const frameSources: string[] = [];
const srcSetter = Object.getOwnPropertyDescriptor(HTMLIFrameElement.prototype, 'src')!.set!;
Object.defineProperty(HTMLIFrameElement.prototype, 'src', {
  configurable: true,
  get() {
    return this.getAttribute('src') ?? '';
  },
  set(value: string) {
    frameSources.push(value);
    srcSetter.call(this, value);
  },
});

afterEach(() => {
  document.body.replaceChildren();
  for (const el of Array.from(document.querySelectorAll(`[${LAYER_ATTRIBUTE}]`))) el.remove();
});

/** A stand-in for the extension's frames: the ports a frame would open to the content script. */
function fakeFrames() {
  const listeners: ((port: FramePort) => void)[] = [];
  const source: FrameSource = {
    url: 'chrome-extension://dynamic-id/note-frame.html',
    extensionId: 'our-id',
    onConnect(listener) {
      listeners.push(listener);
      return () => listeners.splice(listeners.indexOf(listener), 1);
    },
  };
  /** Opens a port as a frame would; returns what it received and a way to answer. */
  function connect(name: string, senderId = 'our-id') {
    const received: unknown[] = [];
    const onMessage: ((m: unknown) => void)[] = [];
    let disconnected = false;
    const onDisconnect: (() => void)[] = [];
    const port: FramePort = {
      name,
      sender: { id: senderId },
      postMessage: (m) => received.push(m),
      onMessage: { addListener: (l) => onMessage.push(l) },
      onDisconnect: { addListener: (l) => onDisconnect.push(l) },
      disconnect: () => {
        disconnected = true;
      },
    };
    for (const l of listeners) l(port);
    return {
      received,
      answer: (m: unknown) => onMessage.forEach((l) => l(m)),
      /** The port closes from the other end (the background through which it ran was stopped). */
      drop: () => onDisconnect.forEach((l) => l()),
      get disconnected() { return disconnected; },
    };
  }
  return { source, connect, listening: () => listeners.length };
}

test('the tooltip shows note text and tags as text, never as markup; several notes are listed, an empty one says so', () => {
  const root = document.createElement('div');
  document.body.append(root);
  render(<NoteTooltip notes={[{ text: '<img src=x onerror="window.__pwned=1"><b>bold</b>', tags: ['<i>t</i>'] }, { text: ' ', tags: ['x'] }]} />, root);
  expect(root.querySelector('img, b, i')).toBeNull();
  expect(root.textContent).toContain('<img src=x onerror="window.__pwned=1"><b>bold</b>');
  expect(root.textContent).toContain('#<i>t</i>');
  expect(root.textContent).toContain('2 notes');
  expect(root.textContent).toContain('(highlight without a note)');
  expect(root.querySelector('[role=tooltip]')).not.toBeNull();
  render(null, root);
});

test('the note tooltip is Backstory\'s own frame in a closed root: no note text in the page, only its own frame\'s port is answered', () => {
  const frames = fakeFrames();
  let card: DOMRect | null = null;
  const tip = mountNoteTooltipLayer(document, { source: frames.source, obstacles: () => [card, null] });
  expect(tipHost()).toBeNull();
  tip.show([{ text: 'My private note', tags: ['secret'] }], rect);
  const host = tipHost()!;
  expect(host.tagName).toBe('DIV');
  expect(isLayerHost(host)).toBe(true);
  expect(host.shadowRoot).toBeNull(); // closed: the page cannot reach the frame element either
  expect(document.documentElement.outerHTML).not.toContain('My private note');
  expect(tip.visible).toBe(true);
  expect(tip.rect()).toBeNull(); // not on screen until the frame has drawn it

  // Ports that are not the frame opened here get nothing: another name, another extension.
  const stranger = frames.connect('backstory-frame:0123456789abcdef0123456789abcdef');
  const otherExtension = frames.connect('backstory-frame:whatever', 'someone-else');
  expect(stranger.received).toEqual([]);
  expect(otherExtension.received).toEqual([]);

  // The frame's token is only in its address, inside the closed root; the layer hands it to the frame itself.
  const token = tokenOf(tip);
  const frame = frames.connect(`backstory-frame:${token}`);
  expect(frame.received).toEqual([{ type: 'tooltip', seq: 1, notes: [{ text: 'My private note', tags: ['secret'] }], maxWidth: expect.any(Number), maxHeight: expect.any(Number) }]);
  // A second port with the same token is not the frame we opened.
  const copy = frames.connect(`backstory-frame:${token}`);
  expect(copy.disconnected).toBe(true);

  frame.answer({ type: 'rendered', seq: 1, width: 200, height: 40 });
  expect(tip.rect()).toMatchObject({ width: 200, height: 40 });
  expect(tip.rect()!.top).toBeGreaterThanOrEqual(rect.bottom); // below its note

  // The card opens where the tooltip is: the tooltip moves above the note rather than cover it.
  card = new DOMRect(rect.left, rect.bottom, 360, 300);
  tip.reposition();
  expect(tip.rect()!.bottom).toBeLessThanOrEqual(rect.top);
  // No room on either side: the tooltip waits for the card to close rather than cover it.
  card = new DOMRect(0, 0, 1000, 1000);
  tip.reposition();
  expect(tip.rect()).toBeNull();
  card = null;
  tip.reposition();
  expect(tip.rect()).not.toBeNull();

  // A stale answer (for an earlier tooltip) is not shown for the next one.
  tip.show([{ text: 'another', tags: [] }], rect);
  frame.answer({ type: 'rendered', seq: 1, width: 300, height: 90 });
  expect(tip.rect()).toBeNull();
  frame.answer({ type: 'rendered', seq: 2, width: 120, height: 30 });
  expect(tip.rect()).toMatchObject({ width: 120, height: 30 });

  tip.hide();
  expect(tip.visible).toBe(false);
  expect(tip.rect()).toBeNull();
  expect(frame.received.at(-1)).toEqual({ type: 'clear' });
  tip.destroy();
  expect(tipHost()).toBeNull();
  expect(frames.listening()).toBe(0);
});

test('a page that defines custom elements of every name Backstory might use cannot take over a layer', () => {
  const taken: string[] = [];
  for (const name of ['backstory-card', 'backstory-note-tip', 'backstory-layer']) {
    customElements.define(name, class extends HTMLElement {
      constructor() {
        super();
        taken.push(name);
      }
    });
  }
  const layer = mountPreactLayer(document, { name: 'probe', css: '', mode: 'closed' });
  expect(layer.render(<p>hello</p>)).not.toBeNull();
  expect(taken).toEqual([]);
  expect(document.querySelector(`[${LAYER_ATTRIBUTE}="probe"]`)!.tagName).toBe('DIV');
  layer.destroy();
});

test('a document that refuses a shadow root gets no layer, and no error', () => {
  const xml = document.implementation.createDocument('http://www.w3.org/2000/svg', 'svg', null);
  const layer = mountPreactLayer(xml, { name: 'card', css: '', mode: 'open' });
  expect(layer.render(<p>hello</p>)).toBeNull();
  expect(layer.attached).toBe(false);
  layer.remove();
  layer.destroy();
  expect(xml.documentElement.childNodes).toHaveLength(0);
});

test('a frame whose port closes: one holding the reader\'s words is taken back under its token, any other is loaded afresh', async () => {
  const frames = fakeFrames();
  let holding = true;
  const layer = mountFrameLayer(document, { name: 'composer', title: 'Backstory: new note', interactive: true, css: '', source: frames.source, holdsWords: () => holding });
  layer.send({ type: 'compose', seq: 1, draft: { quote: 'words' }, width: 300 });
  const token = new URL(frameSources.at(-1)!).hash.slice(1);
  const first = frames.connect(`backstory-frame:${token}`);
  expect(first.received).toHaveLength(1);
  const loaded = frameSources.length;
  first.drop();
  layer.send({ type: 'failed', message: 'while away' });
  // The same frame comes back on a new port and gets what waited.
  const again = frames.connect(`backstory-frame:${token}`);
  expect(again.received).toEqual([{ type: 'failed', message: 'while away' }]);
  expect(frameSources).toHaveLength(loaded); // no new frame was loaded

  holding = false;
  again.drop();
  const before = frameSources.length;
  layer.send({ type: 'clear' });
  expect(frameSources.length).toBe(before + 1); // a new frame, under a new token
  expect(new URL(frameSources.at(-1)!).hash.slice(1)).not.toBe(token);
  // The old token is not answered any more.
  expect(frames.connect(`backstory-frame:${token}`).received).toEqual([]);
  layer.destroy();
});
