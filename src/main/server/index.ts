// The HTTP API + Server-Sent Events used by the browser UI and by tests, and the static files
// of the browser UI itself. Typed by the same DeskApi contract as the Electron IPC handlers.
export { HttpServer } from './http-server';
export type { HttpServerOptions } from './http-server';
export type { StreamSource } from './event-stream';
export { startWebPage, type WebPageBackend } from './web-page';
export type { ExportBackend } from './export-file';
