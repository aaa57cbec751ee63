// dashboard.js is the page's script, bundled into the Worker as text (wrangler.toml's rules).
declare const text: string;
export default text;
