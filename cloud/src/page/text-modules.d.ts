// The page's files are bundled as text (the rules in wrangler.toml; test/bundle.ts does the same).
declare module '*.html' {
  const text: string;
  export default text;
}
declare module '*.css' {
  const text: string;
  export default text;
}
