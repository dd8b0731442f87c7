/** The one lock state the model keeps: an address-space mutex that can never be taken again. */
import { KernelHang } from "./panic.js";
import type { AddressSpace } from "./state.js";

/** mutex_lock(&as->lock) (or mutex_lock_active): hangs when the mutex is lost for good. */
export function lockSpace(as: AddressSpace, where: string): void {
  if (as.hung !== "")
    throw new KernelHang(`${where}: address space ${as.id}'s mutex is never released (${as.hung})`);
}

/** A thread now sleeps for ever holding as->lock. */
export function hangSpace(as: AddressSpace, why: string): never {
  as.hung = why;
  throw new KernelHang(`address space ${as.id}: ${why}`);
}
