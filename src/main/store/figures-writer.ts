/**
 * Writes a receipt's sales figures (headline row, items, payments, taxes) in the writer's
 * transaction, replacing what an earlier reading stored. Runs in the writer thread only.
 */
import type Database from 'better-sqlite3';
import type { ReceiptFigures } from '../../shared';

export class FiguresWriter {
  private readonly clear: Database.Statement[];
  private readonly insertFigures: Database.Statement;
  private readonly insertItem: Database.Statement;
  private readonly insertPayment: Database.Statement;
  private readonly insertTax: Database.Statement;
  private readonly markStale: Database.Statement;

  constructor(db: Database.Database) {
    this.clear = ['receipt_items', 'receipt_payments', 'receipt_taxes', 'receipt_figures'].map(
      (table) => db.prepare(`DELETE FROM ${table} WHERE receipt_id = ?`),
    );
    this.insertFigures = db.prepare(
      `INSERT INTO receipt_figures (receipt_id, extractor_version, kind, currency, total, subtotal,
         tax, tax_added, tip, service, discounts, change_given, order_no, table_no, covers, server,
         confidence, problems, figures)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // Version 0: older than any extractor, so the catch-up reads them again.
    this.markStale = db.prepare(
      `UPDATE receipt_figures SET extractor_version = 0 WHERE receipt_id IN
         (SELECT id FROM receipts WHERE station = ? AND received_at >= ? AND received_at < ?)`,
    );
    this.insertItem = db.prepare(
      'INSERT INTO receipt_items (receipt_id, position, name, quantity, amount) VALUES (?, ?, ?, ?, ?)',
    );
    this.insertPayment = db.prepare(
      `INSERT INTO receipt_payments (receipt_id, position, method, label, brand, amount)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.insertTax = db.prepare(
      `INSERT INTO receipt_taxes (receipt_id, position, label, rate, base, amount, included)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  /** Marks a station's figures received in [from, to) to be read again; returns how many. */
  reread(station: string, from: number, to: number): number {
    return this.markStale.run(station, from, to).changes;
  }

  /** Stores `figures` for receipt `id` (null: the receipt has none, e.g. it failed to read). */
  save(id: number, figures: ReceiptFigures | null, version: number): void {
    for (const s of this.clear) s.run(id);
    if (!figures) return;
    const f = figures;
    const tax = f.taxes.reduce((n, t) => n + t.amount, 0);
    const added = f.taxes.filter((t) => !t.included).reduce((n, t) => n + t.amount, 0);
    this.insertFigures.run(
      id,
      version,
      f.kind,
      f.currency,
      f.total,
      f.subtotal,
      tax,
      added,
      f.tip,
      f.serviceCharge,
      f.discounts,
      f.change,
      f.header.order,
      f.header.table,
      f.header.covers,
      f.header.server,
      f.confidence,
      f.problems.length,
      JSON.stringify(f),
    );
    f.items.forEach((i, k) => this.insertItem.run(id, k, i.name, i.quantity, i.amount));
    f.payments.forEach((p, k) =>
      this.insertPayment.run(id, k, p.method, p.label, p.brand, p.amount),
    );
    f.taxes.forEach((t, k) =>
      this.insertTax.run(id, k, t.label, t.rate, t.base, t.amount, t.included ? 1 : 0),
    );
  }
}
