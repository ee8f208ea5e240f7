// Text drawn as a highlight of its category is drawn on the page (lib/highlight/styles.ts): the same tint and
// underline style, so a setting or a found item shows which mark it means without relying on colour alone.
import type { ComponentChildren } from 'preact';
import { CATEGORY_STYLES } from '@/lib/highlight/styles';
import type { MatchCategory } from '@/lib/match/types';

export function CategorySample({ category, children }: { category: MatchCategory; children: ComponentChildren }) {
  const style = CATEGORY_STYLES[category];
  return (
    <span
      class="bs-sample"
      style={{ background: style.tint, textDecoration: `underline ${style.decoration} ${style.line}`, textDecorationThickness: '2px' }}
    >
      {children}
    </span>
  );
}
