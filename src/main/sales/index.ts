// Sales figures from a receipt's plain text (kind, items, totals, taxes, payments) with the
// receipt's own arithmetic as the judge. Pure: runs in the pool after interpretation, and again
// over stored text when the extractor or a station's profile changes.
export {
  EXTRACTOR_VERSION,
  type ExtractInput,
  extractFigures,
  MAX_FIGURES_TEXT,
  tooLong,
} from './extract';
export type { SalesProfile } from './profile';
export { extractorProfile, learnedPhrase, reconciles, teach } from './teach';
