/**
 * The one visual language of the app: Mantine's components with our type and colours. Green
 * means working, yellow needs a look, red is failing; the receipt itself stays paper-white in
 * both themes, as paper is.
 */
import { createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'green',
  defaultRadius: 'sm',
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  fontFamilyMonospace:
    "ui-monospace, 'SF Mono', Menlo, Consolas, 'DejaVu Sans Mono', 'Liberation Mono', monospace",
  headings: { fontWeight: '600' },
});
