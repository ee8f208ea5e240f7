// The summary of the bundled reference, computed by the build (scripts/reference-summary.ts).
declare module 'virtual:reference-summary' {
  import type { ReferenceSummary } from '@/lib/reference/summary';
  const summary: ReferenceSummary;
  export default summary;
}
