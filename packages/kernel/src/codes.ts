/**
 * The kernel's answer codes, as the seeds spell them (Symbian e32err.h names; EVENTS.md lists
 * which op answers which). Outcomes carry these strings; never rename one.
 */
export const KErrNoMemory = "KErrNoMemory";
export const KErrArgument = "KErrArgument";
export const KErrNotSupported = "KErrNotSupported";
export const KErrOverflow = "KErrOverflow";
export const KErrNotFound = "KErrNotFound";
export const KErrInUse = "KErrInUse";
/** mptalloc.cpp StealPage's success answer: the page was not stolen but freed into the live list. */
export const KErrCompletion = "KErrCompletion";
/** NetBSD errno names (uvm_km.c's 0 answers are ENOMEM; pmap ids and map names are the model's). */
export const ENOMEM = "ENOMEM";
export const EINVAL = "EINVAL";
export const EEXIST = "EEXIST";
export const ENOENT = "ENOENT";
/** HelenOS errno.h and as.h answers (seed 003, as.c). */
export const ENOTSUP = "ENOTSUP";
export const EPERM = "EPERM";
export const EADDRNOTAVAIL = "EADDRNOTAVAIL";
export const AS_PF_FAULT = "AS_PF_FAULT";
export const AS_PF_DEFER = "AS_PF_DEFER";
/** A call that never returns: its thread sleeps for ever on a mutex nobody will release. */
export const DEADLOCK = "DEADLOCK";
