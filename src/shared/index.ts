// Pure TypeScript shared by the service, the preload bridge and the renderer: the document
// model, the DeskApi contract, settings and results. Imports nothing of ours.
export * from './api';
export * from './document';
export * from './result';
export * from './business-day';
export * from './auto-export';
export * from './settings';
export * from './call-args';
export * from './contract';
export * from './contract-http';
export * from './text-preview';
export * from './zod-inner';
export * from './sales';
export * from './reports';
export * from './sales-profile';
export * from './range-reports';
export * from './relay-wire';
export * from './relay';
export * from './redaction-rules';
