/**
 * The one visual language of the app: Mantine's components with our type and colours. Green
 * means working, yellow needs a look, red is failing; the receipt itself stays paper-white in
 * both themes, as paper is.
 */
import { type MantineColorsTuple, createTheme } from '@mantine/core';

/**
 * Mantine's own green is too light for white text (2.4:1 on a filled button) and for green text
 * on its pale tint: this one is darker around the app's ok colour (#1a7f37, 5.1:1 with white).
 */
const green: MantineColorsTuple = [
  '#e6f6ea',
  '#ccebd4',
  '#9fd8ae',
  '#6fc486',
  '#46b165',
  '#2a9d4d',
  '#1a7f37',
  '#156b2e',
  '#115826',
  '#0c441d',
];

export const theme = createTheme({
  primaryColor: 'green',
  colors: { green },
  // Mantine's transitions (drawer, menus) are skipped for people who ask for less motion.
  respectReducedMotion: true,
  defaultRadius: 'sm',
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  fontFamilyMonospace:
    "ui-monospace, 'SF Mono', Menlo, Consolas, 'DejaVu Sans Mono', 'Liberation Mono', monospace",
  headings: { fontWeight: '600' },
});
