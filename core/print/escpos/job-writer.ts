// Accumulates one receipt job in a command set's bytes. Tracks the selected code page so
// a text line only carries a code-page switch where its characters need one.
import { encodeRuns, type CodePageId } from './code-pages';
import type { Align, CommandSet } from './command-set';
import type { Bitmap } from './raster';

export class EscposJobWriter {
  private readonly out: number[] = [];
  private page: CodePageId = 'PC858';

  constructor(private readonly cs: CommandSet) {
    this.out.push(...cs.init(), ...cs.codePage(this.page));
  }

  align(a: Align): this {
    this.out.push(...this.cs.align(a));
    return this;
  }

  style(s: { bold?: boolean; width?: 1 | 2; height?: 1 | 2; invert?: boolean }): this {
    this.out.push(...this.cs.bold(s.bold ?? false), ...this.cs.size(s.width ?? 1, s.height ?? 1));
    this.out.push(...this.cs.invert(s.invert ?? false));
    return this;
  }

  /** One printed line; `text` must already fit the line width. */
  line(text: string): this {
    for (const run of encodeRuns(text, this.page)) {
      if (run.codePage !== this.page) {
        this.page = run.codePage;
        this.out.push(...this.cs.codePage(this.page));
      }
      for (const b of run.bytes) this.out.push(b);
    }
    this.out.push(0x0a);
    return this;
  }

  feed(lines: number): this {
    this.out.push(...this.cs.feed(lines));
    return this;
  }

  qrNative(data: string, moduleDots: number): this {
    this.out.push(...this.cs.qr(data, Math.min(moduleDots, this.cs.maxQrModuleDots)));
    return this;
  }

  image(bitmap: Bitmap): this {
    for (const b of this.cs.raster(bitmap.bytesPerRow, bitmap.height, bitmap.rows)) this.out.push(b);
    return this;
  }

  cut(): this {
    this.out.push(...this.cs.cut());
    return this;
  }

  bytes(): Uint8Array {
    return Uint8Array.from(this.out);
  }
}
