/**
 * Kernel panics inside the model. A seed function that would call panic() (or fail an ASSERT in a
 * debug build) throws KernelPanic; the op's reducer catches it and answers `err("PANIC", message)`,
 * so the engine only ever sees an outcome and halts the machine, as the kernel would stop.
 */
export class KernelPanic extends Error {
  override readonly name = "KernelPanic";
}

/**
 * A thread that sleeps for ever on a mutex nobody will release (or spins on one with interrupts
 * disabled). The op answers `err("DEADLOCK", message)`: the machine runs on, that call never returns.
 */
export class KernelHang extends Error {
  override readonly name = "KernelHang";
}

/** panic(): the message as the seed prints it, without the trailing newline. */
export function panic(message: string): never {
  throw new KernelPanic(message);
}

/** ASSERT(expr) of a debug kernel (generic/include/debug.h): "assertion failed (expr)". */
export function kassert(condition: boolean, expr: string): asserts condition {
  if (!condition) panic(`assertion failed (${expr})`);
}
