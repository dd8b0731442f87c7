import { closeSync, fstatSync, openSync, readSync, writeSync } from "node:fs";
import { describe, invalidInput } from "./errors.js";

/**
 * Where the writer's bytes go and where the reader's come from: a file through synchronous
 * calls on a descriptor (so a killed writer leaves every completed write behind), or memory.
 */

export interface ByteSink {
  /** Bytes written so far: the offset of the next write. */
  readonly position: number;
  write(bytes: Uint8Array): void;
  close(): void;
}

export interface ByteSource {
  /** The file name for messages, when there is one. */
  readonly file: string | undefined;
  readonly size: number;
  /** Up to `length` bytes at `offset` (fewer only at the end of the source). */
  read(offset: number, length: number): Uint8Array;
  close(): void;
}

export class FileSink implements ByteSink {
  private fd: number | undefined;
  position = 0;

  constructor(readonly file: string) {
    this.fd = openFile(file, "w");
  }

  write(bytes: Uint8Array): void {
    const fd = this.requireOpen();
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
    this.position += bytes.length;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private requireOpen(): number {
    if (this.fd === undefined) throw new Error(`recording ${this.file} is closed`);
    return this.fd;
  }
}

export class MemorySink implements ByteSink {
  private readonly parts: Buffer[] = [];
  position = 0;

  write(bytes: Uint8Array): void {
    this.parts.push(Buffer.from(bytes));
    this.position += bytes.length;
  }

  close(): void {}

  /** Everything written so far, as one buffer. */
  toBuffer(): Buffer {
    return Buffer.concat(this.parts, this.position);
  }
}

export class FileSource implements ByteSource {
  private fd: number | undefined;
  readonly size: number;

  constructor(readonly file: string) {
    this.fd = openFile(file, "r");
    this.size = fstatSync(this.fd).size;
  }

  read(offset: number, length: number): Uint8Array {
    if (this.fd === undefined) throw new Error(`recording ${this.file} is closed`);
    const want = Math.max(0, Math.min(length, this.size - offset));
    const out = Buffer.allocUnsafe(want);
    let done = 0;
    while (done < want) {
      const got = readSync(this.fd, out, done, want - done, offset + done);
      if (got === 0) break;
      done += got;
    }
    return done === want ? out : out.subarray(0, done);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

export class BufferSource implements ByteSource {
  readonly file = undefined;
  readonly size: number;

  constructor(private readonly bytes: Uint8Array) {
    this.size = bytes.length;
  }

  read(offset: number, length: number): Uint8Array {
    return this.bytes.subarray(offset, Math.min(offset + length, this.size));
  }

  close(): void {}
}

function openFile(file: string, flags: "r" | "w"): number {
  try {
    return openSync(file, flags);
  } catch (cause) {
    throw invalidInput(`cannot open: ${describe(cause)}`, { file }, cause);
  }
}
