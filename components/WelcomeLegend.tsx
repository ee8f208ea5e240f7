// The first-run page's legend: each kind of highlight drawn with the very colours and underline styles the content
// script paints (lib/highlight/styles.ts), and said in words, so the key never relies on colour alone.
import { CATEGORY_STYLES, type CategoryStyle } from '@/lib/highlight/styles';
import type { MatchCategory } from '@/lib/match/types';

export interface WelcomeLegendProps {
  /** Text to draw each highlight on: a name or figure from the bundled reference where there is one. */
  samples: Partial<Record<MatchCategory, string>>;
}

const MEANING: Record<MatchCategory, string> = {
  person: 'A person the reference knows.',
  place: 'A place the reference knows.',
  organization: 'An organisation the reference knows.',
  figure: 'A figure that counts the same thing as one in the reference, and agrees with it.',
  'figure-differs':
    'A figure that counts the same thing as one in the reference but gives another number. Its card shows the reference’s figure and where it comes from.',
};

const UNDERLINE: Record<CategoryStyle['decoration'], string> = {
  solid: 'solid underline',
  dotted: 'dotted underline',
  dashed: 'dashed underline',
  double: 'double underline',
  wavy: 'wavy underline',
};

export function WelcomeLegend({ samples }: WelcomeLegendProps) {
  const categories = Object.keys(CATEGORY_STYLES) as MatchCategory[];
  return (
    <dl class="bs-legend">
      {categories.map((category) => {
        const style = CATEGORY_STYLES[category];
        return (
          <div class="bs-legend-row" key={category} data-category={category}>
            <dt>
              <span
                class="bs-legend-sample"
                style={{
                  backgroundColor: style.tint,
                  textDecorationLine: 'underline',
                  textDecorationStyle: style.decoration,
                  textDecorationColor: style.line,
                  textDecorationThickness: '2px',
                }}
              >
                {samples[category] ?? style.label}
              </span>
            </dt>
            <dd>
              <strong>{style.label}</strong>, {UNDERLINE[style.decoration]}. {MEANING[category]}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
