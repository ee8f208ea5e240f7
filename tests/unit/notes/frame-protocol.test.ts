// What the content script accepts from Backstory's note frame: the four messages it knows, nothing else.
import { describe, expect, test } from 'vitest';
import { parseFromFrame } from '@/lib/notes/frame-protocol';

describe('parseFromFrame', () => {
  test('each message the frame sends, with only its own fields', () => {
    expect(parseFromFrame({ type: 'rendered', seq: 3, width: 320, height: 180.5, extra: 'x' })).toEqual({ type: 'rendered', seq: 3, width: 320, height: 180.5 });
    const tags = ['UN', 'toll'];
    const save = parseFromFrame({ type: 'save', text: 'Check it', tags, keepReference: true });
    expect(save).toEqual({ type: 'save', text: 'Check it', tags: ['UN', 'toll'], keepReference: true });
    expect(save && save.type === 'save' && save.tags).not.toBe(tags); // a copy: the sender keeps no handle on it
    expect(parseFromFrame({ type: 'cancel', text: 'half', tags: 'UN,' })).toEqual({ type: 'cancel', text: 'half', tags: 'UN,' });
    expect(parseFromFrame({ type: 'dirty', dirty: false })).toEqual({ type: 'dirty', dirty: false });
  });

  test('anything else is null', () => {
    for (const bad of [
      null, undefined, 'save', 42, [], {},
      { type: 'unknown' },
      { type: 'rendered', seq: 1.5, width: 1, height: 1 },
      { type: 'rendered', seq: 1, width: -1, height: 1 },
      { type: 'rendered', seq: 1, width: 1, height: 10_001 },
      { type: 'rendered', seq: 1, width: Number.NaN, height: 1 },
      { type: 'save', text: 'x', tags: 'a,b', keepReference: true },
      { type: 'save', text: 'x', tags: ['a', 2], keepReference: true },
      { type: 'save', text: 1, tags: [], keepReference: false },
      { type: 'save', text: 'x', tags: [] },
      { type: 'cancel', text: 'x', tags: [] },
      { type: 'dirty', dirty: 'yes' },
      { type: 'toString' },
    ]) expect(parseFromFrame(bad), JSON.stringify(bad)).toBeNull();
  });
});
