/**
 * The kernel's answer codes, as the seeds spell them (Symbian e32err.h names; EVENTS.md lists
 * which op answers which). Outcomes carry these strings; never rename one.
 */
export const KErrNoMemory = "KErrNoMemory";
export const KErrArgument = "KErrArgument";
export const KErrNotSupported = "KErrNotSupported";
export const KErrOverflow = "KErrOverflow";
