// The part of qrcode the page uses (QRCode.create). Its published types reference Node's, which
// would let Buffer and process into page code unnoticed; the renderer's typecheck
// (tsconfig.renderer.json) reads this instead. The Node-side typecheck reads @types/qrcode.
declare module 'qrcode' {
  export interface QRCodeCreateOptions {
    errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H';
  }
  export interface QRCode {
    modules: { size: number; get(row: number, column: number): number | boolean };
  }
  export function create(text: string, options?: QRCodeCreateOptions): QRCode;
  const api: { create: typeof create };
  export default api;
}
