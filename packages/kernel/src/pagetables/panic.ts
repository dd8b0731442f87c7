/**
 * A faithful kernel assertion failure (__NK_ASSERT_ALWAYS, or a debug assertion the model keeps)
 * found deep inside a kernel path. Reducers catch it at the op boundary and answer
 * `{ ok: false, code: "PANIC" }`, which halts the machine; it never escapes a reducer.
 */
export class KernelPanic extends Error {
  override readonly name = "KernelPanic";
}
