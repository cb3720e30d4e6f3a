import JSZip from 'jszip';
import { AppError } from '@app/common';
import { COLUMNS } from './household-columns';

/** Data rows one import may hold (one per household member). */
export const MAX_ROWS = 5000;

/**
 * Limits on what one import workbook may make the server do. A zip declares its sizes but may lie,
 * so each entry is inflated as a stream and the actual bytes and XML elements are counted as they
 * come; the first limit crossed stops the inflation and refuses the workbook, before exceljs (which
 * holds the whole workbook as objects, several hundred bytes per cell) sees any of it.
 *
 * Measured on a full import (5000 members' rows × 17 columns, written by exceljs): 3.2 MB of XML
 * in 10 entries, 5001 rows, 85,017 cells, 205,400 elements.
 */
export const WORKBOOK_LIMITS = {
  /** Six times a full import's XML; a 5 MB upload of repeated rows inflates to gigabytes. */
  inflatedBytes: 20 * 1024 * 1024,
  /** A workbook of a few sheets has 10–30 parts; the zip's directory itself is read before this counts. */
  entries: 200,
  /** Twice the import's own row limit: a sheet just over it still gets the precise message, notes fit. */
  rows: 2 * MAX_ROWS,
  /** The row budget across the template's columns, with room for a few extra columns per row. */
  cells: 2 * MAX_ROWS * (COLUMNS.length + 3),
  /** Every element costs exceljs an object (cells, values, shared strings, styles): four per cell. */
  elements: 4 * 2 * MAX_ROWS * (COLUMNS.length + 3),
  /**
   * Excel's last row. exceljs keeps a sheet's rows in an array indexed by row number, and every
   * pass over it walks up to the largest: one row numbered 999,999,999 made the import take 87 s.
   */
  rowNumber: 1_048_576,
} as const;

export type WorkbookLimit = keyof typeof WORKBOOK_LIMITS;

const TOO_LARGE: Record<WorkbookLimit, string> = {
  inflatedBytes: `解压后超过${WORKBOOK_LIMITS.inflatedBytes / 1024 / 1024} MB`,
  entries: `包含的部件超过${WORKBOOK_LIMITS.entries}个`,
  rows: `行数超过${WORKBOOK_LIMITS.rows}行`,
  cells: `单元格超过${WORKBOOK_LIMITS.cells}个`,
  elements: `内容元素超过${WORKBOOK_LIMITS.elements}个`,
  rowNumber: `行号超过${WORKBOOK_LIMITS.rowNumber}`,
};

export class WorkbookTooLarge extends AppError {
  constructor(readonly limit: WorkbookLimit) {
    super(413, 'WORKBOOK_TOO_LARGE', `工作簿过大（${TOO_LARGE[limit]}），请拆分后分批导入`, [
      { field: 'file', message: TOO_LARGE[limit] },
    ]);
  }
}

/** The start of an element (`<row`, `<x:c`), never a closing tag, declaration or comment. */
const ELEMENT = /<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/g;

/** Counts XML elements in text that arrives in pieces; a tag cut at a piece's end is finished by the next. */
class ElementTally {
  rows = 0;
  cells = 0;
  elements = 0;
  private carry = '';

  feed(piece: string): void {
    const text = this.carry + piece;
    // A '<' near the end may be the start of a name not yet complete: keep it for the next piece.
    const lt = text.lastIndexOf('<');
    const cut = lt >= 0 && text.length - lt < 64 && !/[\s/>]/.test(text.slice(lt + 1)) ? lt : text.length;
    for (const m of text.slice(0, cut).matchAll(ELEMENT)) {
      this.elements++;
      if (m[2] === 'row') this.rows++;
      else if (m[2] === 'c') this.cells++;
    }
    this.carry = text.slice(cut);
  }

  end(): void {
    this.feed('\n');
  }
}

/**
 * Refuses a workbook over any of WORKBOOK_LIMITS with a 413, counting while inflating. Bytes that
 * are not a zip at all pass: reading them as a workbook reports that, with the usual message.
 */
export async function assertWorkbookWithinLimits(bytes: Buffer): Promise<void> {
  let zip: JSZip;
  try {
    // Reads only the central directory and the local headers; nothing is inflated yet.
    zip = await JSZip.loadAsync(bytes, { createFolders: false });
  } catch {
    return;
  }
  const entries = Object.values(zip.files);
  if (entries.length > WORKBOOK_LIMITS.entries) throw new WorkbookTooLarge('entries');
  const tally = new ElementTally();
  let inflated = 0;
  for (const entry of entries) {
    if (entry.dir) continue;
    await new Promise<void>((resolve, reject) => {
      const stream = entry.nodeStream('nodebuffer');
      const stop = (error: Error) => {
        stream.removeAllListeners('data');
        (stream as NodeJS.ReadableStream & { destroy(): void }).destroy();
        reject(error);
      };
      stream.on('data', (chunk: Buffer) => {
        inflated += chunk.length;
        if (inflated > WORKBOOK_LIMITS.inflatedBytes) return stop(new WorkbookTooLarge('inflatedBytes'));
        tally.feed(chunk.toString('latin1'));
        const over = overLimit(tally);
        if (over) stop(new WorkbookTooLarge(over));
      });
      stream.on('end', () => {
        tally.end();
        resolve();
      });
      // A damaged entry: left to the workbook reader, which reports an invalid workbook.
      stream.on('error', () => resolve());
    });
  }
  const over = overLimit(tally);
  if (over) throw new WorkbookTooLarge(over);
}

function overLimit(tally: ElementTally): WorkbookLimit | undefined {
  if (tally.rows > WORKBOOK_LIMITS.rows) return 'rows';
  if (tally.cells > WORKBOOK_LIMITS.cells) return 'cells';
  if (tally.elements > WORKBOOK_LIMITS.elements) return 'elements';
  return undefined;
}

/** Refuses a sheet whose last row number is past Excel's; read in constant time after loading. */
export function assertRowNumbersWithinLimits(lastRowNumber: number): void {
  if (lastRowNumber > WORKBOOK_LIMITS.rowNumber) throw new WorkbookTooLarge('rowNumber');
}
