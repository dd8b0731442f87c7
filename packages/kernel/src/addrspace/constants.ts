/**
 * The machine `addrspace` models: HelenOS's generic address-space code (seed 003, as.c at git
 * 47800e023f, 2006-05-25) on a 32-bit ARM layout taken from HelenOS's own arm32 port. Addresses are
 * 32-bit and wrap as the C does (`__address` is a 32-bit unsigned long on arm32).
 */

/** kernel/arch/arm32/include/arch/mm/frame.h FRAME_WIDTH 12, page.h PAGE_WIDTH = FRAME_WIDTH. */
export const PAGE_WIDTH = 12;
export const PAGE_SIZE = 1 << PAGE_WIDTH;

/** Addresses are `__address` = 32 bits on arm32. */
export const ADDRESS_LIMIT = 2 ** 32;

/**
 * kernel/arch/arm32/include/arch/mm/as.h: the kernel is not shadowed (one PTL0 for both halves),
 * so as.c check_area_conflicts rejects user areas overlapping [START, END).
 */
export const KERNEL_ADDRESS_SPACE_SHADOWED = false;
export const KERNEL_ADDRESS_SPACE_START = 0x80000000;
export const KERNEL_ADDRESS_SPACE_END = 0xffffffff;
export const USER_ADDRESS_SPACE_START = 0x00000000;
export const USER_ADDRESS_SPACE_END = 0x7fffffff;

/**
 * generic/include/mm/asid.h (2006): ASID_KERNEL 0, ASID_INVALID 1, ASID_START 2,
 * ASIDS_ALLOCABLE = (ASID_MAX + 1) - ASID_START. kernel/arch/arm32/include/arch/mm/asid.h sets
 * ASID_MAX_ARCH 3 ("minimal required number"); arm32 itself has no hardware ASIDs and stubs
 * asid_get(), so the model runs the generic genarch/src/mm/asid.c with asid_fifo.c over that bound:
 * two allocable ASIDs, so stealing from inactive address spaces is part of ordinary runs.
 */
export const ASID_KERNEL = 0;
export const ASID_INVALID = 1;
export const ASID_START = 2;
export const ASID_MAX = 3;
export const ASIDS_ALLOCABLE = ASID_MAX + 1 - ASID_START;

/**
 * CPUs an `as.switch` may name. asid.c "depends on the fact that ASIDS_ALLOCABLE is greater than
 * number of supported CPUs"; with more CPUs running distinct address spaces than ASIDs, asid_get's
 * ASSERT on the inactive list fires, and the model panics as a debug kernel would.
 */
export const MAX_CPUS = 4;

/**
 * Physical RAM starts at 0x80000000 as on HelenOS's arm32 BeagleBoard-xM
 * (kernel/arch/arm32/src/mach/beagleboardxm/beagleboardxm.c BBXM_MEMORY_START). Page tables and
 * share pagemaps hold absolute physical frame numbers (address >> 12), so a RAM frame is never
 * the frame address 0 that anon_page_fault's "small workaround" can leave behind.
 */
export const PHYS_BASE_FRAME = 0x80000000 / PAGE_SIZE;

/** generic/include/mm/as.h (2006) area flags and attributes. */
export const AS_AREA_READ = 1;
export const AS_AREA_WRITE = 2;
export const AS_AREA_EXEC = 4;
export const AS_AREA_DEVICE = 8;
export const AS_AREA_ATTR_NONE = 0;
export const AS_AREA_ATTR_PARTIAL = 1;

/** generic/include/mm/as.h (2006) FLAG_AS_KERNEL: as_create gives the address space ASID_KERNEL. */
export const FLAG_AS_KERNEL = 1;

/** Largest address-space id an event may name (ids are the scenario's own names, like task ids). */
export const MAX_AS_ID = 2 ** 24 - 1;
