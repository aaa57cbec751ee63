// @vitest-environment jsdom
/**
 * The receipt renderer draws every kind of block the interpreter makes, the way the paper shows
 * it: styled, aligned text at the receipt's width, pictures at their dot size, codes redrawn from
 * their data, and cuts and drawer kicks as markers.
 */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReceiptDocument } from '../../shared/document';
import { DOCUMENT_VERSION } from '../../shared/document';
import { ReceiptPaper } from './ReceiptPaper';

afterEach(cleanup);

const doc: ReceiptDocument = {
  version: DOCUMENT_VERSION,
  dialect: 'escpos',
  paper: { widthDots: 576, columns: 48 },
  codePages: [],
  warnings: [],
  blocks: [
    {
      kind: 'image',
      source: 'graphics',
      width: 16,
      height: 2,
      scaleX: 2,
      scaleY: 2,
      align: 'center',
      bitmapBase64: Buffer.from([0xff, 0x00, 0x0f, 0xf0]).toString('base64'),
    },
    {
      kind: 'image',
      source: 'nv-logo',
      width: 0,
      height: 0,
      scaleX: 1,
      scaleY: 1,
      align: 'center',
      bitmapBase64: '',
      note: 'This logo is stored in the printer (NV graphics "A1") and was not sent with this receipt.',
    },
    {
      kind: 'text',
      align: 'center',
      runs: [{ text: 'CAFÉ MILANO', style: { bold: true, width: 2, height: 2 } }],
    },
    {
      kind: 'text',
      align: 'left',
      runs: [
        { text: 'Espresso', style: {} },
        { text: '2.10', style: { underline: 1 }, x: 480 },
      ],
    },
    { kind: 'text', align: 'right', runs: [{ text: 'PAID', style: { inverse: true } }] },
    { kind: 'text', align: 'left', runs: [] },
    { kind: 'feed', dots: 60 },
    {
      kind: 'barcode',
      symbology: 'ean13',
      data: '4006381333931',
      rawBase64: '',
      height: 80,
      moduleWidth: 2,
      hri: 'below',
      align: 'center',
    },
    {
      kind: 'code2d',
      symbology: 'qr',
      data: 'https://example.com/r/A-1043',
      rawBase64: '',
      moduleSize: 4,
      errorCorrection: 'M',
      align: 'center',
    },
    { kind: 'event', event: 'drawer-kick', offset: 120, detail: 'pin 2' },
    { kind: 'event', event: 'partial-cut', offset: 130 },
  ],
};

describe('ReceiptPaper', () => {
  it('is as wide as the receipt: 576 dots are 48 characters of font A', () => {
    render(<ReceiptPaper document={doc} />);
    expect(screen.getByTestId('receipt-paper').style.width).toBe('48ch');
  });

  it('draws text with its styles, sizes, alignment and positions', () => {
    const { container } = render(<ReceiptPaper document={doc} />);
    const title = screen.getByText('CAFÉ MILANO');
    expect(title.className).toContain('bold');
    expect(title.style.transform).toBe('scale(2, 2)');
    expect(title.closest('.paper-line')?.className).toContain('align-center');
    const price = screen.getByText('2.10');
    expect(price.className).toContain('underline');
    expect((price.closest('.paper-at') as HTMLElement).style.left).toBe('40ch');
    expect(screen.getByText('PAID').className).toContain('inverse');
    // A blank line keeps its height on paper.
    expect(container.querySelectorAll('.paper-line')).toHaveLength(4);
    expect(container.querySelector('.paper-feed')?.getAttribute('style')).toContain('height: 5ch');
  });

  it('draws pictures at their dot size and scale, and says where a printer-held logo would be', () => {
    render(<ReceiptPaper document={doc} />);
    const picture = screen.getByRole('img', { name: 'Picture, 16 × 2 dots' }) as HTMLCanvasElement;
    expect([picture.width, picture.height]).toEqual([16, 2]);
    expect(picture.style.width).toBe('2.667ch');
    expect(screen.getByRole('img', { name: 'Logo kept in the printer' }).textContent).toMatch(
      /stored in the printer/,
    );
  });

  it('redraws barcodes and QR codes from their data, with the human-readable line', () => {
    render(<ReceiptPaper document={doc} />);
    const barcode = screen.getByRole('img', { name: 'EAN13 barcode: 4006381333931' });
    expect(barcode.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(screen.getByText('4006381333931').className).toContain('paper-hri');
    const qr = screen.getByRole('img', { name: 'QR code: https://example.com/r/A-1043' });
    expect(decodeURIComponent(qr.getAttribute('src')!)).toContain('<path d="M');
  });

  it('marks cuts and drawer kicks where they happened', () => {
    render(<ReceiptPaper document={doc} />);
    const notes = screen.getAllByRole('note').map((n) => n.textContent);
    expect(notes).toEqual(['Cash drawer opened (pin 2)', '✂ Partial cut']);
  });
});
